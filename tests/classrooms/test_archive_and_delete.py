"""Deleting and archiving classes and homework: what students did is never lost by a click."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from classrooms import assignments
from classrooms.models import Assignment, AssignmentAttempt, Classroom, Enrolment
from tests import factories
from tests.classrooms.helpers import all_right, answer, make_homework

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(f"classrooms:{name}", kwargs={"pk": obj.pk})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def started(classroom, student):
    """Homework the student has started: it has work to keep."""
    assignment = factories.make_assignment(classroom=classroom)
    assignments.start_or_resume(assignment=assignment, student=student)
    return assignment


# Deleting a class


def test_deleting_a_class_asks_first_and_says_what_goes(teacher_client, classroom):
    factories.make_assignment(classroom=classroom)

    page = teacher_client.get(url("delete", classroom)).content.decode()

    assert "Delete 10B History?" in page
    assert "its 1 homework" in page
    assert "its 1 student:" in page and "Their accounts are kept" in page
    assert Classroom.objects.filter(pk=classroom.pk).exists()


def test_a_class_without_work_is_deleted_with_its_homework(teacher_client, classroom, student):
    homework = factories.make_assignment(classroom=classroom)

    response = teacher_client.post(url("delete", classroom))

    assert response["Location"] == reverse("classrooms:list")
    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    assert not Assignment.objects.filter(pk=homework.pk).exists()
    student.refresh_from_db()  # the account stays
    assert messages_of(response) == ["10B History is deleted."]


def test_a_class_with_work_is_not_deleted_but_offered_archiving(teacher_client, classroom, started):
    page = teacher_client.get(url("delete", classroom)).content.decode()
    assert "10B History can't be deleted" in page
    assert url("archive", classroom) in page

    response = teacher_client.post(url("delete", classroom))

    assert response.status_code == 409
    assert Classroom.objects.filter(pk=classroom.pk).exists()
    assert AssignmentAttempt.objects.filter(assignment=started).exists()


# Deleting homework


def test_homework_no_one_has_started_is_deleted_after_asking(teacher_client, classroom):
    homework = factories.make_assignment(classroom=classroom)
    page = teacher_client.get(url("delete_homework", homework)).content.decode()
    assert "No student has started it" in page and "The quiz itself is kept" in page

    response = teacher_client.post(url("delete_homework", homework))

    assert response["Location"] == classroom.get_absolute_url()
    assert not Assignment.objects.filter(pk=homework.pk).exists()
    assert homework.quiz.__class__.objects.filter(pk=homework.quiz_id).exists()


def test_started_homework_is_not_deleted_but_offered_archiving(teacher_client, started):
    page = teacher_client.get(url("delete_homework", started)).content.decode()
    assert "can't be deleted" in page and url("archive_homework", started) in page

    response = teacher_client.post(url("delete_homework", started))

    assert response.status_code == 409
    assert Assignment.objects.filter(pk=started.pk).exists()


def test_other_teachers_cannot_delete_or_archive(client, classroom, started):
    client.force_login(factories.make_teacher())

    assert client.post(url("delete", classroom)).status_code == 404
    assert client.post(url("archive", classroom)).status_code == 404
    assert client.post(url("delete_homework", started)).status_code == 404
    assert client.post(url("archive_homework", started)).status_code == 404
    assert Classroom.objects.current().filter(pk=classroom.pk).exists()


# Archiving a class


def test_an_archived_class_leaves_the_list_and_comes_back(teacher_client, classroom, started):
    response = teacher_client.post(url("archive", classroom))

    assert response["Location"] == reverse("classrooms:list")
    listed = teacher_client.get(reverse("classrooms:list")).context["classrooms"]
    assert classroom not in list(listed)
    archived = teacher_client.get(reverse("classrooms:archived")).content.decode()
    assert "10B History" in archived and url("restore", classroom) in archived
    # its results are kept and still reachable
    assert teacher_client.get(url("results", started)).status_code == 200

    teacher_client.post(url("restore", classroom))

    listed = teacher_client.get(reverse("classrooms:list")).context["classrooms"]
    assert classroom in list(listed)
    assert AssignmentAttempt.objects.filter(assignment=started).exists()


def test_students_of_an_archived_class_no_longer_see_its_homework(
    client, teacher, classroom, student, started
):
    classroom.archive()
    client.force_login(student)

    dashboard = client.get(reverse("classrooms:dashboard")).content.decode()

    assert started.quiz.title not in dashboard
    assert client.get(url("homework", started)).status_code == 404
    assert client.post(url("start", started)).status_code == 404


def test_an_archived_class_cannot_be_joined_with_its_code(client, classroom):
    classroom.archive()
    newcomer = factories.make_student()
    client.force_login(newcomer)

    response = client.post(reverse("classrooms:join"), {"code": classroom.join_code})

    assert "No class has that code" in response.content.decode()
    assert not Enrolment.objects.filter(student=newcomer).exists()


# Archiving homework


def test_archived_homework_leaves_the_class_page_and_students_lists(
    teacher_client, client, classroom, student, started
):
    response = teacher_client.post(url("archive_homework", started))
    assert response["Location"] == classroom.get_absolute_url()

    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert url("results", started) not in page
    archived = teacher_client.get(reverse("classrooms:archived")).content.decode()
    assert url("restore_homework", started) in archived and "1 student started" in archived
    client.force_login(student)
    assert started.quiz.title not in client.get(reverse("classrooms:dashboard")).content.decode()


def test_restored_homework_is_back_with_its_work(teacher_client, classroom, started):
    started.archive()

    teacher_client.post(url("restore_homework", started))

    started.refresh_from_db()
    assert started.archived_at is None
    assert (
        url("results", started) in teacher_client.get(classroom.get_absolute_url()).content.decode()
    )


def test_archived_homework_leaves_the_overview_and_counts_nowhere(teacher_client, teacher):
    homework = make_homework(teacher=teacher, students=2)
    answer(homework.assignment, homework.students[0], all_right(homework))
    homework.assignment.archive()

    response = teacher_client.get(url("overview", homework.classroom))

    assert response.context["overview"].assignments == []
    assert all(row.average is None for row in response.context["overview"].rows)


def test_an_archived_class_is_set_no_homework(teacher_client, teacher, classroom):
    classroom.archive()
    quiz = factories.make_quiz(teacher)

    response = teacher_client.post(url("assign", classroom), {"quiz": quiz.pk})

    assert response["Location"] == classroom.get_absolute_url()
    assert not Assignment.objects.filter(classroom=classroom).exists()


def test_archiving_needs_a_post(teacher_client, classroom, started):
    assert teacher_client.get(url("archive", classroom)).status_code == 405
    assert teacher_client.get(url("archive_homework", started)).status_code == 405


# Queries: the same count for 2 and 12 archived things


@pytest.mark.parametrize("count", [2, 12])
def test_the_archived_page_runs_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, count
):
    live = factories.make_classroom(teacher=teacher)
    for _ in range(count):
        factories.make_classroom(teacher=teacher).archive()
        factories.make_assignment(classroom=live).archive()

    with django_assert_num_queries(3):  # user and roles, classes, homework
        response = teacher_client.get(reverse("classrooms:archived"))

    assert len(response.context["classrooms"]) == count
    assert len(response.context["assignments"]) == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_class_list_leaves_out_archived_classes_in_fixed_queries(
    teacher_client, teacher, django_assert_num_queries, count
):
    for n in range(count):
        classroom = factories.make_classroom(teacher=teacher)
        factories.make_assignment(classroom=classroom).archive()
        if n % 2:
            classroom.archive(now=timezone.now())

    with django_assert_num_queries(2):  # user and roles, classes
        response = teacher_client.get(reverse("classrooms:list"))

    shown = list(response.context["classrooms"])
    assert len(shown) == count // 2
    assert all(c.assignment_count == 0 for c in shown)  # archived homework isn't counted


def test_the_class_page_offers_delete_only_for_homework_no_one_has_started(
    teacher_client, classroom, started
):
    untouched = factories.make_assignment(classroom=classroom)

    page = teacher_client.get(classroom.get_absolute_url()).content.decode()

    assert url("delete_homework", untouched) in page
    assert url("delete_homework", started) not in page
    assert url("archive_homework", started) in page
