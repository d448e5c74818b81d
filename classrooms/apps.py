from django.apps import AppConfig


class ClassroomsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classrooms"

    def ready(self):
        from classrooms import results_cache
        from ussr_revision import roles

        roles.connect_signals()
        results_cache.connect_signals()
