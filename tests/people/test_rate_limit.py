import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_locks_account_and_address_together_after_failures(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="mokytoja@example.lt")
    colleague = UserFactory(email="kolege@example.lt")
    for _ in range(3):
        client.post("/prisijungti/", {"username": "mokytoja@example.lt", "password": "wrong"})
    locked = client.post("/prisijungti/", {"username": "mokytoja@example.lt", "password": PASSWORD})
    assert locked.status_code == 429
    # A colleague behind the same school address can still sign in.
    ok = client.post("/prisijungti/", {"username": colleague.email, "password": PASSWORD})
    assert ok.status_code == 302
