"""Orchestration of a whole run: sources → abstracts → records → exports, as one stream.

The run is a chain of generators, so memory stays flat however many abstracts
go through: paths are listed (to give the progress bar a total), then each file
is read, de-duplicated by record id, extracted (``extract_abstracts``, in
batches, ``n_process`` workers) and written to every exporter as it comes. The
only state kept per abstract is a count and its id (for de-duplication).

A bad input never stops the run: a file that cannot be read, an abstract the
pipeline cannot turn into a valid record (or, with ``strict``, one with
warnings) becomes a :class:`Failure` naming the file, reported on stderr as it
happens and again in the closing summary.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from schemas import Record

from .abstract import Abstract
from .errors import ExtractionError, ReumaExtractError
from .failures import Duplicate, Failure, NotRead
from .pubmed import Deleted, NoAbstract, is_pubmed_path

#: an extraction engine: abstracts in, one record or error out per abstract, in the same order
ExtractFn = Callable[[Iterable[Abstract]], Iterator[Record | ExtractionError]]

#: the bundled corpus a bare ``reumaextract run`` reads: the Reumatismo seed page and
#: the development texts. The seed's other forms (``-page.txt``, ``-abstract.txt``)
#: are the same abstract and are left out on purpose.
DEFAULT_SOURCES: tuple[str, ...] = ("corpus/seed/reumatismo-2170.html", "corpus/dev/text")
DEFAULT_OUT = Path("outputs")
DEFAULT_CORPUS = Path("corpus/harvest")


#: ``-`` on the command line: read one input from standard input.
STDIN = "-"


@dataclass
class RunSummary:
    """Counts of a run, plus every warning (with its abstract), duplicate, file not read and failure, named."""

    inputs: int = 0
    read: int = 0
    written: int = 0
    records_with_warnings: int = 0
    warnings: int = 0
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[Failure] = field(default_factory=list)
    warning_list: list[tuple[str, str]] = field(default_factory=list)  # (record id, warning)
    outputs: list[Path] = field(default_factory=list)
    committed: bool = False
    without_abstract: int = 0  # PubMed citations with no abstract (counted, not extracted)
    deleted: int = 0  # PMIDs listed in DeleteCitation entries of update files (not applied)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def not_read(self) -> list[Failure]:
        return [f for f in self.failures if isinstance(f, NotRead)]

    def add_record(self, record: Record) -> None:
        """Count a written record and keep its warnings under its id."""
        self.written += 1
        if record.warnings:
            self.records_with_warnings += 1
            self.warnings += len(record.warnings)
            self.warning_list += [(record.id, w) for w in record.warnings]

    def format(self, *, outputs: bool = True) -> str:
        lines = [f"abstracts read: {self.read} (of {self.inputs} inputs)"]
        if outputs:
            where = ", ".join(str(p) for p in self.outputs) if self.committed else "nothing written (outputs unchanged)"
            lines.append(f"records written: {self.written} → {where}")
        else:
            lines.append(f"records written: {self.written}")
        lines.append(f"warnings: {self.warnings} in {self.records_with_warnings} records")
        lines += [f"  {rid}: {w}" for rid, w in self.warning_list]
        if self.without_abstract:
            lines.append(f"citations without an abstract (not extracted): {self.without_abstract}")
        if self.deleted:
            lines.append(f"deleted citations listed (not applied): {self.deleted}")
        if self.duplicates:
            lines.append(f"duplicates (extracted once): {len(self.duplicates)}")
            lines += [f"  {d}" for d in self.duplicates]
        not_read = self.not_read
        if not_read:
            lines.append(f"not read: {len(not_read)}")
            lines += [f"  {f}" for f in not_read]
        failed = [f for f in self.failures if not isinstance(f, NotRead)]
        lines.append(f"failures: {len(failed)}")
        lines += [f"  {f}" for f in failed]
        return "\n".join(lines)


def short_error(exc: BaseException) -> str:
    """``Type: message`` on one line (spaCy's worker errors carry a whole traceback: keep its last line)."""
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    text = lines[0] if len(lines) == 1 else f"{lines[0].rstrip(':')} … {lines[-1].strip()}"
    return f"{type(exc).__name__}: {text}"


def is_tty(stream: IO[str]) -> bool:
    """True when ``stream`` is a terminal (progress bars are for people, not for logs and pipes)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def default_sources(root: Path | None = None) -> list[Path]:
    """The bundled corpus (:data:`DEFAULT_SOURCES`) under ``root``.

    ``root`` defaults to the current folder when it holds ``corpus/``, else the
    source tree the package was installed from (an editable install).
    """
    if root is None:
        here = Path.cwd()
        root = here if (here / "corpus").is_dir() else Path(__file__).resolve().parents[1]
    return [root / s for s in DEFAULT_SOURCES]


def list_inputs(paths: Sequence[Path], failures: list[Failure]) -> list[Path]:
    """The input files and harvested article folders under ``paths``.

    Missing paths and files that are not read (:class:`NotRead`, with the reason)
    become failures: nothing is skipped in silence. ``-`` (standard input) is kept.
    """
    from .filetypes import not_read_reason
    from .readers import iter_input_files

    found: list[Path] = []
    for path in paths:
        if str(path) == STDIN:
            found.append(path)
            continue
        if not path.exists():
            failures.append(Failure(str(path), "no such file or directory"))
            continue
        if path.is_file() and (reason := not_read_reason(path, named=True)):
            failures.append(NotRead(str(path), reason))
            continue
        refused: list[tuple[Path, str]] = []
        try:
            found.extend(iter_input_files([path], refused))
        except ReumaExtractError as exc:
            failures.append(Failure(exc.where, exc.message))
        except OSError as exc:
            failures.append(Failure(str(path), exc.strerror or str(exc)))
        failures.extend(NotRead(str(p), reason) for p, reason in refused)
    return found


def fetch_abstract(url: str) -> Abstract:
    """Fetch one article page with the harvester's polite client and parse it."""
    from .harvest import fetch_abstract as harvest_fetch  # the harvester's single-page entry point

    return harvest_fetch(url)


def read_one(path: Path | str) -> list[Abstract] | Failure:
    """Read a file, harvested folder or standard input (``-``), or fetch a URL: its abstracts (a PDF
    abstract book gives several); any failure is returned, never raised."""
    from .readers import read_abstracts, read_bytes

    try:
        if isinstance(path, str) and is_url(path):
            return [fetch_abstract(path)]
        if str(path) == STDIN:
            return read_bytes(sys.stdin.buffer.read(), where="<stdin>", stem="stdin")
        return read_abstracts(Path(path))
    except ReumaExtractError as exc:
        return Failure(exc.where or str(path), exc.message)
    except OSError as exc:
        return Failure(str(path), exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001  a reader bug on one file must not stop the run
        return Failure(str(path), f"unexpected {type(exc).__name__}: {exc}")


def _digest(text: str) -> int:
    """64 bits of the whitespace-normalised text: what duplicate detection keeps per abstract."""
    return int.from_bytes(hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=8).digest(), "big")


def read_many(path: Path | str) -> Iterator[tuple[str, Abstract | Failure | NoAbstract | Deleted]]:
    """(where, item) for every abstract an input holds: one for a page or text, one per citation
    of a PubMed XML file (streamed), each failure as a :class:`Failure` value, never raised."""
    from .pubmed import iter_pubmed

    if (isinstance(path, str) and is_url(path)) or str(path) == STDIN or not is_pubmed_path(path):
        got = read_one(path)
        if isinstance(got, Failure):
            yield str(path), got
            return
        for abstract in got:  # a PDF abstract book gives several
            yield (str(path) if len(got) == 1 else f"{path} [{abstract.code or abstract.id}]"), abstract
        return
    try:
        for item in iter_pubmed(path):
            if isinstance(item, ReumaExtractError):
                yield item.where, Failure(item.where, item.message)
            elif isinstance(item, Abstract):
                yield f"{path}#{item.source.article_id}", item
            else:
                yield str(path), item
    except ReumaExtractError as exc:
        yield str(path), Failure(exc.where, exc.message)


def harvest_urls(urls: Sequence[str], corpus_dir: Path, failures: list[Failure]) -> list[Path]:
    """Harvest ``urls`` into ``corpus_dir`` with the harvester; the article folders it stored."""
    from .harvest import harvest_to_folders  # the harvester's entry point for the run

    return list(harvest_to_folders(urls, corpus_dir, failures=failures))


def process(
    paths: Iterable[Path | str],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    strict: bool = False,
    dedupe: bool = True,
    keep_duplicates: bool = False,
    summary: RunSummary | None = None,
    engine: ExtractFn | None = None,
) -> Iterator[Record | Failure]:
    """Yield a :class:`Record` or a :class:`Failure` per abstract, in input order, streaming.

    ``engine`` extracts (default: this process's pipeline via ``extract_abstracts``
    with ``n_process=workers``; :func:`extractor.dask_engine.dask_engine` gives one
    that runs on a Dask cluster). An abstract whose text (whitespace aside) was
    already seen in this stream is yielded as a :class:`Duplicate` instead (the
    first one is kept), unless ``keep_duplicates``. With ``dedupe``, an abstract
    whose record id was already seen gets a unique id (``-2``, ``-3`` ...). PubMed
    citations without an abstract are only counted (``summary.without_abstract``).
    Per abstract only its id and a 64-bit digest of its text are kept, so memory
    stays small on millions of citations.
    """
    from .extract import extract_abstracts

    summary = summary if summary is not None else RunSummary()
    if engine is None:
        def engine(abstracts: Iterable[Abstract]) -> Iterator[Record | ExtractionError]:
            return extract_abstracts(abstracts, model=model, batch_size=batch_size, n_process=workers,
                                     strict=strict)

    pending: deque[str] = deque()  # where each abstract in flight came from, in order
    side: deque[Failure] = deque()  # read failures, yielded between records
    seen: set[str] = set()  # record ids given out
    texts: dict[int, str] = {}  # digest of the whitespace-normalised text → where it was first read

    def abstracts() -> Iterator[Abstract]:
        for path in paths:
            for where, got in read_many(path):
                if isinstance(got, Failure):
                    side.append(got)
                    continue
                if isinstance(got, NoAbstract):
                    summary.without_abstract += 1
                    continue
                if isinstance(got, Deleted):
                    summary.deleted += len(got.pmids)
                    continue
                summary.read += 1
                if not _first_seen(got, where):
                    continue
                pending.append(where)
                yield got

    def _first_seen(got: Abstract, where: str) -> bool:
        """False for a duplicate (reported in ``side``); may give a clashing id a unique suffix."""
        digest = _digest(got.text)
        if digest in texts and not keep_duplicates:  # the same text under another name (a copy, another form, a re-harvest)
            side.append(Duplicate(where, f"same text as {texts[digest]}; extracted once"))
            return False
        texts.setdefault(digest, where)
        if dedupe:
            if got.id in seen:  # a different abstract whose file has the same name: a unique id
                k = 2
                while f"{got.id}-{k}" in seen:
                    k += 1
                got.id = f"{got.id}-{k}"
            seen.add(got.id)
        return True

    for result in engine(abstracts()):
        while side:
            yield side.popleft()
        where = pending.popleft() if pending else "?"
        if isinstance(result, ExtractionError):
            yield Failure(where, result.message)
        else:
            yield result
    while side:
        yield side.popleft()


class _NothingWritten(Exception):
    """Raised inside the export block to abort it (keeping the previous outputs)."""


def run(
    sources: Sequence[str] = (),
    out_dir: str | Path = DEFAULT_OUT,
    *,
    workers: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    strict: bool = False,
    progress: bool = True,
    corpus_dir: str | Path = DEFAULT_CORPUS,
    exports: Sequence[str] | None = None,
    err: IO[str] | None = None,
    verbose: bool = False,
    keep_duplicates: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    partition_size: int = 32,
) -> RunSummary:
    """Harvest or read ``sources``, extract, and write every export in ``out_dir``; return the summary.

    With no sources, the bundled corpus (:func:`default_sources`). When no record
    at all comes out, the exports are not replaced (the previous ones stay). The
    progress bar shows only when ``progress`` and ``err`` is a terminal; with
    ``verbose`` each record's warnings are reported as they come.
    ``engine="dask"`` extracts on a Dask cluster (:mod:`extractor.dask_engine`):
    the one at ``scheduler``, or a local one of ``workers`` processes; the records
    and the exports are the same as with the local engine.
    """
    from tqdm import tqdm

    err = err or sys.stderr
    summary = RunSummary()
    urls = [s for s in sources if is_url(s)]
    paths = [Path(s) for s in sources if not is_url(s)] if sources else default_sources()
    if urls:
        try:
            paths += harvest_urls(urls, Path(corpus_dir), summary.failures)
        except ImportError:
            summary.failures += [Failure(u, "URL sources need the harvester (extractor.harvest)") for u in urls]
    inputs = list_inputs(paths, summary.failures)
    summary.inputs = len(inputs) + len(summary.failures)
    # a PubMed file holds thousands of abstracts: no total then, the bar counts what went through
    total = None if any(is_pubmed_path(p) for p in inputs) else len(inputs)
    bar = tqdm(total=total, unit="abstract", desc="reumaextract run", file=err,
               disable=not (progress and is_tty(err)), dynamic_ncols=True)

    def report(failure: Failure, kind: str = "error") -> None:
        message = f"reumaextract: {kind}: {failure}"
        if not bar.disable:
            bar.write(message, file=err)
        else:
            print(message, file=err)

    for failure in summary.failures:
        report(failure)
    try:
        with contextlib.ExitStack() as stack:
            extract_fn: ExtractFn | None = None
            if engine == "dask":
                from .dask_engine import dask_engine

                extract_fn = stack.enter_context(dask_engine(
                    scheduler=scheduler, workers=workers, model=model, batch_size=batch_size, strict=strict,
                    partition_size=partition_size))
            elif engine != "local":
                raise ValueError(f"unknown engine {engine!r} (local or dask)")
            _export(inputs, out_dir, exports, summary, report, bar, extract_fn,
                    model=model, workers=workers, batch_size=batch_size, strict=strict,
                    keep_duplicates=keep_duplicates, verbose=verbose)
    finally:
        bar.close()
    return summary


def _export(inputs: Sequence[Path], out_dir: str | Path, exports: Sequence[str] | None, summary: RunSummary,
            report: Callable[..., None], bar: Any, extract_fn: ExtractFn | None, *, verbose: bool = False,
            **options: Any) -> None:
    """Stream the records of ``inputs`` into every exporter (committed only if any record came out)."""
    from .export import open_exporters

    with contextlib.suppress(_NothingWritten), open_exporters(out_dir, exports) as out:
        summary.outputs = out.paths
        for item in process(inputs, summary=summary, engine=extract_fn, **options):
            if isinstance(item, Duplicate):
                summary.duplicates.append(item)
                report(item, "note")
            elif isinstance(item, Failure):
                summary.failures.append(item)
                report(item)
            else:
                out.write(item)
                summary.add_record(item)
                if verbose:
                    for warning in item.warnings:
                        report(Failure(item.id, warning), "warning")
            if bar.total is not None and bar.n >= bar.total:  # an abstract book gives several records
                bar.total = bar.n + 1
            bar.update(1)
        if summary.written == 0:
            raise _NothingWritten
        summary.committed = True
