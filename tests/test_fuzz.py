"""Every URL and every POST form, as every persona, with hostile input: never a 5xx.

The URLs come from walking the resolver (the app's and the admin's), the forms from the pages
themselves, so a new page is fuzzed without touching this file (a new kind of URL parameter
fails `value_for` until it gets a value). The payloads are a fixed table, not random, so a failure
names the URL and the payload and happens again on the next run.
"""

import re
import time
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from classrooms import assignments
from classrooms.models import Classroom
from quizzes import taking
from quizzes.builder import build_quiz
from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "student", "outsider", "teacher", "other_teacher", "admin"]
HUGE_IDS = [2**63, 10**30]
MEGABYTE = "x" * 1_000_000

# Query strings for every page a persona can open: ids negative, huge, not numbers, repeated.
QUERIES = [
    {"attempt": "-1", "p": "-1", "page": "-1", "o": "-1", "code": "-1"},
    {"attempt": "abc", "p": "abc", "o": "x.y", "q": "%_\\'", "next": "https://evil.example/"},
    {"attempt": str(2**63), "p": str(10**30), "o": str(10**30), "_to_field": "password"},
    {"attempt": ["1", "2"], "p": ["1", "2"], "q": ["a", "b"], "all": "", "_popup": "1"},
    {"due_at__year": "9999", "due_at__month": "12", "due_at__day": "31", "e": "1"},
    {"q": "\x00", "code": "\x00"},
]

FILTER_GARBAGE = ["abc", str(10**30), "-1", "9999-12-31", ""]

# What replaces one field's value in a form the page offers.
MUTATIONS = [
    ("wrong type", "abc"),
    ("negative", "-1"),
    ("huge", str(10**30)),
    ("NUL", "a\x00b"),
    ("list", ["1", "2"]),
    ("far past", "0001-01-01T00:00"),
    ("far future", "9999-12-31T23:59"),
    ("1 MB", MEGABYTE),
]
INVALID_UTF8 = b"a=\xff\xfe&b=\xc3\x28&q1=\xed\xa0\x80&csrfmiddlewaretoken=\xff"


# The world: two classes, each with a teacher, a student, homework half done and practice.


def side(teacher, student, *, is_ours):
    classroom = factories.enrol(factories.make_classroom(teacher=teacher), student)
    assignment = factories.make_assignment(classroom=classroom, attempts_allowed=2)
    first = assignments.start_or_resume(assignment=assignment, student=student)
    assignments.submit(assignment=assignment, attempt=first)
    assignments.start_or_resume(assignment=assignment, student=student)  # the second, open
    section = Topic.objects.get(slug="the-terror-state")
    practice = build_quiz(owner=student, title="P", topics=[section], count=3, is_practice=True)
    practice_attempt = taking.start_attempt(quiz=practice, user=student)
    return SimpleNamespace(
        is_ours=is_ours,
        classroom=classroom,
        assignment=assignment,
        quiz=assignment.quiz,
        item=assignment.quiz.items.first(),
        student=student,
        practice_attempt=practice_attempt,
    )


def make_world():
    teacher, student = factories.make_teacher(), factories.make_student()
    other_teacher, outsider = factories.make_teacher(), factories.make_student()
    return SimpleNamespace(
        ours=side(teacher, student, is_ours=True),
        theirs=side(other_teacher, outsider, is_ours=False),
        users={
            "student": student,
            "outsider": outsider,
            "teacher": teacher,
            "other_teacher": other_teacher,
            "admin": factories.make_user(is_staff=True, is_superuser=True),
        },
    )


# URLs: every pattern of the resolver, filled in with ours, theirs, or huge ids


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # the whole route, e.g. "classes/<int:pk>/students/<int:student_pk>/"
    is_regex: bool


def routes(patterns=None, prefix="", namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            is_regex = type(pattern.pattern).__name__ == "RegexPattern"
            yield Route(name, prefix + str(pattern.pattern), is_regex)


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def admin_model(route):
    """The model of an admin page, from its address ("admin/quizzes/question/...")."""
    _, app_label, model_name, *_ = route.route.split("/")
    return apps.get_model(app_label, model_name)


def value_for(route, converter, name, mine):
    """The value of one URL parameter, for the objects of `mine` (a side of the world)."""
    if name == "pk":
        for prefix, obj in [
            ("classes/", mine.classroom),
            ("assignments/", mine.assignment),
            ("homework/", mine.assignment),
            ("quizzes/", mine.quiz),
            ("attempts/", mine.practice_attempt),
        ]:
            if route.route.startswith(prefix):
                return obj.pk
    simple = {
        "item_pk": mine.item.pk,
        "question_pk": mine.item.question_id,  # the results page's "Accept" link
        "student_pk": mine.student.pk,
        "number": 1,
        "id": mine.student.pk,  # the admin's password page for a user
        "content_type_id": ContentType.objects.get_for_model(Classroom).pk,
    }
    if name in simple:
        return simple[name]
    if name == "slug":
        return "stalin" if "people/" in route.route else "lenins-testament"
    if name == "object_id":
        if route.name == "admin:view_on_site":
            return mine.classroom.pk
        rows = admin_model(route)._default_manager.order_by("pk")
        row = rows.first() if mine.is_ours else rows.last()
        return row.pk if row else 1
    # Anything else (a batch, a sign-in token): an id or a word no row has, which must be a 4xx.
    if converter in (None, "str", "slug", "path"):
        return "no-such-thing"
    if converter == "uuid":
        return "00000000-0000-0000-0000-000000000000"
    return 987654


def urls_for(route, world):
    """(label, url) for ours, theirs and huge ids; one url for a route without parameters."""
    if route.is_regex:
        if "app_label" in route.route:
            return [("ours", reverse("admin:app_list", kwargs={"app_label": "quizzes"}))]
        return [("catch-all", "/admin/no-such-page/")]
    params = PARAMETER.findall(route.route)
    if not params:
        return [("plain", "/" + route.route)]

    def fill(values):
        return "/" + PARAMETER.sub(lambda m: str(values[m.group(2)]), route.route)

    urls = []
    # Whose rows an admin page shows makes no difference: the admin sees them all.
    sides = [("ours", world.ours)] + (
        [] if route.name.startswith("admin:") else [("theirs", world.theirs)]
    )
    for label, mine in sides:
        urls.append((label, fill({n: value_for(route, c, n, mine) for c, n in params})))
    # One huge id a route, in turns (2**63, then 10**30); -1 or "abc" where anything matches.
    huge = HUGE_IDS[len(route.route) % len(HUGE_IDS)]
    urls.append((f"id {huge}", fill({n: huge for _, n in params})))
    if any(converter in ("path", "") for converter, _ in params):
        odd = ["-1", "abc"][len(route.route) % 2]
        urls.append((f"id {odd}", fill({n: odd for _, n in params})))
    return urls


# Forms, read from the pages


@dataclass
class Form:
    action: str
    fields: dict = field(default_factory=dict)  # name -> default value (a list for several)
    files: list = field(default_factory=list)


class FormParser(HTMLParser):
    """The POST forms of a page, with the values a browser would send unchanged."""

    def __init__(self, page_url):
        super().__init__()
        self.page_url, self.forms, self.form, self.select, self.textarea = (
            page_url,
            [],
            None,
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.form = Form(urljoin(self.page_url, attrs.get("action") or self.page_url))
            self.forms.append(self.form)
        if self.form is None or ("name" not in attrs and tag != "option"):
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "file":
                self.form.files.append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
                else:
                    self.form.fields.setdefault(name, [])
            elif kind not in {"submit", "button", "reset", "image"} or name not in self.form.fields:
                self.add(name, attrs.get("value", ""))
        elif tag == "button" and name not in self.form.fields:
            self.add(name, attrs.get("value", ""))
        elif tag == "select":
            self.select = name
            self.form.fields.setdefault(name, [])
        elif tag == "option" and self.select:
            chosen = self.form.fields[self.select]
            if "selected" in attrs or not chosen:
                self.form.fields[self.select] = [attrs.get("value", "")]
        elif tag == "textarea":
            self.textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form.fields[self.textarea] = [self.form.fields[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def add(self, name, value):
        self.form.fields.setdefault(name, []).append(value)


def forms_on(page_url, response):
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(page_url)
    parser.feed(response.content.decode())
    for form in parser.forms:
        form.fields.pop("csrfmiddlewaretoken", None)  # the test client does not check it
    return parser.forms


MANAGEMENT = re.compile(r"(^_|^initial-|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$|__prefix__)")


def payloads(form, *, each_field):
    """(label, data) for a form: nothing; what the page would send unchanged; every mutation in
    every field, in turns (field i gets mutation i + k in turn k, so each field sees each one);
    and a megabyte in each field alone, the others as the page left them.

    The admin's forms are slow to show again, so they get one turn and one megabyte. Formset
    counts are left alone: Django caps them, but showing a thousand forms takes seconds."""
    yield "no fields", {}
    yield "as the page sent it", dict(form.fields)
    names = [name for name in form.fields if not MANAGEMENT.search(name)]
    small = [mutation for mutation in MUTATIONS if mutation[0] != "1 MB"]
    for turn in range((len(small) if each_field else 1) if names else 0):
        mutated = {name: small[(i + turn) % len(small)] for i, name in enumerate(names)}
        label = ", ".join(f"{name}={what}" for name, (what, _) in mutated.items())
        yield label, {**form.fields, **{name: value for name, (_, value) in mutated.items()}}
    for name in names if each_field else names[:1]:
        yield f"{name}=1 MB", {**form.fields, name: MEGABYTE}


# The fuzzer: one persona's client, and what went wrong


class Fuzzer:
    def __init__(self, persona, user):
        self.persona, self.user, self.failures = persona, user, []
        self.client, self.sent = Client(), 0
        self.sign_in()

    def sign_in(self):
        if self.user is not None:
            self.client.force_login(self.user)

    def send(self, verb, url, what, **kwargs):
        self.sent += 1
        try:
            response = getattr(self.client, verb)(url, **kwargs)
        except Exception as error:  # recorded with the URL and payload, asserted on at the end
            frame = traceback.extract_tb(error.__traceback__)[-1]
            what = f"{what} at {frame.filename.split('site-packages/')[-1]}:{frame.lineno}"
            self.failures.append(f"{verb.upper()} {url} [{what}]: {type(error).__name__}: {error}")
            return None
        finally:
            cookie = self.client.cookies.get("sessionid")
            if self.user is not None and (cookie is None or not cookie.value):
                self.sign_in()  # a logout page did its job
        if response.status_code >= 500:
            self.failures.append(f"{verb.upper()} {url} [{what}]: {response.status_code}")
        return response

    def post_form(self, form, each_field):
        for label, data in payloads(form, each_field=each_field):
            self.send("post", form.action, label, data=data)
        raw = {"data": INVALID_UTF8, "content_type": "application/x-www-form-urlencoded"}
        self.send("post", form.action, "invalid UTF-8", **raw)
        for name in form.files:
            upload = SimpleUploadedFile("list.csv", b"\xff\xfe\x00" + MEGABYTE.encode()[:200_000])
            self.send(
                "post", form.action, f"{name}=binary file", data={**form.fields, name: upload}
            )


def last_in_line(url):
    """Pages whose POST deletes or signs out go last, so the rest run on an intact world."""
    return any(word in url for word in ("/delete/", "/remove/", "logout"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_url_or_form_gives_a_server_error(persona):
    started = time.monotonic()
    world = make_world()
    fuzzer = Fuzzer(persona, world.users.get(persona))
    pages, post_targets = [], []

    for route in routes():
        for label, url in urls_for(route, world):
            response = fuzzer.send("get", url, f"{route.name}, {label} ids")
            if response is None:
                continue
            if response.status_code == 200 and label in {"ours", "plain"}:
                pages.append((url, response))
            if response.status_code == 405 or label in {"ours", "theirs"}:
                post_targets.append(url)

    forms = {}
    for number, (url, response) in enumerate(pages):
        query = QUERIES[number % len(QUERIES)]  # one a page, in turns: every one is sent
        fuzzer.send("get", f"{url}?{urlencode(query, doseq=True)}", "query string")
        for key_number, (key, query) in enumerate(admin_filters(response)[:2]):
            garbage = FILTER_GARBAGE[key_number % len(FILTER_GARBAGE)]
            fuzzer.send("get", f"{url}?{urlencode({**query, key: garbage})}", f"filter {key}")
        for form in forms_on(url, response):
            forms.setdefault(urlsplit(form.action).path, form)

    for path, form in sorted(forms.items(), key=lambda item: last_in_line(item[0])):
        fuzzer.post_form(form, each_field=not path.startswith("/admin/"))
    # Every other address takes a POST too: nothing, and a wrong type, as this persona.
    for url in sorted(set(post_targets) - set(forms), key=last_in_line):
        fuzzer.send("post", url, "no fields", data={})
        fuzzer.send("post", url, "wrong types", data={"question": "abc", "answer": ["x", "y"]})

    assert fuzzer.failures == [], "\n".join(fuzzer.failures[:30])
    print(f"{persona}: {fuzzer.sent} requests in {time.monotonic() - started:.1f} s")


def admin_filters(response):
    """(parameter, query) for each parameter of an admin change list's filter links."""
    if b'id="changelist-filter"' not in response.content:
        return []
    hrefs = re.findall(r'href="\?([^"#]+)"', response.content.decode())
    queries = {}
    for href in hrefs:
        query = dict(parse_qsl(href.replace("&amp;", "&")))
        for key in query:
            queries.setdefault(key, query)
    return sorted(queries.items())
