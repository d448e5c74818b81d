"""Results kept in the cache: a save, a submit or a change to the class shows at once; the
overview and the dashboard show the latest homework first with the older a click away."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms import results_cache
from tests import factories
from tests.classrooms.helpers import LATE, all_right, answer, make_homework

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_done(teacher):
    students = [
        factories.make_student(first_name="Ann", last_name="Adams"),
        factories.make_student(first_name="Cal", last_name="Clark"),
    ]
    homework = make_homework(teacher=teacher, students=students, title="Rise to power")
    answer(homework.assignment, students[0], all_right(homework))
    return homework


def results_page(client, homework):
    return client.get(reverse("classrooms:results", args=[homework.assignment.pk])).content.decode()


def overview_page(client, homework, query=""):
    url = reverse("classrooms:overview", args=[homework.classroom.pk]) + query
    return client.get(url).content.decode()


def test_a_save_and_a_submit_show_on_the_cached_results_at_once(teacher_client, one_done):
    cal = one_done.students[1]
    assert "Not started</span> 1</li>" in results_page(teacher_client, one_done)
    csv_before = teacher_client.get(
        reverse("classrooms:results_csv", args=[one_done.assignment.pk])
    ).content.decode()
    assert "Bukharin" not in csv_before

    answer(one_done.assignment, cal, {one_done.typed: "Bukharin"}, submitted_at=None)
    page = results_page(teacher_client, one_done)
    assert "Bukharin" in page and "In progress</span> 1</li>" in page
    assert (
        "Bukharin"
        in teacher_client.get(
            reverse("classrooms:results_csv", args=[one_done.assignment.pk])
        ).content.decode()
    )

    answer(one_done.assignment, cal, {}, submitted_at=LATE)
    assert "Submitted late</span> 1</li>" in results_page(teacher_client, one_done)


def test_the_cached_overview_follows_submits_and_renamed_students(teacher_client, one_done):
    cal = one_done.students[1]
    assert "Clark" in overview_page(teacher_client, one_done)
    answer(one_done.assignment, cal, all_right(one_done), submitted_at=LATE)
    assert overview_page(teacher_client, one_done).count("Submitted late") == 1

    cal.last_name = "Carter"
    cal.save()
    page = overview_page(teacher_client, one_done)
    assert "Carter" in page and "Clark" not in page
    assert "Carter" in results_page(teacher_client, one_done)


def test_a_new_due_date_shows_on_the_cached_results(teacher_client, one_done):
    answer(one_done.assignment, one_done.students[1], all_right(one_done), submitted_at=LATE)
    assert "Submitted late</span> 1</li>" in results_page(teacher_client, one_done)
    one_done.assignment.due_at = LATE + timedelta(hours=1)
    one_done.assignment.save()
    assert "Submitted late</span> 0</li>" in results_page(teacher_client, one_done)


def test_a_kept_fragment_is_drawn_again_once_a_due_date_passes(db):
    now = timezone.now()
    drawn = []

    def build():
        drawn.append(1)
        return f"drawn {len(drawn)}", now + timedelta(minutes=5)

    assert results_cache.fragment("k", build, now=now) == "drawn 1"
    assert results_cache.fragment("k", build, now=now + timedelta(minutes=4)) == "drawn 1"
    assert results_cache.fragment("k", build, now=now + timedelta(minutes=5)) == "drawn 2"


@pytest.fixture
def year(teacher):
    """Twelve homeworks, a week apart, all handed in by the one student."""
    student = factories.make_student(first_name="Ann", last_name="Adams")
    first = make_homework(teacher=teacher, students=[student], title="Week 01")
    weeks = [first]
    for number in range(2, 13):
        weeks.append(
            make_homework(classroom=first.classroom, students=[student], title=f"Week {number:02d}")
        )
    for week, homework in enumerate(weeks):
        homework.assignment.due_at += timedelta(weeks=week)
        homework.assignment.save()
        answer(homework.assignment, student, all_right(homework), submitted_at=None)
        answer(homework.assignment, student, {}, submitted_at=homework.assignment.due_at)
    return first


def test_the_overview_shows_the_latest_ten_homeworks_and_the_rest_a_click_away(
    teacher_client, year
):
    latest = overview_page(teacher_client, year)
    assert "Week 12" in latest and "Week 03" in latest and "Week 02" not in latest
    assert latest.index("Week 12") < latest.index("Week 11")
    assert "Homework 1 to 10 of 12, latest first" in latest
    assert 'href="?page=2"' in latest

    older = overview_page(teacher_client, year, "?page=2")
    assert "Week 02" in older and "Week 01" in older and "Week 03" not in older
    assert 'href="?page=1"' in older
    assert "Average <span" in older  # "(all homework)": the averages cover the whole year


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=99", "?page=" + "9" * 30])
def test_any_page_number_shows_a_page(teacher_client, year, query):
    url = reverse("classrooms:overview", args=[year.classroom.pk]) + query
    assert teacher_client.get(url).status_code == 200


def test_the_dashboard_shows_the_latest_ten_handed_in_and_the_rest_a_click_away(client, year):
    client.force_login(year.students[0])
    page = client.get(reverse("classrooms:dashboard")).content.decode()
    assert "Week 12" in page and "Week 03" in page and "Week 02" not in page
    assert "Show 2 older homework" in page
    everything = client.get(reverse("classrooms:dashboard") + "?done=all").content.decode()
    assert "Week 02" in everything and "Week 01" in everything
    assert "older homework" not in everything


# The dashboard: drawn once, kept until the student's work, classes or homework change


def dashboard(client):
    return client.get(reverse("classrooms:dashboard")).content.decode()


@pytest.fixture
def pupil_client(client, one_done):
    """Cal, who has not started the homework, with the dashboard already in the cache."""
    client.force_login(one_done.students[1])
    assert "Rise to power" in dashboard(client)
    return client


def test_the_cached_dashboard_follows_starting_and_handing_in(pupil_client, one_done):
    cal = one_done.students[1]
    assert "In progress" not in dashboard(pupil_client)

    answer(one_done.assignment, cal, {one_done.typed: "Trotsky"}, submitted_at=None)
    assert "In progress" in dashboard(pupil_client)

    answer(one_done.assignment, cal, {}, submitted_at=LATE)
    assert "25%" in dashboard(pupil_client)


def test_the_cached_dashboard_shows_new_homework_and_new_titles(pupil_client, one_done):
    factories.make_assignment(
        classroom=one_done.classroom, quiz=factories.make_quiz(one_done.classroom.teacher)
    )
    quiz = one_done.assignment.quiz
    quiz.title = "The power struggle"
    quiz.save()

    page = dashboard(pupil_client)
    assert page.count("list-group-item d-flex") == 2 and "The power struggle" in page


def test_the_cached_dashboard_follows_the_class(pupil_client, one_done):
    classroom = one_done.classroom
    classroom.name = "10C History"
    classroom.save()
    assert "10C History" in dashboard(pupil_client)

    classroom.archive()
    assert "Rise to power" not in dashboard(pupil_client)
    classroom.restore()
    assert "Rise to power" in dashboard(pupil_client)

    classroom.enrolments.filter(student=one_done.students[1]).delete()
    assert "Rise to power" not in dashboard(pupil_client)


def test_the_cached_dashboard_shows_a_mark_the_teacher_accepted(pupil_client, one_done):
    from quizzes.overrides import accept

    cal = one_done.students[1]
    attempt = answer(one_done.assignment, cal, {one_done.typed: "Bronstein"}, submitted_at=LATE)
    assert "0%" in dashboard(pupil_client)

    accept(
        quiz=one_done.assignment.quiz,
        question=one_done.typed,
        response=attempt.responses.get(question=one_done.typed),
        teacher=one_done.classroom.teacher,
        everyone=False,
    )
    assert "25%" in dashboard(pupil_client)


def test_the_cached_dashboard_follows_practice(pupil_client, one_done):
    from quizzes import taking

    quiz = factories.make_quiz(one_done.students[1], count=1)
    quiz.is_practice = True
    quiz.save()
    taking.start_attempt(quiz=quiz, user=one_done.students[1])

    assert "unfinished" in dashboard(pupil_client)


def test_the_dashboard_is_good_until_the_next_homework_opens_falls_due_or_closes(db):
    from classrooms.dashboard import next_change
    from classrooms.models import CLOSING_GRACE, LatePolicy

    now = timezone.now()
    soon = factories.make_assignment(opens_at=now + timedelta(hours=1), now=now)
    assert next_change([soon], now) == now + timedelta(hours=1)
    closing = factories.make_assignment(
        due_at=now + timedelta(minutes=10), late_policy=LatePolicy.CLOSE, now=now
    )
    assert next_change([soon, closing], now) == now + timedelta(minutes=10)
    assert next_change([closing], closing.due_at) == closing.due_at + CLOSING_GRACE
    assert next_change([closing], closing.due_at + CLOSING_GRACE) is None
