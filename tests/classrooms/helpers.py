"""Homework situations for results tests: a class, a quiz of hand-made questions, attempts.

Attempts go through the real workflow (`start_or_resume`, `save_answer`, `submit`), so the
results code reads exactly what students' work leaves in the database.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from classrooms.assignments import assign_quiz, save_answer, start_or_resume, submit
from quizzes.models import Kind, Question, Quiz, QuizQuestion
from tests import factories

# A Friday afternoon: results day.
NOW = datetime(2025, 3, 14, 16, 0, tzinfo=UTC)
DUE = NOW - timedelta(hours=4)
OPENS = NOW - timedelta(days=7)
ON_TIME = DUE - timedelta(days=1)
LATE = DUE + timedelta(hours=1)

ORDER = ["Lenin dies", "Trotsky exiled", "First Five-Year Plan", "Kirov murdered"]


@dataclass
class Homework:
    classroom: object
    assignment: object
    students: list
    questions: list  # in quiz order: [multiple choice, true/false, typed, ordering]

    @property
    def mcq(self):
        return self.questions[0]

    @property
    def true_false(self):
        return self.questions[1]

    @property
    def typed(self):
        return self.questions[2]

    @property
    def ordering(self):
        return self.questions[3]


def make_questions(*, topics=None):
    """Four questions, two on each of two topics: MCQ and true/false, then typed and ordering."""
    first, second = topics or (factories.make_topic(), factories.make_topic())
    return [
        Question.objects.create(
            kind=Kind.MULTIPLE_CHOICE,
            prompt="Who led the Red Army?",
            options=["Trotsky", "Kamenev", "Zinoviev", "Bukharin"],
            answer="Trotsky",
            topic=first,
        ),
        Question.objects.create(
            kind=Kind.TRUE_FALSE,
            prompt="Lenin's Testament criticised Stalin.",
            options=["True", "False"],
            answer=True,
            topic=first,
        ),
        Question.objects.create(
            kind=Kind.TYPED,
            prompt="Who was exiled from the USSR in 1929?",
            answer={"text": "Trotsky", "accept": [], "reject": ["Tomsky"]},
            topic=second,
        ),
        Question.objects.create(
            kind=Kind.ORDERING,
            prompt="Put these in order.",
            options=list(reversed(ORDER)),
            answer=ORDER,
            topic=second,
        ),
    ]


def make_quiz(owner, questions, title="Rise to power"):
    quiz = Quiz.objects.create(title=title, owner=owner)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, position=position)
        for position, question in enumerate(questions, start=1)
    )
    return quiz


def make_homework(*, teacher=None, students=3, classroom=None, questions=None, **settings):
    """A class of `students` (a number or a list of users) with one quiz assigned, due at DUE."""
    classroom = classroom or factories.make_classroom(**({"teacher": teacher} if teacher else {}))
    if isinstance(students, int):
        students = [
            factories.make_student(first_name=f"Pupil{n:02d}", last_name=f"Surname{n:02d}")
            for n in range(students)
        ]
    factories.enrol(classroom, *students)
    questions = questions or make_questions()
    quiz = make_quiz(classroom.teacher, questions, title=settings.pop("title", "Rise to power"))
    settings.setdefault("opens_at", OPENS)
    assignment = assign_quiz(classroom=classroom, quiz=quiz, due_at=DUE, **settings)
    return Homework(classroom, assignment, students, questions)


def answer(assignment, student, answers, *, submitted_at=ON_TIME):
    """The student answers ({question: answer}) and, unless `submitted_at` is None, submits.

    Returns the attempt.
    """
    started = submitted_at or ON_TIME
    attempt = start_or_resume(assignment=assignment, student=student, now=started)
    for question, given in answers.items():
        save_answer(
            assignment=assignment, attempt=attempt, question=question, answer=given, now=started
        )
    if submitted_at is not None:
        submit(assignment=assignment, attempt=attempt, now=submitted_at)
        attempt.refresh_from_db()
    return attempt


def all_right(homework):
    return {
        homework.mcq: "Trotsky",
        homework.true_false: True,
        homework.typed: "Trotsky",
        homework.ordering: list(ORDER),
    }
