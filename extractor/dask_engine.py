"""Extraction on a Dask cluster (``run --engine dask``): the same records as a plain run, on many machines.

Why this shape:

* **The client reads, the workers extract.** Reading (files, PubMed XML) is
  hundreds of times faster than extraction, so the client streams the inputs,
  cuts them into partitions of ``partition_size`` abstracts and ships each
  partition as one task. Workers need the package installed, not the files.
* **The pipeline is built once per worker**: :class:`PipelinePlugin` builds it when
  the worker joins (or when the plugin is registered), and tasks find it in the
  per-process cache of :func:`extractor.extract.get_pipeline`. A lock makes a
  worker with several threads use it one task at a time (spaCy components are
  not meant to be shared between threads); run workers with ``--nthreads 1``.
* **Order and flat memory on the client**: at most ``window`` partitions are in
  flight (about two per worker thread, so no worker waits); results are taken in
  submission order (:func:`ordered_window`) and the future released, so the
  records come out in input order and the client holds only the window.
* **A dying worker costs a retry, not the run**: the scheduler re-runs the tasks
  of a lost worker elsewhere (up to ``distributed.scheduler.allowed-failures``);
  a task that raises is retried ``retries`` times; a partition that still fails
  becomes one :class:`ExtractionError` per abstract in it, and the run goes on.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from schemas import Record

from .abstract import Abstract
from .errors import ExtractionError

_T = TypeVar("_T")
_LOCK = threading.Lock()

#: how long to wait for the scheduler and for ``workers`` workers to be there
CONNECT_TIMEOUT = 60.0


class _Future(Protocol):
    def result(self, timeout: float | None = None) -> Any: ...


def partitions(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), drawn lazily."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ordered_window(
    parts: Iterable[_T], submit: Callable[[_T], _Future], window: Callable[[], int]
) -> Iterator[tuple[_T, Any]]:
    """Submit ``parts`` keeping at most ``window()`` of them in flight; yield ``(part, result)`` in order.

    ``result`` is the task's return value, or the exception it ended with (so one
    lost partition does not stop the stream). A part is drawn from ``parts`` only
    when there is room, so a lazy input is read no further ahead than the window.
    """
    in_flight: deque[tuple[_T, _Future]] = deque()
    source = iter(parts)
    exhausted = False
    while True:
        while not exhausted and len(in_flight) < max(1, window()):
            part = next(source, None)
            if part is None:
                exhausted = True
                break
            in_flight.append((part, submit(part)))
        if not in_flight:
            return
        part, future = in_flight.popleft()
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001  KilledWorker, a task error after its retries, a lost connection
            outcome = exc
        del future  # release it: the cluster forgets the result once the client holds no future for it
        yield part, outcome


def extract_partition(abstracts: list[Abstract], model: str | None, batch_size: int,
                      strict: bool) -> list[Record | ExtractionError]:
    """The task run on a worker: one partition through the worker's pipeline (built once per process)."""
    from .extract import extract_abstracts

    with _LOCK:
        return list(extract_abstracts(abstracts, model=model, batch_size=batch_size, strict=strict))


try:  # the plugin base class only when dask is installed; the module imports without it
    from distributed import WorkerPlugin as _WorkerPluginBase
except ImportError:  # pragma: no cover - dask is an optional extra
    _WorkerPluginBase = object  # type: ignore[assignment,misc]


class PipelinePlugin(_WorkerPluginBase):  # type: ignore[misc,valid-type]
    """Builds the pipeline on each worker as it starts, so the first task does not pay for it."""

    def __init__(self, model: str | None = None):
        self.model = model
        self.name = f"reumaextract-pipeline-{model or 'default'}"

    def setup(self, worker: Any) -> None:
        from .extract import get_pipeline

        get_pipeline(self.model)


def dask_extract(
    abstracts: Iterable[Abstract],
    client: Any,
    *,
    model: str | None = None,
    batch_size: int = 32,
    strict: bool = False,
    partition_size: int = 32,
    retries: int = 1,
    per_thread: int = 2,
) -> Iterator[Record | ExtractionError]:
    """Yield one record or error per abstract, in input order, extracted on ``client``'s cluster."""
    run_id = uuid.uuid4().hex[:8]
    counter = itertools.count()

    def submit(part: list[Abstract]) -> _Future:
        return client.submit(extract_partition, part, model, batch_size, strict, retries=retries, pure=False,
                             key=f"reumaextract-{run_id}-{next(counter)}")

    def window() -> int:
        threads = sum(client.nthreads().values())  # the cluster may grow or shrink during the run
        return per_thread * threads + 1

    for part, outcome in ordered_window(partitions(abstracts, partition_size), submit, window):
        if isinstance(outcome, BaseException):
            reason = f"partition lost on the cluster ({type(outcome).__name__}: {outcome})"
            for abstract in part:
                yield ExtractionError(abstract.id, reason)
        else:
            yield from outcome


@contextlib.contextmanager
def dask_engine(
    *,
    scheduler: str | None = None,
    workers: int = 1,
    model: str | None = None,
    batch_size: int = 32,
    strict: bool = False,
    partition_size: int = 32,
    timeout: float = CONNECT_TIMEOUT,
) -> Iterator[Callable[[Iterable[Abstract]], Iterator[Record | ExtractionError]]]:
    """An extraction engine (abstracts in, records out in order) backed by a Dask cluster.

    With ``scheduler`` (``tcp://host:8786``, or a scheduler file ending ``.json``)
    it connects to a running cluster and waits until ``workers`` workers are
    there; without, it starts a local cluster of ``workers`` single-threaded
    processes and closes it at the end.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError('--engine dask needs Dask: pip install -e ".[dask]"') from exc

    with contextlib.ExitStack() as stack:
        if scheduler:
            kwargs: dict[str, Any] = (
                {"scheduler_file": scheduler} if scheduler.endswith(".json") else {"address": scheduler}
            )
            client = stack.enter_context(Client(timeout=timeout, **kwargs))
            client.wait_for_workers(workers, timeout=timeout)
        else:
            cluster = stack.enter_context(
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster, timeout=timeout))
        client.register_plugin(PipelinePlugin(model))

        def engine(abstracts: Iterable[Abstract]) -> Iterator[Record | ExtractionError]:
            return dask_extract(abstracts, client, model=model, batch_size=batch_size, strict=strict,
                                partition_size=partition_size)

        yield engine
