"""Parameters the hostile-values walk found answering 500, each answered without one now."""

import pytest
from django.urls import reverse

from people.models import Role
from tests.factories import EventFactory, RegistrationFactory, member, teacher

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["abc", "9" * 20, "%ff", "-1"])
def test_cancelling_with_a_next_that_is_not_a_path_goes_to_the_fallback(client, target):
    registration = RegistrationFactory(event=EventFactory(outside_working_hours=True))
    client.force_login(registration.teacher)
    response = client.post(reverse("events:cancel_registration", args=[registration.pk]), {"next": target})
    assert response.status_code == 302 and response["Location"].startswith("/")


def test_marking_a_notice_with_a_20_digit_id_read_is_not_an_error(client):
    client.force_login(teacher())
    assert client.post(reverse("notices:mark_read"), {"notice": "9" * 20}).status_code == 302


@pytest.mark.parametrize("path", ["/planas/0/", "/planas/10000/", "/planas/99999999999999999999/"])
def test_years_out_of_range_in_paths_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("query", "status"), [("org=abc", 400), ("year=" + "9" * 20, 400)])
def test_funding_overview_bad_parameters_are_400(client, query, status):
    client.force_login(member(Role.DIRECTOR))
    assert client.get(f"/lesos/?{query}").status_code == status
