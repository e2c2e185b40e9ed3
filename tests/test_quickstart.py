"""The README's commands do what the README says: `make lab` serves the course in JupyterLab."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_release_notebooks() -> None:
    port, token = _free_port(), "quickstart-test"
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_ARGS={args}"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        deadline, page, listing = time.monotonic() + 120, None, None
        while time.monotonic() < deadline and page is None:
            assert proc.poll() is None, f"`make lab` exited early:\n{proc.stdout.read()}"
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5).read().decode()
                listing = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=5).read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "JupyterLab did not answer on /lab within 120 s"
        assert "JupyterLab" in page
        assert "01_training_loop" in listing, "JupyterLab should open on release/, which holds the notebooks"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
