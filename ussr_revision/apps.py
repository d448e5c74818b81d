from django.contrib.admin.apps import AdminConfig


class ProjectAdminConfig(AdminConfig):
    """Django's admin with the project's site (see ussr_revision/admin.py)."""

    default_site = "ussr_revision.admin.AdminSite"
