"""Memory in the database, Revise now and flashcards: through the real bank and FSRS."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from fsrs import Rating

from classrooms import assignments
from quizzes import memory, revision, taking
from quizzes.models import (
    Kind,
    MemoryState,
    Question,
    Review,
    ReviewSource,
    RevisionItem,
    RevisionSession,
    SessionMode,
)
from quizzes.revision import mark
from tests import factories

DAY0 = datetime(2026, 1, 5, 16, 0, tzinfo=UTC)


def bank_question(kind=Kind.MULTIPLE_CHOICE, **filters):
    return Question.objects.in_bank().exclude(idea="").filter(kind=kind, **filters).first()


def correct_answer(question):
    return question.answer["text"] if question.kind in {"typed", "cloze"} else question.answer


def test_every_single_idea_question_in_the_bank_has_its_idea(db):
    bank = Question.objects.in_bank()
    assert bank.exclude(idea="").count() > 0.5 * bank.count()
    for question in bank.exclude(idea="")[:50]:
        assert question.idea == memory.idea_of(question.template, question.key)
    assert not bank.filter(kind__in=["ordering", "matching"]).exclude(idea="").exists()


def test_a_review_is_one_row_per_idea_and_a_log_entry_each_time(student):
    question = bank_question()
    revision.record(student, [(question, Rating.Good)], now=DAY0, source=ReviewSource.PRACTICE)
    first = MemoryState.objects.get(student=student, idea=question.idea)
    later = DAY0 + timedelta(days=3)
    revision.record(student, [(question, Rating.Good)], now=later, source=ReviewSource.PRACTICE)
    second = MemoryState.objects.get(student=student, idea=question.idea)
    expected = memory.review(memory.review(None, Rating.Good, DAY0), Rating.Good, later)
    assert (second.stability, second.due, second.reps) == (expected.stability, expected.due, 2)
    assert second.pk == first.pk and second.topic_id == question.topic_id
    assert Review.objects.filter(student=student, idea=question.idea).count() == 2


def test_typed_and_choice_versions_of_an_idea_share_one_memory(student):
    typed = Question.objects.in_bank().filter(template="person_from_role_typed").first()
    choice = Question.objects.in_bank().get(key=typed.key.replace("_typed:", "_mcq:"))
    revision.record(student, [(choice, Rating.Good)], now=DAY0, source=ReviewSource.REVISE)
    revision.record(student, [(typed, Rating.Easy)], now=DAY0 + timedelta(2), source="revise")
    assert MemoryState.objects.get(student=student).reps == 2


def test_one_upsert_writes_a_whole_batch(student, django_assert_num_queries):
    questions = list(Question.objects.in_bank().exclude(idea="").order_by("pk")[:8])
    graded = [(q, Rating.Good) for q in questions]
    # read memories, savepoint, upsert, log, release
    with django_assert_num_queries(5):
        revision.record(student, graded, now=DAY0, source=ReviewSource.HOMEWORK)
    assert MemoryState.objects.filter(student=student).count() == len({q.idea for q in questions})


def test_homework_answers_count_only_when_handed_in(student):
    quiz = factories.make_quiz(factories.make_teacher(), count=4, kinds=["multiple_choice"])
    homework = factories.make_assignment(
        classroom=factories.enrol(factories.make_classroom(), student), quiz=quiz
    )
    attempt = assignments.start_or_resume(assignment=homework, student=student)
    questions = taking.attempt_questions(attempt)
    ideas = {question.idea for question in questions if question.idea}
    for question in questions:
        assignments.save_answer(
            assignment=homework, attempt=attempt, question=question, answer=question.answer
        )
    assert not MemoryState.objects.filter(student=student).exists()
    assignments.submit(assignment=homework, attempt=attempt)
    memories = MemoryState.objects.filter(student=student)
    assert set(memories.values_list("idea", flat=True)) == ideas and ideas
    assert set(Review.objects.values_list("source", "rating")) == {("homework", Rating.Good)}
    assignments.submit(assignment=homework, attempt=attempt)  # a second submit is a no-op
    assert Review.objects.count() == sum(bool(question.idea) for question in questions)


def test_practice_answers_update_memory_when_marked(student_client, student):
    topic = bank_question().topic
    data = {"topics": [topic.pk], "count": 5, "mode": "all"}
    response = student_client.post(reverse("quizzes:practice"), data)
    attempt = student.attempts.get()
    assert response["Location"] == attempt.get_absolute_url()
    student_client.post(attempt.get_absolute_url(), {"submit": "1"})
    assert Review.objects.filter(student=student, source="practice").exists()
    assert set(Review.objects.values_list("rating", flat=True)) == {Rating.Again}


def test_practice_one_at_a_time_updates_memory_with_each_answer(student_client, student):
    from quizzes import taking

    topic = bank_question().topic
    student_client.post(reverse("quizzes:practice"), {"topics": [topic.pk], "count": 5})
    attempt = student.attempts.get()
    assert attempt.one_at_a_time
    question = next(q for q in taking.attempt_questions(attempt) if q.idea)
    number = attempt.question_order.index(question.pk) + 1

    student_client.post(attempt.step_url(number), {})  # left blank: marked wrong

    reviews = Review.objects.filter(student=student, source="practice")
    assert list(reviews.values_list("idea", "rating")) == [(question.idea, Rating.Again)]
    student_client.post(attempt.step_url(number), {})  # a repeat post changes nothing
    assert reviews.count() == 1


def covered_class(student, *topics):
    classroom = factories.enrol(factories.make_classroom(), student)
    classroom.taught_topics.set(topics)
    return classroom


def test_a_session_puts_overdue_ideas_first_then_new_ones_from_covered_topics(student):
    old = bank_question()
    revision.record(student, [(old, Rating.Good)], now=DAY0, source="practice")
    covered = Question.objects.in_bank().exclude(idea="").exclude(topic=old.topic).first().topic
    now = DAY0 + timedelta(days=30)
    session = revision.start_session(student, topic_ids={covered.pk}, hidden=set(), now=now)
    items = list(session.items.select_related("question"))
    assert items[0].idea == old.idea and items[0].recall_before < 0.9
    ideas = Question.objects.in_bank().filter(
        topic=covered, kind__in=memory.CHOICE_KINDS + memory.RECALL_KINDS
    )
    ideas = set(ideas.exclude(idea="").values_list("idea", flat=True))
    assert len(items) == 1 + min(memory.SESSION_SIZE - 1, len(ideas))
    assert {item.question.topic_id for item in items[1:]} == {covered.pk}
    assert all(item.recall_before is None for item in items[1:])
    assert len({item.idea for item in items}) == len(items)


def test_nothing_due_and_nothing_covered_is_done_for_today(student):
    revision.record(student, [(bank_question(), Rating.Easy)], now=DAY0, source="practice")
    assert revision.start_session(student, topic_ids=set(), hidden=set(), now=DAY0) is None


def test_new_ideas_stop_at_the_days_allowance(student):
    topics = set(Question.objects.in_bank().values_list("topic_id", flat=True))
    first = revision.start_session(student, topic_ids=topics, hidden=set(), now=DAY0)
    assert first.items.count() == memory.NEW_PER_DAY
    assert revision.start_session(student, topic_ids=topics, hidden=set(), now=DAY0) is None
    tomorrow = DAY0 + timedelta(days=1)
    assert revision.start_session(student, topic_ids=topics, hidden=set(), now=tomorrow)


def test_a_session_never_uses_the_ideas_of_homework_still_to_hand_in(student):
    question = bank_question()
    others = Question.objects.in_bank().filter(idea=question.idea)
    hidden = {question.pk}
    session = revision.start_session(
        student, topic_ids={question.topic_id}, hidden=hidden, now=DAY0
    )
    ideas = set(session.items.values_list("idea", flat=True)) if session else set()
    assert question.idea not in ideas
    assert others.count() >= 1


def test_the_kind_follows_the_memory(student):
    typed = Question.objects.in_bank().filter(template="person_from_role_typed").first()
    choice = Question.objects.in_bank().get(key=typed.key.replace("_typed:", "_mcq:"))
    revision.record(student, [(choice, Rating.Again)], now=DAY0, source="practice")
    weak = revision.start_session(student, topic_ids=set(), hidden=set(), now=DAY0 + timedelta(2))
    assert weak.items.get().question.kind in memory.CHOICE_KINDS
    for day in (2, 6, 20):
        revision.record(student, [(choice, Rating.Good)], now=DAY0 + timedelta(day), source="x")
    later = DAY0 + timedelta(days=400)
    strong = revision.start_session(student, topic_ids=set(), hidden=set(), now=later)
    assert strong.items.get().question.kind in memory.RECALL_KINDS


# Pages ------------------------------------------------------------------------------------------


@pytest.fixture
def session(student):
    classroom = covered_class(student, bank_question().topic)
    return revision.start_session(
        student, topic_ids={t.pk for t in classroom.taught_topics.all()}, hidden=set(),
        now=timezone.now(),
    )  # fmt: skip


def test_the_question_page_never_holds_the_answer(student_client, session):
    item = session.items.select_related("question").first()
    page = student_client.get(session.get_absolute_url()).content.decode()
    assert escape(item.question.prompt) in page
    assert "Correct answer" not in page
    explanation = item.question.explanation
    if explanation and explanation not in item.question.prompt:  # a true statement's is itself
        assert escape(explanation) not in page
    if item.question.kind in {"typed", "cloze"}:
        assert escape(item.question.answer["text"]) not in page
    # The feedback page of an unanswered question goes back to the question.
    feedback = student_client.get(reverse("classrooms:revise_item", args=[session.pk, 1]))
    assert feedback["Location"] == session.get_absolute_url()


def test_answering_marks_updates_memory_and_shows_feedback_with_the_notes(
    student_client, student, session
):
    item = session.items.select_related("question").get(position=1)
    question = item.question
    url = reverse("classrooms:revise_answer", args=[session.pk, 1])
    response = student_client.post(
        url, taking.form_values(question, item, correct_answer(question))
    )
    assert response["Location"] == reverse("classrooms:revise_item", args=[session.pk, 1])
    page = student_client.get(response["Location"]).content.decode()
    assert "✓ Right" in page and "Read the notes" in page
    item.refresh_from_db()
    assert item.score == 1 and item.rating in {Rating.Good, Rating.Easy}
    assert MemoryState.objects.get(student=student, idea=item.idea).reps == 1
    student_client.post(url, {})  # a replay changes nothing
    assert Review.objects.filter(student=student).count() == 1


def test_the_end_screen_says_what_improved_and_when_to_come_back(student_client, student, session):
    for item in session.items.select_related("question"):
        student_client.post(
            reverse("classrooms:revise_answer", args=[session.pk, item.position]), {}
        )
    page = student_client.get(session.get_absolute_url()).content.decode()
    assert "Session done" in page and f"0 of {session.items.count()} right" in page
    assert "new → under a day" in page and "Your next session is due" in page
    session.refresh_from_db()
    assert session.finished_at is not None


def test_a_broken_answer_is_a_400(student_client, session):
    question = session.items.select_related("question").get(position=1).question
    value = "x" * 500 if question.kind in {"typed", "cloze"} else "not an option"
    url = reverse("classrooms:revise_answer", args=[session.pk, 1])
    assert student_client.post(url, {f"q{question.pk}": value}).status_code == 400
    assert not RevisionItem.objects.filter(session=session, answered_at__isnull=False).exists()


def test_other_students_sessions_are_404(client, session):
    client.force_login(factories.make_student())
    assert client.get(session.get_absolute_url()).status_code == 404
    url = reverse("classrooms:revise_answer", args=[session.pk, 1])
    assert client.post(url, {}).status_code == 404
    assert not RevisionItem.objects.filter(session=session, answered_at__isnull=False).exists()


def test_teachers_and_visitors_cannot_revise(client, teacher, session):
    assert client.get(reverse("classrooms:revise")).status_code == 302
    client.force_login(teacher)
    assert client.get(reverse("classrooms:revise")).status_code in {403, 404}


def test_answers_need_the_csrf_token(student, session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    url = reverse("classrooms:revise_answer", args=[session.pk, 1])
    assert client.post(url, {}).status_code == 403


def test_start_opens_a_session_or_says_done_for_today(student_client, student):
    response = student_client.post(reverse("classrooms:revise_start"), {"mode": "questions"})
    assert response.status_code == 200 and "Done for today" in response.content.decode()
    covered_class(student, bank_question().topic)
    response = student_client.post(reverse("classrooms:revise_start"), {"mode": "questions"})
    assert response["Location"] == RevisionSession.objects.get(student=student).get_absolute_url()
    assert student_client.post(reverse("classrooms:revise_start"), {"mode": "x"}).status_code == 400


def test_flashcards_show_think_reveal_and_rate(student_client, student):
    term = bank_question(template="term_definition_mcq")
    covered_class(student, term.topic)
    student_client.post(reverse("classrooms:revise_start"), {"mode": "flashcards"})
    session = RevisionSession.objects.get(student=student, mode=SessionMode.FLASHCARDS)
    assert {memory.idea_family(i) for i in session.items.values_list("idea", flat=True)} <= set(
        memory.FLASHCARD_IDEAS
    )
    item = session.items.select_related("question").get(position=1)
    front = student_client.get(session.get_absolute_url()).content.decode()
    expected = mark(item.question, None).expected
    card_front = front.split("data-card-front>")[1].split("</p>")[0]
    assert "Turn over" in front and escape(expected) not in card_front
    back = student_client.get(reverse("classrooms:revise_reveal", args=[session.pk, 1]))
    assert escape(expected) in back.content.decode()
    rate = reverse("classrooms:revise_rate", args=[session.pk, 1])
    assert student_client.post(rate, {"rating": "9"}).status_code == 400
    student_client.post(rate, {"rating": str(Rating.Hard.value)})
    review = Review.objects.get(student=student)
    assert (review.rating, review.source) == (Rating.Hard, "flashcard")


@pytest.mark.parametrize("answered", [2, 20])
def test_revise_pages_run_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, answered
):
    questions = Question.objects.in_bank().exclude(idea="").order_by("pk")[:answered]
    revision.record(student, [(q, Rating.Good) for q in questions], now=DAY0, source="x")
    session = revision.start_session(student, topic_ids=set(), hidden=set(), now=timezone.now())
    # user and roles, memories, this week's sessions, an unfinished session
    with django_assert_num_queries(4):
        student_client.get(reverse("classrooms:revise"))
    # the revision session, its items (the user comes from the cache after the first page)
    with django_assert_num_queries(2):
        student_client.get(session.get_absolute_url())


def test_the_dashboard_shows_strongest_and_weakest_topics_and_the_weekly_goal(
    student_client, student
):
    questions = Question.objects.in_bank().exclude(idea="").order_by("topic_id", "pk")
    by_topic = {}
    for question in questions:
        by_topic.setdefault(question.topic_id, question)
    now = timezone.now()
    for n, question in enumerate(list(by_topic.values())[:5]):
        revision.record(student, [(question, Rating.Good)], now=now - timedelta(n * 10), source="x")
    page = student_client.get(reverse("classrooms:dashboard"))
    memory_ = page.context["memory"]
    assert memory_["strongest"][0][1] > memory_["weakest"][0][1]
    assert "Strongest topics" in page.content.decode() and "This week" in page.content.decode()


def test_the_dashboards_memory_panel_is_kept_until_the_student_revises(
    student_client, student, session, django_assert_num_queries
):
    dashboard = reverse("classrooms:dashboard")
    before = student_client.get(dashboard).context
    assert before["memory"]["due"] == 0 and before["goal"].progress == 0
    with django_assert_num_queries(0):  # homework lists and memory panel from the cache
        student_client.get(dashboard)
    item = session.items.select_related("question").get(position=1)
    student_client.post(
        reverse("classrooms:revise_answer", args=[session.pk, 1]),
        taking.form_values(item.question, item, correct_answer(item.question)),
    )
    after = student_client.get(dashboard).context
    assert after["goal"].answered_elsewhere == 1  # the answer shows at once, not ten minutes on
    assert after["memory"]["next_due"] is not None


def test_the_memory_panel_is_drawn_again_when_an_idea_falls_due(student):
    question = bank_question()
    now = timezone.now()
    revision.record(student, [(question, Rating.Again)], now=now, source="x")
    panel = revision.memory_panel(student, now)
    assert panel["memory"]["due"] == 0
    due = MemoryState.objects.get(student=student, idea=question.idea).due
    assert revision.memory_panel(student, due + timedelta(seconds=1))["memory"]["due"] == 1


def test_the_fit_command_refuses_clearly_without_the_optimizer(db):
    with pytest.raises(CommandError, match='pip install "fsrs\\[optimizer\\]"'):
        call_command("fit_memory")


def test_the_review_log_reads_as_fsrs_review_logs(student):
    question = bank_question()
    revision.record(student, [(question, Rating.Hard)], now=DAY0, source="practice")
    (log,) = revision.review_logs()
    assert (log.rating, log.review_datetime, log.card_id) == (Rating.Hard, DAY0, 1)


def remembered(student, count, *, days_ago):
    """One question for each of `count` ideas, recalled `days_ago` days ago (ratings Good and
    Easy in turn, so their recall now differs)."""
    by_idea = {}
    for question in Question.objects.in_bank().exclude(idea="").order_by("pk"):
        by_idea.setdefault(question.idea, question)
    chosen = list(by_idea.values())[:count]
    then = timezone.now() - timedelta(days=days_ago)
    ratings = [Rating.Good, Rating.Easy]
    graded = [(q, ratings[i % 2]) for i, q in enumerate(chosen)]
    revision.record(student, graded, now=then, source="practice")
    return chosen


def test_keep_going_after_done_for_today_revises_the_least_remembered_first(
    student_client, student
):
    good, easy = remembered(student, 2, days_ago=1)  # neither is due yet
    start = reverse("classrooms:revise_start")
    page = student_client.post(start, {"mode": "questions"}).content.decode()
    assert "Done for today" in page and "Keep going" in page
    assert not RevisionSession.objects.exists()
    response = student_client.post(start, {"mode": "questions", "ahead": "1"})
    session = RevisionSession.objects.get(student=student)
    assert response["Location"] == session.get_absolute_url()
    items = session.items.order_by("position")
    assert list(items.values_list("idea", flat=True)) == [good.idea, easy.idea]
    assert all(item.recall_before < 1 for item in items)


def test_keep_going_with_everything_revised_today_says_there_is_nothing_left(
    student_client, student
):
    remembered(student, 2, days_ago=0)
    start = reverse("classrooms:revise_start")
    page = student_client.post(start, {"mode": "questions", "ahead": "1"}).content.decode()
    assert "data-nothing-left" in page and "Keep going" not in page
    assert not RevisionSession.objects.exists()


@pytest.mark.parametrize("met", [2, 20])
def test_keep_going_runs_a_fixed_number_of_queries(
    student_client, student, django_assert_num_queries, met
):
    remembered(student, met, days_ago=1)
    start = reverse("classrooms:revise_start")
    # user and roles, covered topics, homework to hand in (2), the bank, memories, today's new
    # ideas; then the page: memories, this week's sessions, an unfinished session
    with django_assert_num_queries(10):
        student_client.post(start, {"mode": "questions"})
    # the same reads less today's new ideas and the user (from the cache now); savepoint,
    # session, items, release
    with django_assert_num_queries(9):
        student_client.post(start, {"mode": "questions", "ahead": "1"})
    assert RevisionItem.objects.count() == min(met, memory.SESSION_SIZE)
