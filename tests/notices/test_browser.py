"""The journey: a person reads a notice in the inbox and turns an optional e-mail off."""

import pytest

from notices.models import NoticeLog, NoticePreference
from tests.factories import teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_reads_a_notice_and_chooses_which_notices_come_by_email(page, sign_in):
    user = teacher(first_name="Rūta")
    NoticeLog.objects.create(key="b1", kind="survey_invitation", recipient=user, email=user.email,
                             subject="Įvertinkite seminarą „Šiuolaikinė pamoka“", body_text="...", link="/renginiai/")
    sign_in(user)
    page.goto("/pranesimai/")
    assert page.locator("h1").inner_text().startswith("Pranešimai")
    assert page.locator("#unread-count").is_visible()
    page.get_by_role("button", name="Įvertinkite seminarą „Šiuolaikinė pamoka“", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/renginiai/")
    page.goto("/pranesimai/")
    assert page.locator("#unread-count").count() == 0
    page.goto("/pranesimai/nustatymai/")
    page.get_by_label("Kvietimai į renginių vertinimo ir pritaikymo apklausas").uncheck()
    page.get_by_role("button", name="Išsaugoti").click()
    page.wait_for_load_state()
    assert NoticePreference.objects.get(user=user, kind="survey_invitation").email_enabled is False
