"""Information pages: centre staff write Markdown in Lithuanian and English; the page is rendered and
sanitised (typed HTML is shown as text), and the pages are reached from every page's footer."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pages.demo import seed
from pages.models import InfoPage
from pages.rendering import render_markdown
from people.models import Role
from tests.factories import CentreFactory, member, teacher

pytestmark = pytest.mark.django_db


def test_a_script_in_a_page_is_shown_as_text():
    html = render_markdown("# Kontaktai\n\n<script>alert('x')</script>\n\nTekstas <img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html


def test_markdown_keeps_headings_lists_tables_and_safe_links_only():
    html = render_markdown("## Galimybės\n\n- **vienas**\n- [saugi](https://example.lt) "
                           "[pavojinga](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h2>Galimybės</h2>" in html and "<strong>vienas</strong>" in html and "<table>" in html
    assert 'href="https://example.lt"' in html and "javascript:" not in html


def test_centre_staff_write_a_page_and_everyone_reads_it_in_both_languages(client):
    staff = member(Role.CENTRE_STAFF, CentreFactory())
    client.force_login(staff)
    response = client.post(reverse("pages:create"), {
        "slug": "kontaktai", "title_lt": "Kontaktai", "body_lt": "Rašykite **mums**.\n\n<script>alert(1)</script>",
        "title_en": "Contacts", "body_en": "Write to *us*.", "order": "1", "is_published": "on",
    })
    assert response.status_code == 302
    page = InfoPage.objects.get()
    assert page.updated_by == staff
    client.logout()
    lithuanian = client.get("/informacija/kontaktai/").content.decode()
    assert "<strong>mums</strong>" in lithuanian and "&lt;script&gt;alert(1)&lt;/script&gt;" in lithuanian
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/informacija/kontaktai/").content.decode()
    assert "<em>us</em>" in english and "Contacts" in english and "mums" not in english


def test_english_falls_back_to_lithuanian_when_not_written():
    page = InfoPage.objects.create(slug="x", title_lt="Kontaktai", body_lt="Tekstas")
    with translation.override("en"):
        assert page.title == "Kontaktai" and page.body == "Tekstas"
    page.title_en, page.body_en = "Contacts", "Text"
    with translation.override("en"):
        assert page.title == "Contacts" and page.body == "Text"


def test_the_footer_links_to_the_information_pages(client):
    seed({})
    home = client.get("/").content.decode()
    assert 'href="/informacija/"' in home
    index = client.get("/informacija/").content.decode()
    for slug in ("perkvalifikavimas", "kaip-registruotis", "kontaktai"):
        assert f'href="/informacija/{slug}/"' in index


def test_an_unpublished_page_is_hidden_from_everyone_but_centre_staff(client):
    InfoPage.objects.create(slug="juodrastis", title_lt="Juodraštis", body_lt="…", is_published=False)
    assert client.get("/informacija/juodrastis/").status_code == 404
    assert "Juodraštis" not in client.get("/informacija/").content.decode()
    client.force_login(member(Role.CENTRE_STAFF, CentreFactory()))
    assert client.get("/informacija/juodrastis/").status_code == 200


def test_only_centre_staff_edit_pages(client):
    page = InfoPage.objects.create(slug="a", title_lt="A", body_lt="a")
    client.force_login(teacher())
    assert client.get(reverse("pages:edit", args=[page.pk])).status_code == 403
    assert client.post(reverse("pages:create"), {"slug": "b", "title_lt": "B", "body_lt": "b"}).status_code == 403
    assert InfoPage.objects.count() == 1
