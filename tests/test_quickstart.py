"""The README's commands do what the README says: `make lab` serves the course in JupyterLab,
from a fresh clone, on a machine without apt-get or sudo."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO
from tests.test_student_workspace import path_without_root_tools


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_workspace_from_a_fresh_clone_without_root(tmp_path: Path) -> None:
    """A fresh clone (the environment linked in, so nothing is downloaded; `make -o` keeps its
    stamp), `apt-get` and `sudo` absent from PATH: `make lab` copies the notebooks into
    workspace/ and JupyterLab serves them, with the news pop-up off."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=120)
    (clone / ".venv").symlink_to(REPO / ".venv")
    port, token = _free_port(), "quickstart-test"
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    env = {**os.environ, "PATH": path_without_root_tools(tmp_path / "bin")}
    proc = subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.installed", "lab", f"LAB_PORT={port}",
                             f"LAB_ARGS={args}"], cwd=clone, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, page, listing = time.monotonic() + 120, None, None
        while time.monotonic() < deadline and page is None:
            assert proc.poll() is None, f"`make lab` exited early:\n{proc.stdout.read()}"
            try:
                page = urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5).read().decode()
                listing = urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=5).read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "JupyterLab did not answer on /lab within 120 s"
        assert "JupyterLab" in page
        assert "01_training_loop" in listing, "JupyterLab should open on the workspace, which holds the notebooks"
        assert (clone / "workspace" / "01_training_loop" / "01_training_loop.ipynb").is_file()
        settings = json.loads(urllib.request.urlopen(
            f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}", timeout=10).read())
        assert settings["schema"]["properties"]["fetchNews"]["default"] == "false", "the news pop-up should be off"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                                               text=True, check=True).stdout.strip(), "make lab left untracked files"
