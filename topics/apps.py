from django.apps import AppConfig


class TopicsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "topics"

    def ready(self):
        from topics import content_version
        from topics.models import Event, Fact, Person, Quote, Term, Topic

        content_version.connect_signals([Topic, Fact, Person, Event, Term, Quote])
