"""A class at once, through real HTTP on PostgreSQL: signing in, starting, autosaving every answer
several times over (a phone retrying on a bad signal), some students on two devices, and handing
in three times. Nothing acknowledged is lost, nothing is duplicated, nothing answers 5xx.

Each "device" is its own cookie jar talking to the live server over a socket; the server runs
each request in its own thread and database connection, as gunicorn workers would.
"""

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse

from classrooms.models import AssignmentAttempt
from quizzes.models import Question, Response
from tests import factories
from tests.conftest import load_course_and_bank

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real parallel requests"),
]

STUDENTS = 30
TWO_DEVICES = 10  # the first ten students also answer from a second device
SENDS = 3  # each save is sent this many times at once
PASSWORD = "correct-horse-battery"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Device:
    """A browser: cookies, the CSRF token, and every status code it was answered with."""

    def __init__(self, base_url, statuses):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects
        )
        self.statuses = statuses

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"X-CSRFToken": self.csrf()} if data is not None else {}
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        self.statuses.append((status, path))
        return status, text

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self, username):
        login = reverse("login")
        self.request(login)
        status, _ = self.request(login, {"username": username, "password": PASSWORD})
        assert status == 302, f"{username} could not sign in ({status})"


@pytest.fixture
def class_homework():
    if not Question.objects.exists():  # transactional tests empty the database after them
        load_course_and_bank()
    students = [factories.make_student(username=f"storm{n}") for n in range(STUDENTS)]
    classroom = factories.enrol(factories.make_classroom(), *students)
    return factories.make_assignment(classroom=classroom), students


def text_question_ids(assignment):
    return [q.pk for q in assignment.quiz.ordered_questions() if q.kind in {"typed", "cloze"}]


def page_versions(html):
    return {int(q): int(v) for q, v in re.findall(r'name="q(\d+)-version" value="(\d+)"', html)}


def work(device, assignment, username, question_ids, acks, label):
    """Start (or carry on), then answer every text question, each save sent SENDS times at once."""
    start = reverse("classrooms:start", kwargs={"pk": assignment.pk})
    answer_url = reverse("classrooms:answer", kwargs={"pk": assignment.pk})
    device.request(start, {})
    for question_id in question_ids:
        status, html = device.request(
            reverse("classrooms:question", kwargs={"pk": assignment.pk, "number": 1})
        )
        assert status == 200
        # The page of question 1 carries only its own version; the others start from what this
        # device last heard back, or 0, as a page opened before any answer would.
        version = page_versions(html).get(question_id, 0)
        answer = f"{label} answer to {question_id}"
        data = {
            "question": question_id,
            f"q{question_id}": answer,
            f"q{question_id}-version": version,
        }
        with ThreadPoolExecutor(SENDS) as pool:
            replies = list(pool.map(device.request, [answer_url] * SENDS, [data] * SENDS))
        for status, body in replies:
            if status == 200:
                acks[(username, question_id)].append((json.loads(body)["version"], answer))
            else:
                assert status == 409 and json.loads(body)["conflict"], (status, body)


def test_a_class_storming_the_homework_loses_nothing(live_server, class_homework):
    assignment, students = class_homework
    question_ids = text_question_ids(assignment)
    assert question_ids
    statuses, acks = [], defaultdict(list)
    devices = {}

    def student_job(index):
        username = students[index].username
        jobs = [("phone", Device(live_server.url, statuses))]
        if index < TWO_DEVICES:
            jobs.append(("laptop", Device(live_server.url, statuses)))
        for _, device in jobs:
            device.sign_in(username)
        devices[username] = jobs[0][1]
        threads = [
            threading.Thread(
                target=work, args=(device, assignment, username, question_ids, acks, label)
            )
            for label, device in jobs
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(student_job, range(STUDENTS)))
    submit = lambda device: device.request(  # noqa: E731
        reverse("classrooms:submit", kwargs={"pk": assignment.pk}), {}
    )
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(submit, [d for d in devices.values() for _ in range(3)]))

    assert [s for s in statuses if s[0] >= 500] == []
    for student in students:
        links = AssignmentAttempt.objects.filter(assignment=assignment, student=student)
        assert links.count() == 1  # one attempt each, however many starts
        attempt = links.get().attempt
        assert attempt.is_submitted
        stored = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
        assert len(stored) == len(attempt.question_order)  # one response per question
        for question_id in question_ids:
            acked = acks[(student.username, question_id)]
            assert acked, f"no save of {student.username}'s answer to {question_id} was accepted"
            # Each version was given to one answer only: no save overwrote another unseen.
            answers_of = defaultdict(set)
            for version, answer in acked:
                answers_of[version].add(answer)
            assert all(len(answers) == 1 for answers in answers_of.values()), answers_of
            newest_version, newest_answer = max(acked)
            response = stored[question_id]
            assert (response.version, response.answer) == (newest_version, newest_answer)
            assert response.score is not None  # marked with the submission
