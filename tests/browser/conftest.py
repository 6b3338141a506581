"""Browser tests: Playwright for Python driving Debian's Chromium. Never downloads a browser."""

import importlib
import json
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps as django_apps

CHROMIUM = os.environ.get("FRIRUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = []
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            browser_items.append(item)
    # Last: once Playwright has started, its event loop runs in the test thread for the rest
    # of the session, and async_to_sync (the chat's WebSocket tests) refuses to run there.
    chosen = set(browser_items)
    items[:] = [item for item in items if item not in chosen] + browser_items


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The rows the data migrations seed (municipalities, taxonomy terms, questionnaire
    instruments). A live-server test ends with a flush that removes them, so each browser
    test puts them back first; every loader is idempotent."""
    from frirum.questionnaires.defaults import seed_instruments
    from frirum.questionnaires.models import Instrument, InstrumentVersion, Item
    from frirum.taxonomies.defaults import seed_terms
    from frirum.taxonomies.models import Term

    importlib.import_module("frirum.sites.migrations.0002_municipalities").load(django_apps, None)
    seed_terms(Term)
    seed_instruments(Instrument, InstrumentVersion, Item)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `apt-get install chromium` (bin/test does)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watch_csp(page) -> list[str]:
    """Collects what the Content-Security-Policy refused on the page: the test fails on any."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.fixture
def page(browser):
    # Debian's headless Chromium sends Accept-Language: en-US whatever the locale; the
    # workspace is Danish first, so ask for Danish like a Danish browser would.
    context = browser.new_context(
        locale="da-DK",
        viewport={"width": 1024, "height": 768},
        extra_http_headers={"Accept-Language": "da"},
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = _watch_csp(page)
    yield page
    context.close()
    assert not violations, violations


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="da-DK",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = _watch_csp(page)
    yield page
    context.close()
    assert not violations, violations


def axe_violations(page, impact: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Runs axe-core (vendored) against the page; returns WCAG 2.1 AA violations of that impact."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern: an injected
    # inline <script> would be refused like any other.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [v for v in result["violations"] if v.get("impact") in impact]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ],
        indent=1,
        ensure_ascii=False,
    )


def login(page, live_server, email: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    # `main`: the header has submit buttons too (language, log out).
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
