"""Login slips: sealed in the database, never in the session, readable for an hour at most."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from classrooms import slips
from classrooms.models import AccountBatch
from tests import factories

pytestmark = pytest.mark.django_db

SLIP = {
    "name": "Anna Smith",
    "username": "asmith1",
    "password": "river-tiger-lamp-42",
    "token": "t",
}


def kept_batch(classroom, *, made):
    batch = slips.new_batch(classroom=classroom, teacher=classroom.teacher, roster=[], now=made)
    slips.keep(batch, [SLIP], now=made)
    return AccountBatch.objects.get(pk=batch.pk)


def slips_url(classroom):
    return reverse("classrooms:slips", kwargs={"pk": classroom.pk})


def test_slips_are_sealed_not_kept_in_clear(classroom):
    batch = kept_batch(classroom, made=timezone.now())

    assert SLIP["password"] not in batch.sealed
    assert "asmith1" not in batch.sealed
    assert slips.unseal(batch.sealed) == [SLIP]


def test_new_passwords_never_reach_the_session_table(teacher_client, classroom):
    teacher_client.post(
        reverse("classrooms:add_student", kwargs={"pk": classroom.pk}),
        {"first_name": "Cara", "last_name": "Lee"},
    )
    [slip] = slips.current_slips(classroom, classroom.teacher)[0]

    for session in Session.objects.all():
        assert slip["password"] not in str(session.get_decoded())
        assert slip["password"] not in session.session_data


def test_the_slips_page_shows_them_within_the_hour(teacher_client, classroom):
    kept_batch(classroom, made=timezone.now() - timedelta(minutes=59))

    page = teacher_client.get(slips_url(classroom)).content.decode()

    assert SLIP["password"] in page


def test_after_an_hour_the_page_says_they_expired_and_how_to_get_new_ones(
    teacher_client, classroom
):
    kept_batch(classroom, made=timezone.now() - timedelta(hours=1, minutes=1))

    page = teacher_client.get(slips_url(classroom)).content.decode()

    assert SLIP["password"] not in page
    assert "These login slips have expired" in page
    assert "reset their password from the class page" in page


def test_the_hour_holds_even_if_the_expiry_column_were_wrong(classroom):
    # Fernet's own timestamp refuses a token older than the hour.
    batch = kept_batch(classroom, made=timezone.now() - timedelta(hours=2))
    AccountBatch.objects.filter(pk=batch.pk).update(expires_at=timezone.now() + timedelta(hours=1))

    assert slips.current_slips(classroom, classroom.teacher) == ([], True)


def test_slips_made_with_another_secret_key_are_unreadable(classroom, settings):
    batch = kept_batch(classroom, made=timezone.now())
    settings.SECRET_KEY = "another-secret-key-" * 3

    assert slips.unseal(batch.sealed) == []


def test_a_cleanup_wipes_expired_slips(classroom):
    old = kept_batch(classroom, made=timezone.now() - timedelta(hours=1, seconds=1))
    fresh = kept_batch(classroom, made=timezone.now())

    call_command("clear_expired_slips")

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.sealed, bool(fresh.sealed)) == ("", True)


def test_every_new_batch_wipes_expired_ones(classroom):
    old = kept_batch(classroom, made=timezone.now() - timedelta(hours=2))

    slips.new_batch(classroom=classroom, teacher=classroom.teacher, roster=[])

    old.refresh_from_db()
    assert old.sealed == ""


def test_batches_are_forgotten_after_a_day(classroom):
    kept_batch(classroom, made=timezone.now() - timedelta(days=1, minutes=1))

    slips.purge_expired()

    assert not AccountBatch.objects.exists()


def test_signing_out_clears_a_teachers_slips(teacher_client, classroom):
    kept_batch(classroom, made=timezone.now())

    teacher_client.post(reverse("logout"))

    assert not AccountBatch.objects.exists()


def test_slips_are_the_teachers_own(client, classroom):
    kept_batch(classroom, made=timezone.now())
    colleague = factories.make_teacher()
    classroom.teacher = colleague  # as if the class changed hands
    classroom.save()
    client.force_login(colleague)

    page = client.get(slips_url(classroom)).content.decode()

    assert SLIP["password"] not in page


@pytest.mark.parametrize("batches", [1, 3])
def test_the_slips_page_takes_the_same_queries_however_many_batches(
    teacher_client, classroom, batches, django_assert_num_queries
):
    for _ in range(batches):
        kept_batch(classroom, made=timezone.now())

    with django_assert_num_queries(3):  # user and roles, class, batches
        response = teacher_client.get(slips_url(classroom))

    assert response.content.decode().count('class="slip"') == batches
