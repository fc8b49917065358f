"""Demo certificates: issued for a sample of completed events (PDFs are rendered on first download),
lecturers' statements, and a few outside certificates of the demo teacher in each state (uploaded and
decided through `certificates.services.outside`). Idempotent."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from events.models import Event, Registration
from kvalifikacija.pdf import render_pdf
from people.models import Organisation

from .models import Certificate, OutsideCertificate
from .services import issuing, outside

SAMPLE_EVENTS = 12

OUTSIDE = [
    # title, provider, country, days ago, hours, status
    ("Skaitmeninis raštingumas ugdymo procese", "Vilniaus universitetas", "LT", 60, 18, OutsideCertificate.Status.RECOGNISED),
    ("Erasmus+ kursai „Inclusive classroom“", "Europass Teacher Academy", "IT", 140, 30, OutsideCertificate.Status.RECOGNISED),
    ("Konferencija „Mokykla 2030“", "Latvijas Universitāte", "LV", 20, 8, OutsideCertificate.Status.PENDING),
    ("Internetinis kursas „Laiko planavimas“", "Udemy", "US", 200, 4, OutsideCertificate.Status.DECLINED),
]


def _small_pdf(title, provider, hours):
    html = (
        '<html><body style="font-family: \'DejaVu Sans\'; text-align: center; padding-top: 40mm">'
        f"<h1>PAŽYMĖJIMAS</h1><p>{provider}</p><h2>{title}</h2><p>Rūta Žemaitytė</p>"
        f"<p>{hours} akad. val.</p></body></html>"
    )
    return render_pdf(html)


def seed(ctx):
    centre = ctx.get("centre") or Organisation.objects.filter(kind=Organisation.Kind.CENTRE).first()
    demo = ctx.get("demo") or {}
    if centre is None:
        return
    # A sample of completed events with attended participants; the demo teacher's own first.
    teacher = demo.get("teacher")
    completed = (
        Event.objects.filter(organiser=centre, status=Event.Status.COMPLETED,
                             registrations__status=Registration.Status.ATTENDED)
        .distinct().order_by("-ends_on", "id")
    )
    sample = list(completed[:SAMPLE_EVENTS])
    if teacher is not None:
        own = completed.filter(registrations__teacher=teacher)
        sample += [event for event in own if event not in sample]
    for index, event in enumerate(sample):
        issuing.issue_for_event(event=event, render=False, notify_holder=False)
        if index < 3 and event.lecturers.exists():
            issuing.issue_for_event(event=event, kind=Certificate.Kind.STATEMENT, render=False, notify_holder=False)
    # One revoked and re-issued, to show on the check page.
    first = Certificate.objects.filter(event__in=sample, kind=Certificate.Kind.CERTIFICATE).order_by("id").first()
    if first is not None and not Certificate.objects.filter(~Q(status=Certificate.Status.VALID), event__in=sample).exists():
        issuing.reissue_certificate(certificate=first, by=demo.get("centre_staff"),
                                    reason="Pataisyta dalyvio darbovietė", render=False)
    if teacher is None:
        return
    today = timezone.localdate()
    deputy = demo.get("deputy")
    for title, provider, country, days_ago, hours, status in OUTSIDE:
        if OutsideCertificate.objects.filter(teacher=teacher, title=title).exists():
            continue
        day = today - dt.timedelta(days=days_ago)
        # The teacher uploads the certificate; the deputy recognises or declines it.
        item = outside.submit_outside_certificate(
            teacher=teacher, file=ContentFile(_small_pdf(title, provider, hours), name="pazymejimas.pdf"),
            content_type="application/pdf", provider_name=provider, title=title, country=country,
            starts_on=day, ends_on=day, academic_hours=hours)
        if status != OutsideCertificate.Status.PENDING:
            recognise = status == OutsideCertificate.Status.RECOGNISED
            outside.decide_outside_certificate(
                outside_certificate=item, by=deputy, recognise=recognise,
                note="" if recognise else "Kursas nesusijęs su pedagogine veikla.")
