from topics.export import export_content
from topics.management.export_command import ExportCommand


class Command(ExportCommand):
    help = "Write the whole knowledge base as JSON (schema ussr-revision/content@1)."

    def document(self):
        return export_content()
