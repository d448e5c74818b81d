from ussr_revision.roles import is_student, is_teacher


def roles(request):
    """`is_teacher` and `is_student` for the navigation, looked up only when a template asks."""
    user = request.user
    return {"is_teacher": lambda: is_teacher(user), "is_student": lambda: is_student(user)}
