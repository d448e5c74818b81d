"""The signed-in user comes from the cache, and still signs out everywhere it must."""

import pickle

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from classrooms.accounts import reset_password
from tests import factories
from tests.signing_in import signs_in
from ussr_revision import signed_in
from ussr_revision.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "river-tiger-lamp-42"
BARE = reverse("password_change_done")


@pytest.fixture
def pupil(db):
    return factories.make_student(username="asmith1", password=PASSWORD)


def device(pupil):
    """A browser signed in through the sign-in page, whose user is already in the cache."""
    client = Client()
    assert signs_in(client, "asmith1", PASSWORD)
    assert client.get(BARE).status_code == 200
    return client


def signed_out(client):
    response = client.get(BARE)
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_warm_page_reads_no_user_from_the_database(pupil, django_assert_num_queries):
    client = device(pupil)

    with django_assert_num_queries(0):
        assert client.get(BARE).status_code == 200


def test_the_cache_never_holds_the_password_hash(pupil):
    device(pupil)
    key, _ = signed_in._keys(pupil.pk)

    assert pupil.password.encode() not in pickle.dumps(cache.get(key))


def test_a_password_changed_on_another_device_signs_this_one_out(pupil):
    phone, laptop = device(pupil), device(pupil)

    response = laptop.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "new-owl-9-lamp",
            "new_password2": "new-owl-9-lamp",
        },
    )

    assert response.status_code == 302
    assert signed_out(phone)
    assert not signed_out(laptop)  # the device that changed it stays signed in


def test_a_teacher_resetting_the_password_signs_the_student_out(pupil):
    phone = device(pupil)

    reset_password(pupil)

    assert signed_out(phone)


def test_deactivating_the_account_signs_it_out(pupil):
    phone = device(pupil)

    pupil.is_active = False
    pupil.save()

    assert signed_out(phone)


def test_a_deleted_account_is_signed_out(pupil):
    phone = device(pupil)

    pupil.delete()

    assert signed_out(phone)


def test_a_copy_read_before_a_change_does_not_count_after_it(pupil):
    """A request that read the user just before a password change, and stores it after."""
    phone = device(pupil)
    key, _ = signed_in._keys(pupil.pk)
    stale = cache.get(key)

    reset_password(pupil)
    cache.set(key, stale)

    assert signed_out(phone)


def test_a_new_secret_key_is_not_met_by_the_cached_hash(pupil, settings):
    phone = device(pupil)

    settings.SECRET_KEY = "another-" + "k" * 50

    assert signed_out(phone)


def test_a_new_role_is_seen_at_once(pupil):
    phone = device(pupil)
    assert phone.get(reverse("classrooms:list")).status_code == 404

    pupil.groups.add(Group.objects.get(name=Role.TEACHER))

    assert phone.get(reverse("classrooms:list")).status_code == 200


def test_a_changed_name_shows_at_once(pupil):
    phone = device(pupil)

    pupil.username = "asmith2"
    pupil.save()

    assert "asmith2" in phone.get(BARE).content.decode()
