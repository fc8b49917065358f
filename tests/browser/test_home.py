import pytest

from tests.factories import teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_signs_in_sees_home_in_lithuanian_and_switches_to_english(page, sign_in):
    user = teacher(first_name="Rūta")
    sign_in(user)
    assert page.locator("html").get_attribute("lang") == "lt"
    assert "Rūta" in page.locator("h1").inner_text()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Welcome, Rūta" in page.locator("h1").inner_text()
