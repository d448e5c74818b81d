"""Overriding a mark on the results grid: a typed answer the marker refused, accepted by the
teacher for one student or for everyone, and what follows (re-marking, the grid, the CSV, later
attempts, a bank rebuild)."""

import csv
import io

import pytest
from django.urls import reverse

from classrooms.assignments import assign_quiz
from quizzes import overrides
from quizzes.models import AcceptedAnswer, Response
from tests import factories
from tests.classrooms.helpers import DUE, LATE, OPENS, answer, make_homework, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth_names(teacher):
    students = [
        factories.make_student(first_name="Ann", last_name="Adams"),
        factories.make_student(first_name="Ben", last_name="Brown"),
        factories.make_student(first_name="Cal", last_name="Clark"),
        factories.make_student(first_name="Dee", last_name="Dunn"),
    ]
    homework = make_homework(teacher=teacher, students=students)
    adams, brown, clark, _ = students
    # "Lev Davidovich Bronstein" is Trotsky's birth name: right, but not in the key.
    answer(homework.assignment, adams, {homework.typed: "Trotsky"})
    answer(homework.assignment, brown, {homework.typed: "Lev Davidovich Bronstein"})
    answer(
        homework.assignment, clark, {homework.typed: "lev davidovich bronstein!"}, submitted_at=LATE
    )
    return homework


def accept_url(homework, student, question=None):
    question = question or homework.typed
    args = [homework.assignment.pk, question.pk, student.pk]
    return reverse("classrooms:accept_answer", args=args)


def results_url(homework, **query):
    url = reverse("classrooms:results", args=[homework.assignment.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def typed_score(homework, student):
    return Response.objects.get(
        attempt__assignment_link__student=student, question=homework.typed
    ).score


def csv_rows(client, homework):
    response = client.get(reverse("classrooms:results_csv", args=[homework.assignment.pk]))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def typed_csv_scores(client, homework):
    """{username: score} of the typed question (Q3) in the answers CSV."""
    rows = csv_rows(client, homework)
    header = rows[0]
    return {row[1]: row[header.index("Score (0-1)")] for row in rows[1:] if row[2] == "3"}


def test_the_grid_offers_accept_only_on_refused_typed_answers(teacher_client, birth_names):
    adams, brown, clark, dunn = birth_names.students
    html = teacher_client.get(results_url(birth_names)).content.decode()
    assert accept_url(birth_names, brown) in html
    assert accept_url(birth_names, clark) in html
    assert accept_url(birth_names, adams) not in html  # marked right
    assert accept_url(birth_names, dunn) not in html  # not started
    assert accept_url(birth_names, brown, birth_names.mcq) not in html  # not typed


def test_get_asks_first_and_changes_nothing(teacher_client, birth_names):
    brown = birth_names.students[1]
    response = teacher_client.get(accept_url(birth_names, brown))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lev Davidovich Bronstein" in html and "For everyone" in html
    assert 'method="post"' in html
    assert typed_score(birth_names, brown) == 0
    assert not AcceptedAnswer.objects.exists()


def test_accepting_for_one_student_re_marks_only_theirs(teacher, teacher_client, birth_names):
    _, brown, clark, _ = birth_names.students
    before = teacher_client.get(results_url(birth_names)).content.decode()  # cached now
    assert "accepted</span>" not in before
    response = teacher_client.post(accept_url(birth_names, brown), {"scope": "student"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#student-{brown.pk}")
    assert typed_score(birth_names, brown) == 1
    assert typed_score(birth_names, clark) == 0
    link = brown.assignment_attempts.get()
    link.attempt.refresh_from_db()
    assert link.attempt.score == pytest.approx(1 / 4)
    override = AcceptedAnswer.objects.get()
    assert override.accepted_by == teacher and override.response is not None
    after = teacher_client.get(results_url(birth_names)).content.decode()
    assert "accepted</span>" in after  # the cached grid was dropped
    assert typed_csv_scores(teacher_client, birth_names)[brown.username] == "1"
    assert typed_csv_scores(teacher_client, birth_names)[clark.username] == "0"


def test_accepting_for_everyone_re_marks_every_attempt_with_that_answer(
    teacher_client, birth_names
):
    _, brown, clark, dunn = birth_names.students
    teacher_client.get(results_url(birth_names))
    teacher_client.get(reverse("classrooms:results_csv", args=[birth_names.assignment.pk]))
    teacher_client.post(accept_url(birth_names, brown), {"scope": "everyone"})
    # Clark's answer differs only in case and punctuation.
    assert typed_score(birth_names, brown) == 1 and typed_score(birth_names, clark) == 1
    scores = typed_csv_scores(teacher_client, birth_names)
    assert scores[brown.username] == scores[clark.username] == "1"
    # Dunn answers later with the same words: the marker consults the accepted answers.
    attempt = answer(birth_names.assignment, dunn, {birth_names.typed: "Lev Davidovich  Bronstein"})
    assert typed_score(birth_names, dunn) == 1
    assert attempt.score == pytest.approx(1 / 4)
    # The student's feedback says who accepted it.
    response = Response.objects.get(attempt=attempt, question=birth_names.typed)
    assert response.feedback == overrides.ACCEPTED


def test_an_answer_accepted_for_everyone_outlives_a_rebuild_of_the_key(teacher_client, birth_names):
    brown, dunn = birth_names.students[1], birth_names.students[3]
    teacher_client.post(accept_url(birth_names, brown), {"scope": "everyone"})
    question = birth_names.typed
    question.answer = {"text": "Trotsky", "accept": ["Leon Trotsky"], "reject": ["Tomsky"]}
    question.save()  # what build_question_bank does to a generated question's key
    answer(birth_names.assignment, dunn, {birth_names.typed: "Lev Davidovich Bronstein"})
    assert typed_score(birth_names, dunn) == 1


def test_an_answer_accepted_in_one_quiz_leaves_other_quizzes_alone(
    teacher, teacher_client, birth_names
):
    brown = birth_names.students[1]
    teacher_client.post(accept_url(birth_names, brown), {"scope": "everyone"})
    other = factories.make_teacher()
    classroom = factories.make_classroom(teacher=other)
    student = factories.make_student()
    factories.enrol(classroom, student)
    quiz = make_quiz(other, birth_names.questions)
    assignment = assign_quiz(classroom=classroom, quiz=quiz, due_at=DUE, opens_at=OPENS)
    attempt = answer(assignment, student, {birth_names.typed: "Lev Davidovich Bronstein"})
    assert Response.objects.get(attempt=attempt, question=birth_names.typed).score == 0


def test_another_teacher_gets_a_404_and_nothing_changes(client, birth_names):
    brown = birth_names.students[1]
    client.force_login(factories.make_teacher())
    assert client.get(accept_url(birth_names, brown)).status_code == 404
    assert client.post(accept_url(birth_names, brown), {"scope": "everyone"}).status_code == 404
    assert typed_score(birth_names, brown) == 0
    assert not AcceptedAnswer.objects.exists()


def test_a_student_of_another_class_or_a_question_of_another_quiz_is_a_404(
    teacher_client, birth_names
):
    outsider = factories.make_student()
    assert teacher_client.get(accept_url(birth_names, outsider)).status_code == 404
    stray = factories.make_question()
    assert (
        teacher_client.get(accept_url(birth_names, birth_names.students[1], stray)).status_code
        == 404
    )


def test_a_missing_scope_is_a_400(teacher_client, birth_names):
    brown = birth_names.students[1]
    assert teacher_client.post(accept_url(birth_names, brown), {"scope": "all"}).status_code == 400
    assert typed_score(birth_names, brown) == 0


def test_there_is_nothing_to_accept_on_a_right_or_untyped_answer(teacher_client, birth_names):
    adams, brown = birth_names.students[:2]
    for url in (accept_url(birth_names, adams), accept_url(birth_names, brown, birth_names.mcq)):
        response = teacher_client.post(url, {"scope": "everyone"})
        assert response.status_code == 200
        assert "no refused typed answer" in response.content.decode()
    assert not AcceptedAnswer.objects.exists()
