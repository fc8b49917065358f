import pytest


@pytest.fixture
def staff(client, staff):
    """The centre's staff member (tests/conftest.py), signed in: the events tests use the staff pages."""
    client.force_login(staff)
    return staff
