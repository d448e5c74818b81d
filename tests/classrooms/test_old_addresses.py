"""The teacher's homework pages lived under /assignments/ before their addresses said "homework":
old bookmarks move permanently to the same page, and the page still decides who may see it."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def moves(homework, student):
    pk, question = homework.pk, homework.quiz.items.first().question_id
    accept = {"pk": pk, "question_pk": question, "student_pk": student.pk}
    return [
        ("/assignments/new/", reverse("classrooms:set_homework")),
        (f"/assignments/{pk}/", reverse("classrooms:results", args=[pk])),
        (f"/assignments/{pk}/edit/", reverse("classrooms:edit_homework", args=[pk])),
        (f"/assignments/{pk}/delete/", reverse("classrooms:delete_homework", args=[pk])),
        (f"/assignments/{pk}/results/", reverse("classrooms:results", args=[pk])),
        (f"/assignments/{pk}/results.csv", reverse("classrooms:results_csv", args=[pk])),
        (f"/assignments/{pk}/not-started/", reverse("classrooms:not_started", args=[pk])),
        (
            f"/assignments/{pk}/results/accept/{question}/{student.pk}/",
            reverse("classrooms:accept_answer", kwargs=accept),
        ),
    ]


def test_the_pages_of_a_homework_are_under_homework(homework):
    pk = homework.pk
    assert reverse("classrooms:results", args=[pk]) == f"/homework/{pk}/results/"
    assert reverse("classrooms:edit_homework", args=[pk]) == f"/homework/{pk}/edit/"
    assert reverse("classrooms:set_homework") == "/homework/new/"
    assert homework.get_absolute_url() == f"/homework/{pk}/results/"


def test_every_old_address_moves_permanently_to_its_page(teacher_client, homework, student):
    for old, new in moves(homework, student):
        response = teacher_client.get(old)

        assert (response.status_code, response["Location"]) == (301, new), old
        assert teacher_client.get(new).status_code == 200, new


def test_an_old_address_keeps_its_query_string(teacher_client, homework):
    response = teacher_client.get(f"/assignments/{homework.pk}/results/?sort=score")

    assert response.status_code == 301
    assert response["Location"] == f"/homework/{homework.pk}/results/?sort=score"


def test_an_old_address_shows_nothing_to_another_teacher(client, homework):
    client.force_login(factories.make_teacher())

    response = client.get(f"/assignments/{homework.pk}/results/", follow=True)

    assert response.redirect_chain == [(f"/homework/{homework.pk}/results/", 301)]
    assert response.status_code == 404


def test_an_address_that_never_was_is_not_moved(teacher_client, homework):
    assert teacher_client.get(f"/assignments/{homework.pk}/start/").status_code == 404
