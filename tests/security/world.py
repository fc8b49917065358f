"""One small district with one user per role and one object for every URL argument, used by the
permission matrix and the CSRF checks."""

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from events.models import Event, Exhibit, ImportRun, Registration
from funding import invoices
from funding.models import ReportExport
from leave.models import LeaveRequest
from pages.models import InfoPage
from partnerships.models import Network, PartnerProvider, Project, SchoolEventProposal
from people import invitations
from people.models import Membership, Role
from tests import factories as f


def png():
    """A small PNG for the exhibit photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "green").save(buffer, format="PNG")
    return buffer.getvalue()


ROLES = ("anonymous", "teacher", "deputy", "director", "centre_staff", "lecturer", "administrator")


@dataclass
class World:
    school: object
    other_school: object
    centre: object
    municipality: object
    users: dict
    objects: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)


def _invitation_token(school, by):
    user = f.UserFactory()
    user.set_unusable_password()
    user.save()
    return invitations.link_token(invitations.invite(user=user, organisation=school, by=by))


def _school_people(school):
    teacher = f.teacher(school)
    deputy = f.member(Role.DEPUTY, school)
    director = f.member(Role.DIRECTOR, school)
    return teacher, deputy, director


def build_world():
    today = f.today()
    year = today.year
    centre = f.CentreFactory()
    school = f.SchoolFactory()
    other_school = f.SchoolFactory()
    municipality = f.MunicipalityFactory()
    teacher, deputy, director = _school_people(school)
    users = {
        "teacher": teacher,
        "deputy": deputy,
        "director": director,
        "centre_staff": f.member(Role.CENTRE_STAFF, centre),
        "lecturer": f.member(Role.LECTURER, centre),
        "administrator": f.member(Role.ADMINISTRATOR, municipality),
    }

    event = f.EventFactory(organiser=centre)
    event.lecturers.add(users["lecturer"])
    registration = f.RegistrationFactory(event=event, teacher=teacher, school=school)
    past = today - dt.timedelta(days=10)
    done = f.EventFactory(organiser=centre, status=Event.Status.COMPLETED, starts_on=past,
                          registration_deadline=past - dt.timedelta(days=2))
    done.lecturers.add(users["lecturer"])
    attended = f.RegistrationFactory(event=done, teacher=teacher, school=school,
                                     status=Registration.Status.ATTENDED)
    certificate = f.CertificateFactory(registration=attended)
    f.YearPlanFactory(organiser=centre, year=year)
    programme = f.ProgrammeFactory(owner=centre)
    leave_request = f.LeaveRequestFactory(school=school, teacher=teacher, status=LeaveRequest.Status.SUBMITTED)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("1000"))
    outside = f.OutsideCertificateFactory(teacher=teacher)
    survey = f.SurveyFactory(organiser=centre, event=done)
    question = f.QuestionFactory(survey=survey)
    equipment = f.EquipmentFactory(owner=centre)
    loan = f.LoanFactory(equipment=equipment, school=school, requested_by=deputy)
    material = f.MethodicalMaterialFactory(author=teacher)
    notice = f.NoticeLogFactory(recipient=teacher)
    priority = f.SchoolPriorityFactory(school=school, year=year)
    approved = f.LeaveRequestFactory(school=school, teacher=teacher, status=LeaveRequest.Status.APPROVED)
    report = f.ReportBackFactory(registration=attended, teacher=teacher,
                                 materials=ContentFile(b"%PDF-1.4\n%report\n", name="medziaga.pdf"))
    export = ReportExport.objects.create(year=year, fmt=ReportExport.Format.XLSX, status=ReportExport.Status.READY,
                                         requested_by=users["administrator"],
                                         file=ContentFile(b"PK\x03\x04export", name="rajonas.xlsx"))
    paid = f.EventFactory(organiser=centre, fee=Decimal("25"))
    f.RegistrationFactory(event=paid, school=school)
    f.RegistrationFactory(event=paid, school=other_school)
    invoice, other_invoice = sorted(invoices.invoice_event(event=paid, by=None),
                                    key=lambda i: i.payer_school_id != school.pk)
    network = Network.objects.create(centre=centre, name="Gamtos mokslų tinklas", coordinator=school)
    network.members.set([school])
    other_network = Network.objects.create(centre=centre, name="Kitas tinklas")
    other_network.members.set([other_school])
    provider = PartnerProvider.objects.create(centre=centre, organisation=f.ProviderFactory())
    project = Project.objects.create(centre=centre, title="Projektas", starts_on=today, ends_on=today)
    proposal = SchoolEventProposal.objects.create(
        school=school, centre=centre, proposed_by=director, title="Mokyklos seminaras", form="seminaras",
        date=today + dt.timedelta(days=20), start_time=dt.time(13), end_time=dt.time(16), place="Salė",
        academic_hours=4, seats=20)
    exhibit = Exhibit.objects.create(event=event, title="Rudens spalvos", author="Ona Onaitė",
                                     photo=ContentFile(png(), name="darbas.png"))
    import_run = ImportRun.objects.create(organiser=centre, by=users["centre_staff"], filename="planas.csv",
                                          created_count=1)
    f.EventFactory(organiser=centre, status=Event.Status.DRAFT, import_run=import_run)
    world = World(school=school, other_school=other_school, centre=centre, municipality=municipality,
                  users=users)
    world.objects = {
        "event": event, "done_event": done, "registration": registration, "attended": attended,
        "certificate": certificate, "programme": programme, "leave_request": leave_request, "approved_request": approved,
        "source": source, "outside": outside, "survey": survey, "question": question,
        "equipment": equipment, "loan": loan, "material": material, "notice": notice,
        "priority": priority, "report": report, "export": export, "year": year, "invoice": invoice,
        "import_run": import_run,
        "network": network, "provider": provider, "project": project, "proposal": proposal, "exhibit": exhibit,
        "info_page": InfoPage.objects.create(slug="kontaktai", title_lt="Kontaktai", body_lt="**Adresas**"),
        "session": event.sessions.first(),
        "uidb64": urlsafe_base64_encode(force_bytes(teacher.pk)),
        "token": default_token_generator.make_token(teacher),
        "membership": Membership.objects.get(user=teacher, organisation=school, role=Role.TEACHER),
        "organisation": school,
        "invitation_token": _invitation_token(school, director),
    }
    # The same school-scoped objects in another school, for the wrong-school checks.
    other_teacher, other_deputy, other_director = _school_people(other_school)
    world.other = {
        "teacher": other_teacher, "deputy": other_deputy, "director": other_director,
        "leave_request": f.LeaveRequestFactory(school=other_school, teacher=other_teacher,
                                               status=LeaveRequest.Status.SUBMITTED),
        "source": f.FundingSourceFactory(owner=other_school),
        "outside": f.OutsideCertificateFactory(teacher=other_teacher),
        "priority": f.SchoolPriorityFactory(school=other_school, year=year),
        "invoice": other_invoice,
        "membership": Membership.objects.get(user=other_teacher, organisation=other_school, role=Role.TEACHER),
    }
    return world
