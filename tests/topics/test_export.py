import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from topics.models import Fact, Person, Quote

pytestmark = pytest.mark.django_db


def export(*args):
    out = StringIO()
    call_command("export_content", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_has_the_documented_shape():
    document = json.loads(export())

    assert document["schema"] == "ussr-revision/content@1"
    assert set(document["topics"][0]) >= {"slug", "title", "parent", "order"}
    assert set(document["facts"][0]) >= {
        "id", "topic", "text", "original_text", "source", "people", "events", "terms",
    }  # fmt: skip
    assert set(document["people"][0]) >= {"slug", "name", "aliases", "role"}
    assert set(document["events"][0]) >= {
        "slug", "title", "start_year", "end_year", "month", "topic", "people",
    }  # fmt: skip
    assert set(document["terms"][0]) >= {"slug", "term", "definition", "topic"}
    assert set(document["quotes"][0]) >= {"text", "speaker", "about", "year", "topic"}


def test_export_contains_everything_in_the_database():
    document = json.loads(export())

    assert len(document["facts"]) == Fact.objects.count()
    assert len(document["people"]) == Person.objects.count()
    assert len(document["quotes"]) == Quote.objects.count()
    stalin = next(p for p in document["people"] if p["slug"] == "stalin")
    assert isinstance(stalin["aliases"], list)


def test_export_includes_content_added_in_the_admin():
    factories.make_person(slug="admins-own", name="Admin's own")

    document = json.loads(export())

    assert "admins-own" in [person["slug"] for person in document["people"]]


def test_the_same_database_exports_the_same_bytes():
    assert export() == export()


def test_export_links_facts_by_slug():
    document = json.loads(export())
    fact = next(f for f in document["facts"] if "Bukharin, Kykov, Tomsky" in f["original_text"])
    assert "rykov" in fact["people"]
    assert fact["topic"] == "the-defeat-of-the-right"


def test_export_writes_to_a_file(tmp_path):
    path = tmp_path / "content.json"

    export("--output", str(path))

    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "ussr-revision/content@1"


def test_export_to_an_unwritable_place_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot write"):
        export("--output", str(tmp_path / "missing-folder" / "content.json"))
