"""Throughput benchmark: abstracts/second, stage by stage, single process.

    python bench/throughput.py [--repeat K] [--rounds R] [--batch-size N] [--profile] [PATH ...]

On one corpus (default: ``corpus/dev/text/*.txt`` plus the Reumatismo seed page,
repeated ``--repeat`` times for stable numbers) it times, each with ``nlp.pipe``:

1. ``spacy.blank("en")``'s default tokenizer alone: the floor;
2. scispaCy's tokenizer; 3. + sentencizer;
4. + each of our components in turn (``pipelines.COMPONENTS`` order, cumulative);
5. the full extraction: the pipeline + ``doc_to_record`` + validation (``extract_abstracts``);
6. the export: the records through all four exporters (into a temporary folder).

The last line is ``ratio full/tokenize: X.XX``: the full extraction's time
divided by the blank tokenizer's time on the same texts, i.e. how many times
slower a full extraction is than bare tokenization (the issue's target: ≤ 3).
``--profile`` runs pyinstrument over the full extraction and prints its hot spots.
Speed is measured here, never asserted in a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    return (f"machine: {os.cpu_count()} cores, {model}; Python {platform.python_version()} "
            f"({platform.python_implementation()}), {platform.system()} {platform.release()}")


def load_abstracts(paths: list[str], repeat: int) -> list:
    """Read the corpus once with the project's readers, then repeat it ``repeat`` times."""
    from dataclasses import replace

    from extractor.readers import iter_input_files, read_path
    from extractor.run import default_sources

    sources = [Path(p) for p in paths] if paths else default_sources(ROOT)
    base = [read_path(p) for p in iter_input_files(sources)]
    return [replace(a, id=f"{a.id}~{k}") if k else a for k in range(repeat) for a in base]


def timed(fn: Callable[[], object], rounds: int = 1) -> float:
    """The best of ``rounds`` timings: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(max(rounds, 1)):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def consume(it: Iterable[object]) -> int:
    n = 0
    for _ in it:
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="corpus files/folders (default: dev texts + seed page)")
    parser.add_argument("--repeat", "-k", type=int, default=10, help="repeat the corpus K times (default: 10)")
    parser.add_argument("--rounds", type=int, default=3, help="time each stage this many times, keep the best")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--profile", action="store_true", help="profile the full extraction with pyinstrument")
    parser.add_argument("--top", type=int, default=25, help="hot spots to print with --profile (default: 25)")
    args = parser.parse_args(argv)

    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    import pipelines.components  # registers the factories (also found through spaCy entry points)
    from extractor.export import open_exporters
    from extractor.extract import extract_abstracts

    abstracts = load_abstracts(args.paths, args.repeat)
    texts = [a.text for a in abstracts]
    n = len(texts)
    chars = sum(map(len, texts))
    print(machine())
    print(f"corpus: {n} abstracts ({n // max(args.repeat, 1)} distinct × {args.repeat}), "
          f"{chars / n:.0f} characters on average; batch size {args.batch_size}; single process; "
          f"best of {args.rounds} rounds")

    rows: list[tuple[str, float]] = []

    def stage(label: str, nlp: spacy.language.Language) -> float:
        consume(nlp.pipe(texts[:8], batch_size=args.batch_size))  # warm up (lazy initialisation)
        seconds = timed(lambda: consume(nlp.pipe(texts, batch_size=args.batch_size)), args.rounds)
        rows.append((label, seconds))
        return seconds

    blank = spacy.blank("en")
    floor = stage('spacy.blank("en") tokenizer (floor)', blank)
    nlp = spacy.blank("en")
    nlp.tokenizer = combined_rule_tokenizer(nlp)
    stage("scispaCy tokenizer", nlp)
    nlp.add_pipe("sentencizer")
    stage("+ sentencizer", nlp)
    for name in pipelines.COMPONENTS:
        nlp.add_pipe(name)
        stage(f"+ {name}", nlp)

    full_nlp = pipelines.build_pipeline()
    consume(extract_abstracts(abstracts[:8], nlp=full_nlp, batch_size=args.batch_size))
    records: list = []

    def full() -> None:
        records.clear()
        for result in extract_abstracts(abstracts, nlp=full_nlp, batch_size=args.batch_size):
            records.append(result)

    full_seconds = timed(full, args.rounds)
    rows.append(("full extraction (pipeline + to_record + validation)", full_seconds))
    ok = [r for r in records if not isinstance(r, Exception)]
    with tempfile.TemporaryDirectory() as tmp:
        def export() -> None:
            with open_exporters(tmp) as out:
                for r in ok:
                    out.write(r)

        rows.append((f"export, all four files ({len(ok)} records)", timed(export, args.rounds)))

    width = max(len(label) for label, _ in rows)
    print(f"{'stage':<{width}}  {'abstracts/s':>12}  {'ms/abstract':>11}  {'+ms':>7}  {'× floor':>8}")
    previous = 0.0
    for k, (label, seconds) in enumerate(rows):
        ms = 1000 * seconds / n
        # the cost a pipeline stage adds over the one before it (cumulative stages only)
        added = f"{ms - previous:+7.2f}" if 0 < k <= len(pipelines.COMPONENTS) + 2 else ""
        print(f"{label:<{width}}  {n / seconds:>12.1f}  {ms:>11.2f}  {added:>7}  {seconds / floor:>8.2f}")
        previous = ms
    if len(ok) != n:
        print(f"note: {n - len(ok)} abstracts failed extraction")

    if args.profile:
        from pyinstrument import Profiler
        from pyinstrument.renderers import ConsoleRenderer

        profiler = Profiler(interval=0.0005)
        profiler.start()
        full()
        profiler.stop()
        session = profiler.last_session
        print(f"\nprofile of the full extraction: top {args.top} functions by own time")
        flat = ConsoleRenderer(flat=True, time="percent_of_total", unicode=True, color=False).render(session)
        print("\n".join(line for line in flat.splitlines()[: args.top + 8]))
        print("call tree (short):")
        tree = ConsoleRenderer(unicode=True, color=False, short_mode=True).render(session)
        print("\n".join(tree.splitlines()[:60]))

    print(f"ratio full/tokenize: {full_seconds / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
