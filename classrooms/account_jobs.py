"""Making a class list's accounts in the background, with progress for the teacher's page.

Hashing 60 passwords takes seconds; in a request it held a server worker (and hit the 30 s
timeout under load). The teacher's page polls the batch's progress instead.
"""

import logging

from django.db import transaction

from classrooms import accounts, slips
from classrooms.models import AccountBatch, BatchStatus

log = logging.getLogger(__name__)

RACE_MESSAGE = (
    "Someone else took one of those usernames a moment ago, so nothing was created. "
    "Please try again."
)
FAILED_MESSAGE = "Something went wrong, so nothing was created. Please try again."
PROGRESS_EVERY = 3  # students between progress writes


def start(*, classroom, teacher, rows):
    """A queued batch for `rows` (RosterRow), and its job sent once the batch is saved."""
    from classrooms.tasks import make_accounts

    roster = [
        {"row": r.row, "first_name": r.first_name, "last_name": r.last_name, "username": r.username}
        for r in rows
    ]
    batch = slips.new_batch(classroom=classroom, teacher=teacher, roster=roster)
    transaction.on_commit(lambda: make_accounts.enqueue(batch.pk))
    return batch


def run(batch_pk):
    # Claiming the batch in one UPDATE: a job delivered twice makes the accounts once.
    claimed = AccountBatch.objects.filter(pk=batch_pk, status=BatchStatus.QUEUED).update(
        status=BatchStatus.RUNNING
    )
    if not claimed:
        return
    batch = AccountBatch.objects.select_related("classroom").get(pk=batch_pk)
    rows = [accounts.RosterRow(**row) for row in batch.roster]

    def progress(done):
        if done % PROGRESS_EVERY == 0:
            AccountBatch.objects.filter(pk=batch_pk).update(done=done)

    try:
        made = accounts.create_students(classroom=batch.classroom, rows=rows, progress=progress)
    except accounts.UsernameTaken:
        fail(batch, RACE_MESSAGE)
        return
    except Exception:
        log.exception("Making the accounts of batch %s failed", batch_pk)
        fail(batch, FAILED_MESSAGE)
        raise
    slips.keep(batch, made)


def fail(batch, problem):
    AccountBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.FAILED, problem=problem, roster=[]
    )
