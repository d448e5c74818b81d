"""Browser tests: Playwright's sync API drives Debian's Chromium against the live server.

Playwright cannot download its own browsers here, so the tests use /usr/bin/chromium. Without it
they skip, except in CI (CI=true), where a missing browser must not pass as a green run.

The live server reads the test database from another thread, so the tests are transactional.
Django empties the database after each of them (the serialized rollback brings back the rows the
migrations made, such as the role groups), so the `course` fixture loads the course and the bank
again when they are gone.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from quizzes.models import Question
from tests.conftest import load_course_and_bank

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TIMEOUT_MS = 10_000  # a page of this app loads in well under a second; fail fast when one hangs

reports = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    item.stash.setdefault(reports, {})[report.when] = report
    return report


def call_failed(node):
    report = node.stash.get(reports, {}).get("call")
    return report is not None and report.failed


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio loop in this thread, which makes Django treat the
    # tests as async code: it refuses ORM calls, and hands out separate database connections.
    # The ORM is only called while the browser waits, so allow it; and keep the connections the
    # tests had, which carry the test database's state (the rows serialized_rollback restores,
    # and the in-memory SQLite database the live server shares).
    before = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in before.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def course(transactional_db):
    """The shipped course and its question bank, loaded again after a transactional test."""
    if not Question.objects.exists():
        load_course_and_bank()


@pytest.fixture
def new_page(browser, live_server, request, capsys):
    """Open a page in a fresh browser context (a new person, or the same one on a new visit).

    Takes Playwright's context options (viewport, is_mobile...). If the test fails, every page
    still open is saved under test-artifacts/ as a screenshot and its HTML. Anything the
    Content-Security-Policy refused (a script, a style, a fetch) fails the test: it is a page
    that does not work as written.
    """
    contexts, refused = [], []

    def watch(page):
        def on_console(message):
            if message.type == "error" and "Content Security Policy" in message.text:
                refused.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", watch)
        contexts.append(context)
        return context.new_page()

    yield open_page

    if call_failed(request.node):
        pages = [page for context in contexts for page in context.pages]
        saved = save_artifacts(request.node.nodeid, pages)
        with capsys.disabled():
            print("\nBrowser state when the test failed:", *saved, sep="\n  ")
    for context in contexts:
        context.close()
    if refused and not call_failed(request.node):
        pytest.fail("The Content-Security-Policy refused:\n" + "\n".join(refused), pytrace=False)


def save_artifacts(nodeid, pages):
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", nodeid.split("/")[-1])
    saved = []
    for number, page in enumerate(pages, start=1):
        base = ARTIFACTS / f"{stem}-{number}"
        try:
            page.screenshot(path=f"{base}.png", full_page=True)
            Path(f"{base}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # a crashed page must not hide the test's own failure
            saved.append(f"{base}: not saved ({error})")
            continue
        saved += [f"{base}.png", f"{base}.html ({page.url})"]
    return saved
