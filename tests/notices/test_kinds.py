"""Every kind of notice has a label, its e-mail templates and a link that resolves; no template is
left without a kind (the report-back reminder once linked to a URL name that did not exist)."""

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.urls import resolve

from notices.kinds import LINKS, OPTIONAL, NoticeKind, kind_label


def test_every_kind_links_to_a_page_that_resolves():
    for kind in NoticeKind:
        name, arity = kind.link
        url = kind.link_for(*["1"] * arity)
        assert resolve(url).view_name == name, kind


def test_every_kind_has_its_link_label_and_templates():
    assert set(LINKS) == set(NoticeKind)
    assert OPTIONAL <= set(NoticeKind)
    for kind in NoticeKind:
        assert kind_label(kind.value) == kind.label
        get_template(f"notices/email/{kind.value}.subject.txt")
        get_template(f"notices/email/{kind.value}.txt")


def test_every_notice_template_belongs_to_a_kind():
    base = Path(settings.BASE_DIR)
    templates = {path.name.removesuffix(".subject.txt") for path in base.glob("*/templates/notices/email/*.subject.txt")}
    assert templates <= {kind.value for kind in NoticeKind}, templates - {kind.value for kind in NoticeKind}


def test_the_report_back_reminder_links_to_the_report_form():
    assert NoticeKind.REPORT_BACK_OVERDUE.link_for(7) == "/prasymai/ataskaitos/nauja/renginys/7/"
