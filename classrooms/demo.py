"""Demo accounts for trying the app in development. Never created when DEBUG is off."""

from django.contrib.auth import get_user_model
from django.db import transaction

from ussr_revision.roles import Role, grant_role

DEMO_PASSWORD = "revise-1924"
DEMO_ADMIN = "demo_admin"
DEMO_TEACHER = "demo_teacher"
DEMO_STUDENT = "demo_student"


@transaction.atomic
def create_demo_accounts():
    """Create (or reset) the demo admin, teacher and student; returns [(role, username)]."""
    User = get_user_model()
    accounts = [
        ("admin", DEMO_ADMIN, {"is_staff": True, "is_superuser": True}),
        (Role.TEACHER, DEMO_TEACHER, {"first_name": "Demo", "last_name": "Teacher"}),
        (Role.STUDENT, DEMO_STUDENT, {"first_name": "Demo", "last_name": "Student"}),
    ]
    for role, username, fields in accounts:
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role in Role.values:
            grant_role(user, role)
    return [(str(role), username) for role, username, _ in accounts]
