import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from classrooms.models import Enrolment
from tests import factories
from tests.classrooms.helpers import LATE, all_right, answer, make_homework

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_in(teacher):
    students = [
        factories.make_student(first_name="Ann", last_name="Adams"),
        factories.make_student(first_name="Ben", last_name="Brown"),
        factories.make_student(first_name="Cal", last_name="Clark"),
    ]
    homework = make_homework(teacher=teacher, students=students, title="Rise to power")
    adams, brown, _ = students
    answer(homework.assignment, adams, all_right(homework))
    answer(
        homework.assignment,
        brown,
        {homework.mcq: "Kamenev", homework.typed: "Bukharin"},
        submitted_at=LATE,
    )
    return homework


def urls(homework):
    assignment, classroom = homework.assignment.pk, homework.classroom.pk
    student = homework.students[0].pk
    return {
        "results": reverse("classrooms:results", args=[assignment]),
        "results_csv": reverse("classrooms:results_csv", args=[assignment]),
        "student_report": reverse("classrooms:student_report", args=[classroom, student]),
        "overview": reverse("classrooms:overview", args=[classroom]),
        "scores_csv": reverse("classrooms:scores_csv", args=[classroom]),
    }


PAGES = ["results", "results_csv", "student_report", "overview", "scores_csv"]


def test_the_url_names_and_paths(handed_in):
    a, c, s = handed_in.assignment.pk, handed_in.classroom.pk, handed_in.students[0].pk
    assert urls(handed_in) == {
        "results": f"/homework/{a}/results/",
        "results_csv": f"/homework/{a}/results.csv",
        "student_report": f"/classes/{c}/students/{s}/",
        "overview": f"/classes/{c}/overview/",
        "scores_csv": f"/classes/{c}/scores.csv",
    }


# Who may see them


@pytest.mark.parametrize("page", PAGES)
def test_the_classs_teacher_sees_each_page(teacher_client, handed_in, page):
    assert teacher_client.get(urls(handed_in)[page]).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, handed_in, page):
    response = client.get(urls(handed_in)[page])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES)
def test_a_student_of_the_class_gets_a_404(client, handed_in, page):
    client.force_login(handed_in.students[0])

    assert client.get(urls(handed_in)[page]).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_a_student_of_another_class_gets_a_404(client, handed_in, page):
    outsider = factories.make_student()
    factories.enrol(factories.make_classroom(), outsider)
    client.force_login(outsider)

    assert client.get(urls(handed_in)[page]).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_another_teacher_gets_a_404(client, handed_in, page):
    client.force_login(factories.make_teacher())

    assert client.get(urls(handed_in)[page]).status_code == 404


def test_a_student_not_in_the_class_has_no_report(teacher_client, handed_in, teacher):
    elsewhere = factories.make_student()
    factories.enrol(factories.make_classroom(teacher=teacher), elsewhere)
    url = reverse("classrooms:student_report", args=[handed_in.classroom.pk, elsewhere.pk])

    assert teacher_client.get(url).status_code == 404


# What they show


def test_the_results_page_shows_the_grid_and_the_analysis(teacher_client, handed_in):
    page = teacher_client.get(urls(handed_in)["results"]).content.decode()

    brown = handed_in.students[1]
    grid = page[page.index('id="grid-heading"') :]  # the not-started list comes before it
    assert grid.index("Ann Adams") < grid.index("Ben Brown") < grid.index("Cal Clark")
    assert reverse("classrooms:student_report", args=[handed_in.classroom.pk, brown.pk]) in page
    assert "Submitted late" in page and "Not started" in page  # status in words, not colour only
    assert "2 of 3 students submitted" in page
    assert "Kamenev" in page and "1 student" in page  # the common wrong answer and its count
    assert "bukharin" in page
    assert "<caption>" in page and 'scope="row"' in page


@pytest.mark.parametrize("page", ["results", "overview"])
def test_the_results_pages_load_their_stylesheet_with_the_sticky_name_column(
    teacher_client, handed_in, page
):
    html = teacher_client.get(urls(handed_in)[page]).content.decode()

    assert f'<link rel="stylesheet" href="{static("css/results.css")}">' in html
    css = Path(finders.find("css/results.css")).read_text()
    assert ".results-grid { border-collapse: separate;" in css
    assert ".results-name { position: sticky; left: 0;" in css


def chart_data(html):
    """The JSON that json_script put on the page for static/js/charts.js."""
    found = re.search(r'<script id="results-charts" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_the_results_page_carries_the_chart_numbers_as_json(teacher_client, handed_in):
    html = teacher_client.get(urls(handed_in)["results"]).content.decode()

    # Adams all right (100%); Brown, late, got nothing right (0%); Clark has not started.
    assert chart_data(html) == {
        "distribution": {
            "labels": ["0–9%", "10–19%", "20–29%", "30–39%", "40–49%",
                       "50–59%", "60–69%", "70–79%", "80–89%", "90–100%"],
            "values": [1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            "bands": [0, 0, 1, 1, 2, 2, 3, 3, 4, 4],
        },
        "facility": {
            "labels": ["Q1", "Q2", "Q3", "Q4"],
            "values": [50, 50, 50, 50],
            "bands": [2, 2, 2, 2],
            "average": 50,
        },
    }  # fmt: skip
    chart_js = static("vendor/chartjs-4.6.1/chart.umd.min.js")
    assert html.index("results-charts") < html.index(chart_js) < html.index(static("js/charts.js"))


def test_each_chart_has_a_table_of_its_numbers_beside_it(teacher_client, handed_in):
    html = teacher_client.get(urls(handed_in)["results"]).content.decode()

    # The canvases wait hidden for charts.js; without it the tables are what shows.
    assert html.count('<div class="chart-box" hidden>') == 2
    assert html.count('role="img" aria-label="Bar chart: ') == 2
    assertInHTML('<tr><th scope="row">0–9%</th><td>1</td></tr>', html)
    assertInHTML('<tr><th scope="row">90–100%</th><td>1</td></tr>', html)
    assertInHTML('<tr><th scope="row">50–59%</th><td>0</td></tr>', html)
    assertInHTML('<tr><th scope="row">Q3</th><td>50%</td></tr>', html)
    assert "<caption>Submitted students in each score band</caption>" in html
    assert "<caption>Percentage right on each question (class average score 50%)</caption>" in html


def test_the_results_page_draws_no_charts_before_anything_is_submitted(teacher_client, teacher):
    homework = make_homework(teacher=teacher, students=2)

    html = teacher_client.get(urls(homework)["results"]).content.decode()

    assert "<canvas" not in html
    assert "Nothing submitted yet." in html


def test_the_overview_shows_a_topic_heatmap_with_the_number_in_every_cell(
    teacher_client, handed_in
):
    html = teacher_client.get(urls(handed_in)["overview"]).content.decode()

    first, second = handed_in.mcq.topic.title, handed_in.typed.topic.title
    assertInHTML(f'<th scope="col">{first}</th>', html)
    assertInHTML(f'<th scope="col">{second}</th>', html)
    # Adams: all right. Brown: nothing right on either topic. Clark: nothing submitted.
    adams = '<td class="heat heat-4" title="2 answers">100%</td>'
    brown = '<td class="heat heat-0" title="2 answers">0%</td>'
    empty = (
        '<td class="heat heat-none"><span aria-hidden="true">–</span>'
        '<span class="visually-hidden">No answers</span></td>'
    )
    assertInHTML(adams, html, count=2)
    assertInHTML(brown, html, count=2)
    assertInHTML(empty, html, count=2)
    assertInHTML('<td class="heat heat-2" title="4 answers">50%</td>', html, count=2)  # class
    for band in ["0–19%", "20–39%", "40–59%", "60–79%", "80–100%", "– no answers yet"]:
        assert f"</span>{band}</li>" in html  # the legend


def test_the_overview_heatmap_waits_for_submitted_work(teacher_client, teacher):
    homework = make_homework(teacher=teacher, students=2)

    html = teacher_client.get(urls(homework)["overview"]).content.decode()

    assert 'class="heat ' not in html
    assert "Nothing submitted yet." in html


def test_the_student_page_shows_their_homework_and_topics(teacher_client, handed_in):
    page = teacher_client.get(urls(handed_in)["student_report"]).content.decode()

    assert "Ann Adams" in page
    assert reverse("classrooms:results", args=[handed_in.assignment.pk]) in page
    assert "100%" in page
    assert handed_in.mcq.topic.title in page


def test_the_overview_shows_completion_per_assignment(teacher_client, handed_in):
    page = teacher_client.get(urls(handed_in)["overview"]).content.decode()

    assert "2 of 3" in page
    assert "Rise to power" in page
    assert reverse("classrooms:scores_csv", args=[handed_in.classroom.pk]) in page


def read_download(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_answers_csv_downloads_with_the_quizs_name(teacher_client, handed_in):
    response = teacher_client.get(urls(handed_in)["results_csv"])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rise-to-power.csv"'
    header, *rows = read_download(response)
    assert header[:3] == ["Student", "Username", "Question"]
    assert len(rows) == 3 * 4


def test_the_scores_csv_downloads_with_the_classs_name(teacher_client, handed_in):
    handed_in.classroom.name = "10B History"
    handed_in.classroom.save()

    response = teacher_client.get(urls(handed_in)["scores_csv"])

    assert response["Content-Disposition"] == 'attachment; filename="10b-history-scores.csv"'
    _, *rows = read_download(response)
    assert [row[4] for row in rows] == ["Submitted", "Submitted late", "Not started"]


# Queries: the same count for a class of 5 and a class of 30


@pytest.fixture(params=[5, 30])
def big_class(request, teacher):
    homework = make_homework(teacher=teacher, students=request.param)
    for student in homework.students[1:]:
        answer(homework.assignment, student, all_right(homework))
    make_homework(classroom=homework.classroom, students=homework.students, title="Purges")
    return homework


# the user with their roles, the fetch-and-authorise helper(s), then classrooms.results (the
# session comes from the cache; the overview's topic heatmap is one query more than the CSV)
@pytest.mark.parametrize(
    ("page", "queries"),
    [("results", 6), ("results_csv", 6), ("student_report", 6), ("overview", 6), ("scores_csv", 5)],
)
def test_each_page_takes_a_fixed_number_of_queries(
    teacher_client, big_class, page, queries, django_assert_num_queries
):
    url = urls(big_class)[page]
    with django_assert_num_queries(queries):
        response = teacher_client.get(url)
    assert response.status_code == 200


# Not started yet


def test_the_results_page_lists_who_has_not_started_with_usernames(teacher_client, handed_in):
    clark = handed_in.students[2]
    # One who handed in and then left the class: not listed.
    leaver = factories.make_student()
    factories.enrol(handed_in.classroom, leaver)
    answer(handed_in.assignment, leaver, {})
    Enrolment.objects.filter(student=leaver).delete()

    response = teacher_client.get(urls(handed_in)["results"])

    assert [s.username for s in response.context["not_started"]] == [clark.username]
    page = response.content.decode()
    listing = page[page.index('id="not-started"') : page.index("</details>")]
    assert "Not started yet (1)" in listing
    assert f"Cal Clark ({clark.username})" in listing  # in the box to copy
    assert "Ann Adams" not in listing and "Ben Brown" not in listing
    assert reverse("classrooms:not_started", args=[handed_in.assignment.pk]) in listing


def test_a_student_with_work_in_progress_has_started(teacher_client, handed_in):
    answer(
        handed_in.assignment, handed_in.students[2], {handed_in.mcq: "Trotsky"}, submitted_at=None
    )

    response = teacher_client.get(urls(handed_in)["results"])

    assert response.context["not_started"] == []
    assert 'id="not-started"' not in response.content.decode()


@pytest.mark.parametrize("size", [5, 30])
def test_the_printable_not_started_list_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, size
):
    homework = make_homework(teacher=teacher, students=size)
    for student in homework.students[:2]:
        answer(homework.assignment, student, all_right(homework))

    # user and roles, the homework, who started it, the students
    with django_assert_num_queries(4):
        response = teacher_client.get(
            reverse("classrooms:not_started", args=[homework.assignment.pk])
        )

    page = response.content.decode()
    assert len(response.context["students"]) == size - 2
    assert homework.students[2].username in page
    assert homework.students[0].username not in page
