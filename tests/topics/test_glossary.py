"""The glossary's A-Z (letters that jump to their terms, letters with none shown disabled) and
its filter box (shown by a static script; without it, the page is the whole list)."""

import re

import pytest
from django.urls import reverse

from tests import factories
from topics.models import Term

pytestmark = pytest.mark.django_db


def glossary(client):
    return client.get(reverse("topics:glossary")).content.decode()


def test_every_letter_with_terms_links_to_its_section(student_client):
    page = glossary(student_client)
    firsts = {term.term[0].upper() for term in Term.objects.all() if term.term[0].isalpha()}
    assert firsts
    for letter in firsts:
        assert f'href="#letter-{letter}"' in page
        assert f'id="letter-{letter}"' in page


def test_letters_without_terms_are_shown_disabled_not_linked(student_client):
    firsts = {term.term[0].upper() for term in Term.objects.all()}
    empty = [chr(c) for c in range(ord("A"), ord("Z") + 1) if chr(c) not in firsts]
    assert empty, "the course has a term for every letter: pick a test letter another way"
    page = glossary(student_client)
    for letter in empty:
        assert f'href="#letter-{letter}"' not in page
        assert re.search(rf'aria-disabled="true">{letter}<span class="visually-hidden"> \(no', page)


def test_each_term_is_under_its_first_letter(student_client):
    factories.make_term(term="Zzyzx test term", definition="Only here.")
    page = glossary(student_client)
    section = page.split('id="letter-Z"', 1)[1].split("</section>", 1)[0]
    assert "Zzyzx test term" in section
    assert 'href="#letter-Z"' in page


def test_terms_starting_with_no_letter_go_under_a_hash(student_client):
    factories.make_term(term="1936 Constitution (test)", definition="A number first.")
    page = glossary(student_client)
    assert 'href="#letter-other"' in page
    assert "1936 Constitution (test)" in page.split('id="letter-other"', 1)[1]


def test_the_filter_box_is_hidden_until_its_script_shows_it(student_client):
    page = glossary(student_client)
    assert re.search(r"<div[^>]*data-glossary-filter hidden>", page)
    assert '<script src="/static/js/glossary.js">' in page
    assert "<script>" not in page and "style=" not in page  # the CSP refuses both
