from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from classrooms.models import Assignment, Classroom
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_teacher_creates_a_class_with_a_join_code(teacher_client, teacher):
    response = teacher_client.post(reverse("classrooms:new"), {"name": "10B History"})

    classroom = Classroom.objects.get(teacher=teacher)
    assert response["Location"] == classroom.get_absolute_url()
    assert classroom.name == "10B History"
    assert len(classroom.join_code) == 6
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert classroom.join_code in page


def test_a_class_needs_a_name(teacher_client):
    response = teacher_client.post(reverse("classrooms:new"), {"name": ""})
    assert "name" in response.context["form"].errors
    assert not Classroom.objects.exists()


def test_the_class_list_shows_only_the_teachers_own_classes(teacher_client, teacher):
    mine = factories.make_classroom(teacher=teacher, name="10B History")
    factories.make_classroom(name="Someone else's 11C")

    page = teacher_client.get(reverse("classrooms:list")).content.decode()

    assert mine.name in page
    assert "11C" not in page


def test_the_class_page_lists_the_roster(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    students = [factories.make_student(first_name="Ada", last_name=f"Smith{n}") for n in range(3)]
    factories.enrol(classroom, *students)

    page = teacher_client.get(classroom.get_absolute_url()).content.decode()

    for student in students:
        assert student.username in page


def assign_data(quiz, **overrides):
    now = timezone.localtime()
    data = {
        "quiz": quiz.pk,
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "due_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "attempts_allowed": 1,
        "answers_shown": "after_submit",
        "late_policy": "accept_late",
        "layout": "one",
    }
    return {**data, **overrides}


def test_a_teacher_sets_one_of_their_quizzes_with_a_due_date(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    quiz = factories.make_quiz(teacher)

    response = teacher_client.post(
        reverse("classrooms:assign", kwargs={"pk": classroom.pk}), assign_data(quiz)
    )

    assignment = Assignment.objects.get(classroom=classroom)
    assert response["Location"] == classroom.get_absolute_url()
    assert (assignment.quiz, assignment.attempts_allowed) == (quiz, 1)


def test_the_due_date_must_come_after_the_opening(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    quiz = factories.make_quiz(teacher)
    data = assign_data(quiz, due_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    data["opens_at"] = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = teacher_client.post(reverse("classrooms:assign", kwargs={"pk": classroom.pk}), data)

    assert "The due date must come after the opening date." in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_teacher_cannot_set_another_teachers_quiz(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    theirs = factories.make_quiz(factories.make_teacher())

    response = teacher_client.post(
        reverse("classrooms:assign", kwargs={"pk": classroom.pk}), assign_data(theirs)
    )

    assert "quiz" in response.context["form"].errors
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("attempts", [0, 11])
def test_attempts_allowed_are_between_one_and_ten(teacher_client, teacher, attempts):
    classroom = factories.make_classroom(teacher=teacher)
    quiz = factories.make_quiz(teacher)

    response = teacher_client.post(
        reverse("classrooms:assign", kwargs={"pk": classroom.pk}),
        assign_data(quiz, attempts_allowed=attempts),
    )

    assert "attempts_allowed" in response.context["form"].errors


@pytest.mark.parametrize("students", [5, 30])
def test_class_pages_run_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, students
):
    classroom = factories.make_classroom(teacher=teacher)
    factories.enrol(classroom, *[factories.make_student() for _ in range(students)])
    for _ in range(3):
        factories.make_assignment(classroom=classroom)

    with django_assert_num_queries(2):  # the user with their roles, classes
        teacher_client.get(reverse("classrooms:list"))
    # class, roster, assignments, slips, topics and topics taught (the form); the user comes
    # from the cache after the first page
    with django_assert_num_queries(6):
        teacher_client.get(classroom.get_absolute_url())


def test_an_empty_quiz_cannot_be_set_as_homework(teacher_client, teacher):
    from quizzes.models import Quiz

    classroom = factories.make_classroom(teacher=teacher)
    empty = Quiz.objects.create(owner=teacher, title="Nothing in it")

    response = teacher_client.post(
        reverse("classrooms:assign", kwargs={"pk": classroom.pk}), assign_data(empty)
    )

    assert "quiz" in response.context["form"].errors


def started_homework(teacher):
    from classrooms import assignments

    classroom = factories.make_classroom(teacher=teacher)
    student = factories.make_student()
    factories.enrol(classroom, student)
    homework = factories.make_assignment(classroom=classroom)
    assignments.start_or_resume(assignment=homework, student=student)
    return homework


def edit_data(homework, quiz, due_at):
    data = assign_data(quiz, due_at=timezone.localtime(due_at).strftime("%Y-%m-%dT%H:%M"))
    data["opens_at"] = timezone.localtime(homework.opens_at).strftime("%Y-%m-%dT%H:%M")
    return data


def test_a_teacher_extends_the_due_date_of_homework_students_have_started(teacher_client, teacher):
    homework = started_homework(teacher)
    later = homework.due_at + timedelta(days=3)
    data = edit_data(homework, homework.quiz, later)
    del data["quiz"]  # the page shows it disabled, so the browser does not send it

    response = teacher_client.post(
        reverse("classrooms:edit_homework", kwargs={"pk": homework.pk}), data
    )

    assert response.status_code == 302
    homework.refresh_from_db()
    assert homework.due_at.date() == later.date()


def test_a_quiz_change_sent_after_a_student_started_is_refused_with_a_reason(
    teacher_client, teacher
):
    # The page offered the choice of quiz, then a student started before the teacher saved.
    homework = started_homework(teacher)
    other_quiz = factories.make_quiz(teacher, title="Another")
    data = edit_data(homework, other_quiz, homework.due_at + timedelta(days=3))

    response = teacher_client.post(
        reverse("classrooms:edit_homework", kwargs={"pk": homework.pk}), data
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A student has started this homework, so its quiz can't change now."
    ]
    homework.refresh_from_db()
    assert homework.quiz.title != "Another"
