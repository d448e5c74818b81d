import pytest
from django.urls import reverse

from quizzes.builder import build_quiz
from quizzes.models import Kind, Question, Quiz
from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db


def item_url(name, quiz, item):
    return reverse(f"quizzes:{name}", kwargs={"pk": quiz.pk, "item_pk": item.pk})


def test_a_teacher_builds_a_quiz_from_topics_kinds_and_length(teacher_client, teacher):
    topics = Topic.objects.filter(slug__in=["lenins-testament", "the-defeat-of-the-left"])

    response = teacher_client.post(
        reverse("quizzes:new"),
        {"title": "10B homework", "topics": [t.pk for t in topics], "kinds": ["multiple_choice",
         "true_false"], "count": 4, "difficulty": ""},
    )  # fmt: skip

    quiz = Quiz.objects.get(owner=teacher, title="10B homework")
    assert response["Location"] == quiz.get_absolute_url()
    questions = quiz.ordered_questions()
    assert len(questions) == 4
    assert {q.kind for q in questions} <= {"multiple_choice", "true_false"}
    assert {q.topic.slug for q in questions} == {"lenins-testament", "the-defeat-of-the-left"}


def test_building_with_bad_input_shows_field_errors(teacher_client):
    response = teacher_client.post(reverse("quizzes:new"), {"title": "", "count": 500})

    errors = response.context["form"].errors
    assert {"title", "topics", "count"} <= set(errors)
    assert not Quiz.objects.exists()


def test_the_preview_shows_each_question_with_its_answer(teacher_client, quiz):
    page = teacher_client.get(quiz.get_absolute_url()).content.decode()

    for question in quiz.ordered_questions():
        if question.kind == Kind.MULTIPLE_CHOICE:
            assert "(answer)" in page
        if question.kind in {Kind.TYPED, Kind.CLOZE}:
            assert question.answer["text"] in page


def test_swapping_a_question_keeps_topic_kind_and_position(teacher_client, quiz):
    in_quiz = [item.question_id for item in quiz.items.all()]

    def has_others(item):
        same = Question.objects.in_bank().filter(topic=item.question.topic, kind=item.question.kind)
        return same.exclude(pk__in=in_quiz).count() >= 3  # some may share the quiz's ideas

    item = next(
        i for i in quiz.items.select_related("question").order_by("position") if has_others(i)
    )
    old, position = item.question, item.position

    teacher_client.post(item_url("replace", quiz, item))

    item.refresh_from_db()
    assert item.question != old
    assert (item.question.topic, item.question.kind) == (old.topic, old.kind)
    assert item.position == position


def test_removing_a_question_renumbers_the_rest(teacher_client, quiz):
    item = quiz.items.first()

    teacher_client.post(item_url("remove", quiz, item))

    assert list(quiz.items.values_list("position", flat=True)) == [1, 2, 3, 4, 5]


def test_moving_a_question_down_and_up(teacher_client, quiz):
    first, second = quiz.items.all()[:2]

    teacher_client.post(item_url("down", quiz, first))
    assert list(quiz.items.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]

    teacher_client.post(item_url("up", quiz, first))
    assert list(quiz.items.values_list("pk", flat=True)[:2]) == [first.pk, second.pk]


def test_moving_needs_a_post(teacher_client, quiz):
    item = quiz.items.first()
    assert teacher_client.get(item_url("down", quiz, item)).status_code == 405


def test_a_teacher_writes_their_own_question_into_the_quiz(teacher_client, teacher, quiz):
    topic = Topic.objects.get(slug="lenins-testament")

    response = teacher_client.post(
        reverse("quizzes:write", kwargs={"pk": quiz.pk}),
        {"kind": "multiple_choice", "topic": topic.pk, "prompt": "Who wrote the testament?",
         "answer": "Lenin", "wrong_options": "Stalin\nTrotsky\nBukharin", "explanation": "Lenin."},
    )  # fmt: skip

    assert response.status_code == 302
    question = quiz.ordered_questions()[-1]
    assert (question.prompt, question.answer, question.author) == (
        "Who wrote the testament?", "Lenin", teacher,
    )  # fmt: skip
    assert not Question.objects.in_bank().filter(pk=question.pk).exists()


def test_a_written_question_needs_three_different_wrong_options(teacher_client, quiz):
    response = teacher_client.post(
        reverse("quizzes:write", kwargs={"pk": quiz.pk}),
        {"kind": "multiple_choice", "topic": Topic.objects.first().pk, "prompt": "Q?",
         "answer": "Lenin", "wrong_options": "Lenin\nTrotsky"},
    )  # fmt: skip

    assert "Give three different wrong options." in response.content.decode()


def test_settings_are_saved(teacher_client, quiz):
    teacher_client.post(
        reverse("quizzes:settings", kwargs={"pk": quiz.pk}),
        {"title": "Renamed", "shuffle_questions": "on"},
    )

    quiz.refresh_from_db()
    assert (quiz.title, quiz.shuffle_questions, quiz.shuffle_options) == ("Renamed", True, False)


def teacher_urls(quiz):
    item = quiz.items.first()
    return [
        ("get", reverse("quizzes:list")),
        ("get", reverse("quizzes:new")),
        ("get", quiz.get_absolute_url()),
        ("get", reverse("quizzes:write", kwargs={"pk": quiz.pk})),
        ("post", reverse("quizzes:settings", kwargs={"pk": quiz.pk})),
        ("post", item_url("replace", quiz, item)),
        ("post", item_url("remove", quiz, item)),
        ("post", item_url("up", quiz, item)),
        ("post", item_url("down", quiz, item)),
    ]


def test_students_cannot_reach_the_teachers_quiz_pages(student_client, quiz):
    for method, url in teacher_urls(quiz):
        assert getattr(student_client, method)(url).status_code == 404, url


def test_another_teacher_cannot_see_or_change_the_quiz(client, quiz):
    client.force_login(factories.make_teacher())
    for method, url in teacher_urls(quiz)[2:]:
        assert getattr(client, method)(url).status_code == 404, url
    assert quiz.items.count() == 6


def test_anonymous_visitors_are_sent_to_sign_in(client, quiz):
    for method, url in teacher_urls(quiz):
        assert getattr(client, method)(url).status_code == 302, url


@pytest.mark.parametrize("quizzes", [1, 15])
def test_quiz_list_and_preview_run_a_fixed_number_of_queries(
    teacher_client, teacher, django_assert_num_queries, quizzes
):
    section = Topic.objects.get(slug="the-terror-state")
    for n in range(quizzes):
        quiz = build_quiz(owner=teacher, title=f"Q{n}", topics=[section], count=quizzes, seed=n)

    with django_assert_num_queries(2):  # the user with their roles, quizzes
        assert teacher_client.get(reverse("quizzes:list")).status_code == 200
    # quiz, items, source facts, attempts, corrected questions (the user comes from the cache)
    with django_assert_num_queries(5):
        assert teacher_client.get(quiz.get_absolute_url()).status_code == 200


def test_a_written_question_does_not_always_put_its_answer_first(teacher_client, quiz):
    url = reverse("quizzes:write", kwargs={"pk": quiz.pk})
    data = {"kind": "multiple_choice", "topic": Topic.objects.first().pk, "prompt": "Who?",
            "answer": "Lenin", "wrong_options": "Stalin\nTrotsky\nBukharin"}  # fmt: skip
    for _ in range(12):
        teacher_client.post(url, data)

    positions = {q.options.index("Lenin") for q in Question.objects.filter(prompt="Who?")}
    assert len(positions) > 1


def test_a_quiz_students_have_started_cannot_change(teacher_client, quiz):
    from quizzes import taking

    taking.start_attempt(quiz=quiz, user=factories.make_student())
    item = quiz.items.first()
    before = list(quiz.items.values_list("pk", "question_id", "position"))

    for name in ("replace", "remove", "down"):
        response = teacher_client.post(item_url(name, quiz, item), follow=True)
        assert "already answered this quiz" in response.content.decode()
    response = teacher_client.post(reverse("quizzes:write", kwargs={"pk": quiz.pk}), follow=True)
    assert "already answered this quiz" in response.content.decode()

    assert list(quiz.items.values_list("pk", "question_id", "position")) == before


def test_a_question_is_never_appended_to_a_quiz_students_have_started(quiz):
    from quizzes import taking
    from quizzes.models import QuizAnswered

    taking.start_attempt(quiz=quiz, user=factories.make_student())
    question = Question.objects.in_bank().exclude(quiz_items__quiz=quiz).first()

    with pytest.raises(QuizAnswered):
        quiz.append(question)

    assert not quiz.items.filter(question=question).exists()
