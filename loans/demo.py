"""Demo equipment, loans in every state (one overdue) and methodical material in every state.

Loans are requested by the schools' heads and decided and taken back by the centre's staff, materials
uploaded and submitted by their authors and published or returned by the staff, all through
`loans.services`. Idempotent: items are found by inventory number; loans and materials are made only
when the centre has none.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from kvalifikacija.pdf import render_pdf
from people.models import Membership, Role

from . import services
from .models import Equipment, Loan, MethodicalMaterial

T, M = Equipment.Kind.TECHNICAL, Equipment.Kind.METHODICAL
ITEMS = [
    ("ŠC-T-001", T, "Daugialypės terpės projektorius Epson", "Su nešiojamu ekranu ir HDMI laidu."),
    ("ŠC-T-002", T, "Nešiojamas kompiuteris Lenovo ThinkPad", "Su įdiegtomis biuro programomis."),
    ("ŠC-T-003", T, "Dokumentų kamera", "Tinka pamokoms ir nuotoliniam mokymui."),
    ("ŠC-T-004", T, "Interaktyvi lenta (mobili)", "Su stovu ant ratukų."),
    ("ŠC-T-005", T, "Garso kolonėlė su mikrofonais", "Renginiams salėje iki 150 žmonių."),
    ("ŠC-T-006", T, "Planšečių rinkinys (15 vnt.)", "Lagaminas su įkrovimo stotele."),
    ("ŠC-T-007", T, "Vaizdo konferencijų kamera", "Plataus kampo, su mikrofonu."),
    ("ŠC-M-001", M, "Robotikos rinkinys LEGO Education SPIKE", "6 rinkiniai, užduočių aprašai lietuvių kalba."),
    ("ŠC-M-002", M, "STEAM eksperimentų lagaminas", "Chemijos ir fizikos bandymai pradinėms klasėms."),
    ("ŠC-M-003", M, "Stalo žaidimų rinkinys matematikai", "Trupmenos, geometrija, loginis mąstymas."),
    ("ŠC-M-004", M, "Sensorinės integracijos priemonės", "Specialiųjų ugdymosi poreikių mokiniams."),
    ("ŠC-M-005", M, "Lietuvos žemėlapių ir gaublių rinkinys", "Istorijai ir geografijai."),
    ("ŠC-M-006", M, "Kalbos ugdymo kortelės ikimokykliniam amžiui", "Logopedo rekomenduotas rinkinys."),
]

MATERIALS = [
    ("Trupmenų pamokų ciklas 5 klasei", "Penkios pamokos su užduočių lapais ir vertinimo kriterijais."),
    ("Skaitymo strategijos pradinėse klasėse", "Praktiniai patarimai ir pratimai skaitymo supratimui ugdyti."),
    ("Įtraukusis ugdymas: individualizuotos užduotys", "Užduočių pavyzdžiai mokiniams, turintiems SUP."),
    ("Projektinė veikla gamtos mokslų pamokose", "Trijų savaičių projektas apie vandenį mūsų aplinkoje."),
    ("Emocinio intelekto užsiėmimai klasės valandėlei", "Dešimt užsiėmimų scenarijų 6–8 klasėms."),
    ("Dirbtinis intelektas pamokoje: etika ir praktika", "Pristatymas ir užduotys mokytojams."),
    ("Karjeros ugdymo refleksijos lapai", "Lapai 9–10 klasių mokiniams."),
    ("Lietuvių kalbos rašybos žaidimai", "Ąžuolo, šermukšnio ir čiobrelio žodžių žaidimai."),
    ("Formuojamasis vertinimas: grįžtamojo ryšio kortelės", "Kortelės, kurias mokiniai pildo pamokos pabaigoje."),
]

STATES = [
    MethodicalMaterial.Status.PUBLISHED, MethodicalMaterial.Status.PUBLISHED, MethodicalMaterial.Status.SUBMITTED,
    MethodicalMaterial.Status.PUBLISHED, MethodicalMaterial.Status.DRAFT, MethodicalMaterial.Status.RETURNED,
    MethodicalMaterial.Status.PUBLISHED, MethodicalMaterial.Status.SUBMITTED, MethodicalMaterial.Status.PUBLISHED,
]


def sample_pdf(title, description, author):
    """A one-page PDF with Lithuanian letters, made with WeasyPrint."""
    html = (
        '<html lang="lt"><head><meta charset="utf-8"><style>@page{size:A4;margin:2cm}'
        'body{font-family:"DejaVu Sans",sans-serif;font-size:11pt}h1{font-size:18pt}</style></head><body>'
        f"<h1>{escape(title)}</h1><p>{escape(description)}</p><p>Autorius: {escape(author)}</p>"
        "<p>Metodinė medžiaga parengta rajono mokytojų kvalifikacijos tobulinimo reikmėms.</p></body></html>"
    )
    return render_pdf(html)


def seed(ctx):
    rng, centre = ctx["rng"], ctx["centre"]
    today = timezone.localdate()
    items = []
    for number, kind, name, description in ITEMS:
        item, _ = Equipment.objects.get_or_create(
            inventory_number=number, defaults={"owner": centre, "kind": kind, "name": name, "description": description}
        )
        items.append(item)

    staff = ctx["demo"].get("centre_staff")
    if not Loan.objects.filter(equipment__owner=centre).exists():
        schools = ctx["schools"]
        heads = {pk: director for pk, (director, _deputy) in ctx["heads"].items()}
        demo_school = ctx.get("demo_school") or schools[0]
        plan = [
            # (item index, school, start offset, days, status, returned offset)
            (0, demo_school, -20, 5, Loan.Status.RETURNED, -15),
            (7, schools[1], -40, 14, Loan.Status.RETURNED, -27),
            (3, schools[2], -60, 10, Loan.Status.RETURNED, -50),
            (1, schools[3], -12, 7, Loan.Status.LENT, None),  # overdue
            (7, demo_school, -3, 10, Loan.Status.LENT, None),
            (5, schools[4], -1, 5, Loan.Status.LENT, None),
            (8, demo_school, 5, 4, Loan.Status.REQUESTED, None),
            (0, schools[5], 10, 3, Loan.Status.REQUESTED, None),
            (2, schools[6], 7, 2, Loan.Status.DECLINED, None),
        ]
        for index, school, offset, days, status, returned in plan:
            # The school asks a few days ahead; the centre decides, and takes the item back.
            start = today + dt.timedelta(days=offset)
            asked_on = min(today, start - dt.timedelta(days=3))
            loan = services.request_loan(
                equipment=items[index], school=school, by=heads[school.pk], starts_on=start,
                due_on=start + dt.timedelta(days=days), today=asked_on,
                note=rng.choice(["Atvirai pamokai", "Mokyklos renginiui", "Projekto savaitei", ""]))
            if status == Loan.Status.DECLINED:
                services.decline_loan(loan=loan, by=staff, note="Tomis dienomis priemonė remontuojama.")
            elif status != Loan.Status.REQUESTED:
                services.approve_loan(loan=loan, by=staff, today=asked_on)
            if status == Loan.Status.RETURNED:
                services.mark_returned(loan=loan, by=staff, returned_on=today + dt.timedelta(days=returned))

    if not MethodicalMaterial.objects.exists():
        demo_teacher = ctx["demo"]["teacher"]
        teachers = [t for t in ctx["teachers"] if t.pk != demo_teacher.pk]
        school_of = dict(
            Membership.objects.filter(user__in=ctx["teachers"], role=Role.TEACHER, is_active=True)
            .order_by("user_id", "organisation_id").values_list("user_id", "organisation_id")
        )
        schools = {school.pk: school for school in ctx["schools"]}
        subjects = ctx.get("subjects") or [None]
        for index, ((title, description), status) in enumerate(zip(MATERIALS, STATES, strict=True)):
            # The author uploads and submits; the centre's staff publish or return it.
            author = demo_teacher if index in (0, 2, 5) else rng.choice(teachers)
            pdf = sample_pdf(title, description, author.get_full_name())
            material = services.save_material(
                author=author, title=title, description=description, subject=rng.choice(subjects),
                school=schools.get(school_of.get(author.pk)), centre=centre,
                upload=SimpleUploadedFile("medziaga.pdf", pdf, content_type="application/pdf"))
            if status == MethodicalMaterial.Status.DRAFT:
                continue
            services.submit_material(material=material, by=author)
            if status == MethodicalMaterial.Status.PUBLISHED:
                services.publish_material(material=material, by=staff)
            elif status == MethodicalMaterial.Status.RETURNED:
                services.return_material(material=material, by=staff,
                                         note="Papildykite šaltinių sąrašą ir vertinimo kriterijus.")
