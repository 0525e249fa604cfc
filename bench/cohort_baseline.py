"""Cohort size (population n): a 40-line regular-expression baseline next to the pipeline.

    python bench/cohort_baseline.py TEXT_DIR GOLD_DIR [--pipeline RECORDS.jsonl]

For every gold record (``GOLD_DIR/<stem>.json``) with its text (``TEXT_DIR/<stem>.txt``) it reads n twice:
with the baseline below (the first "N <patient noun>" within a few words of an enrolment verb, else the
first "N <patient noun>") and with the pipeline (``extract_text``, or the records of an earlier run given
with ``--pipeline``), and prints each one's exact-match precision, recall and F1. Why: outside gold
standards score n on trial abstracts against such a baseline; the pipeline should never read fewer.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

# ---- the baseline: 40 lines of regular expressions, deliberately simple --------------------------------------
WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
NUMBER = r"(?:\d{1,3}(?:[, ]\d{3})+|\d+|(?:" + "|".join([*TENS, *WORDS]) + r")(?:[- ](?:" + "|".join(WORDS) + r"))?)"
NOUN = (r"(?:patients|participants|subjects|adults|children|women|men|infants|neonates|individuals|persons|people|"
        r"volunteers|cases|students|households|veterans|smokers|mothers|outpatients|adolescents)")
VERB = r"(?:enrol+ed|random(?:i[sz]ed|ly\s+(?:assigned|allocated))|included|recruited|allocated|assigned|analy[sz]ed)"
NEAR = re.compile(rf"(?:{VERB}\W+(?:\w+\W+){{0,4}}?(?P<a>{NUMBER})\s+(?:[\w\-]+\s+){{0,3}}?{NOUN}"
                  rf"|(?P<b>{NUMBER})\s+(?:[\w\-]+\s+){{0,3}}?{NOUN}\W+(?:\w+\W+){{0,4}}?{VERB})", re.I)
ANY = re.compile(rf"(?P<a>{NUMBER})\s+(?:[\w\-]+\s+){{0,3}}?{NOUN}\b", re.I)


def to_int(s: str) -> int | None:
    s = s.lower().replace(",", "").replace(" ", "") if s[0].isdigit() else s.lower()
    if s.isdigit():
        return int(s)
    parts = re.split(r"[- ]", s)
    total = sum(TENS.get(p, WORDS.get(p, 0)) for p in parts)
    return total or None


def baseline_n(text: str) -> int | None:
    m = NEAR.search(text) or ANY.search(text)
    return to_int(m.group("a") or m.group("b")) if m else None
# ---- end of the baseline -------------------------------------------------------------------------------------


def prf(pairs: list[tuple[int | None, int | None]]) -> tuple[float, float, float, int, int, int]:
    """Exact match: a prediction equal to gold is a hit; a wrong one is both a false positive and a miss."""
    tp = sum(1 for g, p in pairs if g is not None and p == g)
    fp = sum(1 for g, p in pairs if p is not None and p != g)
    fn = sum(1 for g, p in pairs if g is not None and p != g)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0), tp, fp, fn


def gold_n(path: Path) -> int | None:
    n = (json.loads(path.read_text(encoding="utf-8")).get("population") or {}).get("n")
    return n.get("value") if isinstance(n, dict) else n


def pipeline_reader(records: Path | None):
    """n by the pipeline: from an earlier run's records when given (fast), else extracted here."""
    if records is not None:
        by_id = {}
        for line in records.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            n = (r.get("population") or {}).get("n")
            by_id[r.get("id")] = n.get("value") if isinstance(n, dict) else n
        return lambda stem, text: by_id.get(stem)
    from extractor.extract import extract_text

    def run(stem: str, text: str) -> int | None:
        r = extract_text(text, id=stem)
        return r.population.n.value if r.population.n else None
    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir", type=Path)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--pipeline", type=Path, help="records (JSONL) of an earlier run instead of extracting here")
    ap.add_argument("--show", action="store_true", help="print each abstract where either reader misses")
    args = ap.parse_args(argv)
    pipeline_n = pipeline_reader(args.pipeline)
    base_pairs, pipe_pairs = [], []
    for gold in sorted(args.gold_dir.glob("*.json")):
        text_path = args.text_dir / f"{gold.stem}.txt"
        if not text_path.exists():
            continue
        text, g = text_path.read_text(encoding="utf-8"), gold_n(gold)
        b, p = baseline_n(text), pipeline_n(gold.stem, text)
        base_pairs.append((g, b))
        pipe_pairs.append((g, p))
        if args.show and (b != g or p != g):
            print(f"{gold.stem}\tgold {g}\tbaseline {b}\tpipeline {p}")
    if not base_pairs:
        print(f"no text in {args.text_dir} matches a gold file in {args.gold_dir}", file=sys.stderr)
        return 1
    print(f"{len(base_pairs)} abstracts; population.n exact match")
    for name, pairs in (("baseline", base_pairs), ("pipeline", pipe_pairs)):
        print("{:<9} P {:.3f}  R {:.3f}  F1 {:.3f}  ({}/{}/{})".format(name, *prf(pairs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
