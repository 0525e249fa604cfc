"""Per-component cost table and cProfile hot spots of the full pipeline, single process.

    python bench/profile_components.py [--top N] [--no-profile] PATH_OR_LIST ...

Each argument is an input file, a folder, or ``@FILE`` naming one input path a line
(the real development texts: ``awk -F'\\t' '$3=="dev"{print "../shared/pool/text/"$1}'
corpus/real/split.tsv > dev.txt`` then ``@dev.txt``). It prints milliseconds per abstract
for the tokenizer, each pipe (called one by one on each doc) and ``doc_to_record``, then a
cProfile table of the full extraction (``extract_abstracts``) by own time and by cumulative
time. ``bench/throughput.py`` gives the headline ratio; this says where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)


def _paths(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        if a.startswith("@"):
            out += [Path(line.strip()) for line in Path(a[1:]).read_text().splitlines() if line.strip()]
        else:
            out.append(Path(a))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args(argv)

    from extractor.extract import _make_doc, extract_abstracts, get_pipeline
    from extractor.readers import iter_input_files, read_path
    from pipelines.to_record import doc_to_record

    abstracts = [read_path(p) for p in iter_input_files(_paths(args.paths))]
    nlp = get_pipeline()
    for _ in extract_abstracts(abstracts[:5], nlp=nlp):  # warm up (lazy initialisation)
        pass
    n = len(abstracts)
    cost = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names, "doc_to_record"]}
    for a in abstracts:
        t = time.perf_counter()
        doc = _make_doc(nlp, a)
        cost["tokenizer"] += time.perf_counter() - t
        for name, pipe in nlp.pipeline:
            t = time.perf_counter()
            doc = pipe(doc)
            cost[name] += time.perf_counter() - t
        t = time.perf_counter()
        doc_to_record(doc, a)
        cost["doc_to_record"] += time.perf_counter() - t
    print(f"{n} abstracts; ms per abstract")
    for name, seconds in cost.items():
        print(f"  {name:<24} {1000 * seconds / n:7.2f}")
    print(f"  {'total':<24} {1000 * sum(cost.values()) / n:7.2f}")
    if not args.no_profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in extract_abstracts(abstracts, nlp=nlp):
            pass
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
