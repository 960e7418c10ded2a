"""Real-browser tests (Playwright driving Debian's chromium): the `browser` fixture, the marks every such
test module takes (`pytestmark = BROWSER_TESTS`), `visit`, which logs in, opens pages, saves their
screenshots to test-artifacts/ for a person to look at and fails on any JavaScript error, and `logged_in`,
the session a journey walks in (a person on a desktop or a phone who opens, types, clicks, downloads).
`docx_text` and `xlsx_rows` read a downloaded document as a person reads it."""

import os
import shutil
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest

from keyprojects.testing.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BROWSER_TESTS = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
    # The live server is built before per-test settings apply, so plain http must be chosen up front.
    pytest.mark.skipif(os.environ.get("KEYPROJECTS_HTTPS") != "0", reason="needs KEYPROJECTS_HTTPS=0 (./test sets it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--lang=zh-CN",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
            ],
        )
        yield browser
        browser.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
CHART_DRAW_MS = 800


class Session:
    """One person logged in: every page opened is screenshotted as `<journey>_<n>_<step>.png`."""

    def __init__(self, page, base: str, journey: str):
        self.page, self.base, self.journey, self.errors, self.shots = page, base, journey, [], 0
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str, step: str) -> str:
        """Go to `path` as if typed in the address bar; the page's text."""
        self.page.goto(f"{self.base}{path}")
        return self.shot(step)

    def shot(self, step: str) -> str:
        self.shots += 1
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{self.journey}_{self.shots}_{step}.png"), full_page=True)
        return self.page.inner_text("body")

    def press(self, name: str, *, within=None) -> None:
        """Click the button (or link) a person reads as `name`, and wait for the next page."""
        scope = within if within is not None else self.page
        with self.page.expect_navigation():
            scope.get_by_role("button", name=name).or_(scope.get_by_role("link", name=name)).first.click()

    def term(self, label: str) -> str:
        """The value beside a label of a definition list (<dt>label</dt><dd>value</dd>)."""
        return self.page.locator(f"xpath=//dt[normalize-space()='{label}']/following-sibling::dd[1]").inner_text()

    def row(self, cell: str, within=None):
        """The first table row with a cell (or a link in one) reading exactly `cell`."""
        scope = within if within is not None else self.page
        return scope.locator(f"xpath=.//tr[td[normalize-space()='{cell}' or .//*[normalize-space()='{cell}']]]").first

    def cells(self, cell: str, within=None) -> list[str]:
        """The texts of that row's cells, left to right."""
        return [text.strip() for text in self.row(cell, within).locator("td").all_inner_texts()]

    def download(self, name: str) -> bytes:
        """Click the link `name` and return the file the browser saves."""
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name=name).first.click()
        return Path(download.value.path()).read_bytes()


@contextmanager
def logged_in(browser, live_server, username: str, *, journey: str = "", phone: bool = False):
    """`username` logged in through the login page, on a phone (390×844, touch) or a desktop screen;
    the test fails on any JavaScript error the pages raised."""
    base = live_server.url.replace("localhost", "127.0.0.1")
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True, **(PHONE if phone else DESKTOP)
    )
    page = context.new_page()
    session = Session(page, base, journey or username)
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    try:
        yield session
    finally:
        context.close()
    assert not session.errors, session.errors


def visit(browser, live_server, username: str, paths: list[str]) -> dict[str, str]:
    """Log in and open each page; their texts by path (screenshots named after user and path)."""
    texts = {}
    with logged_in(browser, live_server, username) as session:
        for path in paths:
            session.page.goto(f"{session.base}{path}")
            session.page.wait_for_timeout(CHART_DRAW_MS)  # let the charts draw before the screenshot
            name = path.strip("/").replace("/", "_").split("?")[0] or "home"
            session.page.screenshot(path=str(ARTIFACTS / f"{username}_{name}.png"), full_page=True)
            texts[path] = session.page.inner_text("body")
    return texts


# Opens every chart's tooltip in turn (each data point of each series) and returns what they said; the
# tooltips are part of the page's text only while open. The tooltip sits at the point, as under a mouse:
# without `position`, ECharts gives a tooltip opened by script an arrow drawn with a style="" attribute.
SHOW_EVERY_TOOLTIP = """() => {
  const said = [];
  if (!window.echarts) return "";
  document.querySelectorAll("[_echarts_instance_]").forEach((dom) => {
    const chart = echarts.getInstanceByDom(dom);
    (chart.getOption().series || []).forEach((series, seriesIndex) => {
      for (let dataIndex = 0; dataIndex < (series.data || []).length; dataIndex++) {
        chart.dispatchAction({ type: "showTip", seriesIndex, dataIndex, position: (point) => point });
        said.push(dom.innerText);
      }
    });
    chart.dispatchAction({ type: "hideTip" });
  });
  return said.join("\\n");
}"""


def show_every_tooltip(page) -> str:
    """Every chart tooltip of the page forced open, one after another; their texts."""
    return page.evaluate(SHOW_EVERY_TOOLTIP)


def docx_text(content: bytes) -> str:
    """A Word file's paragraphs and table rows, one a line (cells separated by tabs)."""
    from docx import Document

    document = Document(BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text.strip() for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def xlsx_rows(content: bytes) -> dict[str, list[list]]:
    """An Excel file's sheets by name, each a list of rows of values."""
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
