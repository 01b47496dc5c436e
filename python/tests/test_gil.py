"""The GIL is released while trialnorm reads and parses.

A thread calls trialnorm on a named pipe; only the main thread can write the record into the
pipe, and it can run only if the call let go of the GIL. Held, the two would wait on each
other for ever: the check runs in a child process with a time limit, so that shows as a
failure, not a hung suite.
"""

import subprocess
import sys

import pytest

from conftest import CLASSIC

SCRIPT = """
import os, sys, tempfile, threading
from pathlib import Path
import trialnorm

call, seed = sys.argv[1], Path(sys.argv[2])
pipe = Path(tempfile.mkdtemp()) / "record.txt"
os.mkfifo(pipe)
out = []
calls = {
    "parse": lambda: trialnorm.parse(pipe)["ids"]["nct_id"],
    "read": lambda: [r["ids"]["nct_id"] for r in trialnorm.read([pipe])][0],
    "tables": lambda: trialnorm.tables([pipe])["studies"].column("nct_id")[0].as_py(),
}
worker = threading.Thread(target=lambda: out.append(calls[call]()))
worker.start()
with open(pipe, "wb") as w:     # blocks until the worker's Rust code opens the pipe
    w.write(seed.read_bytes())
worker.join()
print(out[0])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes as files are POSIX")
@pytest.mark.parametrize("call", ["parse", "read", "tables"])
def test_the_gil_is_released_while_reading_and_parsing(call):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, call, str(CLASSIC)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "NCT00479934"
