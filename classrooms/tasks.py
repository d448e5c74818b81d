"""Background jobs (django-tasks). In production `manage.py db_worker` runs them; in
development and tests the immediate backend runs them inside the request."""

from django_tasks import task

from classrooms import account_jobs


@task()
def make_accounts(batch_pk):
    account_jobs.run(batch_pk)
