"""Command-line conventions: --version, ``-`` for stdin, a closed pipe, -q/-v, progress on a terminal, exit codes."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import threading
from importlib.metadata import version
from pathlib import Path

import pytest

from schemas import Record

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted((ROOT / "corpus/dev/text").glob("*.txt"))
AURORA = ROOT / "corpus/dev/text/d26-voclosporin-ln-repeat-biopsy-26pts.txt"  # an undefined "AURORA"
EVAL = ROOT / "tests/fixtures/eval"


def cli(*args: str | Path, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], cwd=cwd, input=stdin,
                          capture_output=True, timeout=300, check=False)


def test_version_option_and_attribute(tmp_path: Path) -> None:
    import extractor

    done = cli("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"reumaextract {version('reumaextract')}"
    assert extractor.__version__ == version("reumaextract")


def test_help_documents_exit_codes(tmp_path: Path) -> None:
    done = cli("extract", "--help", cwd=tmp_path)
    text = " ".join(done.stdout.decode().split())
    assert done.returncode == 0
    assert "0 all inputs read and extracted; 1 some inputs failed" in text and "2 usage error" in text


@pytest.mark.parametrize("args", [["extract", "--no-such-option", "x.txt"], ["extract", "-q", "-v", "x.txt"],
                                  ["extract", "-", "-"], ["frobnicate"]])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    done = cli(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    text = DEV[0].read_bytes()
    done = cli("extract", "-", cwd=tmp_path, stdin=text)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.decode().splitlines()
    record = Record.model_validate_json(line)
    assert record.id == "stdin" and record.text == text.decode("utf-8")
    assert record.population.n is not None


def test_dash_with_nothing_on_stdin_is_a_named_error(tmp_path: Path) -> None:
    done = cli("extract", "-", cwd=tmp_path, stdin=b"")
    assert done.returncode == 1
    assert done.stderr.decode().strip() == "reumaextract: error: <stdin>: empty input"


@pytest.mark.parametrize("command", ["evaluate", "extract"])
def test_closed_pipe_exits_quietly(tmp_path: Path, command: str) -> None:
    args = ([str(EVAL / "gold"), str(EVAL / "records.jsonl"), "--diff"] if command == "evaluate"
            else [str(p) for p in DEV[:3]])
    proc = subprocess.Popen([sys.executable, "-m", "extractor", command, *args], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is written (`| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception ignored" not in err


def test_verbose_names_each_warning_and_summarises(tmp_path: Path) -> None:
    done = cli("extract", "-v", AURORA, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert f"reumaextract: warning: {AURORA.stem}: abbreviation without definition: AURORA" in err
    assert "abstracts read: 1 (of 1 inputs)" in err and "records written: 1" in err
    assert f"  {AURORA.stem}: abbreviation without definition: AURORA" in err  # the summary names it


def test_quiet_keeps_errors_and_drops_notes(tmp_path: Path) -> None:
    a = shutil.copy(DEV[0], tmp_path / "a.txt")
    b = shutil.copy(DEV[0], tmp_path / "b.txt")  # the same text: a note, not an error
    missing = tmp_path / "missing.txt"
    loud = cli("extract", a, b, missing, cwd=tmp_path)
    quiet = cli("extract", "-q", a, b, missing, cwd=tmp_path)
    assert loud.returncode == quiet.returncode == 1
    assert f"reumaextract: note: {b}: same text as {a}; extracted once" in loud.stderr.decode()
    assert quiet.stderr.decode().strip().splitlines() == [f"reumaextract: error: {missing}: no such file or directory"]
    assert len(quiet.stdout.splitlines()) == 1


def _run_with_tty_stderr(args: list[str], cwd: Path) -> tuple[int, str, bytes]:
    """Run the CLI with stderr on a pseudo-terminal (as in an interactive shell); (code, stderr, stdout)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the slave side closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "extractor", *args], cwd=cwd, stdout=subprocess.PIPE,
                              stderr=slave, stdin=subprocess.DEVNULL, timeout=300, check=False)
    finally:
        os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    return done.returncode, b"".join(chunks).decode("utf-8", "replace"), done.stdout


def test_extract_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    args = ["extract", *map(str, DEV[:2])]
    code, err, out = _run_with_tty_stderr(args, tmp_path)
    assert code == 0, err
    assert "reumaextract extract" in err and "2/2" in err
    assert len(out.splitlines()) == 2
    piped = cli(*args, cwd=tmp_path)  # stderr is a pipe: no bar
    assert piped.returncode == 0 and piped.stderr == b""
    code, err, _ = _run_with_tty_stderr([*args, "--quiet"], tmp_path)
    assert code == 0 and "reumaextract extract" not in err
