import csv
import io
from datetime import timedelta

import pytest

from classrooms import results
from classrooms.results import Progress
from quizzes.models import Kind, Question
from tests import factories
from tests.classrooms.helpers import (
    LATE,
    NOW,
    ON_TIME,
    ORDER,
    all_right,
    answer,
    make_homework,
    make_questions,
)

pytestmark = pytest.mark.django_db

SWAPPED = [ORDER[1], ORDER[0], *ORDER[2:]]  # one neighbouring pair swapped: 5 of 6 pairs right


@pytest.fixture
def friday(teacher):
    """Five students: right, partly right, late, still working, not started."""
    names = [
        ("Eve", "Evans"),
        ("Cal", "Clark"),
        ("Ann", "Adams"),
        ("Dee", "Davis"),
        ("Ben", "Brown"),
    ]
    evans, clark, adams, davis, brown = (
        factories.make_student(first_name=first, last_name=last) for first, last in names
    )
    homework = make_homework(teacher=teacher, students=[evans, clark, adams, davis, brown])
    assignment, mcq, tf, typed, order = homework.assignment, *homework.questions
    answer(assignment, adams, all_right(homework))
    answer(assignment, brown, {mcq: "Kamenev", tf: False, typed: "  trotsky ", order: SWAPPED})
    answer(assignment, clark, {mcq: "Kamenev", tf: True, typed: "Bukharin"}, submitted_at=LATE)
    answer(assignment, davis, {mcq: "Zinoviev"}, submitted_at=None)
    return homework


def test_students_are_listed_by_last_name_with_their_status(friday):
    grid = results.assignment_results(friday.assignment, NOW)

    assert [(row.student.name, row.work.status) for row in grid.rows] == [
        ("Ann Adams", Progress.SUBMITTED),
        ("Ben Brown", Progress.SUBMITTED),
        ("Cal Clark", Progress.LATE),
        ("Dee Davis", Progress.IN_PROGRESS),
        ("Eve Evans", Progress.NOT_STARTED),
    ]
    assert [row.work.overdue for row in grid.rows] == [False, False, False, True, True]
    assert dict(grid.counts) == {
        Progress.NOT_STARTED: 1,
        Progress.IN_PROGRESS: 1,
        Progress.SUBMITTED: 2,
        Progress.LATE: 1,
    }


def test_total_scores_and_the_class_spread_count_submitted_work_only(friday):
    grid = results.assignment_results(friday.assignment, NOW)

    scores = [row.work.score for row in grid.rows]
    assert scores == [100, pytest.approx(45.8333, abs=1e-3), 25, None, None]
    spread = grid.spread
    assert spread.count == 3
    assert spread.mean == pytest.approx(56.9444, abs=1e-3)
    assert spread.median == pytest.approx(45.8333, abs=1e-3)
    assert (spread.minimum, spread.maximum) == (25, 100)
    assert spread.stdev == pytest.approx(31.6106, abs=1e-3)


def test_cells_hold_each_answer_and_its_score(friday):
    grid = results.assignment_results(friday.assignment, NOW)
    brown, clark, davis, evans = grid.rows[1:]

    assert [cell.answer for cell in brown.cells] == [
        "Kamenev",
        "False",
        "trotsky",
        ", then ".join(SWAPPED),
    ]
    assert [cell.score for cell in brown.cells] == [0, 0, 1, pytest.approx(5 / 6)]
    assert [cell.verdict for cell in brown.cells] == ["wrong", "wrong", "right", "partly"]
    # Unanswered: no score, though the submitted attempt holds a mark of 0 for it.
    assert (clark.cells[3].score, clark.cells[3].marked, clark.cells[3].verdict) == (
        None,
        0,
        "blank",
    )
    # Work in progress shows what is saved so far, unmarked.
    assert (davis.cells[0].answer, davis.cells[0].score, davis.cells[0].verdict) == (
        "Zinoviev",
        None,
        "unmarked",
    )
    assert [cell.answer for cell in evans.cells] == ["", "", "", ""]


def test_facility_counts_partial_credit_as_its_fraction(friday):
    grid = results.assignment_results(friday.assignment, NOW)

    facilities = [question.facility for question in grid.questions]
    assert facilities == pytest.approx([100 / 3, 200 / 3, 200 / 3, 1100 / 18])
    assert [question.attempts for question in grid.questions] == [3, 3, 3, 3]
    assert [question.unanswered for question in grid.questions] == [0, 0, 0, 1]
    assert [question.expected for question in grid.questions] == [
        "Trotsky",
        "True",
        "Trotsky",
        ", then ".join(ORDER),
    ]


def test_common_wrong_answers_are_counted_among_submitted_attempts(friday):
    grid = results.assignment_results(friday.assignment, NOW)

    assert [question.wrong_answers for question in grid.questions] == [
        [("Kamenev", 2)],  # Davis's unsubmitted "Zinoviev" does not count
        [("False", 1)],
        [("bukharin", 1)],
        [(", then ".join(SWAPPED), 1)],  # partly right is still not right
    ]


def test_typed_wrong_answers_are_grouped_whatever_their_case_and_spacing(teacher):
    homework = make_homework(teacher=teacher, students=5)
    typed = homework.typed
    for student, text in zip(
        homework.students, ["Bukharin", " bukharin", "BUKHARIN ", "Rykov", "Tomsky"], strict=True
    ):
        answer(homework.assignment, student, {typed: text})

    grid = results.assignment_results(homework.assignment, NOW)

    assert grid.questions[2].wrong_answers == [("bukharin", 3), ("rykov", 1), ("tomsky", 1)]


def test_only_the_three_most_common_wrong_answers_are_kept(teacher):
    homework = make_homework(teacher=teacher, students=6)
    choices = ["Kamenev", "Kamenev", "Zinoviev", "Zinoviev", "Bukharin", "Trotsky"]
    for student, choice in zip(homework.students, choices, strict=True):
        answer(homework.assignment, student, {homework.mcq: choice})

    grid = results.assignment_results(homework.assignment, NOW)

    assert grid.questions[0].wrong_answers == [("Kamenev", 2), ("Zinoviev", 2), ("Bukharin", 1)]
    assert grid.questions[0].facility == pytest.approx(100 / 6)


def test_topic_breakdown_averages_the_scores_of_each_topics_questions(friday):
    grid = results.assignment_results(friday.assignment, NOW)

    first, second = friday.mcq.topic, friday.typed.topic
    assert [(topic.title, topic.answers) for topic in grid.topics] == [
        (first.title, 6),
        (second.title, 6),
    ]
    assert [topic.average for topic in grid.topics] == pytest.approx([50, 2300 / 36])


def test_the_latest_submitted_attempt_counts_not_the_best(teacher):
    homework = make_homework(teacher=teacher, students=1, attempts_allowed=2)
    student = homework.students[0]
    answer(homework.assignment, student, all_right(homework))
    answer(
        homework.assignment,
        student,
        {homework.mcq: "Kamenev"},
        submitted_at=ON_TIME + timedelta(hours=1),
    )

    row = results.assignment_results(homework.assignment, NOW).rows[0]

    assert (row.work.score, row.work.attempts) == (0, 2)
    assert row.cells[0].answer == "Kamenev"


def test_a_second_try_in_progress_leaves_the_submitted_one_showing(teacher):
    homework = make_homework(teacher=teacher, students=1, attempts_allowed=2)
    student = homework.students[0]
    answer(homework.assignment, student, all_right(homework))
    answer(homework.assignment, student, {homework.mcq: "Kamenev"}, submitted_at=None)

    row = results.assignment_results(homework.assignment, NOW).rows[0]

    assert (row.work.status, row.work.score, row.work.attempts) == (Progress.SUBMITTED, 100, 2)
    assert row.cells[0].answer == "Trotsky"


def test_moving_the_due_date_later_clears_late(friday):
    friday.assignment.due_at = LATE + timedelta(minutes=1)
    friday.assignment.save()

    grid = results.assignment_results(friday.assignment, NOW)

    assert grid.rows[2].work.status == Progress.SUBMITTED


def test_a_class_with_no_submissions_has_no_figures(teacher):
    homework = make_homework(teacher=teacher, students=2)

    grid = results.assignment_results(homework.assignment, NOW)

    assert grid.spread == results.Spread(count=0)
    assert [question.facility for question in grid.questions] == [None] * 4
    assert grid.topics == []


# Answers as a teacher reads them


@pytest.mark.parametrize(
    ("kind", "options", "given", "shown"),
    [
        (Kind.MULTIPLE_CHOICE, ["A", "B"], " Kamenev ", "Kamenev"),
        (Kind.TRUE_FALSE, ["True", "False"], False, "False"),
        (Kind.TRUE_FALSE, ["True", "False"], "true", "True"),
        (Kind.TYPED, [], "  Leon   Trotsky ", "Leon Trotsky"),
        (Kind.ORDERING, ["b", "a"], ["b", "a"], "b, then a"),
        (
            Kind.MATCHING,
            {"left": ["Yagoda", "Yezhov"], "right": ["1934", "1936"]},
            {"Yezhov": "1934", "Yagoda": "1936"},
            "Yagoda → 1936; Yezhov → 1934",
        ),
        (Kind.TYPED, [], None, ""),
        (Kind.MATCHING, {"left": [], "right": []}, {}, ""),
    ],
)
def test_answers_read_the_same_whatever_their_stored_shape(kind, options, given, shown):
    question = Question(kind=kind, options=options)

    assert results.answer_text(question, given) == shown


# A student's report


def test_a_students_report_lists_every_assignment_and_their_topics(teacher):
    topics = [
        factories.make_topic(title=title) for title in ("Rise", "Purges", "Economy", "Society")
    ]
    student = factories.make_student(first_name="Ann", last_name="Adams")
    first = make_homework(
        teacher=teacher, students=[student], questions=make_questions(topics=topics[:2])
    )
    classroom = first.classroom
    second = make_homework(
        classroom=classroom,
        students=[student],
        questions=make_questions(topics=topics[2:]),
        title="Economy",
    )
    lone = factories.make_topic(title="Culture")
    third = make_homework(
        classroom=classroom,
        students=[student],
        questions=[
            Question.objects.create(
                kind=Kind.TRUE_FALSE,
                prompt="Art was free.",
                options=["True", "False"],
                answer=False,
                topic=lone,
            )
        ],
        title="Culture",
    )
    make_homework(classroom=classroom, students=[student], title="Not started")
    answer(first.assignment, student, all_right(first))
    answer(
        second.assignment,
        student,
        {second.mcq: "Kamenev", second.true_false: True, second.typed: "Rykov"},
        submitted_at=LATE,
    )
    answer(third.assignment, student, {third.questions[0]: True})

    report = results.student_report(classroom, student, NOW)

    assert [(row.title, row.work.status, row.work.score) for row in report.rows] == [
        ("Rise to power", Progress.SUBMITTED, 100),
        ("Economy", Progress.LATE, 25),
        ("Culture", Progress.SUBMITTED, 0),
        ("Not started", Progress.NOT_STARTED, None),
    ]
    assert report.average == pytest.approx(125 / 3)
    assert [(t.title, t.answers, t.average) for t in report.topics] == [
        ("Rise", 2, 100),
        ("Purges", 2, 100),
        ("Economy", 2, 50),
        ("Society", 2, 0),
        ("Culture", 1, 0),
    ]
    assert [topic.title for topic in report.strengths] == ["Purges", "Rise"]
    # Culture has a single answer: too few to call it a weakness.
    assert [topic.title for topic in report.weaknesses] == ["Society", "Economy"]


def test_a_report_with_no_work_has_no_average_or_topics(teacher):
    homework = make_homework(teacher=teacher, students=1)

    report = results.student_report(homework.classroom, homework.students[0], NOW)

    assert [row.work.status for row in report.rows] == [Progress.NOT_STARTED]
    assert (report.average, report.topics, report.strengths, report.weaknesses) == (
        None,
        [],
        [],
        [],
    )


# The class overview


def test_the_overview_shows_completion_and_averages_per_assignment_and_student(friday):
    classroom = friday.classroom
    second = make_homework(classroom=classroom, students=friday.students, title="Purges")
    adams = friday.students[2]
    answer(second.assignment, adams, {second.mcq: "Trotsky"})

    overview = results.class_overview(classroom, NOW)

    assert [(a.title, a.submitted, a.students) for a in overview.assignments] == [
        ("Rise to power", 3, 5),
        ("Purges", 1, 5),
    ]
    assert overview.assignments[0].average == pytest.approx(170.8333 / 3, abs=1e-3)
    assert overview.assignments[1].average == 25
    adams_row = overview.rows[0]
    assert adams_row.student.last_name == "Adams"
    assert [work.status for work in adams_row.cells] == [Progress.SUBMITTED, Progress.SUBMITTED]
    assert (adams_row.average, adams_row.submitted) == (62.5, 2)
    assert [row.submitted for row in overview.rows] == [2, 1, 1, 0, 0]


# CSV


def read_csv(text):
    return list(csv.reader(io.StringIO(text)))


def test_the_responses_csv_has_one_row_per_student_per_question(friday):
    header, *rows = read_csv(results.responses_csv(friday.assignment, now=NOW))

    assert header == results.RESPONSES_HEADER
    assert len(rows) == 5 * 4
    by_name = sorted(friday.students, key=lambda student: student.last_name)
    assert [(row[1], row[2]) for row in rows] == [
        (student.username, str(number)) for student in by_name for number in range(1, 5)
    ]
    brown_order = dict(zip(header, rows[7], strict=True))
    assert brown_order == {
        "Student": "Ben Brown",
        "Username": friday.students[4].username,
        "Question": "4",
        "Prompt": "Put these in order.",
        "Kind": "Chronological order",
        "Topic": friday.ordering.topic.title,
        "Answer given": ", then ".join(SWAPPED),
        "Correct answer": ", then ".join(ORDER),
        "Score (0-1)": "0.83",
        "Status": "Submitted",
        "Submitted at": "2025-03-13 12:00",  # London time (GMT in March)
        "Late": "no",
    }
    clark_blank = dict(zip(header, rows[11], strict=True))
    assert (clark_blank["Answer given"], clark_blank["Score (0-1)"], clark_blank["Late"]) == (
        "",
        "0",
        "yes",
    )
    evans = dict(zip(header, rows[19], strict=True))
    assert (evans["Status"], evans["Score (0-1)"], evans["Submitted at"]) == ("Not started", "", "")


def test_the_csvs_guard_against_formulas(teacher):
    student = factories.make_student(first_name="=cmd|' /C calc'!A0", last_name="@SUM(1)")
    homework = make_homework(teacher=teacher, students=[student], title="+Purges")
    answer(homework.assignment, student, {homework.typed: '=HYPERLINK("http://x","y")'})

    _, *responses = read_csv(results.responses_csv(homework.assignment, now=NOW))
    _, *scores = read_csv(results.scores_csv(homework.classroom, now=NOW))

    assert responses[2][0] == "'=cmd|' /C calc'!A0 @SUM(1)"
    assert responses[2][6] == '\'=HYPERLINK("http://x","y")'
    assert scores[0][2] == "'+Purges"
    cells = [cell for row in responses + scores for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+2", "'=1+2"), ("+44", "'+44"), ("-3", "'-3"), ("@A1", "'@A1"), ("\tx", "'\tx"),
     ("Trotsky", "Trotsky"), (25, "25"), (None, "")],
)  # fmt: skip
def test_a_cell_that_a_spreadsheet_would_run_is_quoted(value, safe):
    assert results.safe_cell(value) == safe


def test_the_scores_csv_has_one_row_per_student_per_assignment(friday):
    make_homework(classroom=friday.classroom, students=friday.students, title="Purges")

    header, *rows = read_csv(results.scores_csv(friday.classroom, now=NOW))

    assert header == results.SCORES_HEADER
    assert len(rows) == 5 * 2
    assert rows[0] == [
        "Ann Adams",
        friday.students[2].username,
        "Rise to power",
        "2025-03-14 12:00",
        "Submitted",
        "100",
        "2025-03-13 12:00",
        "1",
    ]
    assert rows[2][4:7] == ["Submitted", "45.8", "2025-03-13 12:00"]
    assert rows[4][4:7] == ["Submitted late", "25", "2025-03-14 13:00"]
    assert rows[6][4:8] == ["In progress", "", "", "1"]
    assert rows[9][2:6] == ["Purges", "2025-03-14 12:00", "Not started", ""]


# Queries: a fixed number whatever the size of the class


@pytest.fixture(params=[5, 30])
def busy_class(request, teacher):
    homework = make_homework(teacher=teacher, students=request.param)
    for student in homework.students[1:]:
        answer(homework.assignment, student, all_right(homework))
    make_homework(classroom=homework.classroom, students=homework.students, title="Purges")
    return homework


@pytest.mark.parametrize(
    ("build", "queries"),
    [
        (lambda h: results.assignment_results(h.assignment, NOW), 4),
        (lambda h: results.responses_csv(h.assignment, now=NOW), 4),
        (lambda h: results.student_report(h.classroom, h.students[-1], NOW), 3),
        (lambda h: results.class_overview(h.classroom, NOW), 3),
        (lambda h: results.scores_csv(h.classroom, now=NOW), 3),
    ],
)
def test_results_take_a_fixed_number_of_queries(
    busy_class, build, queries, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        build(busy_class)
