from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.bank import bank_specs, save_bank
from topics.snapshot import load_knowledge_base


class Command(BaseCommand):
    help = "Generate the question bank from the knowledge base and save it (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same questions.")
        parser.add_argument("--dry-run", action="store_true", help="Report, then write nothing.")

    def handle(self, *args, **options):
        knowledge = load_knowledge_base()
        if not knowledge.facts:
            raise CommandError(
                "build_question_bank: the knowledge base is empty; run load_content."
            )
        specs = bank_specs(knowledge, seed=options["seed"])
        with transaction.atomic():
            summary = save_bank(specs)
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "Would build" if options["dry_run"] else "Built"
        self.stdout.write(f"{prefix} the question bank: {summary}")
