import importlib.util

from django.core.management.base import BaseCommand, CommandError

from quizzes.revision import review_logs


def optimizer_missing():
    """The optimizer is `fsrs`' optional extra (it needs torch, which the app does not ship)."""
    return importlib.util.find_spec("torch") is None


class Command(BaseCommand):
    help = "Fit the FSRS scheduler's parameters to this school's review log, and report them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-reviews", type=int, default=1000, help="Refuse to fit on fewer reviews."
        )

    def handle(self, *args, **options):
        if optimizer_missing():
            raise CommandError(
                'fit_memory: the FSRS optimizer is not installed; pip install "fsrs[optimizer]"'
                " (it needs torch) to fit."
            )
        logs = review_logs()
        if len(logs) < options["min_reviews"]:
            raise CommandError(
                f"fit_memory: {len(logs)} reviews logged; at least {options['min_reviews']} "
                "are needed for a fit worth having."
            )
        from fsrs import Optimizer

        parameters = Optimizer(logs).compute_optimal_parameters()
        self.stdout.write(
            f"Fitted on {len(logs)} reviews: " + ", ".join(f"{p:.4f}" for p in parameters)
        )
