import csv
import io
from collections import namedtuple
from datetime import timedelta

import pytest

from classrooms import results
from classrooms.csv_files import safe_cell
from classrooms.results import Progress
from quizzes import kinds
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

    assert kinds.describe(question, given) == shown


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

    # Latest first (due at the same time: the one set last)
    assert [(a.title, a.submitted, a.students) for a in overview.assignments] == [
        ("Purges", 1, 5),
        ("Rise to power", 3, 5),
    ]
    assert overview.assignments[1].average == pytest.approx(170.8333 / 3, abs=1e-3)
    assert overview.assignments[0].average == 25
    adams_row = overview.rows[0]
    assert adams_row.student.last_name == "Adams"
    assert [work.status for work in adams_row.cells] == [Progress.SUBMITTED, Progress.SUBMITTED]
    assert (adams_row.average, adams_row.submitted) == (62.5, 2)
    assert [row.submitted for row in overview.rows] == [2, 1, 1, 0, 0]


def test_archived_homework_leaves_the_overviews_columns_but_its_answers_stay_in_the_heatmap(
    teacher,
):
    rise = factories.make_topic(title="Rise", order=1)
    terror = factories.make_topic(title="Terror", order=2)
    ann = factories.make_student(first_name="Ann", last_name="Adams")
    kept = make_homework(
        teacher=teacher, students=[ann], questions=make_questions(topics=(rise, rise))
    )
    archived = make_homework(
        classroom=kept.classroom,
        students=[ann],
        questions=make_questions(topics=(terror, terror)),
        title="Purges",
    )
    answer(kept.assignment, ann, all_right(kept))
    answer(archived.assignment, ann, {archived.mcq: "Trotsky"})  # 1 of 4 right
    archived.assignment.archive(now=NOW)

    overview = results.class_overview(kept.classroom, NOW)

    assert [a.title for a in overview.assignments] == ["Rise to power"]
    assert (overview.homeworks, overview.rows[0].average, overview.rows[0].submitted) == (1, 100, 1)
    assert overview.heatmap.topics == ["Rise", "Terror"]
    assert [(c.answers, c.average) for c in overview.heatmap.rows[0].cells] == [(4, 100), (4, 25)]
    scores = list(csv.DictReader(io.StringIO(results.scores_csv(kept.classroom, now=NOW))))
    assert [row["Assignment"] for row in scores] == ["Rise to power"]


# Bands and the score distribution


@pytest.mark.parametrize(
    ("percent", "shown", "band"),
    [(None, None, None), (0, 0, 0), (19.49, 19, 0), (19.5, 20, 1), (59.999, 60, 3),
     (79.4, 79, 3), (80, 80, 4), (100, 100, 4)],
)  # fmt: skip
def test_percentages_fall_in_the_band_of_the_number_the_page_prints(percent, shown, band):
    assert (results.whole(percent), results.band(percent)) == (shown, band)


def test_the_distribution_counts_scores_in_bands_of_ten_by_their_printed_value():
    bins = results.score_distribution([0, 9.4, 9.5, 10, 45.8333, 89.6, 99.9, 100])

    assert [item.label for item in bins] == [
        "0–9%", "10–19%", "20–29%", "30–39%", "40–49%",
        "50–59%", "60–69%", "70–79%", "80–89%", "90–100%",
    ]  # fmt: skip
    assert [item.count for item in bins] == [2, 2, 0, 0, 1, 0, 0, 0, 0, 3]


def test_the_charts_carry_the_distribution_and_facility_of_submitted_work(friday):
    charts = results.assignment_charts(results.assignment_results(friday.assignment, NOW))

    # Adams 100%, Brown 45.8%, Clark 25% (late); Davis's and Evans's work does not count.
    assert charts["distribution"]["values"] == [0, 0, 1, 0, 1, 0, 0, 0, 0, 1]
    assert charts["distribution"]["bands"] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert charts["facility"] == {
        "labels": ["Q1", "Q2", "Q3", "Q4"],
        "values": [33, 67, 67, 61],
        "bands": [1, 3, 3, 3],
        "average": 57,
    }


def test_charts_of_work_nobody_has_submitted_are_empty(teacher):
    homework = make_homework(teacher=teacher, students=2)
    answer(homework.assignment, homework.students[0], all_right(homework), submitted_at=None)

    charts = results.assignment_charts(results.assignment_results(homework.assignment, NOW))

    assert charts["distribution"]["values"] == [0] * 10
    assert charts["facility"]["values"] == [None] * 4
    assert charts["facility"]["average"] is None


# The topic heatmap: students × course sections

Topic = namedtuple("Topic", "pk title order")
ANN = results.Student(1, "ann", "Ann", "Adams")
BEN = results.Student(2, "ben", "Ben", "Brown")
CAL = results.Student(3, "cal", "Cal", "Clark")


def test_each_heatmap_cell_averages_one_students_answers_on_one_topic():
    rise, terror = Topic(10, "Rise", order=1), Topic(20, "Terror", order=2)
    answers = [
        (ANN.pk, terror, 1.0),
        (ANN.pk, rise, 1.0),
        (ANN.pk, rise, 0.0),
        (ANN.pk, rise, 0.5),
        (BEN.pk, terror, 0.25),
    ]

    heatmap = results.topic_heatmap([ANN, BEN, CAL], answers)

    assert heatmap.topics == ["Rise", "Terror"]  # course order, not the order answered
    assert [row.student for row in heatmap.rows] == [ANN, BEN, CAL]
    cells = [[(cell.answers, cell.average) for cell in row.cells] for row in heatmap.rows]
    assert cells == [
        [(3, 50), (1, 100)],
        [(0, None), (1, 25)],
        [(0, None), (0, None)],  # nothing submitted: a row of empty cells
    ]
    assert [[cell.band for cell in row.cells] for row in heatmap.rows] == [
        [2, 4],
        [None, 1],
        [None, None],
    ]


def test_the_heatmaps_class_row_weighs_every_answer_alike():
    rise = Topic(10, "Rise", order=1)
    answers = [(ANN.pk, rise, 1.0)] * 3 + [(BEN.pk, rise, 0.0)]

    heatmap = results.topic_heatmap([ANN, BEN], answers)

    assert [(cell.answers, cell.average) for cell in heatmap.totals] == [(4, 75)]


def test_a_heatmap_without_answers_has_no_columns():
    heatmap = results.topic_heatmap([ANN, BEN], [])

    assert (heatmap.topics, heatmap.totals) == ([], [])
    assert [row.cells for row in heatmap.rows] == [[], []]


def test_the_heatmap_counts_each_students_latest_submitted_work_by_course_section(teacher):
    rise = factories.make_topic(title="Rise", order=1)
    terror = factories.make_topic(title="Terror", order=2)
    kirov = factories.make_topic(title="Kirov", order=3, parent=terror)
    ann = factories.make_student(first_name="Ann", last_name="Adams")
    ben = factories.make_student(first_name="Ben", last_name="Brown")
    # First homework: two questions on Kirov (a part of Terror), two on Rise.
    first = make_homework(
        teacher=teacher,
        students=[ann, ben],
        questions=make_questions(topics=(kirov, rise)),
        attempts_allowed=2,
    )
    classroom = first.classroom
    answer(first.assignment, ann, all_right(first))
    answer(first.assignment, ann, {first.mcq: "Trotsky"}, submitted_at=ON_TIME + timedelta(hours=1))
    answer(first.assignment, ben, all_right(first), submitted_at=None)  # not handed in
    # Second homework: two questions on Rise, two on Terror itself.
    second = make_homework(
        classroom=classroom,
        students=[ann, ben],
        questions=make_questions(topics=(rise, terror)),
        title="Purges",
    )
    answer(second.assignment, ann, all_right(second))
    answer(
        second.assignment,
        ben,
        {second.mcq: "Trotsky", second.true_false: False, second.typed: "Trotsky",
         second.ordering: SWAPPED},
        submitted_at=LATE,
    )  # fmt: skip
    # The same quiz done in another class does not count here.
    elsewhere = make_homework(teacher=teacher, students=1, questions=first.questions)
    answer(elsewhere.assignment, elsewhere.students[0], {first.mcq: "Kamenev"})

    heatmap = results.class_overview(classroom, NOW).heatmap

    assert heatmap.topics == ["Rise", "Terror"]
    cells = [[(cell.answers, cell.average) for cell in row.cells] for row in heatmap.rows]
    # Ann: Rise 0, 0 (her second try left them blank), 1, 1; Terror 1, 0, 1, 1.
    # Ben: only the second homework counts. Rise 1, 0; Terror 1, 5/6.
    assert cells == [
        [(4, 50), (4, 75)],
        [(2, 50), (2, pytest.approx(1100 / 12))],
    ]
    assert [(cell.answers, cell.average) for cell in heatmap.totals] == [
        (6, 50),
        (6, pytest.approx(2900 / 36)),
    ]


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
     ("\r=1", "'\r=1"), ("Trotsky", "Trotsky"), (25, "25"), (None, "")],
)  # fmt: skip
def test_a_cell_that_a_spreadsheet_would_run_is_quoted(value, safe):
    assert safe_cell(value) == safe


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
        (lambda h: results.class_overview(h.classroom, NOW), 4),  # with the topic heatmap
        (lambda h: results.scores_csv(h.classroom, now=NOW), 3),
    ],
)
def test_results_take_a_fixed_number_of_queries(
    busy_class, build, queries, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        build(busy_class)


def test_the_heatmap_adds_one_query_whatever_the_size_of_the_class(
    busy_class, django_assert_num_queries
):
    with django_assert_num_queries(4):
        heatmap = results.class_overview(busy_class.classroom, NOW).heatmap

    students = len(busy_class.students)
    assert len(heatmap.rows) == students
    # Everyone but the first student submitted four questions, two on each of two topics.
    assert [cell.answers for cell in heatmap.totals] == [2 * (students - 1)] * 2
