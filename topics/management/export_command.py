from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ExportCommand(BaseCommand):
    """A command that writes a JSON document to standard output or to `--output FILE`.

    Subclasses set `help` and implement `document()`, returning the text to write.
    """

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def document(self):
        raise NotImplementedError

    def handle(self, *args, **options):
        text = self.document()
        output = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            name = self.__module__.rsplit(".", 1)[-1]
            raise CommandError(f"{name}: cannot write {output}: {error.strerror}") from None
        self.stderr.write(f"Wrote {output}")
