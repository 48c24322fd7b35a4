"""A real browser: JupyterLab on 127.0.0.1 with a token, Debian's Chromium driven by Playwright.

For each notebook: open it, run all cells from the Run menu, wait for every cell to finish, and
check there is no error output and that each explorer shows a loaded plot image; then change one
dropdown and check that the plot image and the table change. Notebooks 02-04 run on the demo
corpus (toolkit.demo, built once per extraction version and shared with nbval); on it the
analyst's first questions are asked of the mention and statement explorers: the top 3 countries
of each month, a speaker found by typing a few letters, a statement read with one click and
"more". Screenshots go to tests/_screenshots/ (git-ignored). Skipped when /usr/bin/chromium or playwright is missing
(`apt-get install -y chromium`; never `playwright install`).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "_screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# notebook -> the label of the dropdown to change (its next option must change plot and table)
NOTEBOOKS = {
    "01-getting-started.ipynb": "Period",
    "02-mentions.ipynb": "Period",
    "03-source-diversity.ipynb": "Metric",
    "04-statement-timelines.ipynb": "Speaker country",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")

# JupyterLab settings for a quiet, deterministic session: every cell in the DOM (no windowing),
# no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none",
                                                                   "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


class Lab:
    def __init__(self, url: str, token: str, proc: subprocess.Popen, log: Path) -> None:
        self.url, self.token, self.proc, self.log = url, token, proc, log

    def api(self, path: str, method: str = "GET") -> object:
        req = urllib.request.Request(f"{self.url}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving a copy of notebooks/ beside a copy of datasets/articles/ (the notebooks
    read ../datasets/articles/; the demo corpus comes from the user's cache), with its own
    settings, workspace and runtime folders."""
    from toolkit.demo import demo_corpus

    demo_corpus()  # built here, once, rather than inside the first notebook's cell timeout
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.cfg"))
    shutil.copytree(ROOT / "datasets" / "articles", root / "datasets" / "articles")
    settings = root / "settings"
    for rel, value in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    env = dict(os.environ)
    env.update({
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
        "JUPYTER_CONFIG_DIR": str(root / "config"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
        "MPLBACKEND": "agg",
    })
    port, token = _free_port(), secrets.token_hex(16)
    log = root / "jupyterlab.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root / 'notebooks'}", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.extension_manager=readonly",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, proc, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                if _get(f"{server.url}/api/status?token={token}", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab not ready within 90 s:\n{server.log_tail()}")
            time.sleep(0.5)
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # its own session: the server and its kernels
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in front
KERNEL_IDLE = """() => /\\| Idle/.test(document.getElementById('jp-main-statusbar')?.textContent || '')"""
NOT_RUN = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
                 .every(p => !/\\d/.test(p.textContent))"""
ALL_RUN = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
  if (prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))) return true;
  // an error stops "Run All": done when nothing is running any more and an error is shown
  const running = prompts.some(p => /\\[\\*\\]/.test(p.textContent));
  return !running && panel.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null;
}"""


def _menu(page: object, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()  # type: ignore[attr-defined]
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()  # type: ignore[attr-defined]


def _run_all(page: object, lab: Lab, name: str) -> None:
    """Open the notebook, clear the saved outputs (and prompts), run all cells, wait for the end."""
    # ?reset: a fresh workspace, so notebooks opened by earlier tests are not restored
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")  # type: ignore[attr-defined]
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=60_000)  # type: ignore[attr-defined]
    dialog = page.locator(".jp-Dialog button", has_text=re.compile("^Select$"))  # type: ignore[attr-defined]
    try:  # older settings may still ask which kernel to start
        dialog.click(timeout=3_000)
    except sync_api.TimeoutError:
        pass
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)  # type: ignore[attr-defined]
    _menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(NOT_RUN, timeout=10_000)  # type: ignore[attr-defined]
    _menu(page, "Run", "Run All Cells")
    page.wait_for_function(ALL_RUN, timeout=150_000)  # type: ignore[attr-defined]
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)  # type: ignore[attr-defined]


def _errors(page: object) -> list[str]:
    found = page.evaluate("""() => {  // stderr/error outputs with a traceback, widget failures
      const out = [];
      document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        .forEach(e => { if (/Traceback|Error/.test(e.textContent)) out.push(e.textContent.slice(0, 800)); });
      document.querySelectorAll('.jp-OutputArea-output').forEach(e => {
        if (/Error displaying widget|Failed to load model/.test(e.textContent)) out.push(e.textContent.slice(0, 300));
      });
      document.querySelectorAll('.tk-error').forEach(e => out.push(e.textContent));
      return out;
    }""")  # type: ignore[attr-defined]
    return list(found)


def _visible(explorers: object) -> list[object]:
    items = [explorers.nth(i) for i in range(explorers.count())]  # type: ignore[attr-defined]
    return [e for e in items if e.is_visible()]


def _check_plot(page: object, explorer: object, shot: Path) -> None:
    """The explorer's plot image is loaded (decoded, non-zero size); screenshot it."""
    explorer.locator("img.widget-image").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "el => { const i = el.querySelector('img.widget-image'); "
        "return i && i.complete && i.naturalWidth > 100 && i.naturalHeight > 100; }",
        arg=explorer.element_handle(), timeout=30_000)  # type: ignore[attr-defined]
    explorer.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    explorer.screenshot(path=str(shot))  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_widgets_respond(lab: Lab, browser: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    stem = name.removesuffix(".ipynb")
    (SHOTS / f"{stem}-failure.png").unlink(missing_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 2000})  # type: ignore[attr-defined]
    try:
        _run_all(page, lab, name)
        assert not _errors(page), _errors(page)

        explorers = page.locator(f"{PANEL} .jp-OutputArea .tk-explorer")
        assert explorers.count() >= 1, "no explorer widget rendered"
        tabs = page.locator(f"{PANEL} .jp-OutputArea .widget-tab .lm-TabBar-tab")
        for t in range(tabs.count()):  # a Dashboard: show each tab and check its explorer
            tabs.nth(t).click()
            _check_plot(page, _visible(explorers)[0], SHOTS / f"{stem}-tab{t + 1}.png")
        if tabs.count():
            tabs.nth(0).click()
        visible = _visible(explorers)
        assert visible, "no visible explorer"
        for e in visible:
            _check_plot(page, e, SHOTS / f"{stem}-explorer.png")
        explorer = visible[0]
        page.screenshot(path=str(SHOTS / f"{stem}-page.png"))
        if name in FIRST_QUESTIONS:
            FIRST_QUESTIONS[name](page, explorer)

        img = explorer.locator("img.widget-image")
        table = explorer.locator(".widget-html").filter(has=page.locator("table.tk-table"))
        src_before, table_before = img.get_attribute("src"), table.inner_html()
        label = NOTEBOOKS[name]
        select = explorer.locator(".widget-dropdown").filter(
            has=page.locator("label", has_text=re.compile(f"^{label}$"))).locator("select")
        options = select.locator("option")
        current = select.evaluate("s => s.selectedIndex")
        select.select_option(index=(current + 1) % options.count())
        page.wait_for_function(
            """([el, src]) => { const i = el.querySelector('img.widget-image');
                return i && i.src !== src && i.complete && i.naturalWidth > 0; }""",
            arg=[explorer.element_handle(), src_before], timeout=30_000)
        page.wait_for_function("([el, html]) => { const t = el.querySelector('table.tk-table'); "
                               "return t && t.closest('.widget-html').innerHTML !== html; }",
                               arg=[explorer.element_handle(), table_before], timeout=30_000)
        assert img.get_attribute("src") != src_before
        assert table.inner_html() != table_before
        assert not _errors(page), _errors(page)
        explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-changed.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / f"{stem}-failure.png"), full_page=True)
        raise
    finally:
        page.close()
        for s in lab.api("/api/sessions") or []:  # type: ignore[union-attr]
            lab.api(f"/api/sessions/{s['id']}", method="DELETE")  # free the kernel for the next one


def _html(explorer: object, selector: str) -> str:
    return str(explorer.evaluate(  # type: ignore[attr-defined]
        "(el, sel) => { const t = el.querySelector(sel); return t ? t.innerHTML : ''; }", selector))


def _wait_changed(page: object, explorer: object, selector: str, before: str) -> None:
    """Until the inner HTML of ``selector`` in the explorer differs from ``before`` (``_html``)."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "([el, sel, html]) => { const t = el.querySelector(sel); return t && t.innerHTML !== html; }",
        arg=[explorer.element_handle(), selector, before], timeout=30_000)  # type: ignore[attr-defined]


def _top_countries_per_month(page: object, explorer: object) -> None:
    """Which countries are mentioned most each month: "Show" a top 3 per period."""
    table = explorer.locator(".widget-html").filter(has=page.locator("table.tk-table"))  # type: ignore[attr-defined]
    before = _html(explorer, ".widget-html table.tk-table")
    explorer.locator(".widget-dropdown").filter(  # type: ignore[attr-defined]
        has=page.locator("label", has_text=re.compile("^Show$"))).locator("select") \
        .select_option(label="Top 3 countries per period")
    _wait_changed(page, explorer, ".widget-html table.tk-table", before)
    assert "<th>rank</th>" in table.inner_html()
    _check_plot(page, explorer, SHOTS / "02-mentions-top3-per-month.png")
    assert not _errors(page), _errors(page)


def _search_a_speaker_and_read(page: object, explorer: object) -> None:
    """What did Peskov say: type "pesk", see him listed with his counts and id, his statements in
    the table; click a statement, read it around its quote, then "more"; the explorer stays a
    screen or two tall (press releases have no paragraph breaks)."""
    table = explorer.locator(".widget-html").filter(has=page.locator("table.tk-table"))  # type: ignore[attr-defined]
    before = _html(explorer, ".widget-html table.tk-table")
    search = explorer.locator(".widget-text").filter(  # type: ignore[attr-defined]
        has=page.locator("label", has_text=re.compile("^Find speaker$"))).locator("input")
    search.fill("pesk")
    speakers = explorer.locator(".widget-select").filter(  # type: ignore[attr-defined]
        has=page.locator("label", has_text=re.compile("^Speaker$"))).locator("select")
    page.wait_for_function(  # type: ignore[attr-defined]
        "el => el.options.length >= 2 && /Peskov/.test(el.options[1].textContent)",
        arg=speakers.element_handle(), timeout=30_000)
    label = speakers.locator("option").nth(1).inner_text().replace("\xa0", " ")
    assert re.search(r"\d+ statements?.* · id ", label), label
    speakers.select_option(index=1)
    _wait_changed(page, explorer, ".widget-html table.tk-table", before)
    assert "Peskov" in table.inner_html()
    _check_plot(page, explorer, SHOTS / "04-statements-speaker-search.png")

    listing = explorer.locator(".widget-select").filter(  # type: ignore[attr-defined]
        has=page.locator("label", has_text=re.compile("^Statement$"))).locator("select")
    detail = explorer.locator(".tk-detail").first  # type: ignore[attr-defined]
    shown = _html(explorer, ".tk-detail")
    n = listing.locator("option").count()
    listing.select_option(index=min(2, n - 1))  # one click on a row of the list
    if n > 2:
        _wait_changed(page, explorer, ".tk-detail", shown)
    text = detail.inner_text()
    assert "kremlin.ru" in text or "president.gov.ua" in text  # the article's URL
    assert detail.locator("mark.tk-quote").count() >= 1
    explorer.locator("button", has_text=re.compile("^more$")).click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "el => [...el.querySelectorAll('button')].some(b => /^less$/.test(b.textContent.trim()))",
        arg=explorer.element_handle(), timeout=30_000)  # type: ignore[attr-defined]
    height = explorer.evaluate("el => el.getBoundingClientRect().height")  # type: ignore[attr-defined]
    assert height < 2600, f"the explorer is {height:.0f} px tall"
    explorer.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    explorer.screenshot(path=str(SHOTS / "04-statements-read-more.png"))  # type: ignore[attr-defined]
    detail.screenshot(path=str(SHOTS / "04-statements-read-more-detail.png"))
    assert not _errors(page), _errors(page)


# the analyst's first questions, asked of the explorer of these notebooks after the generic checks
FIRST_QUESTIONS = {"02-mentions.ipynb": _top_countries_per_month,
                   "04-statement-timelines.ipynb": _search_a_speaker_and_read}
