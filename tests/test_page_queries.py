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
# queries. Later: the user, the page's own fetch-and-authorise; drawn fragments come cached.
TEACHER_QUERIES = {
    "results": (6, 2),
    "results_csv": (6, 2),
    "overview": (6, 2),
    "older_homework": (6, 2),
}
STUDENT_QUERIES = {
    # the dashboard's homework, plus the memory by topic and this week's Revise now sessions
    "dashboard": (6, 6),
    "all_done": (6, 6),
    "practice": (3, 2),
    "bare": (1, 1),
    "section": (7, 1),
    "subtopic": (7, 1),
    "glossary": (2, 1),
    "timeline": (3, 1),
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
