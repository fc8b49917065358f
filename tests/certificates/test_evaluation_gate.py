"""The evaluation gate: completing an event makes its evaluation survey, so where the event requires
the evaluation no certificate is downloaded before the participant has answered; staff reach the
event's survey from the event, registrants and certificates pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import issuing
from events.models import Registration
from surveys.models import Response, Survey
from tests.factories import EventFactory, RegistrationFactory
from workflows.event_completion import complete_event

from .helpers import staff_of

pytestmark = pytest.mark.django_db


def completed_through_the_workflow(**kwargs):
    """A published event that ended yesterday, with one confirmed participant, completed by its staff."""
    day = timezone.localdate() - dt.timedelta(days=1)
    event = EventFactory(starts_on=day, registration_deadline=day - dt.timedelta(days=3), **kwargs)
    registration = RegistrationFactory(event=event)
    complete_event(event=event, by=staff_of(event), assume_present=True)
    registration.refresh_from_db()
    return event, registration


def test_completing_an_event_makes_its_evaluation_survey_once():
    event, registration = completed_through_the_workflow(evaluation_required=True)
    assert registration.status == Registration.Status.ATTENDED
    survey = Survey.objects.get(event=event, kind=Survey.Kind.EVALUATION)
    assert survey.is_active and survey.questions.exists()
    assert Survey.objects.filter(event=event, kind=Survey.Kind.FOLLOW_UP).count() == 1


def test_teacher_downloads_only_after_answering_the_survey_made_at_completion(client):
    event, registration = completed_through_the_workflow(evaluation_required=True)
    certificate, _created = issuing.issue_certificate(registration=registration, render=False)
    survey = Survey.objects.get(event=event, kind=Survey.Kind.EVALUATION)
    url = reverse("certificates:download", args=[certificate.pk])
    answer_url = reverse("surveys:answer", args=[survey.pk])

    # Staff download at once.
    client.force_login(staff_of(event))
    assert client.get(url).status_code == 200

    client.force_login(registration.teacher)
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("certificates:my_record"), 302)]
    body = response.content.decode()
    assert str(issuing.EvaluationRequired.default_message) in body
    assert body.count(f'href="{answer_url}?next=') == 2  # in the message and on the certificate's row
    assert f'href="{url}"' not in body

    Response.objects.create(survey=survey, respondent=registration.teacher)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(reverse("certificates:my_record")).content.decode()


def test_the_gate_message_reads_in_lithuanian(client):
    event, registration = completed_through_the_workflow(evaluation_required=True)
    certificate, _created = issuing.issue_certificate(registration=registration, render=False)
    client.force_login(registration.teacher)
    body = client.get(reverse("certificates:download", args=[certificate.pk]), follow=True,
                      headers={"accept-language": "lt"}).content.decode()
    assert "Atsakyti į apklausą" in body and "Answer the survey" not in body


def test_staff_reach_the_events_survey_from_the_event_registrants_and_certificates_pages(client):
    event, _registration = completed_through_the_workflow()
    client.force_login(staff_of(event))
    survey_page = reverse("surveys:event", args=[event.pk])
    for page in (event.get_absolute_url(), reverse("events:registrants", args=[event.pk]),
                 reverse("certificates:event_certificates", args=[event.pk])):
        assert f'href="{survey_page}"' in client.get(page).content.decode(), page
    assert client.get(survey_page).status_code == 200
