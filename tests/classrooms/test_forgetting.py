"""The teacher's forgetting map, the retrieval homework and piggyback questions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from fsrs import Rating

from classrooms import forgetting
from classrooms.models import Assignment
from quizzes import memory, revision
from quizzes.models import Question, Quiz
from tests import factories
from topics.models import Claim, Topic


def idea_questions(topic, n):
    """n questions of n different ideas in `topic` (choice kinds)."""
    chosen = {}
    for question in Question.objects.in_bank().filter(topic=topic).exclude(idea="").order_by("pk"):
        chosen.setdefault(question.idea, question)
    return list(chosen.values())[:n]


def section_with_subtopics():
    return Topic.objects.filter(parent__isnull=True, children__questions__isnull=False).first()


@pytest.fixture
def taught_class(teacher):
    classroom = factories.make_classroom(teacher=teacher)
    section = section_with_subtopics()
    classroom.taught_topics.set([section])
    return classroom, section


def remember(student, questions, *, days_ago, rating=Rating.Good):
    then = timezone.now() - timedelta(days=days_ago)
    revision.record(student, [(q, rating) for q in questions], now=then, source="practice")


def test_cells_are_mean_recall_now_by_section_and_subtopic(taught_class):
    classroom, section = taught_class
    subtopic = section.children.filter(questions__isnull=False).first()
    fresh, stale = factories.make_student(), factories.make_student()
    factories.enrol(classroom, fresh, stale)
    questions = idea_questions(subtopic, 3)
    remember(fresh, questions, days_ago=1)
    remember(stale, questions, days_ago=60)
    found = forgetting.forgetting_map(classroom, now=timezone.now())
    assert found.columns == [section]
    cells = {student: row[0] for student, row, _ in found.rows}
    assert cells[fresh].percent > 90 > cells[stale].percent
    assert cells[fresh].ideas == 3
    now = timezone.now()
    stability = memory.review(None, Rating.Good, now).stability
    expected = memory.retrievability(stability, now, now + timedelta(days=60))
    assert cells[stale].percent == round(100 * expected)
    drilled = forgetting.forgetting_map(classroom, now=timezone.now(), section=section.pk)
    assert subtopic in drilled.columns and set(drilled.columns) <= {
        section,
        *section.children.all(),
    }
    assert forgetting.forgetting_map(classroom, now=timezone.now(), section=subtopic.pk) is None


def test_ideas_of_topics_not_covered_stay_off_the_map(teacher):
    classroom = factories.make_classroom(teacher=teacher)
    student = factories.make_student()
    factories.enrol(classroom, student)
    remember(student, idea_questions(section_with_subtopics().children.first(), 2), days_ago=3)
    found = forgetting.forgetting_map(classroom, now=timezone.now())
    assert found.columns == [] and found.forgotten == []


def test_the_most_forgotten_ideas_come_first(taught_class):
    classroom, section = taught_class
    student = factories.make_student()
    factories.enrol(classroom, student)
    subtopic = section.children.filter(questions__isnull=False).first()
    old, new = idea_questions(subtopic, 2)
    remember(student, [old], days_ago=90, rating=Rating.Again)
    remember(student, [new], days_ago=1)
    forgotten = forgetting.forgetting_map(classroom, now=timezone.now()).forgotten
    assert [f.idea for f in forgotten] == [old.idea, new.idea]
    assert forgotten[0].percent < forgotten[1].percent and forgotten[0].students == 1


def test_an_idea_many_students_are_losing_comes_before_one_a_single_student_lost(taught_class):
    classroom, section = taught_class
    subtopic = section.children.filter(questions__isnull=False).first()
    lone, *class_of_four = (factories.make_student() for _ in range(5))
    factories.enrol(classroom, lone, *class_of_four)
    lost_by_one, fading_for_four = idea_questions(subtopic, 2)
    remember(lone, [lost_by_one], days_ago=90, rating=Rating.Again)
    for student in class_of_four:
        remember(student, [fading_for_four], days_ago=20)
    forgotten = forgetting.forgetting_map(classroom, now=timezone.now()).forgotten
    assert forgotten[0].percent > forgotten[1].percent  # less forgotten each, by more students
    assert [(f.idea, f.students) for f in forgotten] == [
        (fading_for_four.idea, 4),
        (lost_by_one.idea, 1),
    ]


def test_a_forgotten_claim_is_named_by_its_sentence_not_a_question_with_a_blank(taught_class):
    classroom, section = taught_class
    question = (
        Question.objects.in_bank()
        .filter(idea__startswith="claim:", topic__in=section.children.all(), kind="cloze")
        .first()
    )
    student = factories.make_student()
    factories.enrol(classroom, student)
    remember(student, [question], days_ago=30, rating=Rating.Again)
    [forgotten] = forgetting.forgetting_map(classroom, now=timezone.now()).forgotten
    claim = Claim.objects.get(slug=question.idea.removeprefix("claim:"))
    assert forgotten.prompt == claim.text and "_____" not in forgotten.prompt


@pytest.mark.parametrize("students", [5, 30])
def test_the_map_page_runs_a_fixed_number_of_queries(
    teacher_client, taught_class, django_assert_num_queries, students
):
    classroom, section = taught_class
    questions = idea_questions(section.children.filter(questions__isnull=False).first(), 4)
    for n in range(students):
        student = factories.make_student()
        factories.enrol(classroom, student)
        remember(student, questions, days_ago=n % 20)
    factories.make_assignment(classroom=classroom)
    url = reverse("classrooms:forgetting", args=[classroom.pk])
    # user and roles, class, roster, covered topics, topics, memories, claims' sentences (until
    # the course changes, from the cache), prompts of the other ideas
    with django_assert_num_queries(8):
        response = teacher_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>Predicted recall now" in page and "data-forgotten" in page
    # the same, but the claims' sentences and the user now come from the cache
    with django_assert_num_queries(6):
        assert teacher_client.get(url, {"section": section.pk}).status_code == 200


def test_the_map_is_the_teachers_alone(client, taught_class):
    classroom, _ = taught_class
    url = reverse("classrooms:forgetting", args=[classroom.pk])
    client.force_login(factories.make_teacher())
    assert client.get(url).status_code == 404
    client.force_login(factories.make_student())
    assert client.get(url).status_code in {403, 404}
    client.force_login(classroom.teacher)
    assert client.get(url, {"section": "x"}).status_code == 404
    assert client.get(url, {"section": "999999"}).status_code == 404


def test_one_click_sets_a_retrieval_homework_of_one_question_per_forgotten_idea(
    teacher_client, taught_class
):
    classroom, section = taught_class
    student = factories.make_student()
    factories.enrol(classroom, student)
    questions = idea_questions(section.children.filter(questions__isnull=False).first(), 4)
    remember(student, questions, days_ago=40, rating=Rating.Again)
    response = teacher_client.post(reverse("classrooms:retrieval_homework", args=[classroom.pk]))
    quiz = Quiz.objects.get(title__startswith="Retrieval:")
    assert response["Location"] == reverse("classrooms:assign", args=[classroom.pk]) + (
        f"?quiz={quiz.pk}"
    )
    ideas = [q.idea for q in quiz.ordered_questions()]
    assert sorted(ideas) == sorted(q.idea for q in questions)
    form = teacher_client.get(response["Location"]).context["form"]
    assert str(form["quiz"].value()) == str(quiz.pk)


def test_a_retrieval_homework_leaves_out_the_ideas_of_homework_still_live(taught_class):
    classroom, section = taught_class
    student = factories.make_student()
    factories.enrol(classroom, student)
    questions = idea_questions(section.children.filter(questions__isnull=False).first(), 4)
    remember(student, questions, days_ago=40, rating=Rating.Again)
    live_quiz = factories.make_quiz(classroom.teacher)
    live_quiz.items.all().delete()
    live_quiz.items.create(question=questions[0], position=1)
    factories.make_assignment(classroom=classroom, quiz=live_quiz)
    now = timezone.now()

    quiz = forgetting.retrieval_quiz(classroom, teacher=classroom.teacher, now=now)

    ideas = {q.idea for q in quiz.ordered_questions()}
    assert ideas == {q.idea for q in questions[1:]}


def test_asking_twice_for_the_same_retrieval_homework_reuses_the_quiz(teacher_client, taught_class):
    classroom, section = taught_class
    student = factories.make_student()
    factories.enrol(classroom, student)
    questions = idea_questions(section.children.filter(questions__isnull=False).first(), 3)
    remember(student, questions, days_ago=40, rating=Rating.Again)
    url = reverse("classrooms:retrieval_homework", args=[classroom.pk])

    first, second = teacher_client.post(url), teacher_client.post(url)

    assert first["Location"] == second["Location"]
    assert Quiz.objects.filter(title__startswith="Retrieval:").count() == 1


def test_a_retrieval_homework_needs_memories(teacher_client, taught_class):
    classroom, _ = taught_class
    response = teacher_client.post(reverse("classrooms:retrieval_homework", args=[classroom.pk]))
    assert response["Location"] == reverse("classrooms:forgetting", args=[classroom.pk])
    assert not Quiz.objects.filter(title__startswith="Retrieval:").exists()


def test_piggyback_adds_due_questions_from_earlier_topics_to_a_copy(teacher_client, taught_class):
    classroom, section = taught_class
    student = factories.make_student()
    factories.enrol(classroom, student)
    earlier = idea_questions(section.children.filter(questions__isnull=False).first(), 3)
    remember(student, earlier, days_ago=30)
    in_section = [section, *section.children.all()]
    other_topic = (
        Question.objects.in_bank().exclude(idea="").exclude(topic__in=in_section).first().topic
    )
    quiz = Quiz.objects.create(owner=classroom.teacher, title="This week")
    for question in idea_questions(other_topic, 2):
        quiz.append(question)
    now = timezone.localtime()
    data = {
        "quiz": quiz.pk,
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "due_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "attempts_allowed": 1,
        "answers_shown": "after_submit",
        "late_policy": "accept_late",
        "layout": "one",
        "piggyback": 2,
    }
    response = teacher_client.post(reverse("classrooms:assign", args=[classroom.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assignment = Assignment.objects.get(classroom=classroom)
    assert assignment.quiz.title == "This week + 2 from earlier topics"
    questions = assignment.quiz.ordered_questions()
    assert len(questions) == 4 and quiz.items.count() == 2
    assert {q.idea for q in questions[2:]} <= {q.idea for q in earlier}


def test_teachers_mark_topics_taught_on_the_class_page(teacher_client, teacher):
    classroom = factories.make_classroom(teacher=teacher)
    section = section_with_subtopics()
    page = teacher_client.get(classroom.get_absolute_url()).content.decode()
    assert "Topics taught" in page and "Forgetting map" in page
    url = reverse("classrooms:taught_topics", args=[classroom.pk])
    teacher_client.post(url, {"taught_topics": [section.pk]})
    assert list(classroom.taught_topics.all()) == [section]
    teacher_client.post(url, {"taught_topics": ["nonsense"]})
    assert list(classroom.taught_topics.all()) == [section]
    other = factories.make_classroom()
    assert (
        teacher_client.post(reverse("classrooms:taught_topics", args=[other.pk])).status_code == 404
    )


def test_a_taught_section_covers_its_subtopics_for_revise_now(student, taught_class):
    from classrooms.coverage import topics_covered_for_student

    classroom, section = taught_class
    factories.enrol(classroom, student)
    covered = topics_covered_for_student(student, timezone.now())
    assert covered == {section.pk, *section.children.values_list("pk", flat=True)}
