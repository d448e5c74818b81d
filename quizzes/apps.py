from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quizzes"

    def ready(self):
        from quizzes.models import Question
        from topics import content_version

        # Results pages show prompts and answers: an admin's fix must reach them.
        content_version.connect_signals([Question])
