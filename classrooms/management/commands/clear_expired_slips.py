from django.core.management.base import BaseCommand

from classrooms.slips import purge_expired


class Command(BaseCommand):
    help = "Wipe login slips older than an hour (run it from cron every few minutes)."

    def handle(self, *args, **options):
        wiped = purge_expired()
        self.stdout.write(f"{wiped} batch{'es' if wiped != 1 else ''} of login slips wiped.")
