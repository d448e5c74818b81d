"""Dates at the edges of the calendar: refused in the form, harmless when already stored."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms.models import Assignment, LatePolicy
from tests import factories
from tests.classrooms.test_classroom_views import assign_data

pytestmark = pytest.mark.django_db

END_OF_TIME = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("due_at", "9999-12-31T23:59"),
        ("due_at", "2400-01-01T09:00"),
        ("opens_at", "0001-01-01T00:00"),
        ("opens_at", "1924-01-21T09:00"),
    ],
)
def test_the_homework_form_refuses_dates_outside_a_sane_window(
    teacher_client, teacher, field, value
):
    classroom = factories.make_classroom(teacher=teacher)
    quiz = factories.make_quiz(teacher)

    response = teacher_client.post(
        reverse("classrooms:assign", kwargs={"pk": classroom.pk}),
        assign_data(quiz, **{field: value}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Choose a date from a year ago to two years ahead."
    ]
    assert not Assignment.objects.filter(classroom=classroom).exists()


def test_the_window_reaches_a_year_back_and_two_years_ahead(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    now = timezone.now()
    data = assign_data(
        factories.make_quiz(teacher),
        opens_at=local(now - timedelta(days=360)),
        due_at=local(now + timedelta(days=720)),
    )

    response = teacher_client.post(reverse("classrooms:assign", kwargs={"pk": classroom.pk}), data)

    assert response.status_code == 302
    assert Assignment.objects.filter(classroom=classroom).exists()


def test_editing_old_homework_keeps_its_opening_date(teacher_client, teacher):
    # Last year's homework, reopened for a week: its opening date stays as it was.
    now = timezone.now()
    homework = factories.make_assignment(
        classroom=factories.make_classroom(teacher=teacher),
        opens_at=(now - timedelta(days=500)).replace(second=0, microsecond=0),
        due_at=now - timedelta(days=400),
    )
    data = assign_data(homework.quiz, opens_at=local(homework.opens_at))
    data["due_at"] = local(now + timedelta(days=7))

    response = teacher_client.post(
        reverse("classrooms:edit_homework", kwargs={"pk": homework.pk}), data
    )

    assert response.status_code == 302
    homework.refresh_from_db()
    assert homework.due_at > now


@pytest.fixture
def endless_homework(student):
    """Homework that closes at the last minute of 9999, stored as the admin or a script might."""
    classroom = factories.enrol(factories.make_classroom(), student)
    homework = factories.make_assignment(classroom=classroom, late_policy=LatePolicy.CLOSE)
    Assignment.objects.filter(pk=homework.pk).update(due_at=END_OF_TIME)
    homework.refresh_from_db()
    return homework


def test_a_due_date_at_the_end_of_9999_never_overflows(endless_homework):
    now = timezone.now()

    assert endless_homework.accepts_answers(now)
    assert not endless_homework.is_past_due(now)
    assert endless_homework.shows_answers(now)  # straight after submitting, the default


def test_every_page_of_homework_due_in_9999_opens(student_client, student, endless_homework):
    def homework_url(name, **kwargs):
        return reverse(f"classrooms:{name}", kwargs={"pk": endless_homework.pk, **kwargs})

    assert student_client.get(reverse("classrooms:dashboard")).status_code == 200
    assert student_client.get(homework_url("homework")).status_code == 200
    assert student_client.post(homework_url("start")).status_code == 302
    assert student_client.get(homework_url("question", number=1)).status_code == 200
    assert student_client.post(homework_url("submit")).status_code == 302
    assert student_client.get(homework_url("feedback")).status_code == 200

    teacher = endless_homework.classroom.teacher
    student_client.force_login(teacher)
    classroom = {"pk": endless_homework.classroom.pk}
    for page in [
        reverse("classrooms:detail", kwargs=classroom),
        reverse("classrooms:overview", kwargs=classroom),
        reverse("classrooms:scores_csv", kwargs=classroom),
        reverse("classrooms:student_report", kwargs={**classroom, "student_pk": student.pk}),
        homework_url("results"),
        homework_url("results_csv"),
        homework_url("edit_homework"),
    ]:
        assert student_client.get(page).status_code == 200, page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?due_at__year=9999",
        "?due_at__year=9999&due_at__month=12",
        "?due_at__year=9999&due_at__month=12&due_at__day=31",
    ],
)
def test_the_admin_list_of_homework_drills_down_to_9999(admin_client, endless_homework, query):
    url = reverse("admin:classrooms_assignment_changelist") + query

    response = admin_client.get(url)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [endless_homework]
