"""A doc's record depends on its text alone, not on the docs read before it.

The components keep per-doc memos (sentence roles, count starts, pattern verdicts, the population ...)
for speed, each emptied or checked by the doc's identity when the next doc comes. A memo that leaked
from one doc into another would make a record depend on reading order or batch size, and would let a
repeated text cost less than a new one. So the same texts are extracted in corpus order, in reverse,
interleaved with repeats, one batch at a time and each through a fresh call, and every record must come
out the same, and the same as the record of the text read first thing in a new process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.extract import extract_abstracts, get_pipeline
from extractor.readers import read_path

REPO = Path(__file__).resolve().parents[1]
POOL_TEXT = REPO.parent / "shared" / "pool" / "text"


def _texts() -> list[Path]:
    """The bundled dev texts and the real development texts of the pool (``corpus/real/split.tsv``): real
    texts differ in the facts a leaked memo would carry over (cohort size, sections, sentence roles)."""
    texts = sorted((REPO / "corpus" / "dev" / "text").glob("*.txt"))
    for line in (REPO / "corpus" / "real" / "split.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[2] == "dev" and (POOL_TEXT / cols[0]).is_file():
            texts.append(POOL_TEXT / cols[0])
    return texts


TEXTS = _texts()


def _records(abstracts, batch_size: int = 32) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for rec in extract_abstracts(abstracts, nlp=get_pipeline(), batch_size=batch_size):
        assert not isinstance(rec, Exception), rec
        out.setdefault(rec.id, rec.model_dump(mode="json"))
    return out


@pytest.fixture(scope="module")
def abstracts() -> list:
    assert len(TEXTS) >= 16, "the bundled dev texts this test reads are missing"
    return [read_path(p) for p in TEXTS]


@pytest.fixture(scope="module")
def in_order(abstracts) -> dict[str, dict]:
    return _records(abstracts)


def test_reverse_order_gives_the_same_records(abstracts, in_order) -> None:
    assert _records(list(reversed(abstracts))) == in_order


def test_repeats_and_batch_size_one_give_the_same_records(abstracts, in_order) -> None:
    # each text right after another one and again after itself, one doc per batch
    mixed = [a for pair in zip(abstracts, abstracts[1:] + abstracts[:1], strict=True) for a in pair] + abstracts[::-1]
    assert _records(mixed, batch_size=1) == in_order


def _fresh_process_record(path: Path) -> dict:
    """The record of ``path`` read first thing in a new Python process: no memo can hold anything yet."""
    code = ("import json, sys, warnings; warnings.filterwarnings('ignore')\n"
            "from extractor.extract import extract_abstracts\n"
            "from extractor.readers import read_path\n"
            "rec = next(extract_abstracts([read_path(sys.argv[1])]))\n"
            "print(json.dumps(rec.model_dump(mode='json')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=REPO,
                          timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_text_read_after_others_gives_its_fresh_process_record(abstracts, in_order) -> None:
    # texts spread over the corpus, none of them first: in one process each comes after dozens of others
    for k in (len(abstracts) // 4, len(abstracts) // 2, 3 * len(abstracts) // 4, len(abstracts) - 1):
        a = abstracts[k]
        assert in_order[a.id] == _fresh_process_record(TEXTS[k]), a.id
