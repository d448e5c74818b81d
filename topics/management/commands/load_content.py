from django.core.management.base import BaseCommand, CommandError

from topics.loading import COURSE_FILE, ContentError, load_course
from topics.notes import NotesError


class Command(BaseCommand):
    help = "Load (or update) the shipped course. Idempotent; never touches admins' own content."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=COURSE_FILE, help="Course data (course.json).")
        parser.add_argument("--dry-run", action="store_true", help="Check, then write nothing.")

    def handle(self, *args, **options):
        try:
            tally = load_course(options["file"], dry_run=options["dry_run"])
        except (ContentError, NotesError, KeyError, TypeError) as error:
            raise CommandError(f"load_content: {describe(error)}") from None
        prefix = "Would load" if options["dry_run"] else "Loaded"
        self.stdout.write(f"{prefix} the course: {tally}")


def describe(error):
    if isinstance(error, KeyError):
        return f"the course data lacks the field {error}"
    return str(error)
