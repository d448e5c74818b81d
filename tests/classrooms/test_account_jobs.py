"""Class lists are made in a background job (django-tasks), with a progress bar."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from classrooms import account_jobs, accounts, slips
from classrooms.models import AccountBatch, BatchStatus
from tests import factories
from tests.classrooms.class_lists import add_list

pytestmark = pytest.mark.django_db

ROSTER = "First name,Last name\nAnna,Smith\nBen,Jones\nCara,Lee\n"


@pytest.fixture
def in_worker(settings):
    """The production set-up: jobs wait in the database for `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def post_list(client, classroom, capture, text=ROSTER):
    return add_list(client, classroom, {"roster": text}, capture)


def run_worker():
    # The worker closes the connection between jobs, as it should in production; here that
    # connection holds the test's transaction (PostgreSQL would lose it), so it stays open.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_worker, "close_old_connections", lambda: None)
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_list_is_made_by_the_worker_not_the_request(
    teacher_client, empty_classroom, in_worker, django_capture_on_commit_callbacks
):
    response = post_list(teacher_client, empty_classroom, django_capture_on_commit_callbacks)

    batch = AccountBatch.objects.get()
    assert response["Location"] == reverse(
        "classrooms:batch", kwargs={"pk": empty_classroom.pk, "batch_pk": batch.pk}
    )
    assert (batch.status, empty_classroom.students.count()) == (BatchStatus.QUEUED, 0)
    assert DBTaskResult.objects.count() == 1
    page = teacher_client.get(response["Location"]).content.decode()
    assert "0 of 3 ready" in page
    assert 'data-batch-status="' in page

    run_worker()

    assert set(empty_classroom.students.values_list("username", flat=True)) == {
        "asmith1", "bjones1", "clee1",
    }  # fmt: skip
    done = teacher_client.get(response["Location"])
    assert done["Location"] == reverse("classrooms:slips", kwargs={"pk": empty_classroom.pk})
    assert len(slips.current_slips(empty_classroom, empty_classroom.teacher)[0]) == 3


def test_the_status_endpoint_reports_progress_as_json(
    teacher_client, empty_classroom, in_worker, django_capture_on_commit_callbacks
):
    post_list(teacher_client, empty_classroom, django_capture_on_commit_callbacks)
    batch = AccountBatch.objects.get()
    status_url = reverse(
        "classrooms:batch_status", kwargs={"pk": empty_classroom.pk, "batch_pk": batch.pk}
    )

    before = teacher_client.get(status_url).json()
    run_worker()
    after = teacher_client.get(status_url).json()

    assert (before["status"], before["done"], before["total"]) == ("queued", 0, 3)
    assert (after["status"], after["done"], after["total"]) == ("done", 3, 3)
    assert after["next"] == reverse(
        "classrooms:batch", kwargs={"pk": empty_classroom.pk, "batch_pk": batch.pk}
    )
    assert "password" not in str(after)


def test_the_job_counts_the_passwords_as_it_makes_them(empty_classroom, monkeypatch):
    rows = [accounts.RosterRow(n, "Student", f"Number{n}") for n in range(1, 8)]
    batch = account_jobs.start(
        classroom=empty_classroom, teacher=empty_classroom.teacher, rows=rows
    )
    seen, make_password = [], accounts.make_password

    def watched(user=None):
        seen.append(AccountBatch.objects.values_list("done", flat=True).get(pk=batch.pk))
        return make_password(user)

    monkeypatch.setattr(accounts, "make_password", watched)
    account_jobs.run(batch.pk)

    assert seen == [0, 0, 0, 3, 3, 3, 6]  # what the progress bar read before each password
    batch.refresh_from_db()
    assert (batch.done, batch.status) == (7, BatchStatus.DONE)


def test_a_job_delivered_twice_makes_the_accounts_once(empty_classroom):
    rows = [accounts.RosterRow(1, "Anna", "Smith")]
    batch = account_jobs.start(
        classroom=empty_classroom, teacher=empty_classroom.teacher, rows=rows
    )

    account_jobs.run(batch.pk)
    account_jobs.run(batch.pk)

    assert empty_classroom.students.count() == 1


def test_a_username_taken_meanwhile_fails_the_job_and_says_so(
    teacher_client, empty_classroom, monkeypatch
):
    factories.make_user(username="benj")
    rows = [accounts.RosterRow(1, "Anna", "Smith"), accounts.RosterRow(2, "Ben", "Jones", "benj")]
    batch = account_jobs.start(
        classroom=empty_classroom, teacher=empty_classroom.teacher, rows=rows
    )

    account_jobs.run(batch.pk)

    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert empty_classroom.students.count() == 0
    page = teacher_client.get(
        reverse("classrooms:batch", kwargs={"pk": empty_classroom.pk, "batch_pk": batch.pk})
    ).content.decode()
    assert "nothing was created" in page


def test_the_roster_is_not_kept_once_the_accounts_exist(empty_classroom):
    rows = [accounts.RosterRow(1, "Anna", "Smith")]
    batch = account_jobs.start(
        classroom=empty_classroom, teacher=empty_classroom.teacher, rows=rows
    )

    account_jobs.run(batch.pk)

    batch.refresh_from_db()
    assert batch.roster == []


def test_another_teacher_cannot_see_a_batch(client, empty_classroom):
    batch = slips.new_batch(classroom=empty_classroom, teacher=empty_classroom.teacher, roster=[])
    client.force_login(factories.make_teacher())
    kwargs = {"pk": empty_classroom.pk, "batch_pk": batch.pk}

    assert client.get(reverse("classrooms:batch", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("classrooms:batch_status", kwargs=kwargs)).status_code == 404


def test_polling_the_status_is_cheap(teacher_client, empty_classroom, django_assert_num_queries):
    batch = slips.new_batch(classroom=empty_classroom, teacher=empty_classroom.teacher, roster=[])
    kwargs = {"pk": empty_classroom.pk, "batch_pk": batch.pk}

    with django_assert_num_queries(3):  # user and roles, class, batch
        teacher_client.get(reverse("classrooms:batch_status", kwargs=kwargs))
