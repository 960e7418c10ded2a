"""Every page is sent with a Content-Security-Policy that allows no inline script (README › 设计决定), and
nothing in our templates or scripts would need one: no inline <script>, no on…= handlers, no style=""
attributes, and chart tooltips only through the text-building helpers of core/static/core/kp.js."""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
OUR_SCRIPTS = [path for path in PACKAGE.glob("*/static/**/*.js") if "vendor" not in path.parts]
TEMPLATES = list(PACKAGE.glob("*/templates/**/*.html"))


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header of `response`, directive → sources."""
    header = response.headers["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize(
    "role, path",
    [
        ("anonymous", "/login/"),
        ("city", "/"),
        ("city", "/projects/"),
        ("county_a", "/cockpit/"),
        ("leader", "/cockpit/map/"),
        ("owner_x", "/no-such-page/"),
    ],
)
def test_every_page_forbids_inline_script_plugins_framing_and_foreign_forms(client_for, role, path):
    directives = policy(client_for(role).get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]


def test_only_the_swagger_ui_page_allows_inline_styles_and_its_script_is_still_a_file(client_for):
    client = client_for("city")
    page = client.get("/api/docs/")
    directives = policy(page)
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]
    assert "<script>" not in page.content.decode()
    start_up = client.get("/api/docs/?script=")
    assert start_up["Content-Type"].startswith("application/javascript") and b"SwaggerUIBundle" in start_up.content


def test_no_template_has_inline_script_event_handlers_or_style_attributes():
    found = []
    for template in TEMPLATES:
        text = template.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+=", r"\sstyle=", r"<style"):
            found += [f"{template.relative_to(PACKAGE)}: {match}" for match in re.findall(pattern, text)]
    assert found == []


def test_our_scripts_never_parse_data_as_html():
    found = []
    for script in OUR_SCRIPTS:
        text = script.read_text()
        found += [
            f"{script.name}: {m}" for m in re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", text)
        ]
        # A chart formatter that returns a string is parsed as HTML by ECharts; ours return text nodes.
        formatters = re.findall(r"formatter:\s*([^,}]+)", text)
        found += [f"{script.name}: {f}" for f in formatters if not re.match(r"(\([^)]*\)\s*=>\s*)?KP\.", f)]
    assert OUR_SCRIPTS and found == []
