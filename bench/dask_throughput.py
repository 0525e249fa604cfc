"""Dask benchmark: abstracts/second, plain single process against 1 and 2 local Dask workers.

    python bench/dask_throughput.py [--repeat K] [--rounds R] [--partition-size N] [--workers 1,2] [PATH ...]

On the same texts (default: the dev texts and the seed page, ``--repeat`` times) it times

1. the plain extraction in this process (``extract_abstracts``; the pipeline is built before timing);
2. for each worker count, a local Dask cluster (``LocalCluster``, one thread per worker process):
   its start-up (cluster + each worker building the pipeline through the plugin) once, then the
   extraction through :func:`extractor.dask_engine.dask_extract` (partitions, ordered window),
   best of ``--rounds``; and checks that the records equal the plain run's;
3. reading PubMed XML (``iter_pubmed`` on a gzipped file made from the same abstracts), which the
   client does for every run: it must be far faster than extraction for the client not to be
   the bottleneck.

It ends with the expected hours per million abstracts for a cluster of W workers at the measured
per-worker rate (W × the 1-worker rate: workers share nothing but the scheduler). Speed is measured
here, never asserted in a test. On a machine with fewer free cores than workers, the 2-worker
figure shows the sharing, not the scaling.
"""

from __future__ import annotations

import argparse
import gzip
import html
import sys
import tempfile
import time
import warnings
from pathlib import Path

from throughput import ROOT, consume, load_abstracts, machine, timed

sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)


def pubmed_file(abstracts: list, folder: Path) -> Path:
    """A gzipped PubmedArticleSet holding ``abstracts`` as unstructured citations."""
    path = folder / "bench.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
        for i, a in enumerate(abstracts):
            fh.write(
                f"<PubmedArticle><MedlineCitation><PMID>{30000000 + i}</PMID><Article>"
                f"<Journal><JournalIssue><PubDate><Year>2024</Year></PubDate></JournalIssue>"
                f"<Title>Bench</Title></Journal><ArticleTitle>{html.escape(a.title or a.id)}</ArticleTitle>"
                f"<Abstract><AbstractText>{html.escape(a.text)}</AbstractText></Abstract>"
                f"<AuthorList><Author><LastName>Rossi</LastName><ForeName>Maria</ForeName></Author></AuthorList>"
                f"</Article></MedlineCitation></PubmedArticle>\n"
            )
        fh.write("</PubmedArticleSet>\n")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="inputs (default: dev texts + seed page)")
    ap.add_argument("--repeat", type=int, default=12, help="repeat the corpus K times (default: 12)")
    ap.add_argument("--rounds", type=int, default=2, help="best of R timings (default: 2)")
    ap.add_argument("--partition-size", type=int, default=16, help="abstracts per Dask task (default: 16)")
    ap.add_argument("--workers", default="1,2", help="worker counts to try (default: 1,2)")
    args = ap.parse_args(argv)

    from distributed import Client, LocalCluster

    from extractor.dask_engine import PipelinePlugin, dask_extract
    from extractor.extract import extract_abstracts, get_pipeline
    from extractor.pubmed import iter_pubmed

    print(machine())
    abstracts = load_abstracts(args.paths, args.repeat)
    n = len(abstracts)
    print(f"corpus: {n} abstracts; partition size {args.partition_size}; best of {args.rounds}")
    get_pipeline()
    plain_records: list = []
    t_plain = timed(lambda: plain_records.__setitem__(slice(None), list(extract_abstracts(abstracts))),
                    args.rounds)
    rows = [("plain, 1 process", t_plain, None, True)]
    for w in (int(x) for x in args.workers.split(",")):
        start = time.perf_counter()
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.register_plugin(PipelinePlugin(None))
            t_start = time.perf_counter() - start
            got: list = []
            t = timed(lambda client=client, got=got: got.__setitem__(slice(None), list(
                dask_extract(abstracts, client, partition_size=args.partition_size))), args.rounds)
        same = [r.model_dump() for r in got] == [r.model_dump() for r in plain_records]
        rows.append((f"dask, {w} local worker{'s' if w > 1 else ''}", t, t_start, same))

    print()
    print("| engine | abstracts/s | ms/abstract | start-up s | records = plain |")
    print("| --- | --- | --- | --- | --- |")
    for name, t, t_start, same in rows:
        start_s = f"{t_start:.1f}" if t_start is not None else "–"
        print(f"| {name} | {n / t:.1f} | {1000 * t / n:.2f} | {start_s} | {'yes' if same else 'NO'} |")

    with tempfile.TemporaryDirectory() as tmp:
        path = pubmed_file(abstracts * 5, Path(tmp))
        t_read = timed(lambda: consume(iter_pubmed(path)), args.rounds)
    print(f"\nPubMed XML reading (gzip, {5 * n} citations, client side): {5 * n / t_read:.0f} citations/s")

    one = next((n / t for name, t, _, _ in rows if name.startswith("dask, 1 ")), n / t_plain)
    print(f"\nper-worker rate (1 Dask worker): {one:.1f} abstracts/s → hours per million abstracts:")
    for w in (1, 8, 32, 128):
        print(f"  {w:>4} workers: {1e6 / (w * one) / 3600:.2f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
