from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from classrooms.demo import DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = "Create demo accounts to try the app (development only; refused when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_demo: demo accounts are for development; DEBUG is off.")
        accounts = create_demo_accounts()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, username in accounts:
            self.stdout.write(f"  {role:<8} {username}")
