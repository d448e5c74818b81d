"""Take the README's screenshots from a throw-away copy of the app filled with the demo data.

    .venv/bin/python docs/screenshots/take.py

Makes a new SQLite database in a temporary folder (the development database is not touched),
migrates it, loads the course, builds the question bank and the demo class (`setup_demo`), serves
it with `runserver`, and photographs it with Debian's Chromium (/usr/bin/chromium):

- student-quiz-phone.png: a homework question on a 360 px wide phone;
- teacher-results-desktop.png: the demo homework's results on a 1280 px wide desktop.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as in tests/e2e/conftest.py
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "revise-1924"  # classrooms.demo.DEMO_PASSWORD
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def main():
    if not Path(CHROMIUM).exists():
        sys.exit(f"take.py: needs Chromium at {CHROMIUM}")
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/screenshots.sqlite3",
            "DEBUG": "true",  # runserver serves the static files, and setup_demo needs it
        }
        for command in ["migrate", "load_content", "build_question_bank", "setup_demo"]:
            manage(command, env=env)
        shown = first_multiple_choice(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url)
            take_screenshots(url, shown)
        finally:
            server.terminate()
            server.wait()
    print(f"take.py: saved {', '.join(sorted(p.name for p in HERE.glob('*.png')))} in {HERE}")


def manage(command, *, env):
    subprocess.run(
        [sys.executable, "manage.py", command],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def first_multiple_choice(env):
    """The demo homework's first multiple-choice question: (its number, its right answer)."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ussr_revision.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from quizzes.models import Kind, Quiz

    quiz = Quiz.objects.get(title="Rise to power and the Terror")
    questions = enumerate(quiz.ordered_questions(), start=1)  # the demo quiz is not shuffled
    return next((n, q.answer) for n, q in questions if q.kind == Kind.MULTIPLE_CHOICE)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def take_screenshots(url, shown):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        # Reduced motion: the charts are drawn at once instead of growing into place.
        desktop = browser.new_context(base_url=url, viewport=DESKTOP, reduced_motion="reduce")
        page = results_page(desktop.new_page())
        # Down to the end of the answers grid: the scores, the chart and every student's work.
        grid = page.get_by_role("region", name="Answers").bounding_box()
        height = grid["y"] + grid["height"] + 24
        page.screenshot(
            path=HERE / "teacher-results-desktop.png",
            full_page=True,
            clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": height},
        )
        phone = browser.new_context(
            base_url=url,
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            reduced_motion="reduce",
        )
        page = question_page(phone.new_page(), *shown)
        page.screenshot(path=HERE / "student-quiz-phone.png")
        browser.close()


def sign_in(page, username):
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda address: "/accounts/login/" not in address)


def results_page(page):
    sign_in(page, "demo_teacher")
    page.get_by_role("link", name="10B History (demo)").click()
    page.get_by_role("link", name="Rise to power and the Terror").click()
    for chart in page.get_by_role("img", name="Bar chart").all():
        expect(chart).to_be_visible()
    return page


def question_page(page, number, answer):
    sign_in(page, "demo_student")
    page.get_by_role("link", name="Rise to power and the Terror").click()
    page.get_by_role("button", name="Start").click()
    nav = page.get_by_role("navigation", name="Questions")
    nav.get_by_role("link", name=re.compile(rf"^Question {number},")).click()
    page.get_by_text(answer, exact=True).click()  # chosen and saved: the page at its fullest
    expect(page.locator("[data-save-status]")).to_have_attribute("data-state", "saved")
    page.evaluate("window.scrollTo(0, 0)")
    return page


if __name__ == "__main__":
    main()
