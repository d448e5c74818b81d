from django.core.management.base import BaseCommand, CommandError

from quizzes.rebuild import EmptyKnowledgeBase, rebuild_bank


class Command(BaseCommand):
    help = "Generate the question bank from the knowledge base and save it (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same questions.")
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, **options):
        try:
            result = rebuild_bank(seed=options["seed"], dry_run=options["dry_run"])
        except EmptyKnowledgeBase as error:
            raise CommandError(f"build_question_bank: {error}") from None
        prefix = "Would build" if options["dry_run"] else "Built"
        self.stdout.write(f"{prefix} the question bank: {result}")
