"""Behind the proxy: the client's address comes from X-Forwarded-For as the trusted proxy wrote it, and
throttling, rate limits and logs use it (a simulated nginx in front: REMOTE_ADDR is the proxy)."""

import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory

from kvalifikacija.client_ip import client_ip
from notices.models import NoticeLog
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = []
    cache.clear()
    yield
    cache.clear()


def via_proxy(client, path, data, address, forwarded=None):
    header = f"{forwarded}, {address}" if forwarded else address
    return client.post(path, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def sign_in(client, email, password, address, forwarded=None):
    return via_proxy(client, "/prisijungti/", {"username": email, "password": password}, address, forwarded)


def test_the_address_is_the_one_the_proxy_appended_never_what_the_client_wrote(settings):
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"
    spoofed = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9")
    assert client_ip(spoofed) == "203.0.113.9"
    assert client_ip(factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="nonsense")) == PROXY
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy: the header is the client's own words and is ignored
    assert client_ip(factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_IPS = ["10.0.0.1"]  # a peer that is not the proxy is taken at its word only
    assert client_ip(factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")) == PROXY


def test_lockout_behind_the_proxy_is_per_account_and_client_address(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(email="mokytoja@example.lt")
    for _ in range(3):
        sign_in(client, user.email, "wrong", "203.0.113.1")
    assert sign_in(client, user.email, PASSWORD, "203.0.113.1").status_code == 429
    # Everyone else comes through the same proxy, and is not locked out; nor does a forged header help.
    assert sign_in(client, user.email, PASSWORD, "203.0.113.2").status_code == 302
    client.logout()
    assert sign_in(client, user.email, PASSWORD, "203.0.113.1", forwarded="198.51.100.1").status_code == 429


def test_password_spraying_from_one_address_is_stopped(client, settings):
    settings.SIGN_IN_FAILURES_PER_ADDRESS = "10/15m"
    people = [UserFactory(email=f"mokytojas{n}@example.lt") for n in range(12)]
    answers = [sign_in(client, person.email, "Vasara2026!", "203.0.113.5").status_code for person in people]
    assert answers[:10] == [200] * 10 and answers[10:] == [429, 429]
    # Even the right password waits: the address is spraying.
    assert sign_in(client, people[0].email, PASSWORD, "203.0.113.5").status_code == 429
    # Another client behind the same proxy signs in.
    assert sign_in(client, people[0].email, PASSWORD, "203.0.113.6").status_code == 302


def test_password_reset_goes_through_the_outbox_and_is_limited(client, settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESETS_PER_ACCOUNT = "2/h"
    settings.PASSWORD_RESETS_PER_ADDRESS = "4/h"
    user = UserFactory(email="mokytoja@example.lt")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for n in range(3):
            response = via_proxy(client, "/slaptazodis/atkurti/", {"email": user.email}, f"203.0.113.{n + 10}")
            assert response.status_code == 302
    notices = NoticeLog.objects.filter(recipient=user, kind="password_reset")
    assert notices.count() == 2  # the third request for the account sent nothing
    assert mail.outbox == [] and callbacks  # nothing sent from the web process: the worker sends it
    assert "/slaptazodis/atkurti/" in notices.first().body_text and "&" not in notices.first().body_text
    for _ in range(4):
        via_proxy(client, "/slaptazodis/atkurti/", {"email": "kitas@example.lt"}, "203.0.113.50")
    assert via_proxy(client, "/slaptazodis/atkurti/", {"email": "kitas@example.lt"}, "203.0.113.50").status_code == 429


def test_log_records_carry_the_client_address(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/nera-tokio-puslapio/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.77")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(getattr(r, "client_ip", None) == "203.0.113.77" for r in records)
