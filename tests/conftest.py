import uuid
from itertools import count

import pytest

from tests import factories

# Every test gets its own cache key prefix: with REDIS_URL set (as CI and production run), tests
# share one Redis database with each other and with other runs, and must not see each other's keys.
RUN_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
_test_numbers = count()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"{RUN_PREFIX}-{next(_test_numbers)}"}
    settings.CACHES = {**settings.CACHES, "default": default}
    yield
    from django.core.cache import cache

    if default["BACKEND"].endswith("RedisCache"):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{default['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


def load_course_and_bank():
    from quizzes.bank import bank_specs, save_bank
    from topics.loading import load_course
    from topics.snapshot import load_knowledge_base

    load_course()
    save_bank(bank_specs(load_knowledge_base(), seed=0))
    factories.add_choose_two_to_bank()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts with the shipped course and its question bank (built once)."""
    with django_db_blocker.unblock():
        load_course_and_bank()


@pytest.fixture
def teacher(db):
    return factories.make_teacher(username="mrs_jones")


@pytest.fixture
def student(db):
    return factories.make_student(username="asmith1")


@pytest.fixture
def other_teacher(db):
    return factories.make_teacher(username="mr_brown")


@pytest.fixture
def classroom(teacher, student):
    """The teacher's class, with the student in it, and a join code the tests can type."""
    classroom = factories.make_classroom(teacher=teacher, name="10B History", join_code="K7PQ2M")
    return factories.enrol(classroom, student)


@pytest.fixture
def empty_classroom(teacher):
    """The teacher's class before any student is in it."""
    return factories.make_classroom(teacher=teacher, name="10B History")


@pytest.fixture
def homework(classroom):
    """Homework for that class: a quiz of bank questions, open since yesterday, due in six days."""
    return factories.make_assignment(classroom=classroom)


@pytest.fixture
def quiz(teacher):
    """The teacher's quiz of six questions on Stalin's rise to power (the same six every run)."""
    from quizzes.builder import build_quiz
    from topics.models import Topic

    section = Topic.objects.get(slug="stalins-rise-to-power")
    return build_quiz(owner=teacher, title="Rise to power", topics=[section], count=6, seed=1)


@pytest.fixture
def admin_user(db):
    return factories.make_user(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
