"""What the browser test needs: a JupyterLab server started like `make lab`, and a notebook page
driven through Playwright in Debian's Chromium.

The server runs from the course's environment with the course's Jupyter configuration
(``course/jupyter/``, the same ``JUPYTER_CONFIG_PATH`` that `make lab` uses), on a free loopback
port, with a token, on a temporary copy of release/: the test never writes into the repository.
Its user settings, workspaces, runtime files and kernelspecs live in a temporary folder, so the
tester's own ~/.jupyter cannot change what the test sees.

Waits are explicit: a JupyterLab command's promise (run all cells resolves when the last cell
has finished), a dialog appearing, the kernel reporting idle. No fixed sleeps.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.course import cells as C
from autograder.course.workspace import ignore_run_outputs

REPO = Path(__file__).resolve().parent.parent
COURSE_JUPYTER = REPO / "course" / "jupyter"
ARTIFACTS = REPO / "artifacts" / "browser"
SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps opening connections that a closed
# network refuses, and the page never settles.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# What a finished stub or a failed check prints (helpers/friendly_errors.py).
FRIENDLY = ("Not done yet", "Check failed", "Undefined name")

# Settings of the test's JupyterLab only: every cell stays in the page (no virtual scrolling), so
# the test can read each cell's rendered output; no news or update notices over the page.
TEST_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def text_of(outputs: list[dict]) -> str:
    """Everything a cell printed or raised, as plain text."""
    parts = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(out.get("text", ""))
        elif kind == "error":
            parts.append("\n".join(out.get("traceback", [])) or f"{out.get('ename')}: {out.get('evalue')}")
        elif kind in ("execute_result", "display_data"):
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return ANSI.sub("", "\n".join(parts))


def errors_of(outputs: list[dict]) -> list[dict]:
    return [out for out in outputs if out.get("output_type") == "error"]


# --- the notebooks the test serves -------------------------------------------------------------

def solved_notebook(source: Path, release: Path) -> nbformat.NotebookNode:
    """The release notebook with every answer filled in from the source, markers removed."""
    from autograder.proof.contract import solution_submission

    return solution_submission(nbformat.read(str(source), 4), nbformat.read(str(release), 4))


def first_answer(source: Path, release: Path) -> tuple[int, str, list[int]]:
    """The first code answer cell of the release: its index, the source's solution for it
    (markers removed) and the indices of the test cells right after it."""
    src = nbformat.read(str(source), 4)
    rel = nbformat.read(str(release), 4)
    solutions = {C.grade_id(c): c.source for c in src.cells if C.is_answer(c)}
    for i, cell in enumerate(rel.cells):
        if cell.cell_type == "code" and C.is_answer(cell):
            tests = []
            for j in range(i + 1, len(rel.cells)):
                if C.is_test(rel.cells[j]):
                    tests.append(j)
                elif rel.cells[j].cell_type == "code" or tests:
                    break
            return i, C.strip_solution_markers(solutions[C.grade_id(cell)]), tests
    raise LookupError(f"{release.name} has no code answer cell")


def lay_out_root(repo: Path, assignments: list[str], root: Path) -> None:
    """The folder JupyterLab serves: each assignment's release folder as a student gets it, and
    under solved/ the same folder with every answer filled in from the source."""
    for assignment in assignments:
        folder = repo / "release" / assignment
        shutil.copytree(folder, root / assignment, ignore=ignore_run_outputs(folder))
        shutil.copytree(folder, root / "solved" / assignment, ignore=ignore_run_outputs(folder))
        nb = solved_notebook(repo / "source" / assignment / f"{assignment}.ipynb",
                             folder / f"{assignment}.ipynb")
        nbformat.write(nb, str(root / "solved" / assignment / f"{assignment}.ipynb"))


# --- the server --------------------------------------------------------------------------------

def lab_environment(work: Path) -> dict[str, str]:
    """The environment `make lab` gives JupyterLab (the course's bin/ first on PATH, the course's
    Jupyter configuration), with the user's own Jupyter folders replaced by empty ones."""
    env = dict(os.environ)
    for name in ("NBGRADER_EXECUTION", "MPLBACKEND", "JUPYTER_PATH", "PYTHONPATH", "DQN_COURSE_ROOT"):
        env.pop(name, None)  # a student's kernel has none of these
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["JUPYTER_CONFIG_PATH"] = str(COURSE_JUPYTER)
    env["JUPYTER_CONFIG_DIR"] = str(work / "config")
    env["JUPYTER_DATA_DIR"] = str(work / "data")
    env["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    env["IPYTHONDIR"] = str(work / "ipython")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


@dataclass
class JupyterLab:
    """A JupyterLab server on a free loopback port serving `root`; `stop()` ends it and its kernels.

    By default the student's (`make lab`: the course's Jupyter configuration, a token). With
    `password`, the instructor's `make formgrader`: nbgrader's formgrader on, no token, a password
    login (the only way formgrader's saves get their XSRF cookie), run from `cwd`, whose
    nbgrader_config.py formgrader reads."""

    root: Path
    work: Path
    log_path: Path
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    port: int = 0
    proc: subprocess.Popen | None = None
    password: str = ""
    cwd: Path = REPO

    def start(self, timeout: float = 180) -> JupyterLab:
        settings = self.work / "settings"
        for name, value in TEST_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        for sub in ("config", "data", "runtime", "ipython", "workspaces"):
            (self.work / sub).mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        last_error = ""
        for _attempt in range(3):  # a free port can be taken between finding and binding it
            self.port = free_port()
            if self.password:   # as `make formgrader` does
                from jupyter_server.auth import passwd

                self.token = ""
                auth = ["--IdentityProvider.token=", f"--PasswordIdentityProvider.hashed_password={passwd(self.password)}"]
            else:
                auth = [f"--IdentityProvider.token={self.token}"]
            cmd = [
                str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                *auth, f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
                f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={self.work / 'workspaces'}",
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                cmd.append("--allow-root")  # containers and CI machines often run as root
            log = open(self.log_path, "a")
            # The repository is the working folder, as with `make lab`: Validate reads nbgrader_config.py there.
            env = lab_environment(self.work)
            if self.password:
                env.pop("JUPYTER_CONFIG_PATH")   # course/jupyter/ turns formgrader off: `make formgrader` goes without it
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
            log.close()
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                try:   # with a password, the login page answers once the server is up
                    with urllib.request.urlopen(self.url("login" if self.password else "api/status"), timeout=5) as r:
                        if r.status == 200:
                            return self
                except OSError as e:
                    last_error = str(e)
                time.sleep(0.5)  # polling the server's status, not waiting for a guess of time
            self.stop()
        raise RuntimeError(f"JupyterLab did not start ({last_error}); its log:\n{self.log_tail()}")

    def url(self, path: str = "lab") -> str:
        if not self.token:
            return f"http://127.0.0.1:{self.port}/{path}"
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(self.url(path), method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
        return json.loads(body) if body else None

    def status_of(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url(path), timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    def shutdown_kernels(self) -> None:
        try:
            for kernel in self.api("api/kernels"):
                self.api(f"api/kernels/{kernel['id']}", method="DELETE")
        except OSError:
            pass

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            self.shutdown_kernels()
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        try:  # the kernels JupyterLab started are in its process group
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass


# --- the page ----------------------------------------------------------------------------------

# JavaScript run in the page. `window.jupyterapp` is JupyterLab itself (expose_app_in_browser).
JS_PANEL = """
window.__panel = (path) => {
  for (const w of window.jupyterapp.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.widgets) return w;
  }
  return null;
};
window.__withTimeout = (promise, ms) => Promise.race([
  promise, new Promise(resolve => setTimeout(() => resolve('timeout'), ms))]);
"""

JS_CELLS = """
(path) => {
  const panel = window.__panel(path);
  return panel.content.widgets.map((cell, i) => {
    const m = cell.model;
    const node = cell.node;
    return {
      index: i,
      type: m.type,
      source: m.sharedModel.getSource(),
      execution_count: m.type === 'code' ? m.executionCount : null,
      outputs: m.type === 'code' ? m.outputs.toJSON() : [],
      trusted: m.trusted,
      images: Array.from(node.querySelectorAll('.jp-OutputArea-output img'))
        .filter(img => img.complete && img.naturalWidth > 0).length,
      progress_bars: node.querySelectorAll('.widget-hprogress, .jupyter-widgets.widget-progress, .widget-progress').length,
      shown_text: (node.querySelector('.jp-OutputArea') || {innerText: ''}).innerText,
    };
  });
}
"""

JS_OPEN_READY = """
async ([path, ms]) => {
  const panel = window.__panel(path);
  if (!panel) return 'no panel';
  return await window.__withTimeout((async () => {
    await panel.context.ready;
    await panel.sessionContext.ready;
    for (;;) {
      const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
      const status = kernel ? kernel.status : 'no kernel yet';
      if (status === 'idle') return 'idle';
      if (status === 'dead') return 'kernel dead';
      // the kernel is still starting: wait for its next status change (or look again shortly)
      await new Promise(resolve => {
        const done = () => { if (kernel) kernel.statusChanged.disconnect(done); resolve(); };
        if (kernel) kernel.statusChanged.connect(done);
        setTimeout(done, 500);
      });
    }
  })(), ms);
}
"""

JS_RUN_ALL = """
async ([path, ms]) => {
  const app = window.jupyterapp;
  const panel = window.__panel(path);
  app.shell.activateById(panel.id);
  const nb = panel.content;
  const deadline = Date.now() + ms;
  // Run All stops at the first cell that raises (a stub's check does): like a student, carry on
  // from the next cell that has not run, until every cell has run once.
  let rounds = 0;
  let result = await window.__withTimeout(app.commands.execute('notebook:run-all-cells'), ms);
  while (result !== 'timeout') {
    const next = nb.widgets.findIndex(c => c.model.type === 'code' && c.model.executionCount === null
                                           && c.model.sharedModel.getSource().trim() !== '');
    if (next < 0) return {rounds, done: true};
    if (++rounds > nb.widgets.length) break;
    nb.deselectAll();
    nb.activeCellIndex = next;
    result = await window.__withTimeout(app.commands.execute('notebook:run-all-below'), deadline - Date.now());
  }
  return {rounds, done: false};
}
"""

JS_COMMAND = """
async ([path, command, ms]) => {
  const app = window.jupyterapp;
  const panel = window.__panel(path);
  app.shell.activateById(panel.id);
  return await window.__withTimeout(app.commands.execute(command), ms);
}
"""

JS_SELECT = """
([path, index]) => {
  const panel = window.__panel(path);
  panel.content.deselectAll();
  panel.content.activeCellIndex = index;
  panel.content.mode = 'command';
  panel.content.scrollToItem(index);
}
"""

JS_SCROLL_TO = """
async ([path, index, block]) => {
  const panel = window.__panel(path);
  await panel.content.scrollToItem(index, block);
  const cell = panel.content.widgets[index];
  cell.node.scrollIntoView({block});
}
"""


class NotebookPage:
    """One notebook open in JupyterLab, in its own browser page."""

    def __init__(self, context, lab: JupyterLab, path: str, artifacts: Path, page=None):
        """A new browser page for the notebook, or a new tab in `page` (a JupyterLab already loaded)."""
        self.lab = lab
        self.path = path
        self.artifacts = artifacts
        self.console: list[str] = []
        self.owns_page = page is None
        if page is None:
            page = context.new_page()
            page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
            page.on("pageerror", lambda err: self.console.append(f"pageerror: {err}"))
            page.add_init_script(JS_PANEL)
        self.page = page

    # -- opening --
    def open(self, timeout_ms: int = 180_000) -> str:
        """Open the notebook (by its address, or from the File menu's command in a loaded
        JupyterLab), wait for its kernel to be idle; return the kernel's state."""
        if self.owns_page:
            # A workspace of its own: JupyterLab would otherwise reopen every notebook an earlier page had open.
            workspace = f"test-{uuid.uuid4().hex[:12]}"
            self.page.goto(self.lab.url(f"lab/workspaces/{workspace}/tree/{self.path}?reset"),
                           wait_until="domcontentloaded", timeout=timeout_ms)
        else:
            self.page.evaluate("([path]) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }",
                               [self.path])
        self.page.wait_for_function(f"window.jupyterapp && window.__panel({json.dumps(self.path)}) !== null",
                                    timeout=timeout_ms)
        self.page.locator(f"#{self.panel_id()} .jp-Notebook .jp-Cell").first.wait_for(state="attached", timeout=timeout_ms)
        # The notebook gets the whole width (and the screenshots show it, not the file browser).
        self.page.evaluate("window.jupyterapp.shell.collapseLeft()")
        return self.page.evaluate(JS_OPEN_READY, [self.path, timeout_ms])

    def panel_id(self) -> str:
        return self.page.evaluate(f"window.__panel({json.dumps(self.path)}).id")

    def dialogs(self) -> list[str]:
        return [t.strip() for t in self.page.locator(".jp-Dialog").all_inner_texts()]

    def kernel_name(self) -> str:
        return self.page.evaluate(f"window.__panel({json.dumps(self.path)}).sessionContext.kernelDisplayName")

    # -- running --
    def run_all(self, timeout_ms: int) -> dict:
        return self.page.evaluate(JS_RUN_ALL, [self.path, timeout_ms])

    def command(self, command: str, timeout_ms: int = 600_000):
        return self.page.evaluate(JS_COMMAND, [self.path, command, timeout_ms])

    def cells(self) -> list[dict]:
        return self.page.evaluate(JS_CELLS, self.path)

    def select(self, index: int) -> None:
        self.page.evaluate(JS_SELECT, [self.path, index])

    def scroll_to(self, index: int, block: str = "start") -> None:
        self.page.evaluate(JS_SCROLL_TO, [self.path, index, block])

    # -- typing --
    def type_into(self, index: int, text: str) -> None:
        """Replace the text of cell `index` by typing into its editor, as a student would."""
        self.scroll_to(index)
        editor = self.page.locator(f"#{self.panel_id()} .jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        # insert_text types the whole answer at once: the editor's auto-indent and bracket closing
        # (which apply to single key presses) leave it as written.
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Escape")  # back to command mode

    def restart_and_run_to_selected(self, timeout_ms: int) -> object:
        """Kernel > Restart Kernel and Run up to Selected Cell, accepting the confirmation."""
        self.page.evaluate("""() => { window.__restart = window.jupyterapp.commands.execute(
            'notebook:restart-and-run-to-selected'); }""")
        self.accept_dialog()  # "Restart Kernel?"
        return self.page.evaluate("([ms]) => window.__withTimeout(window.__restart, ms)", [timeout_ms])

    def accept_dialog(self, timeout_ms: int = 60_000) -> str:
        dialog = self.page.locator(".jp-Dialog")
        dialog.wait_for(timeout=timeout_ms)
        text = dialog.inner_text()
        dialog.locator(".jp-Dialog-button.jp-mod-accept").last.click()
        dialog.wait_for(state="detached", timeout=timeout_ms)
        return text

    # -- nbgrader's Validate button --
    def validate(self, name: str, timeout_ms: int = 600_000, reveal: str = "") -> tuple[str, str]:
        """Press Validate in the notebook's toolbar; return ('success'|'failed'|'error', the dialog's text).
        With `reveal`, the dialog is scrolled to the first place that shows that text, for the screenshot."""
        self.page.evaluate(f"window.jupyterapp.shell.activateById(window.__panel({json.dumps(self.path)}).id)")
        button = self.page.locator(f"#{self.panel_id()} .jp-Toolbar .validate-button").first
        button.click()
        dialog = self.page.locator(".jp-Dialog").filter(has=self.page.locator("#validation-message"))
        dialog.wait_for(timeout=timeout_ms)
        message = dialog.locator("#validation-message")
        classes = message.get_attribute("class") or ""
        text = dialog.inner_text()
        if reveal:   # a failed cell's message comes after its source, below the fold of the dialog
            self.page.evaluate("""(text) => {
              const all = Array.from(document.querySelectorAll('.jp-Dialog #validation-message *'));
              const hit = all.find(el => el.textContent.includes(text)
                                         && !Array.from(el.children).some(c => c.textContent.includes(text)));
              if (hit) hit.scrollIntoView({block: 'end'});
            }""", reveal)
        self.screenshot(name)
        dialog.locator(".jp-Dialog-button").last.click()
        dialog.wait_for(state="detached", timeout=60_000)
        if "validation-success" in classes:
            return "success", text
        if "validation-failed" in classes:
            return "failed", text
        return "error", text

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        self.artifacts.mkdir(parents=True, exist_ok=True)
        path = self.artifacts / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        try:
            (self.artifacts / "console.log").parent.mkdir(parents=True, exist_ok=True)
            with open(self.artifacts / "console.log", "a") as f:
                f.write("\n".join(self.console) + "\n")
        except OSError:
            pass
        if self.owns_page:
            self.page.close()
