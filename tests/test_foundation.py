import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from events.models import Registration
from funding.models import FundingSource
from kvalifikacija.celery import ping
from people.models import Membership, Organisation, User
from tests.factories import (
    CertificateFactory,
    EventFactory,
    FundingSourceFactory,
    RegistrationFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_one_registration_per_teacher_and_event():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=registration.event, teacher=registration.teacher)


@pytest.mark.django_db
def test_money_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingSourceFactory(amount=Decimal("-1.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(fee=Decimal("-5"))


@pytest.mark.django_db
def test_certificate_numbers_are_unique():
    first = CertificateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(number=first.number)


@pytest.mark.django_db
def test_user_email_is_the_sign_in_name():
    user = User.objects.create_user("Vardas@Example.LT", "x", first_name="A", last_name="B")
    assert user.email == "vardas@example.lt"
    assert User.objects.get_by_natural_key("VARDAS@example.lt") == user


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_has_every_role(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count(),
              FundingSource.objects.count())
    call_command("seed_demo")
    assert counts == (User.objects.count(), Organisation.objects.count(), Membership.objects.count(),
                      FundingSource.objects.count())
    assert Organisation.objects.filter(kind="school").count() >= 10
    assert User.objects.filter(memberships__role="teacher").distinct().count() >= 290
    demo_school = Membership.objects.get(user__email="mokytoja@demo.lt").organisation
    for email, role in [("mokytoja@demo.lt", "teacher"), ("pavaduotoja@demo.lt", "deputy"),
                        ("direktore@demo.lt", "director")]:
        assert Membership.objects.filter(user__email=email, role=role, organisation=demo_school).exists()
    for email, role in [("centras@demo.lt", "centre_staff"), ("lektorius@demo.lt", "lecturer"),
                        ("savivaldybe@demo.lt", "administrator")]:
        assert Membership.objects.filter(user__email=email, role=role).exists()
    assert User.objects.get(email="direktore@demo.lt").check_password("demo12345")


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 30 + "a-long-random-production-secret-1234567890",
                "ALLOWED_HOSTS": "kvalifikacija.example.lt", "KV_TESTING": "0"})
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_model_is_in_the_admin_with_search_and_filters():
    ours = {"people", "events", "leave", "funding", "certificates", "notices", "surveys", "loans"}
    for model in apps.get_models():
        if model._meta.app_label not in ours or model.__name__.startswith("Historical"):
            continue
        if model._meta.auto_created:
            continue
        assert model in admin.site._registry, f"{model.__name__} is not in the admin"
        model_admin = admin.site._registry[model]
        assert model_admin.search_fields, f"{model.__name__} has no admin search"
        assert model_admin.list_filter or model.__name__ in {"Subject"}, f"{model.__name__} has no admin filters"


@pytest.mark.django_db
def test_admin_changelists_open(admin_client):
    EventFactory()
    for url in ["/valdymas/people/user/", "/valdymas/events/event/", "/valdymas/funding/fundingsource/",
                "/valdymas/leave/leaverequest/", "/valdymas/certificates/certificate/"]:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_is_closed_to_people_without_admin_access(client):
    client.force_login(UserFactory())
    assert client.get("/valdymas/").status_code == 302


def test_celery_task_runs_eagerly_without_broker():
    assert ping.delay().get() == "pong"
