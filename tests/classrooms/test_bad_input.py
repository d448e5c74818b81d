"""Class lists that once gave a 500: each gets a form error instead, and nothing is created."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from classrooms import accounts
from tests import factories

pytestmark = pytest.mark.django_db

TOO_BIG = "A class list is at most 100 KB (60 students fit in far less)"


@pytest.fixture
def bulk_url(teacher):
    return reverse(
        "classrooms:bulk_add", kwargs={"pk": factories.make_classroom(teacher=teacher).pk}
    )


def stray_quote_list(size):
    """A real list, then a cell opened with a quote that never closes (a paste gone wrong)."""
    return 'Anna,Smith\n"Ben,Jones\n' + "Cara,Lee\n" * (size // 9)


def test_a_pasted_list_with_a_huge_cell_gets_a_form_error(teacher_client, bulk_url):
    before = get_user_model().objects.count()

    response = teacher_client.post(bulk_url, {"roster": stray_quote_list(200_000)})

    assert response.status_code == 200
    assert TOO_BIG in response.context["form"].errors["roster"][0]
    assert get_user_model().objects.count() == before


def test_an_uploaded_list_with_a_huge_cell_gets_a_form_error(teacher_client, bulk_url):
    upload = SimpleUploadedFile("10b.csv", stray_quote_list(200_000).encode(), "text/csv")

    response = teacher_client.post(bulk_url, {"file": upload})

    assert response.status_code == 200
    assert TOO_BIG in response.context["form"].errors["file"][0]


def test_a_cell_over_the_csv_field_limit_is_reported_not_raised():
    # The form's size limit keeps such lists away; the parser copes with one anyway.
    rows, errors = accounts.parse_roster('Anna,Smith\n"' + "x" * 200_000)

    assert rows == []
    assert errors[0].row == 2
    assert "can't be read as CSV" in errors[0].reason
