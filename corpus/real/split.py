"""Split ../shared/pool into a development part (~70) and a held-out part (~30), once.

Stratified by disease with a fixed seed: abstracts are grouped by the disease column of
SOURCES.tsv (the part before any bracket or slash, so "SLE (neuropsychiatric)" joins "SLE"),
each group is shuffled, groups are laid end to end in a shuffled order, and every position
whose index mod 10 falls in HELDOUT_SLOTS goes to the held-out set. Systematic sampling over
grouped order gives each disease about 30 % held out. Written before any rule was changed for
these texts; the result is committed as split.tsv and must not be re-drawn.

Second split (2026-12-06, after the held-out set had been scored once): the 30 held-out files, in the
same grouped order, alternate — even positions join the development part (their failures on first
contact are the categories the next rules are written for), odd positions stay held out (15 files,
never read item by item). The column ``first_part`` keeps where each file was in the first split.

Halves (2026-12-06, evening, round 10): the 85 dev files, in the same grouped order, alternate into
half A (even positions) and half B (odd positions), written to halves.tsv. A round's rules are written from
half A's failures only; half B and the held-out 15 are not read during the round, so the change they show
measures how far the round's rules carry to texts they were not written from.

Usage: python corpus/real/split.py ../shared/pool/SOURCES.tsv > corpus/real/split.tsv
       python corpus/real/split.py ../shared/pool/SOURCES.tsv --halves > corpus/real/halves.tsv
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import defaultdict

SEED = 20261206
HELDOUT_SLOTS = {2, 5, 8}


def disease_group(disease: str) -> str:
    head = re.split(r"[(/]", disease, maxsplit=1)[0].strip().lower()
    return head or disease.lower()


def split(rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        groups[disease_group(row["disease"])].append(row["file"])
    names = sorted(groups)
    rng.shuffle(names)
    order: list[tuple[str, str]] = []
    for name in names:
        files = sorted(groups[name])
        rng.shuffle(files)
        order += [(f, name) for f in files]
    return [(f, g, "heldout" if i % 10 in HELDOUT_SLOTS else "dev") for i, (f, g) in enumerate(order)]


def second_split(first: list[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    """(file, group, part, first_part): every other held-out file, in split order, joins dev."""
    out: list[tuple[str, str, str, str]] = []
    heldout_seen = 0
    for f, g, part in first:
        if part == "heldout":
            out.append((f, g, "dev" if heldout_seen % 2 == 0 else "heldout", part))
            heldout_seen += 1
        else:
            out.append((f, g, part, part))
    return out


def halves(second: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str]]:
    """(file, group, half) for the dev files: alternate positions in split order go to A and B."""
    dev = [(f, g) for f, g, part, _ in second if part == "dev"]
    return [(f, g, "A" if i % 2 == 0 else "B") for i, (f, g) in enumerate(dev)]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if "--halves" in sys.argv[2:]:
        out.writerow(["file", "disease_group", "half"])
        for row in sorted(halves(second_split(split(rows)))):
            out.writerow(row)
        sys.exit(0)
    out.writerow(["file", "disease_group", "part", "first_part"])
    for row in sorted(second_split(split(rows))):
        out.writerow(row)
