"""Real-browser checks of the cockpit, map and battle chart (Playwright driving Debian's chromium).

Screenshots go to test-artifacts/ for a person to look at. Skipped, saying why, where chromium is missing."""

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from keyprojects.testing.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = [
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


def _visit(browser, live_server, username: str, paths: list[str]) -> dict[str, str]:
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


def _locate(people) -> None:
    for project in (people.project_a, people.project_b):
        project.longitude, project.latitude = Decimal("113.85"), Decimal("34.03")
        project.save()


def test_a_leader_sees_the_cockpit_map_and_battle_chart_without_script_errors(people, live_server, browser):
    _locate(people)
    texts = _visit(
        browser,
        live_server,
        "t_leader",
        [
            "/cockpit/?period=2026-10",
            "/cockpit/?period=2026-10&wall=1",
            "/cockpit/map/?period=2026-10",
            "/cockpit/battle/",
            "/cockpit/mine/",
        ],
    )
    cockpit = texts["/cockpit/?period=2026-10"]
    assert "2026年1—10月重点项目驾驶舱" in cockpit and "0 / 2" in cockpit  # new starts: none started of two
    assert "共 2 个有坐标的项目" in texts["/cockpit/map/?period=2026-10"]
    assert "项目A" in texts["/cockpit/mine/"]


def test_a_county_user_sees_its_own_subtree_in_the_browser(people, live_server, browser):
    _locate(people)
    texts = _visit(browser, live_server, "t_county_b", ["/cockpit/?period=2026-10", "/cockpit/map/?period=2026-10"])
    assert "0 / 1" in texts["/cockpit/?period=2026-10"]  # one new start in 魏都区, not started
    assert "共 1 个有坐标的项目" in texts["/cockpit/map/?period=2026-10"]
