"""``run --engine dask`` on a real cluster: a scheduler and two workers on 127.0.0.1, started here.

The cluster is the one the ``dask`` command of the ``dask`` extra starts (``dask scheduler``,
``dask worker``), as a user would on a cluster; ports are picked by the OS (``--port 0``,
the address is read from a scheduler file). Records from the cluster must equal a plain run's,
also when a worker is killed in the middle of the run.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.dask_engine import ordered_window, partitions
from extractor.errors import ExtractionError
from extractor.run import run

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXT = ROOT / "corpus/dev/text"
DASK = Path(sys.executable).with_name("dask")
EXPORTS = ("records.jsonl", "evidence.csv", "abstracts.csv", "report.html")
_GENERATED = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")  # the report's "generated" time


def _wait_for(predicate, timeout: float, what: str, procs: list[subprocess.Popen] = ()) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{what}: {p.args[:3]} exited with {p.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.1)


class Cluster:
    """``dask scheduler`` + named ``dask worker`` processes (no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.scheduler_file = folder / "scheduler.json"
        self.procs: dict[str, subprocess.Popen] = {}
        self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", str(self.scheduler_file))
        _wait_for(self.scheduler_file.exists, 60, "scheduler file", list(self.procs.values()))

    @property
    def address(self) -> str:
        return json.loads(self.scheduler_file.read_text())["address"]

    def _start(self, name: str, *args: str) -> None:
        log = (self.folder / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT,
                                            cwd=self.folder)

    def add_worker(self, name: str) -> None:
        self._start(name, "worker", "--scheduler-file", str(self.scheduler_file), "--name", name,
                    "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1")

    def client(self) -> distributed.Client:
        return distributed.Client(self.address, timeout=60)

    def close(self) -> None:
        for proc in reversed(list(self.procs.values())):  # workers first, then the scheduler
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if not DASK.exists():
        pytest.fail(f"no {DASK}: the dask extra provides the dask command (pip install -e '.[test]')")
    folder = tmp_path / "cluster"
    folder.mkdir()
    c = Cluster(folder)
    try:
        c.add_worker("w1")
        c.add_worker("w2")
        with c.client() as client:
            client.wait_for_workers(2, timeout=90)
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev texts, three times under different names: 48 abstracts, enough to kill a worker mid-run
    (extracted with --keep-duplicates, since the copies share their texts)."""
    folder = tmp_path_factory.mktemp("inputs")
    for copy in ("a", "b", "c"):
        for txt in sorted(DEV_TEXT.glob("*.txt")):
            shutil.copy(txt, folder / f"{txt.stem}-{copy}.txt")
    return folder


@pytest.fixture(scope="module")
def plain(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain")
    summary = run([str(inputs)], out, progress=False, keep_duplicates=True)
    assert summary.ok and summary.written == 48
    return out


def _cli_run(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor", "run", str(inputs), "--out", str(out), "--quiet", "--keep-duplicates", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _same_outputs(a: Path, b: Path) -> None:
    for name in EXPORTS:
        left = (a / name).read_text(encoding="utf-8")
        right = (b / name).read_text(encoding="utf-8")
        if name == "report.html":
            left, right = _GENERATED.sub("TIME", left), _GENERATED.sub("TIME", right)
        assert left == right, name


def test_cluster_run_equals_plain_run(cluster: Cluster, inputs: Path, plain: Path, tmp_path: Path) -> None:
    out = tmp_path / "dask"
    proc = _cli_run(inputs, out, "--engine", "dask", "--scheduler", cluster.address, "--workers", "2",
                    "--partition-size", "4")
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    _same_outputs(plain, out)
    # both workers took part, and each built its pipeline once (the plugin), not once per task
    with cluster.client() as client:
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
        built = client.run(lambda: __import__("extractor.extract").extract.get_pipeline.cache_info().misses)
    assert len(plugins) == 2
    assert all(any(p.startswith("reumaextract-pipeline") for p in names) for names in plugins.values())
    assert list(built.values()) == [1, 1]


def test_a_worker_killed_mid_run_costs_a_retry_not_records(cluster: Cluster, inputs: Path, plain: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "dask"
    proc = _cli_run(inputs, out, "--engine", "dask", "--scheduler", cluster.address, "--workers", "2",
                    "--partition-size", "2")
    victim = cluster.procs["w2"]
    with cluster.client() as client:
        def victim_busy() -> bool:
            info = client.scheduler_info()["workers"]
            address = next((a for a, w in info.items() if w.get("name") == "w2"), None)
            done = client.run_on_scheduler(
                lambda dask_scheduler: sum(1 for k, t in dask_scheduler.tasks.items()
                                           if str(k).startswith("reumaextract-") and t.state == "memory"))
            return address is not None and bool(client.processing().get(address)) and done >= 1

        _wait_for(victim_busy, 180, "the worker to kill never got a task", [proc])
        assert proc.poll() is None  # the run is in the middle
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    ids = [json.loads(line)["id"] for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 48  # every record exactly once
    _same_outputs(plain, out)


def test_local_cluster_without_scheduler(tmp_path: Path) -> None:
    """``--engine dask`` alone starts (and stops) a local cluster of ``--workers`` processes."""
    files = sorted(DEV_TEXT.glob("*.txt"))[:3]
    plain = run([str(f) for f in files], tmp_path / "plain", progress=False)
    dask = run([str(f) for f in files], tmp_path / "dask", progress=False, engine="dask", workers=1,
               partition_size=1)
    assert plain.written == dask.written == 3 and dask.ok
    assert (tmp_path / "plain/records.jsonl").read_bytes() == (tmp_path / "dask/records.jsonl").read_bytes()


def test_ordered_window_keeps_order_and_reads_only_the_window_ahead() -> None:
    drawn: list[int] = []

    def source() -> Iterator[int]:
        for i in range(20):
            drawn.append(i)
            yield i

    def work(i: int) -> int:
        time.sleep(0.02 * ((7 * i) % 5))  # finish out of order
        if i == 13:
            raise ValueError("lost")
        return i * i

    ahead = []
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        got = []
        for part, outcome in ordered_window(source(), lambda i: pool.submit(work, i), lambda: 3):
            ahead.append(len(drawn) - len(got))
            got.append((part, outcome))
    assert [p for p, _ in got] == list(range(20))
    assert [o for p, o in got if p != 13] == [i * i for i in range(20) if i != 13]
    assert isinstance(got[13][1], ValueError)
    assert max(ahead) <= 3  # never more than the window drawn from the input and not yet given back


def test_partitions_and_errors_travel() -> None:
    assert list(partitions(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    err = pickle.loads(pickle.dumps(ExtractionError("pubmed-1", "pipeline failed: x")))
    assert (err.where, err.message) == ("pubmed-1", "pipeline failed: x")


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(DEV_TEXT), "--out", str(tmp_path),
                           "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True,
                          env={**os.environ}, timeout=120)
    assert proc.returncode == 2 and "--engine dask" in proc.stderr


def test_a_lost_partition_becomes_one_error_per_abstract() -> None:
    """What the client does when a partition fails for good (KilledWorker after its retries, …).

    The executor here is a thread pool that loses the second partition; the others go through
    the real ``extract_partition``.
    """
    from extractor.dask_engine import dask_extract, extract_partition
    from extractor.readers import read_plain_text

    texts = ["We treated 5 patients with SLE.", "Ten patients with gout.", "Twelve patients with RA.",
             "Methods. 7 patients with GCA."]
    abstracts = [read_plain_text(t, id=f"a{i}") for i, t in enumerate(texts)]

    class LosingClient:
        def __init__(self, pool: concurrent.futures.Executor):
            self.pool, self.calls = pool, 0

        def nthreads(self) -> dict[str, int]:
            return {"w": 1}

        def submit(self, fn, *args, **kwargs):
            assert fn is extract_partition and kwargs["pure"] is False and kwargs["retries"] >= 1
            self.calls += 1
            if self.calls == 2:
                return self.pool.submit(lambda: (_ for _ in ()).throw(RuntimeError("KilledWorker stand-in")))
            return self.pool.submit(fn, *args)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        out = list(dask_extract(abstracts, LosingClient(pool), partition_size=2))
    assert [getattr(r, "id", None) or r.where for r in out] == ["a0", "a1", "a2", "a3"]
    assert [type(r).__name__ for r in out] == ["Record", "Record", "ExtractionError", "ExtractionError"]
    assert "partition lost on the cluster (RuntimeError: KilledWorker stand-in)" in out[2].message
