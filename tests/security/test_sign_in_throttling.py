"""Sign-in throttling locks one account from one address: the same account can still sign in from
another address (schools share addresses, and one attacker must not lock a teacher out everywhere)."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password, address):
    return client.post("/prisijungti/", {"username": email, "password": password}, REMOTE_ADDR=address)


def test_lockout_is_per_account_and_address(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="mokytoja@example.lt")
    for _ in range(3):
        sign_in(client, user.email, "wrong", "10.0.0.1")
    assert sign_in(client, user.email, PASSWORD, "10.0.0.1").status_code == 429
    # The same account from another address is not locked.
    response = sign_in(client, user.email, PASSWORD, "10.0.0.2")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_locked_address_still_serves_other_accounts(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="mokytoja@example.lt")
    colleague = UserFactory(email="kolege@example.lt")
    for _ in range(3):
        sign_in(client, user.email, "wrong", "10.0.0.1")
    assert sign_in(client, user.email, PASSWORD, "10.0.0.1").status_code == 429
    assert sign_in(client, colleague.email, PASSWORD, "10.0.0.1").status_code == 302
