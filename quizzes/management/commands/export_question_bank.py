from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.export import export_questions


class Command(BaseCommand):
    help = "Write the generated question bank as JSON (schema ussr-revision/questions@1)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, **options):
        document = export_questions()
        output = options["output"]
        if output is None:
            self.stdout.write(document, ending="")
            return
        try:
            output.write_text(document, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                f"export_question_bank: cannot write {output}: {error.strerror}"
            ) from None
        self.stderr.write(f"Wrote {output}")
