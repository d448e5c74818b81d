"""The two roles, teacher and student, as Django groups (made by a classrooms migration).

Every app asks for roles, so they live with the project, below all the apps.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404


class Role(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    STUDENT = "student", "Student"


def has_role(user, role):
    if not user.is_authenticated:
        return False
    # Group names are cached on the user object for the request; a view may ask more than once.
    if not hasattr(user, "_role_names"):
        user._role_names = set(user.groups.values_list("name", flat=True))
    return role in user._role_names


def is_teacher(user):
    return has_role(user, Role.TEACHER)


def is_student(user):
    return has_role(user, Role.STUDENT)


def grant_role(user, role):
    grant_role_to_all([user], role)


def grant_role_to_all(users, role):
    """Give every user the role in two queries, however many users there are."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=role)
    membership = get_user_model().groups.through
    membership.objects.bulk_create(
        [membership(user_id=user.pk, group_id=group.pk) for user in users], ignore_conflicts=True
    )
    for user in users:
        user.__dict__.pop("_role_names", None)


def role_required(role):
    """Require a signed-in user with `role`. Others get a 404: the page is not theirs to know of."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, role):
                raise Http404("No such page.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
