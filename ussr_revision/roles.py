"""The two roles, teacher and student, as Django groups (made by a classrooms migration).

Every app asks for roles, so they live with the project, below all the apps. A user's group
names are read from the database once and then kept in the shared cache (so every app server
sees the same), until their groups change: the signals below and `grant_role_to_all` forget them.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import models
from django.http import Http404

ROLES_TIMEOUT = 7 * 24 * 3600


class Role(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    STUDENT = "student", "Student"


def has_role(user, role):
    if not user.is_authenticated:
        return False
    # Kept on the user object for the request too: a view may ask more than once.
    if not hasattr(user, "_role_names"):
        user._role_names = role_names(user.pk, lambda: user.groups.values_list("name", flat=True))
    return role in user._role_names


def roles_key(user_pk):
    return f"roles:{user_pk}"


def role_names(user_pk, read):
    """The user's group names: from the cache, else `read()` from the database (then cached)."""
    names = cache.get(roles_key(user_pk))
    if names is None:
        names = sorted(read())
        cache.set(roles_key(user_pk), names, ROLES_TIMEOUT)
    return set(names)


def forget_roles(user_pks):
    """Drop cached group names: the next request reads them again."""
    cache.delete_many([roles_key(pk) for pk in user_pks])


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
    # bulk_create sends no m2m_changed signal, so the cache is told here.
    forget_roles([user.pk for user in users])
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


def connect_signals():
    """Forget cached roles whenever group membership or a group changes (admin, shell, code)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_save, pre_delete

    User = get_user_model()

    def membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_") and action != "pre_clear":
            return
        if not reverse:  # user.groups.add(...): the instance is the user
            forget_roles([instance.pk])
        elif pk_set is not None:  # group.user_set.add(...): the users are in pk_set
            forget_roles(pk_set)
        else:  # group.user_set.clear(), seen before the rows go
            forget_roles(list(instance.user_set.values_list("pk", flat=True)))

    def group_changed(sender, instance, **kwargs):
        forget_roles(list(User.objects.filter(groups=instance).values_list("pk", flat=True)))

    m2m_changed.connect(membership_changed, sender=User.groups.through, weak=False)
    post_save.connect(group_changed, sender=Group, weak=False)
    pre_delete.connect(group_changed, sender=Group, weak=False)
