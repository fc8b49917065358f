"""Demo programmes and a full year of events across every form, for the demo district.

Events are created through `events.services.events.create_event` (the rules a centre's form obeys) on
the Lithuanian working calendar: school days only (no weekends, public holidays or school holidays),
except trips on Saturdays and after-hours events in the evening. Each event's sessions add up to its
academic hours (45 minutes each, at most 8 a day). Audiences fit the title; traineeships abroad are
held abroad. Every event is published except a few drafts among the last ones ahead; about 30
published events for January–March of next year. What happens to them afterwards (registrations,
cancellations, attendance, completion) is played by `events.demo_registrations` through the services.
Idempotent: a second run finds the centre's events and only puts them into `ctx`."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from lithuanian.holidays import is_public_holiday, is_school_holiday, next_school_day, school_days_from

from .models import DeliveryMode, Event, Form, Programme, YearPlan
from .services import plan as plan_services
from .services.events import create_event

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
    Form.CONFERENCE: [6, 8], Form.TRIP: [6, 8], Form.INTERNSHIP: [16, 24], Form.LONG_PROGRAMME: [40, 60],
    Form.ROUND_TABLE: [3, 4], Form.GOOD_PRACTICE: [4, 6], Form.EXHIBITION: [2], Form.OTHER: [2, 4],
}
MONTH_WEIGHTS = [18, 20, 22, 20, 16, 10, 0, 8, 18, 22, 22, 24]
PLACES = [
    "Švietimo centras, Vytauto g. 7, 12 kab.", "Švietimo centro konferencijų salė", "Švietimo centras, 204 kab.",
    "Ąžuolyno progimnazija, aktų salė", "Šilelio gimnazija, biblioteka", "Liepų gimnazija, STEAM laboratorija",
    "Dainavos progimnazija", "Raseinių kultūros centras", "Saulės pradinė mokykla",
]
TRIP_PLACES = {
    "Kauno IX forto": "IX forto muziejus, Žemaičių pl. 73, Kaunas", "Žemaitijos": "Plateliai, Plungės r.",
    "Anykščių": "Medžių lajų takas, Anykščiai", "Vilniaus universiteto": "Universiteto g. 3, Vilnius",
    "Kuršių": "Nida, Neringa",
}
# Traineeships abroad are held abroad; the country by name.
ABROAD = {
    "Latvijos": "Rygos mokyklos, Ryga (Latvija)", "Suomijos": "Helsinkio mokyklos, Helsinkis (Suomija)",
}
# Subjects an event's title is for (the event is open to all when none fits), and the school levels.
SUBJECT_WORDS = [
    (("matemat",), ["Matematika"]), (("lietuvių", "skaitym", "rašym", "kalbos kultūr", "kalbos kait"),
                                     ["Lietuvių kalba ir literatūra"]),
    (("chemij",), ["Chemija"]), (("steam", "gamtamoksl", "gamtos", "eksperiment"), ["Biologija", "Chemija", "Fizika"]),
    (("robotik", "skaitmen", "dirbtin", "canva", "elektroninio dienyno", "virtualios"), ["Informatika"]),
    (("dail", "keramik", "meninis", "kūrybiškum"), ["Dailė", "Muzika", "Šokis", "Teatras"]),
    (("ikimokykl", "ankstyv", "vaikystės"), ["Ikimokyklinis ugdymas"]),
    (("pradin", "pradinuk"), ["Pradinis ugdymas"]), (("logoped",), ["Logopedija"]),
    (("bibliotek",), ["Bibliotekininkystė"]), (("istorij", "valstybingum", "pilieti", "forto"), ["Istorija"]),
    (("fizinio", "sveikat"), ["Fizinis ugdymas"]), (("karjer",), ["Karjeros ugdymas"]),
    (("ekonom", "versl"), ["Ekonomika ir verslumas"]), (("užsienio kalb", "clil"), ["Anglų kalba", "Vokiečių kalba"]),
    (("patyč", "emocin", "paauglyst", "elgesys"), ["Psichologija", "Socialinė pedagogika"]),
    (("specialiųjų", "sup "), ["Specialioji pedagogika"]), (("etnokult",), ["Etika", "Istorija"]),
    (("geografij", "klimato", "nacionalinis parkas", "kuršių"), ["Geografija", "Biologija"]),
]
LEVEL_WORDS = [
    (("ikimokykl", "ankstyv", "vaikystės"), ["preschool"]), (("pradin", "pradinuk"), ["primary"]),
    (("brandos", "egzamin"), ["secondary"]),
]

OUTSIDE_LECTURERS = [
    "doc. dr. Rasa Kazlauskienė (VDU)", "dr. Tomas Petrauskas", "Jūratė Baranauskienė", "prof. dr. Vaidas Žukauskas (VU)",
    "Ieva Šimkevičienė", "Gintarė Navickienė (NŠA)", "Linas Urbonavičius", "dr. Aistė Mažeikienė",
]
FEES = [Decimal(v) for v in ("10", "15", "20", "25", "30", "40", "50", "60")]
MAX_HOURS_A_DAY = 8
MINUTES = 45  # one academic hour


def _slug(text, n):
    keep = "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())[:16]
    return f"{keep or 'renginys'}-{n}"


def _school_day(rng, year, month):
    """A day with lessons in the month (shifted to the next one when the month has none left)."""
    return next_school_day(dt.date(year, month, rng.randint(1, 28)))


def _saturday(rng, year, month):
    day = dt.date(year, month, rng.randint(1, 21))
    day += dt.timedelta(days=(5 - day.weekday()) % 7)
    while is_public_holiday(day) or is_school_holiday(day):
        day += dt.timedelta(days=7)
    return day


def split_hours(hours):
    """Academic hours split into days of at most MAX_HOURS_A_DAY, as evenly as whole hours allow."""
    count = -(-hours // MAX_HOURS_A_DAY)
    while hours % count:
        count += 1
    return [hours // count] * count


def session_times(hours, *, evening=False):
    """Start and end of a session of `hours` academic hours (45 minutes each): short ones after
    lessons, long ones from the morning; evening sessions at 17:00."""
    if evening:
        start = dt.time(17, 0)
    elif hours >= 7:
        start = dt.time(9, 0)
    elif hours >= 5:
        start = dt.time(10, 0)
    elif hours == 4:
        start = dt.time(13, 0)
    else:
        start = dt.time(15, 0)
    end = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=hours * MINUTES)
    return start, end.time()


def _fits(title, table, default):
    lowered = title.lower()
    found = []
    for words, values in table:
        if any(word in lowered for word in words):
            found += [v for v in values if v not in found]
    return found or default


def _programmes(ctx, centre, providers, lecturer):
    existing = {p.registry_code: p for p in Programme.objects.filter(owner=centre)}
    for n, (title, hours, provider, audience, competences) in enumerate(PROGRAMMES, start=1):
        code = f"KTP-{2024 + n % 3}-{100 + n * 7:04d}"
        if code in existing:
            continue
        programme = Programme.objects.create(
            owner=centre, provider=providers[provider] if provider is not None else None, title=title,
            registry_code=code, academic_hours=hours, target_audience=audience, competences=competences,
            description=f"Programa skirta: {audience.lower()}. {competences}.",
            goals=f"Tobulinti dalyvių kompetencijas: {competences.lower()}.",
            accreditation_reference=f"Įsakymas Nr. V-{300 + n}" if provider is None else "",
            lecturer_names="" if n % 3 else OUTSIDE_LECTURERS[n % len(OUTSIDE_LECTURERS)],
        )
        if n % 2:
            programme.lecturers.add(lecturer)
    return list(Programme.objects.filter(owner=centre).order_by("registry_code"))


def _event_specs(rng, year, programmes):
    """[form, title, month, programme] for the current year, spread by the month weights."""
    months = [m for m, weight in enumerate(MONTH_WEIGHTS, start=1) for _ in range(weight)]
    rng.shuffle(months)
    specs = []
    for form, count in COUNTS.items():
        for n in range(count):
            programme = programmes[n % len(programmes)] if form == Form.COURSE else None
            title = programme.title if programme else TITLES[form][n % len(TITLES[form])]
            specs.append([form, title, None, programme])
    for spec, month in zip(specs, months, strict=False):
        spec[2] = month
    for spec in specs:
        spec[2] = spec[2] or rng.choice([3, 10, 11])
    return specs


def _dates(rng, form, year, month, count, outside):
    """The days of an event's sessions on the working calendar."""
    if form == Form.TRIP and outside:
        return [_saturday(rng, year, month)]
    first = _school_day(rng, year, month)
    if form == Form.INTERNSHIP or (form == Form.CONFERENCE and count > 1):
        return school_days_from(first, count)
    step = 14 if form == Form.LONG_PROGRAMME else 7
    days = [first]
    while len(days) < count:
        days.append(next_school_day(days[-1] + dt.timedelta(days=step)))
    return days


def _build(rng, ctx, spec, year, today):
    """The fields, sessions, subjects and lecturers of one event, as `create_event` takes them."""
    form, title, month, programme = spec
    providers, subjects = ctx["providers"], ctx["subjects_by_name"]
    remote = form == Form.WEBINAR or (form in (Form.SEMINAR, Form.LECTURE) and rng.random() < 0.2)
    blended = not remote and form in (Form.COURSE, Form.LONG_PROGRAMME, Form.CONFERENCE) and rng.random() < 0.3
    mode = DeliveryMode.REMOTE if remote else DeliveryMode.BLENDED if blended else DeliveryMode.IN_PERSON
    outside = (form == Form.TRIP and rng.random() < 0.5) or (
        form in (Form.LECTURE, Form.WEBINAR, Form.OTHER) and rng.random() < 0.25)
    if form == Form.COURSE:
        hours = programme.academic_hours
    elif form == Form.CONFERENCE and rng.random() < 0.3:
        hours = 12
    else:
        hours = rng.choice(HOURS[form])
    if outside and form != Form.TRIP:
        hours = min(hours, 3)  # an evening session
    parts = split_hours(hours)
    dates = _dates(rng, form, year, month, len(parts), outside)
    evening = outside and form != Form.TRIP
    abroad = next((place for word, place in ABROAD.items() if word in title), "") if form == Form.INTERNSHIP else ""
    trip_place = next((place for word, place in TRIP_PLACES.items() if word in title), "")
    place = "" if remote else abroad or trip_place or rng.choice(PLACES)
    fee = Decimal("0") if rng.random() < 0.75 or form in (Form.WEBINAR, Form.EXHIBITION) else rng.choice(FEES)
    provider = programme.provider if programme else (rng.choice(providers) if rng.random() < 0.15 else None)
    with_lecturer = rng.random() < 0.45 and not abroad
    audience = programme.target_audience if programme else ""
    fields = {
        "programme": programme, "provider": provider, "title": title, "form": form, "delivery_mode": mode,
        "description": (programme.description if programme else
                        f"{title}. Renginys skirtas mokytojams ir pagalbos mokiniui specialistams; "
                        "dalyviai gaus kvalifikacijos tobulinimo pažymėjimus."),
        "competences": programme.competences if programme else "Dalykinės ir didaktinės kompetencijos",
        "place": place, "online_link": f"https://meet.demo.lt/{_slug(title, rng.randint(100, 999))}"
        if mode != DeliveryMode.IN_PERSON else "",
        "academic_hours": hours, "seats": rng.randrange(15, 36, 5), "fee": fee,
        "registration_deadline": dates[0] - dt.timedelta(days=rng.choice([2, 3, 5, 7])),
        "plan_year": dates[0].year, "outside_working_hours": outside, "audience_note": audience,
        "audience_levels": _fits(f"{title} {audience}", LEVEL_WORDS, ["primary", "basic", "secondary"]),
        "audience_roles": ["teacher"],
        "lecturer_names": "" if with_lecturer and rng.random() < 0.6 else rng.choice(OUTSIDE_LECTURERS),
    }
    sessions = [{"date": day, "start_time": start, "end_time": end}
                for day, part in zip(dates, parts, strict=True)
                for start, end in [session_times(part, evening=evening)]]
    chosen = [subjects[name] for name in _fits(f"{title} {audience}", SUBJECT_WORDS, []) if name in subjects]
    return fields, sessions, chosen, with_lecturer


def seed(ctx):
    centre, providers = ctx["centre"], ctx["providers"]
    lecturer = ctx["demo"]["lecturer"]
    staff = ctx["demo"].get("centre_staff")
    year = ctx.get("year") or timezone.localdate().year
    today = timezone.localdate()
    rng = random.Random(f"events-demo-{year}")
    programmes = _programmes(ctx, centre, providers, lecturer)
    ctx["programmes"] = programmes
    ctx["subjects_by_name"] = {s.name: s for s in ctx["subjects"]}

    if not Event.objects.filter(organiser=centre, plan_year=year).exists():
        specs = [(spec, year) for spec in _event_specs(rng, year, programmes)]
        # January–March of next year: published, the plan ahead.
        for n in range(30):
            form = rng.choice([Form.SEMINAR, Form.SEMINAR, Form.WEBINAR, Form.WORKSHOP, Form.COURSE, Form.LECTURE,
                               Form.GOOD_PRACTICE, Form.CONFERENCE, Form.ROUND_TABLE])
            programme = programmes[n % len(programmes)] if form == Form.COURSE else None
            title = programme.title if programme else rng.choice(TITLES[form])
            specs.append(([form, title, 1 + n % 3, programme], year + 1))
        built = [_build(rng, ctx, spec, spec_year, today) for spec, spec_year in specs]
        # A few drafts: the last ones still ahead are kept unpublished.
        ahead = [n for n, (_fields, sessions, _subjects, _lecturer) in enumerate(built) if sessions[0]["date"] >= today]
        drafts = set(ahead[-4:])
        for n, (fields, sessions, subjects, with_lecturer) in enumerate(built):
            create_event(organiser=centre, sessions=sessions, by=staff, subjects=subjects,
                         lecturers=[lecturer] if with_lecturer else [],
                         status=Event.Status.DRAFT if n in drafts else Event.Status.PUBLISHED,
                         confirm_past=True, **fields)

    plan = YearPlan.objects.filter(organiser=centre, year=year).first()
    if plan is None or not plan.is_published:
        plan = plan_services.publish_plan(
            organiser=centre, year=year, by=staff, title="",
            introduction="Plane – seminarai, kursai, konferencijos, edukacinės išvykos ir kiti renginiai rajono "
                         "pedagogams. Registruokitės portale.",
            approval_order_number="V-3", approval_order_date=dt.date(year, 1, 7))
    ctx["events"] = list(Event.objects.filter(organiser=centre).order_by("starts_on", "id"))
    ctx["year_plan"] = plan
