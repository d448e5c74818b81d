"""Rebuilding the question bank from the knowledge base, as the command and the admin do it."""

from dataclasses import dataclass

from django.db import transaction

from quizzes.bank import BankSummary, bank_specs, save_bank
from quizzes.corrections import Moved, move_unstarted_quizzes
from topics.snapshot import load_knowledge_base


class EmptyKnowledgeBase(Exception):
    pass


@dataclass
class Rebuild:
    bank: BankSummary
    moved: Moved

    def __str__(self):
        return f"{self.bank}; {self.moved}"


def rebuild_bank(*, seed=0, dry_run=False):
    """Generate the bank, save it, and move unstarted quizzes to the new versions."""
    knowledge = load_knowledge_base()
    if not knowledge.facts:
        raise EmptyKnowledgeBase("the knowledge base is empty; run load_content.")
    specs = bank_specs(knowledge, seed=seed)
    with transaction.atomic():
        result = Rebuild(bank=save_bank(specs), moved=move_unstarted_quizzes())
        if dry_run:
            transaction.set_rollback(True)
    return result
