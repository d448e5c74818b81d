from quizzes.export import export_questions
from topics.management.export_command import ExportCommand


class Command(ExportCommand):
    help = "Write the generated question bank as JSON (schema ussr-revision/questions@1)."

    def document(self):
        return export_questions()
