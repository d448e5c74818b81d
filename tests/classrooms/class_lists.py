"""Adding a class list the way a teacher does: post it, read the preview, confirm."""

from django.urls import reverse

from classrooms import list_preview


def check_list(client, classroom, data):
    return client.post(reverse("classrooms:bulk_add", kwargs={"pk": classroom.pk}), data)


def confirm_list(client, classroom, **data):
    """Confirms the class's previewed list (the id from the session, as the page has it)."""
    preview = list_preview.load(client.session, classroom)
    return client.post(
        reverse("classrooms:bulk_preview", kwargs={"pk": classroom.pk}),
        {"preview": preview["id"], **data},
    )


def add_list(client, classroom, data, capture):
    """Checks and confirms a list, running its background job; the confirm's response."""
    checked = check_list(client, classroom, data)
    assert checked.status_code == 302, checked.context["form"].errors
    with capture(execute=True):
        return confirm_list(client, classroom)
