"""Every URL of the app against every persona: who may see what, and what the others get.

A new URL without a row here fails `test_every_url_is_in_the_table`, so none slips through.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from classrooms import assignments, slips
from quizzes import taking
from quizzes.builder import build_quiz
from quizzes.models import Question, RevisionItem, RevisionSession
from tests import factories
from topics.models import Topic

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "student", "outsider", "teacher", "other_teacher", "admin"]
LOGIN = "login"  # a redirect to the sign-in page


def world():
    teacher = factories.make_teacher()
    student = factories.make_student()
    classroom = factories.enrol(factories.make_classroom(teacher=teacher), student)
    outsider = factories.make_student()
    factories.enrol(factories.make_classroom(), outsider)
    assignment = factories.make_assignment(classroom=classroom)
    attempt = assignments.start_or_resume(assignment=assignment, student=student)
    section = Topic.objects.get(slug="the-terror-state")
    practice = build_quiz(owner=student, title="P", topics=[section], count=3, is_practice=True)
    practice_attempt = taking.start_attempt(quiz=practice, user=student)
    taking.submit_attempt(practice_attempt)
    session = RevisionSession.objects.create(student=student)
    question = Question.objects.in_bank().exclude(idea="").first()
    RevisionItem.objects.create(session=session, position=1, idea=question.idea, question=question)
    step_attempt = taking.start_attempt(quiz=practice, user=student, one_at_a_time=True)
    return {
        "users": {
            "student": student,
            "outsider": outsider,
            "teacher": teacher,
            "other_teacher": factories.make_teacher(),
            "admin": factories.make_user(is_staff=True, is_superuser=True),
        },
        "classroom": classroom,
        "assignment": assignment,
        "question": taking.attempt_questions(attempt)[0],
        "quiz": assignment.quiz,
        "item": assignment.quiz.items.first(),
        "practice_attempt": practice_attempt,
        "step_attempt": step_attempt,
        "student": student,
        "session": session,
        "batch": slips.new_batch(classroom=classroom, teacher=teacher, roster=[]),
    }


def kwargs_for(name, w):
    pk = {"pk": w["classroom"].pk}
    homework = {"pk": w["assignment"].pk}
    quiz = {"pk": w["quiz"].pk}
    item = {"pk": w["session"].pk, "position": 1}
    return {
        "topics:topic": {"slug": "lenins-testament"},
        "topics:person": {"slug": "stalin"},
        "quizzes:attempt": {"pk": w["practice_attempt"].pk},
        "quizzes:result": {"pk": w["practice_attempt"].pk},
        "quizzes:step": {"pk": w["step_attempt"].pk, "number": 1},
        "quizzes:mistakes": {"pk": w["practice_attempt"].pk},
        "quizzes:detail": quiz,
        "quizzes:settings": quiz,
        "quizzes:delete": quiz,
        "quizzes:preview": quiz,
        "quizzes:write": quiz,
        "quizzes:worksheet": quiz,
        "quizzes:replace": {**quiz, "item_pk": w["item"].pk},
        "quizzes:remove": {**quiz, "item_pk": w["item"].pk},
        "quizzes:up": {**quiz, "item_pk": w["item"].pk},
        "quizzes:down": {**quiz, "item_pk": w["item"].pk},
        "classrooms:detail": pk,
        "classrooms:assign": pk,
        "classrooms:archive": pk,
        "classrooms:restore": pk,
        "classrooms:delete": pk,
        "classrooms:overview": pk,
        "classrooms:scores_csv": pk,
        "classrooms:add_student": pk,
        "classrooms:bulk_add": pk,
        "classrooms:bulk_preview": pk,
        "classrooms:slips": pk,
        "classrooms:slips_csv": pk,
        "classrooms:regenerate_code": pk,
        "classrooms:reset_password": {**pk, "student_pk": w["student"].pk},
        "classrooms:remove_student": {**pk, "student_pk": w["student"].pk},
        "classrooms:unlock": {**pk, "student_pk": w["student"].pk},
        "classrooms:revoke_qr": {**pk, "student_pk": w["student"].pk},
        "classrooms:batch": {**pk, "batch_pk": w["batch"].pk},
        "classrooms:batch_status": {**pk, "batch_pk": w["batch"].pk},
        "classrooms:qr_login": {"token": "x" * 43},
        "classrooms:student_report": {**pk, "student_pk": w["student"].pk},
        "classrooms:edit_homework": homework,
        "classrooms:archive_homework": homework,
        "classrooms:restore_homework": homework,
        "classrooms:delete_homework": homework,
        "classrooms:not_started": homework,
        "classrooms:results": homework,
        "classrooms:accept_answer": {
            **homework,
            "question_pk": w["question"].pk,
            "student_pk": w["student"].pk,
        },
        "classrooms:results_csv": homework,
        "classrooms:homework": homework,
        "classrooms:start": homework,
        "classrooms:question": {**homework, "number": 1},
        "classrooms:answer": homework,
        "classrooms:flag": homework,
        "classrooms:submit": homework,
        "classrooms:feedback": homework,
        "classrooms:forgetting": pk,
        "classrooms:retrieval_homework": pk,
        "classrooms:taught_topics": pk,
        "classrooms:revise_session": {"pk": w["session"].pk},
        "classrooms:revise_item": item,
        "classrooms:revise_answer": item,
        "classrooms:revise_reveal": item,
        "classrooms:revise_rate": item,
        "classrooms:practise_mistakes": homework,
    }.get(name, {})


SIGNED_IN = [LOGIN, 200, 200, 200, 200, 200]
TEACHERS = [LOGIN, 404, 404, 200, 200, 404]
OWN_CLASS = [LOGIN, 404, 404, 200, 404, 404]
OWN_CLASS_REDIRECT = [LOGIN, 404, 404, 302, 404, 404]
STUDENTS = [LOGIN, 200, 200, 404, 404, 404]
CLASS_STUDENT = [LOGIN, 200, 404, 404, 404, 404]

# (method, expected status per persona, in the order of PERSONAS)
TABLE = {
    "home": ("get", [LOGIN, 302, 302, 302, 302, 302]),
    "login": ("get", [200, 200, 200, 200, 200, 200]),
    "logout": ("post", [302, 302, 302, 302, 302, 302]),
    "password_change": ("get", SIGNED_IN),
    "password_change_done": ("get", SIGNED_IN),
    "topics:overview": ("get", SIGNED_IN),
    "topics:topic": ("get", SIGNED_IN),
    "topics:people": ("get", SIGNED_IN),
    "topics:person": ("get", SIGNED_IN),
    "topics:timeline": ("get", SIGNED_IN),
    "topics:glossary": ("get", SIGNED_IN),
    "topics:search": ("get", SIGNED_IN),
    "quizzes:practice": ("get", SIGNED_IN),
    "quizzes:attempt": ("get", [LOGIN, 302, 404, 404, 404, 404]),
    "quizzes:result": ("get", [LOGIN, 200, 404, 404, 404, 404]),
    "quizzes:step": ("get", [LOGIN, 200, 404, 404, 404, 404]),
    "quizzes:mistakes": ("post", [LOGIN, 302, 404, 404, 404, 404]),
    "quizzes:list": ("get", TEACHERS),
    "quizzes:new": ("get", TEACHERS),
    "quizzes:detail": ("get", OWN_CLASS),
    "quizzes:write": ("get", OWN_CLASS_REDIRECT),  # students have started it: fixed
    "quizzes:worksheet": ("get", OWN_CLASS),
    "quizzes:settings": ("post", OWN_CLASS),
    # set as homework, so the page says why it can't be deleted
    "quizzes:delete": ("get", OWN_CLASS),
    "quizzes:preview": ("post", OWN_CLASS_REDIRECT),
    "quizzes:replace": ("post", OWN_CLASS_REDIRECT),
    "quizzes:remove": ("post", OWN_CLASS_REDIRECT),
    "quizzes:up": ("post", OWN_CLASS_REDIRECT),
    "quizzes:down": ("post", OWN_CLASS_REDIRECT),
    "classrooms:list": ("get", TEACHERS),
    "classrooms:new": ("get", TEACHERS),
    "classrooms:detail": ("get", OWN_CLASS),
    "classrooms:assign": ("get", OWN_CLASS),
    "classrooms:set_homework": ("get", TEACHERS),
    "classrooms:archived": ("get", TEACHERS),
    "classrooms:archive": ("post", OWN_CLASS_REDIRECT),
    "classrooms:restore": ("post", OWN_CLASS_REDIRECT),
    "classrooms:delete": ("get", OWN_CLASS),
    "classrooms:overview": ("get", OWN_CLASS),
    "classrooms:scores_csv": ("get", OWN_CLASS),
    "classrooms:add_student": ("get", OWN_CLASS),
    "classrooms:bulk_add": ("get", OWN_CLASS),
    "classrooms:bulk_preview": ("get", OWN_CLASS_REDIRECT),  # no list checked yet
    "classrooms:slips": ("get", OWN_CLASS),
    "classrooms:slips_csv": ("get", OWN_CLASS_REDIRECT),  # no slips in the session yet
    "classrooms:regenerate_code": ("post", OWN_CLASS_REDIRECT),
    "classrooms:reset_password": ("get", OWN_CLASS),  # asks first; the POST is tested apart
    "classrooms:remove_student": ("get", OWN_CLASS),
    "classrooms:unlock": ("post", OWN_CLASS_REDIRECT),
    "classrooms:revoke_qr": ("post", OWN_CLASS_REDIRECT),
    "classrooms:batch": ("get", OWN_CLASS),
    "classrooms:batch_status": ("get", OWN_CLASS),
    "classrooms:qr_login": ("get", [200, 200, 200, 200, 200, 200]),
    "classrooms:student_report": ("get", OWN_CLASS),
    "classrooms:edit_homework": ("get", OWN_CLASS),
    "classrooms:archive_homework": ("post", OWN_CLASS_REDIRECT),
    "classrooms:restore_homework": ("post", OWN_CLASS_REDIRECT),
    "classrooms:delete_homework": ("get", OWN_CLASS),
    "classrooms:not_started": ("get", OWN_CLASS),
    "classrooms:results": ("get", OWN_CLASS),
    "classrooms:accept_answer": ("get", OWN_CLASS),  # asks first; the POST is tested apart
    "classrooms:results_csv": ("get", OWN_CLASS),
    "classrooms:dashboard": ("get", STUDENTS),
    "classrooms:join": ("get", STUDENTS),
    "classrooms:signup": ("get", [200, 302, 302, 302, 302, 302]),
    "classrooms:homework": ("get", CLASS_STUDENT),
    "classrooms:start": ("post", [LOGIN, 302, 404, 404, 404, 404]),
    "classrooms:question": ("get", CLASS_STUDENT),
    "classrooms:answer": ("post", CLASS_STUDENT),
    "classrooms:flag": ("post", CLASS_STUDENT),
    "classrooms:submit": ("get", CLASS_STUDENT),
    "classrooms:feedback": ("get", [LOGIN, 302, 404, 404, 404, 404]),
    "classrooms:forgetting": ("get", OWN_CLASS),
    "classrooms:retrieval_homework": ("post", OWN_CLASS_REDIRECT),
    "classrooms:taught_topics": ("post", OWN_CLASS_REDIRECT),
    "classrooms:revise": ("get", STUDENTS),
    # The student's class has covered topics (its homework); the outsider's has none yet.
    "classrooms:revise_start": ("post", [LOGIN, 302, 200, 404, 404, 404]),
    "classrooms:revise_session": ("get", CLASS_STUDENT),
    "classrooms:revise_item": ("get", [LOGIN, 302, 404, 404, 404, 404]),  # not answered yet
    "classrooms:revise_answer": ("post", [LOGIN, 302, 404, 404, 404, 404]),
    "classrooms:revise_reveal": ("get", [LOGIN, 302, 404, 404, 404, 404]),  # not a flashcard
    "classrooms:revise_rate": ("post", [LOGIN, 400, 404, 404, 404, 404]),  # not a flashcard
    # nothing handed in yet, so nothing to practise (tests/classrooms/test_feedback_pages.py)
    "classrooms:practise_mistakes": ("post", [LOGIN, 404, 404, 404, 404, 404]),
}


def url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_table():
    assert set(url_names(get_resolver().url_patterns)) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_gets_what(client, name, persona):
    w = world()
    method, expected = TABLE[name]
    wanted = expected[PERSONAS.index(persona)]
    if persona != "anonymous":
        client.force_login(w["users"][persona])
    url = reverse(name, kwargs=kwargs_for(name, w))
    needs_question = name in {"classrooms:answer", "classrooms:flag"}
    data = {"question": w["question"].pk} if needs_question else {}

    response = getattr(client, method)(url, data)

    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == wanted, f"{persona} {method.upper()} {url}"
