from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from topics.models import Fact, Origin, Topic

TUDORS = Path(__file__).parent / "data" / "tudors-1485-1603.txt"


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_notes", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_creates_sections_topics_and_facts_of_a_new_course():
    output = run(str(TUDORS))

    section = Topic.objects.get(slug="henry-viii")
    assert section.parent is None
    assert section.origin == Origin.NOTES
    assert Topic.objects.get(slug="religion-causes-of-the-break").parent == section
    facts = Fact.objects.filter(key__startswith="tudors-1485-1603:")
    assert facts.filter(text="No male heir", original_text="no male heir").exists()
    assert facts.get(original_text="1509 - Henry VIII crowned").source == "card 2 of 3"
    assert "created" in output


@pytest.mark.django_db
def test_importing_the_same_file_again_creates_nothing():
    run(str(TUDORS))
    counts = Topic.objects.count(), Fact.objects.count()

    output = run(str(TUDORS))

    assert (Topic.objects.count(), Fact.objects.count()) == counts
    assert "0 created, 0 updated" in output


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    before = Fact.objects.count()

    output = run(str(TUDORS), "--dry-run")

    assert output.startswith("Would import")
    assert Fact.objects.count() == before
    assert not Topic.objects.filter(slug="henry-viii").exists()


@pytest.mark.django_db
def test_importing_the_shipped_notes_leaves_the_curated_course_alone():
    fixed = Fact.objects.get(original_text__contains="party beurocracy (insult Lenin)")

    run("topics/content/aqa-stalin-ussr-1924-1941.txt")

    fixed.refresh_from_db()
    assert "bureaucracy" in fixed.text
    assert fixed.origin == Origin.COURSE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: the notes are empty"),
        (b"Title\n\n\x00\x01binary\n", "line 3: binary"),
        (b"Title\nCard\n  \xe2\x80\xa2 ok\n\xff\xfe bad\n1 of 1\n", "line 4:"),
        (b"Title\nCard\n  \xe2\x80\xa2 a point\n", "no card ends"),
    ],
)
def test_bad_notes_fail_with_one_line_and_write_nothing(tmp_path, content, message):
    path = tmp_path / "broken.txt"
    path.write_bytes(content)
    before = Topic.objects.count(), Fact.objects.count()

    with pytest.raises(CommandError) as error:
        run(str(path))

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert (Topic.objects.count(), Fact.objects.count()) == before


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "nope.txt"))
