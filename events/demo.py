"""Demo programmes and a full year of events across every form, for the demo district.

Idempotent: a second run finds the centre's events and only puts them into `ctx`. Fast: everything is
created with bulk_create. Statuses follow today's date: past events are completed, later ones published;
a few drafts and cancelled events; about 30 published events for January–March of next year."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from .models import DeliveryMode, Event, EventSession, Form, Programme, YearPlan
from .services.plan import _enqueue_build

PROGRAMMES = [
    # title, hours, provider index (None = the centre), audience, competences
    ("Įtraukiojo ugdymo pagrindai: kiekvienas vaikas klasėje", 40, None, "Bendrojo ugdymo mokytojai",
     "Gebėjimas pritaikyti ugdymo turinį įvairių poreikių mokiniams"),
    ("Atnaujintų bendrųjų programų įgyvendinimas", 40, 2, "Visų dalykų mokytojai",
     "Kompetencijomis grįsto ugdymo planavimas"),
    ("Skaitmeninės mokymosi aplinkos pamokoje", 24, None, "Mokytojai", "Skaitmeninis raštingumas"),
    ("Formuojamasis vertinimas ir grįžtamasis ryšys", 18, 0, "Mokytojai, pavaduotojai ugdymui",
     "Vertinimo ugdymui strategijos"),
    ("Emocinis intelektas ir socialinis emocinis ugdymas", 24, None, "Mokytojai, pagalbos mokiniui specialistai",
     "Socialinių emocinių kompetencijų ugdymas"),
    ("Lyderystė mokykloje: besimokanti organizacija", 60, 0, "Direktoriai, pavaduotojai ugdymui",
     "Pedagoginė lyderystė"),
    ("Matematinio raštingumo stiprinimas pradinėse klasėse", 40, None, "Pradinio ugdymo mokytojai",
     "Matematinio mąstymo ugdymas"),
    ("Lietuvių kalbos ir literatūros pamoka: skaitymo strategijos", 24, 1, "Lietuvių kalbos mokytojai",
     "Skaitymo gebėjimų ugdymas"),
    ("STEAM veiklos: tyrinėjimu grįstas ugdymas", 40, 3, "Gamtos mokslų, technologijų mokytojai",
     "Tyrinėjimu grįsto mokymosi organizavimas"),
    ("Patyčių prevencija ir pozityvus klasės valdymas", 18, None, "Klasių vadovai",
     "Saugios mokymosi aplinkos kūrimas"),
    ("Ankstyvasis ugdymas: žaidimu grįstas mokymasis", 40, None, "Ikimokyklinio ir priešmokyklinio ugdymo pedagogai",
     "Žaismingo ugdymo metodai"),
    ("Karjeros ugdymas bendrojo ugdymo mokykloje", 24, 2, "Karjeros specialistai, klasių vadovai",
     "Karjeros kompetencijų ugdymas"),
    ("Mokinių mokymosi pasiekimų duomenų analizė", 18, 2, "Pavaduotojai ugdymui, mokytojai",
     "Duomenimis grįstas sprendimų priėmimas"),
    ("Užsienio kalbų pamoka: CLIL metodas", 40, 4, "Užsienio kalbų mokytojai", "Integruotas dalyko ir kalbos mokymas"),
    ("Specialiųjų ugdymosi poreikių mokinių pagalbos planavimas", 40, None, "Specialieji pedagogai, logopedai",
     "Individualios pagalbos planavimas"),
    ("Sveikatos stiprinimas ir fizinio aktyvumo skatinimas", 18, None, "Fizinio ugdymo mokytojai",
     "Sveikatai palankios aplinkos kūrimas"),
    ("Meninis ugdymas: kūrybiškumo raiška", 24, None, "Dailės, muzikos, šokio, teatro mokytojai",
     "Kūrybiškumo ugdymas"),
    ("Istorinė atmintis ir pilietinis ugdymas", 18, 1, "Istorijos, pilietiškumo mokytojai", "Pilietinė kompetencija"),
    ("Dirbtinis intelektas mokytojo darbe", 18, None, "Visų dalykų mokytojai", "Atsakingas DI įrankių naudojimas"),
    ("Mokytojų profesinis bendradarbiavimas: kolegialus mokymasis", 24, 0, "Metodinės grupės",
     "Kolegialaus grįžtamojo ryšio kultūra"),
    ("Bibliotekos erdvė kaip mokymosi centras", 18, None, "Mokyklų bibliotekininkai", "Informacinis raštingumas"),
    ("Mentorystė pradedančiam mokytojui", 40, 0, "Mokytojai mentoriai", "Mentorystės gebėjimai"),
    ("Etnokultūrinis ugdymas mokykloje", 18, None, "Visų dalykų mokytojai", "Etninės kultūros integravimas"),
    ("Ekonominis raštingumas ir verslumas", 24, 3, "Ekonomikos, technologijų mokytojai", "Verslumo ugdymas"),
    ("Psichologinis atsparumas ir mokytojų gerovė", 18, None, "Visi pedagogai", "Streso valdymas, savirūpa"),
]

TITLES = {
    Form.SEMINAR: [
        "Diferencijavimas ir individualizavimas pamokoje", "Mokinių motyvacija: ką gali mokytojas?",
        "Pamokos uždavinio formulavimas ir vertinimo kriterijai", "Sunkus elgesys klasėje: kaip reaguoti",
        "Tėvų įtraukimas į ugdymo procesą", "Kūrybinis rašymas lietuvių kalbos pamokoje",
        "Mokinių pažangos stebėjimas ir fiksavimas", "Refleksija pamokoje: metodai ir įrankiai",
        "Projektinis mokymasis dalyko pamokose", "Savivaldus mokymasis: mokyti mokytis",
        "Įtraukusis ugdymas: universalus dizainas mokymuisi", "Patyčių prevencijos programų įgyvendinimas",
        "Kalbos kultūra mokykloje", "Gabių mokinių ugdymas", "Mokymasis lauke: gamtamokslinės veiklos",
    ],
    Form.COURSE: [],  # courses run the programmes
    Form.CONFERENCE: [
        "Respublikinė konferencija „Mokykla, kurioje gera mokytis“", "Konferencija „Įtraukusis ugdymas: patirtys ir iššūkiai“",
        "Metinė pedagogų konferencija „Kartu – stipresni“", "Konferencija „Skaitmeninė mokykla 2030“",
        "Ikimokyklinio ugdymo konferencija „Vaikystės spalvos“",
    ],
    Form.LECTURE: [
        "Paauglystės psichologija: ką svarbu žinoti mokytojui", "Smegenys ir mokymasis", "Kalbos kaita ir norma",
        "Lietuvos valstybingumo istorija šiandienos mokykloje", "Klimato kaita: mokslas ir švietimas",
        "Miegas, ekranai ir mokinių sveikata",
    ],
    Form.WORKSHOP: [
        "Kūrybinės dirbtuvės: vizualinis mąstymas", "Praktinis seminaras: interaktyvios užduotys su Canva",
        "Robotikos dirbtuvės pradinukų mokytojams", "Eksperimentai chemijos pamokoje: saugiai ir įdomiai",
        "Keramikos dirbtuvės dailės mokytojams", "Praktinis seminaras: matematikos žaidimai",
        "Dirbtinio intelekto įrankiai pamokai: praktiniai užsiėmimai", "Logopedinės pratybos: naujos priemonės",
    ],
    Form.TRIP: [
        "Edukacinė išvyka į Kauno IX forto muziejų", "Edukacinė išvyka „Žemaitijos nacionalinis parkas“",
        "Edukacinė išvyka į Anykščių lajų taką", "Pažintinė išvyka į Vilniaus universiteto biblioteką",
        "Edukacinė išvyka „Kuršių nerijos gamta ir kultūra“",
    ],
    Form.INTERNSHIP: [
        "Stažuotė Latvijos mokyklose: įtraukiojo ugdymo praktika", "Stažuotė Suomijos mokyklose (Erasmus+)",
    ],
    Form.WEBINAR: [
        "Vebinaras: elektroninio dienyno galimybės", "Vebinaras: nacionalinio mokinių pasiekimų patikrinimo rezultatai",
        "Vebinaras: atnaujintos bendrosios programos", "Vebinaras: mokinių duomenų apsauga mokykloje",
        "Vebinaras: brandos egzaminų naujovės", "Vebinaras: virtualios mokymosi aplinkos",
        "Vebinaras: mokytojų atestacijos tvarka", "Vebinaras: emocinė sveikata po pamokų",
    ],
    Form.LONG_PROGRAMME: [
        "Ilgalaikė programa „Lyderių laikas“", "Ilgalaikė programa „Mokykla be patyčių“",
        "Ilgalaikė programa „Kokybiškas ikimokyklinis ugdymas“",
    ],
    Form.ROUND_TABLE: [
        "Apskritasis stalas: direktorių pavaduotojų ugdymui susitikimas", "Apskritasis stalas: mokytojų atestacija",
        "Apskritasis stalas: pagalbos mokiniui specialistų tinklas", "Apskritasis stalas: bendrojo ugdymo planai",
    ],
    Form.GOOD_PRACTICE: [
        "Gerosios patirties sklaida: integruotos pamokos", "Gerosios patirties sklaida: mokymasis bendradarbiaujant",
        "Gerosios patirties sklaida: klasės vadovo veikla", "Atvira pamoka: matematika 5 klasėje",
        "Gerosios patirties sklaida: STEAM projektai", "Metodinė diena: skaitymo skatinimas",
    ],
    Form.EXHIBITION: [
        "Mokinių dailės darbų paroda „Pavasario spalvos“", "Mokytojų metodinių priemonių paroda",
        "Technologijų projektų paroda „Kuriu pats“",
    ],
    Form.OTHER: ["Metodinių būrelių pirmininkų pasitarimas", "Protų mūšis mokytojams"],
}

COUNTS = {
    Form.SEMINAR: 48, Form.COURSE: 26, Form.WEBINAR: 24, Form.WORKSHOP: 24, Form.LECTURE: 14,
    Form.CONFERENCE: 8, Form.TRIP: 10, Form.INTERNSHIP: 4, Form.LONG_PROGRAMME: 6, Form.ROUND_TABLE: 8,
    Form.GOOD_PRACTICE: 16, Form.EXHIBITION: 5, Form.OTHER: 5,
}  # 198 events in the current year
HOURS = {
    Form.SEMINAR: [6, 6, 8], Form.WEBINAR: [2, 2, 3], Form.WORKSHOP: [4, 6, 6], Form.LECTURE: [2, 3, 4],
    Form.CONFERENCE: [6, 8], Form.TRIP: [8, 12, 16], Form.INTERNSHIP: [16, 24], Form.LONG_PROGRAMME: [40, 60],
    Form.ROUND_TABLE: [3, 4], Form.GOOD_PRACTICE: [4, 6], Form.EXHIBITION: [2], Form.OTHER: [2, 4],
}
MONTH_WEIGHTS = [18, 20, 22, 20, 16, 10, 0, 8, 18, 22, 22, 24]
PLACES = [
    "Švietimo centras, Žemaitės g. 5, 12 kab.", "Švietimo centro konferencijų salė", "Švietimo centras, 204 kab.",
    "Ąžuolyno progimnazija, aktų salė", "Šilelio gimnazija, biblioteka", "Liepų gimnazija, STEAM laboratorija",
    "Dainavos progimnazija", "Pavyzdžio kultūros centras", "Saulės pradinė mokykla",
]
OUTSIDE_LECTURERS = [
    "doc. dr. Rasa Kazlauskienė (VDU)", "dr. Tomas Petrauskas", "Jūratė Baranauskienė", "prof. dr. Vaidas Žukauskas (VU)",
    "Ieva Šimkevičienė", "Gintarė Navickienė (NŠA)", "Linas Urbonavičius", "dr. Aistė Mažeikienė",
]
FEES = [Decimal(v) for v in ("10", "15", "20", "25", "30", "40", "50", "60")]
CANCEL_REASONS = [
    "Per mažai užsiregistravusių dalyvių.", "Lektorius negali atvykti dėl ligos; renginys bus perkeltas.",
    "Dėl ekstremalios situacijos savivaldybėje.",
]
TIMES = {
    "day": (dt.time(10, 0), dt.time(15, 0)), "afternoon": (dt.time(13, 0), dt.time(16, 15)),
    "short": (dt.time(15, 0), dt.time(16, 30)), "evening": (dt.time(17, 0), dt.time(19, 30)),
}


def _slug(text, n):
    keep = "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())[:16]
    return f"{keep or 'renginys'}-{n}"


def _working_day(rng, year, month, allow_saturday=False):
    for _ in range(40):
        day = dt.date(year, month, rng.randint(1, 28))
        if day.weekday() < 5 or (allow_saturday and day.weekday() == 5):
            return day
    return dt.date(year, month, 15)


def _programmes(ctx, centre, providers, lecturer):
    existing = {p.registry_code: p for p in Programme.objects.filter(owner=centre)}
    new = []
    for n, (title, hours, provider, audience, competences) in enumerate(PROGRAMMES, start=1):
        code = f"KTP-{2024 + n % 3}-{100 + n * 7:04d}"
        if code in existing:
            continue
        new.append(Programme(
            owner=centre, provider=providers[provider] if provider is not None else None, title=title,
            registry_code=code, academic_hours=hours, target_audience=audience, competences=competences,
            description=f"Programa skirta: {audience.lower()}. {competences}.",
            goals=f"Tobulinti dalyvių kompetencijas: {competences.lower()}.",
            accreditation_reference=f"Įsakymas Nr. V-{300 + n}" if provider is None else "",
            lecturer_names="" if n % 3 else OUTSIDE_LECTURERS[n % len(OUTSIDE_LECTURERS)],
        ))
    Programme.objects.bulk_create(new)
    programmes = list(Programme.objects.filter(owner=centre).order_by("registry_code"))
    through = Programme.lecturers.through
    through.objects.bulk_create(
        [through(programme_id=p.pk, user_id=lecturer.pk) for i, p in enumerate(programmes) if i % 2 == 0],
        ignore_conflicts=True,
    )
    return programmes


def _event_specs(rng, year, programmes):
    """(form, title, month, programme) for the current year, spread by the month weights."""
    months = [m for m, weight in enumerate(MONTH_WEIGHTS, start=1) for _ in range(weight)]
    rng.shuffle(months)
    specs = []
    for form, count in COUNTS.items():
        for n in range(count):
            programme = None
            if form == Form.COURSE:
                programme = programmes[n % len(programmes)]
                title = programme.title
            else:
                pool = TITLES[form]
                title = pool[n % len(pool)]
                if n >= len(pool):
                    title = f"{title} ({n // len(pool) + 1} srautas)"
            specs.append([form, title, None, programme])
    for spec, month in zip(specs, months, strict=False):
        spec[2] = month
    for spec in specs:
        spec[2] = spec[2] or rng.choice([3, 10, 11])
    return specs


def _build(rng, centre, providers, lecturer, spec, year, today, n):
    form, title, month, programme = spec
    remote = form == Form.WEBINAR or (form in (Form.SEMINAR, Form.LECTURE) and rng.random() < 0.2)
    blended = not remote and form in (Form.COURSE, Form.LONG_PROGRAMME, Form.CONFERENCE) and rng.random() < 0.3
    mode = DeliveryMode.REMOTE if remote else DeliveryMode.BLENDED if blended else DeliveryMode.IN_PERSON
    outside = form in (Form.TRIP,) and rng.random() < 0.5 or (form != Form.INTERNSHIP and rng.random() < 0.12)
    first = _working_day(rng, year, month, allow_saturday=form == Form.TRIP)
    if form == Form.COURSE:
        hours = programme.academic_hours
        session_count = max(1, min(4, hours // 8))
        step = 7
    elif form == Form.LONG_PROGRAMME:
        hours = rng.choice(HOURS[form])
        session_count, step = 5, 14
    elif form == Form.INTERNSHIP:
        hours = rng.choice(HOURS[form])
        session_count, step = 3, 1
    elif form == Form.CONFERENCE and rng.random() < 0.3:
        hours, session_count, step = 12, 2, 1
    else:
        hours = rng.choice(HOURS[form])
        session_count, step = 1, 0
    dates = [first + dt.timedelta(days=i * step) for i in range(session_count)]
    if outside:
        times = TIMES["evening"] if first.weekday() < 5 else TIMES["day"]
    elif form == Form.WEBINAR or hours <= 3:
        times = TIMES["short"]
    elif hours <= 4:
        times = TIMES["afternoon"]
    else:
        times = TIMES["day"]
    fee = Decimal("0") if rng.random() < 0.75 or form in (Form.WEBINAR, Form.EXHIBITION) else rng.choice(FEES)
    provider = programme.provider if programme else (rng.choice(providers) if rng.random() < 0.15 else None)
    with_lecturer = rng.random() < 0.45
    event = Event(
        organiser=centre, programme=programme, provider=provider, title=title, form=form, delivery_mode=mode,
        description=(programme.description if programme else
                     f"{title}. Renginys skirtas mokytojams ir pagalbos mokiniui specialistams; "
                     "dalyviai gaus kvalifikacijos tobulinimo pažymėjimus."),
        competences=programme.competences if programme else "Dalykinės ir didaktinės kompetencijos",
        place="" if remote else rng.choice(PLACES),
        online_link=f"https://meet.demo.lt/{_slug(title, n)}" if mode != DeliveryMode.IN_PERSON else "",
        academic_hours=hours, seats=rng.randrange(15, 61, 5), fee=fee,
        registration_deadline=dates[0] - dt.timedelta(days=rng.choice([2, 3, 5, 7])),
        plan_year=dates[0].year, outside_working_hours=outside,
        audience_note=programme.target_audience if programme else "",
        audience_levels=rng.sample(["primary", "basic", "secondary", "preschool"], rng.randint(1, 3)),
        audience_roles=["teacher"],
        lecturer_names="" if with_lecturer and rng.random() < 0.6 else rng.choice(OUTSIDE_LECTURERS),
        starts_on=dates[0], ends_on=dates[-1],
    )
    if event.ends_on < today:
        event.status = Event.Status.COMPLETED
    else:
        event.status = Event.Status.PUBLISHED
    sessions = [(d, *times) for d in dates]
    return event, sessions, with_lecturer


def seed(ctx):
    centre, providers, subjects = ctx["centre"], ctx["providers"], ctx["subjects"]
    lecturer = ctx["demo"]["lecturer"]
    staff = ctx["demo"].get("centre_staff")
    year = ctx.get("year") or timezone.localdate().year
    today = timezone.localdate()
    rng = random.Random(f"events-demo-{year}")
    programmes = _programmes(ctx, centre, providers, lecturer)
    ctx["programmes"] = programmes

    if not Event.objects.filter(organiser=centre, plan_year=year).exists():
        specs = _event_specs(rng, year, programmes)
        # January–March of next year: published, the plan ahead.
        for n in range(30):
            form = rng.choice([Form.SEMINAR, Form.SEMINAR, Form.WEBINAR, Form.WORKSHOP, Form.COURSE, Form.LECTURE,
                               Form.GOOD_PRACTICE, Form.CONFERENCE, Form.ROUND_TABLE])
            programme = programmes[n % len(programmes)] if form == Form.COURSE else None
            title = programme.title if programme else rng.choice(TITLES[form])
            specs.append([form, title, ("next", 1 + n % 3), programme])
        built = []
        for n, spec in enumerate(specs):
            spec_year = year
            if isinstance(spec[2], tuple):
                spec_year, spec = year + 1, [spec[0], spec[1], spec[2][1], spec[3]]
            built.append(_build(rng, centre, providers, lecturer, spec, spec_year, today, n))
        # A few drafts (December and next year) and cancelled events.
        upcoming = [b for b in built if b[0].status == Event.Status.PUBLISHED]
        for event, _sessions, _lect in upcoming[-4:]:
            event.status = Event.Status.DRAFT
        for i, (event, _sessions, _lect) in enumerate(b for b in built[5::37]):
            event.status = Event.Status.CANCELLED
            event.cancel_reason = CANCEL_REASONS[i % len(CANCEL_REASONS)]
        now = timezone.now()
        for event, _sessions, _lect in built:
            event.created_by = staff
            if event.status in (Event.Status.PUBLISHED, Event.Status.COMPLETED, Event.Status.CANCELLED):
                event.published_at = now
            if event.status == Event.Status.COMPLETED:
                event.completed_at = now
            if event.status == Event.Status.CANCELLED:
                event.cancelled_at = now
        events = Event.objects.bulk_create([b[0] for b in built])
        EventSession.objects.bulk_create([
            EventSession(event=event, date=d, start_time=start, end_time=end)
            for event, (_e, sessions, _l) in zip(events, built, strict=True) for d, start, end in sessions
        ])
        subject_links, lecturer_links = [], []
        for event, (_e, _s, with_lecturer) in zip(events, built, strict=True):
            for subject in rng.sample(subjects, rng.randint(1, 3)):
                subject_links.append(Event.audience_subjects.through(event_id=event.pk, subject_id=subject.pk))
            if with_lecturer:
                lecturer_links.append(Event.lecturers.through(event_id=event.pk, user_id=lecturer.pk))
        Event.audience_subjects.through.objects.bulk_create(subject_links, ignore_conflicts=True)
        Event.lecturers.through.objects.bulk_create(lecturer_links, ignore_conflicts=True)

    plan, created = YearPlan.objects.get_or_create(
        organiser=centre, year=year,
        defaults={"title": f"{centre.name}: kvalifikacijos tobulinimo renginių planas {year} m.",
                  "introduction": "Plane – seminarai, kursai, konferencijos, edukacinės išvykos ir kiti renginiai "
                                  "rajono pedagogams. Registruokitės portale.",
                  "is_published": True, "published_at": timezone.now(),
                  "build_status": YearPlan.BuildStatus.QUEUED},
    )
    if created:

        _enqueue_build(plan.pk)
    ctx["events"] = list(Event.objects.filter(organiser=centre).order_by("starts_on", "id"))
    ctx["year_plan"] = plan
