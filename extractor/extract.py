"""Orchestration of the extract stage: Abstract → spaCy Doc → validated Record.

The pipeline is built once per process (``get_pipeline``) and documents go
through ``nlp.pipe`` in batches; with ``n_process > 1`` batches go to forked
processes that build their records themselves (``_extract_in_processes``).
Failures are yielded as :class:`ExtractionError` values so a stream of
thousands of abstracts never stops on one bad input.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Record

from .abstract import Abstract
from .errors import ExtractionError, ReadError

#: Warnings that inform a reviewer but say nothing is wrong with the record: a short form the text
#: never defines (a trial name such as "AURORA", criteria such as "SLICC2012") and a heading-like
#: phrase missing from the heading table. Kept in the record and the summary; ``--strict`` ignores them.
NOTE_PREFIXES = ("abbreviation without definition:", "unknown heading ", "no article page:")


def is_problem(warning: str) -> bool:
    """True for a warning ``--strict`` fails on: a value was dropped or the input itself is doubtful
    (a count above the population n, a truncated page, two abstract sections, authors that disagree)."""
    return not warning.startswith(NOTE_PREFIXES)


@functools.lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for ``model`` (None: the default blank pipeline), built once per process."""
    from pipelines import build_pipeline

    return build_pipeline(model)


def extract_abstracts(
    abstracts: Iterable[Abstract],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    strict: bool = False,
) -> Iterator[Record | ExtractionError]:
    """Yield one validated :class:`Record` (or an :class:`ExtractionError`) per abstract, in order.

    ``strict`` turns record warnings that are problems (:func:`is_problem`) into failures.
    """
    from pipelines.to_record import doc_to_record

    nlp = nlp or get_pipeline(model)
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _extract_in_processes(abstracts, nlp, batch_size, n_process, strict)
        return
    pairs = ((_make_doc(nlp, a), a) for a in abstracts)
    for doc, abstract in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        errors = doc.user_data.get("reuma_errors")
        if errors:
            yield ExtractionError(abstract.id, "pipeline failed: " + "; ".join(errors))
            continue
        try:
            record = doc_to_record(doc, abstract)
        except (ValidationError, ValueError) as exc:  # a bug in a component must not stop the run
            yield ExtractionError(abstract.id, f"invalid record: {_first_line(exc)}")
            continue
        problems = [w for w in record.warnings if is_problem(w)] if strict else []
        if problems:
            yield ExtractionError(abstract.id, "strict: " + "; ".join(problems))
            continue
        yield record


#: the pipeline and ``strict`` of the forked extraction processes (set before the fork, inherited)
_FORKED: dict = {}


def _extract_batch(batch: list[Abstract]) -> list[Record | ExtractionError]:
    """In a forked process: the records of one batch, with the pipeline the parent built."""
    return list(extract_abstracts(batch, nlp=_FORKED["nlp"], batch_size=max(len(batch), 1), strict=_FORKED["strict"]))


def _extract_in_processes(
    abstracts: Iterable[Abstract], nlp: Language, batch_size: int, n_process: int, strict: bool
) -> Iterator[Record | ExtractionError]:
    """``n_process`` forked processes, each doing a whole batch: tokenizing, the pipeline, ``doc_to_record``
    and validation, and sending back only the records.

    spaCy's ``nlp.pipe(n_process=N)`` tokenizes in the parent, sends each doc to a worker and each
    processed doc (with its span groups) back, and leaves the record building to the parent: on 2 cores
    that parent was the bottleneck and 2 workers were no faster than 1. The processes are forked after
    the pipeline is built, so none rebuilds it (the lexicon matchers are shared copy-on-write). At most
    two batches per process are in flight, so memory stays flat however long the input.
    """
    _FORKED.update(nlp=nlp, strict=strict)
    source = iter(abstracts)
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        pending: deque = deque()

        def submit() -> bool:
            batch = list(itertools.islice(source, max(batch_size, 1)))
            if batch:
                pending.append(pool.apply_async(_extract_batch, (batch,)))
            return bool(batch)

        while len(pending) < 2 * n_process and submit():
            pass
        while pending:
            results = pending.popleft().get()
            submit()
            yield from results


def _make_doc(nlp: Language, abstract: Abstract) -> Doc:
    """The abstract's tokenized doc, carrying what the pipeline should not redo or lose.

    The reader's sections and the text itself go along (``reuma_sections`` takes them instead of detecting them
    again; plain ``nlp(text)`` use detects them), and the doc is marked as part of a stream,
    so a component's failure on it is recorded and becomes this abstract's ExtractionError
    instead of stopping the others (outside a stream it is raised).
    """
    from pipelines.components.base import KEEP_GOING, READER_SECTIONS, TEXT

    doc = nlp.make_doc(abstract.text)
    doc.user_data[KEEP_GOING] = True
    # the text itself, which ``doc.text`` would rebuild token by token (spaCy's tokenizer loses no character)
    doc.user_data[TEXT] = abstract.text
    if abstract.sections:  # none found (or an Abstract built by hand): the component looks itself
        doc.user_data[READER_SECTIONS] = [(s.label, s.heading, s.start, s.end) for s in abstract.sections]
    return doc


def extract_text(text: str, id: str = "text", *, model: str | None = None) -> Record:
    """Extract a record from a plain abstract text (the text is kept unchanged)."""
    from .readers import read_plain_text

    return _one(read_plain_text(text, id=id), model)


def extract_file(path: str | Path, *, model: str | None = None) -> Record:
    """Extract a record from a file (.txt, .html, page text) or a harvested article folder."""
    from .readers import read_path

    return _one(read_path(Path(path)), model)


def _one(abstract: Abstract, model: str | None) -> Record:
    result = next(extract_abstracts([abstract], model=model))
    if isinstance(result, ExtractionError):
        raise result
    return result


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


__all__ = ["NOTE_PREFIXES", "ExtractionError", "ReadError", "is_problem", "extract_abstracts", "extract_file", "extract_text", "get_pipeline"]
