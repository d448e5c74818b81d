"""The shared cache: configuration, the roles kept in it, and what forgets them."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from tests import factories
from tests.test_settings import PRODUCTION, start_django
from ussr_revision.roles import Role, grant_role_to_all, is_student, is_teacher
from ussr_revision.settings import env_cache

NAMES = ["REDIS_URL", "CACHE_URL"]


def test_the_cache_is_local_memory_with_no_configuration(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    assert env_cache(NAMES)["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("name", NAMES)
def test_redis_url_or_cache_url_selects_the_redis_backend(monkeypatch, name):
    for other in NAMES:
        monkeypatch.delenv(other, raising=False)
    monkeypatch.setenv(name, "redis://127.0.0.1:6379/3")
    config = env_cache(NAMES)["default"]
    assert config["BACKEND"] == "ussr_revision.cache.RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    "value",
    ["http://127.0.0.1:6379/0", "redis://127.0.0.1:sixty/0", "redis:///0", "redis://h:1/zero"],
)
def test_a_malformed_cache_url_is_refused_without_repeating_it(monkeypatch, value):
    monkeypatch.setenv("REDIS_URL", value)
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must look like") as refused:
        env_cache(NAMES)
    assert value not in str(refused.value)  # it may hold a password


def test_the_app_stops_with_one_line_on_a_malformed_cache_url():
    result = start_django(**PRODUCTION, REDIS_URL="redis://:secret@cache:port/0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: REDIS_URL must look like redis://host:port/db." in result.stderr
    assert "secret" not in result.stderr


def test_sessions_are_read_from_the_cache_and_kept_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


# Roles


def fresh(user):
    """The same user as a new request loads it: nothing remembered on the object."""
    return type(user).objects.get(pk=user.pk)


def test_roles_are_read_once_then_come_from_the_cache(db, django_assert_num_queries):
    student = factories.make_student()
    first, later = fresh(student), fresh(student)  # two requests
    with django_assert_num_queries(1):
        assert is_student(first)
    with django_assert_num_queries(0):
        assert is_student(later)
        assert not is_teacher(later)


def test_adding_a_group_in_the_admin_way_is_seen_at_once(db):
    user = factories.make_student()
    assert not is_teacher(fresh(user))
    user.groups.add(Group.objects.get(name=Role.TEACHER))
    assert is_teacher(fresh(user))
    user.groups.remove(Group.objects.get(name=Role.STUDENT))
    assert not is_student(fresh(user))


def test_changes_from_the_groups_side_are_seen_too(db):
    user = factories.make_student()
    assert is_student(fresh(user))
    students = Group.objects.get(name=Role.STUDENT)
    students.user_set.clear()
    assert not is_student(fresh(user))
    students.user_set.add(user)
    assert is_student(fresh(user))
    students.name = "pupils"
    students.save()
    assert not is_student(fresh(user))


def test_granting_a_role_in_bulk_forgets_the_cached_roles(db):
    users = [factories.make_user(), factories.make_user()]
    assert not any(is_student(fresh(user)) for user in users)
    grant_role_to_all(users, Role.STUDENT)
    assert all(is_student(fresh(user)) for user in users)


def test_the_redis_backend_keeps_one_client_per_pool():
    from ussr_revision.cache import RedisCache

    backend = RedisCache("redis://127.0.0.1:6379/3", {})._cache  # no connection is made yet
    assert backend.get_client() is backend.get_client(write=True)
