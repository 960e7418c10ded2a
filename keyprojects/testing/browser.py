"""Real-browser tests (Playwright driving Debian's chromium): the `browser` fixture, the marks every such
test module takes (`pytestmark = BROWSER_TESTS`) and `visit`, which logs in, opens pages, saves their
screenshots to test-artifacts/ for a person to look at and fails on any JavaScript error."""

import os
import shutil
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


def visit(browser, live_server, username: str, paths: list[str]) -> dict[str, str]:
    base = live_server.url.replace("localhost", "127.0.0.1")
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    texts = {}
    ARTIFACTS.mkdir(exist_ok=True)
    for path in paths:
        page.goto(f"{base}{path}")
        page.wait_for_timeout(800)  # let the charts draw before the screenshot
        name = path.strip("/").replace("/", "_").split("?")[0] or "home"
        page.screenshot(path=str(ARTIFACTS / f"{username}_{name}.png"), full_page=True)
        texts[path] = page.inner_text("body")
    page.close()
    assert not errors, errors
    return texts
