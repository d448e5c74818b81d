from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from topics.loading import import_notes
from topics.notes import NotesError


class Command(BaseCommand):
    help = "Import a notes file (cards ending in 'N of M') into topics and facts, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Parse and check only.")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"import_notes: cannot read {path}: {error.strerror}") from None
        try:
            tally = import_notes(data, path.stem, dry_run=options["dry_run"])
        except NotesError as error:
            raise CommandError(f"import_notes: {path}: {error}") from None
        prefix = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(f"{prefix} {path.name}: {tally}")
