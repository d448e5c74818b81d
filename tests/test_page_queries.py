"""Query counts of the busiest pages, pinned at three sizes: one student, a class of 30, and a
school-like shape (a class with more homework than the overview shows at once, its students in
a second class too). Each page takes the same number of queries at every size, never more
than 8: first with nothing cached, then as every later visit finds it (fragments and results in
the cache).
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.classrooms.helpers import all_right, answer, make_homework

SIZES = {"one": (1, 1, 0), "class": (30, 2, 0), "school": (6, 12, 3)}


@pytest.fixture(params=list(SIZES))
def school(request, teacher):
    students, homeworks, other_homeworks = SIZES[request.param]
    first = make_homework(teacher=teacher, students=students)
    classroom, students = first.classroom, first.students
    done = [first]
    for number in range(1, homeworks):
        done.append(make_homework(classroom=classroom, students=students, title=f"Week {number}"))
    for homework in done:
        for student in homework.students:
            answer(homework.assignment, student, all_right(homework))
    other = factories.make_classroom(teacher=teacher)
    for number in range(other_homeworks):
        extra = make_homework(classroom=other, students=first.students, title=f"Other {number}")
        answer(extra.assignment, first.students[0], all_right(extra))
    return first


def teacher_pages(homework):
    assignment, classroom = homework.assignment.pk, homework.classroom.pk
    return {
        "results": reverse("classrooms:results", args=[assignment]),
        "results_csv": reverse("classrooms:results_csv", args=[assignment]),
        "overview": reverse("classrooms:overview", args=[classroom]),
        "older_homework": reverse("classrooms:overview", args=[classroom]) + "?page=2",
    }


STUDENT_PAGES = {
    "dashboard": reverse("classrooms:dashboard"),
    "all_done": reverse("classrooms:dashboard") + "?done=all",
    "practice": reverse("quizzes:practice"),
    "bare": reverse("password_change_done"),
    "section": reverse("topics:topic", args=["stalins-rise-to-power"]),
    "subtopic": reverse("topics:topic", args=["lenins-testament"]),
    "glossary": reverse("topics:glossary"),
    "timeline": reverse("topics:timeline"),
}

# (first visit, later visits). The first: the user with their roles, then the page's own
# queries. Later: the page's own fetch-and-authorise; the signed-in user (ussr_revision/
# signed_in.py) and drawn fragments come cached.
TEACHER_QUERIES = {
    "results": (6, 1),
    "results_csv": (6, 1),
    "overview": (6, 1),
    "older_homework": (6, 1),
}
STUDENT_QUERIES = {
    # the dashboard's homework (drawn once: classrooms/dashboard.py), the memory by topic and
    # this week's Revise now sessions (kept: quizzes/revision.memory_panel)
    "dashboard": (6, 0),
    "all_done": (6, 0),
    "practice": (3, 1),
    "bare": (1, 0),
    "section": (7, 0),
    "subtopic": (7, 0),
    "glossary": (2, 0),
    "timeline": (3, 0),
}


def visit_twice(client, url, expected, django_assert_num_queries):
    first, later = expected
    with django_assert_num_queries(first):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(later):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == response.content or b"csrfmiddlewaretoken" in response.content


@pytest.mark.parametrize("page", list(TEACHER_QUERIES))
def test_teacher_pages_take_the_same_queries_at_every_size(
    client, school, page, django_assert_num_queries
):
    client.force_login(school.classroom.teacher)
    url = teacher_pages(school)[page]
    visit_twice(client, url, TEACHER_QUERIES[page], django_assert_num_queries)


@pytest.mark.parametrize("page", list(STUDENT_QUERIES))
def test_student_pages_take_the_same_queries_at_every_size(
    client, school, page, django_assert_num_queries
):
    client.force_login(school.students[0])
    visit_twice(client, STUDENT_PAGES[page], STUDENT_QUERIES[page], django_assert_num_queries)


@pytest.fixture
def live(school):
    """Homework the first student is half-way through: more answers saved at the larger sizes,
    so a query per saved answer would show."""
    homework = make_homework(classroom=school.classroom, students=[], title="Live")
    student = school.students[0]
    saved = 1 if len(school.students) == 1 else 3
    answers = dict(list(all_right(homework).items())[:saved])
    answer(homework.assignment, student, answers, submitted_at=None)
    return homework, student


def test_the_homework_question_takes_the_same_queries_at_every_size(
    client, live, django_assert_num_queries
):
    homework, student = live
    client.force_login(student)
    url = reverse("classrooms:question", args=[homework.assignment.pk, 2])
    # the user with their roles, the open attempt with its homework, the question, the answers;
    # later, the user, the open attempt (classrooms/open_attempts.py) and the question
    # (taking.questions_to_answer) come from the cache
    visit_twice(client, url, (4, 1), django_assert_num_queries)


def test_autosave_takes_the_same_queries_at_every_size(
    client, school, live, django_assert_num_queries
):
    homework, student = live
    client.force_login(student)
    url = reverse("classrooms:answer", args=[homework.assignment.pk])
    question = homework.mcq  # answered at every size: the answer is changed
    data = {"question": question.pk, f"q{question.pk}": "Kamenev"}
    # The page was shown first, as before every save: the user, the open attempt with its
    # homework and the question are in the cache.
    client.get(reverse("classrooms:question", args=[homework.assignment.pk, 1]))
    # one statement that checks the attempt is open and the student in the class, writes the
    # answer and returns its new version with the count answered
    with django_assert_num_queries(1):
        response = client.post(url, data)
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] and body["version"] == 2
    assert body["answered"] == (1 if len(school.students) == 1 else 3)
