from django.apps import AppConfig


class ClassroomsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "classrooms"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from classrooms import slips

        def forget_slips(sender, user, **kwargs):
            # Signing out clears a teacher's login slips, as the page promises.
            if user is not None:
                slips.forget_all(user)

        user_logged_out.connect(forget_slips, dispatch_uid="classrooms.forget_slips")

        from classrooms import results_cache
        from ussr_revision import roles, signed_in

        roles.connect_signals()
        signed_in.connect_signals()
        results_cache.connect_signals()
