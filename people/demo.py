"""Demo district: the centre, the municipality, ten schools, heads and about 300 teachers.

Built the way a district moves in: the administrator imports the school list and adds each school's
head (`people.staff.add_person`), every director imports the school's staff list (`StaffImporter`,
the spreadsheet import heads use). Only the plain sign-in accounts are made in bulk, with the shared
demo password, so nobody needs an invitation. Idempotent: a second run finds everyone (the imports
report them unchanged)."""

import csv
import io
import random
import unicodedata

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kvalifikacija.importing import ImportFailed

from . import roles, staff
from .importers import SchoolListImporter, StaffImporter
from .models import Organisation, QualificationCategory, Role, User

DEMO_PASSWORD = "demo12345"

SUBJECTS = [
    "Lietuvių kalba ir literatūra", "Matematika", "Anglų kalba", "Vokiečių kalba", "Rusų kalba", "Istorija",
    "Geografija", "Biologija", "Chemija", "Fizika", "Informatika", "Dailė", "Muzika", "Šokis", "Teatras",
    "Technologijos", "Fizinis ugdymas", "Etika", "Tikyba", "Pradinis ugdymas", "Ikimokyklinis ugdymas",
    "Specialioji pedagogika", "Psichologija", "Socialinė pedagogika", "Logopedija", "Bibliotekininkystė",
    "Ekonomika ir verslumas", "Karjeros ugdymas",
]

# A district as it stands in the register of legal entities: name, level, address, 9-digit code.
MUNICIPALITY = ("Raseinių rajono savivaldybės administracija", "188773720", "Vytauto g. 7, LT-60151 Raseiniai")
CENTRE = ("Raseinių švietimo centras", "190237186", "Vytauto g. 7, LT-60151 Raseiniai")
SCHOOLS = [
    ("Ąžuolyno progimnazija", Organisation.SchoolLevel.BASIC, "190236412", "Maironio g. 21, LT-60133 Raseiniai"),
    ("Šilelio gimnazija", Organisation.SchoolLevel.SECONDARY, "190237591", "Muziejaus g. 8, LT-60128 Raseiniai"),
    ("Žiburio pagrindinė mokykla", Organisation.SchoolLevel.BASIC, "190241853",
     "Mokyklos g. 2, LT-60249 Ariogala"),
    ("Saulės pradinė mokykla", Organisation.SchoolLevel.PRIMARY, "195063728", "Jaunimo g. 11, LT-60157 Raseiniai"),
    ("Vyturio progimnazija", Organisation.SchoolLevel.BASIC, "190238065", "Žemaičių g. 4, LT-60330 Viduklė"),
    ("Liepų gimnazija", Organisation.SchoolLevel.SECONDARY, "190237470", "Dubysos g. 15, LT-60371 Betygala"),
    ("Ežerėlio lopšelis-darželis", Organisation.SchoolLevel.PRESCHOOL, "190239216",
     "Kęstučio g. 3, LT-60112 Raseiniai"),
    ("Dainavos progimnazija", Organisation.SchoolLevel.BASIC, "190240873", "Šiluvos g. 6, LT-60416 Šiluva"),
    ("Meno mokykla „Gija“", Organisation.SchoolLevel.NONFORMAL, "191608932", "Vilniaus g. 9, LT-60144 Raseiniai"),
    ("Jaunimo ir suaugusiųjų mokymo centras", Organisation.SchoolLevel.SECONDARY, "300123745",
     "Bažnyčios g. 5, LT-60142 Raseiniai"),
]

FEMALE_FIRST = ["Rūta", "Jūratė", "Aušra", "Dalia", "Inga", "Giedrė", "Eglė", "Vaida", "Jolanta", "Asta",
                "Loreta", "Rasa", "Živilė", "Vilma", "Daiva", "Kristina", "Ieva", "Aistė", "Gražina", "Nijolė",
                "Laima", "Irena", "Skaistė", "Ugnė", "Birutė", "Regina", "Danutė", "Edita", "Lina", "Neringa",
                "Ona", "Violeta", "Sigita", "Renata", "Audronė", "Vida", "Rima", "Dovilė", "Justina", "Milda",
                "Kotryna", "Agnė", "Simona", "Jurgita", "Ingrida", "Virginija", "Alma", "Zita", "Genovaitė"]
MALE_FIRST = ["Jonas", "Tomas", "Mindaugas", "Darius", "Gintaras", "Saulius", "Arūnas", "Vytautas", "Žilvinas",
              "Andrius", "Rimantas", "Kęstutis", "Linas", "Audrius", "Paulius", "Gediminas", "Algirdas", "Eimantas",
              "Povilas", "Marius", "Vidmantas", "Raimondas", "Egidijus", "Julius", "Evaldas", "Antanas"]
# Men's surnames; women's are made from them (Kazlauskas -> Kazlauskienė or Kazlauskaitė).
SURNAMES = [
    "Kazlauskas", "Petrauskas", "Jankauskas", "Žukauskas", "Butkevičius", "Paulauskas", "Vasiliauskas",
    "Baranauskas", "Urbonavičius", "Navickas", "Ramanauskas", "Šimkus", "Sadauskas", "Stankevičius",
    "Rimkus", "Balčiūnas", "Mažeika", "Čepulis", "Grigas", "Petraitis", "Jonaitis", "Kairys", "Vaitkus",
    "Lukoševičius", "Bagdonas", "Kavaliauskas", "Adomaitis", "Žemaitis", "Pocius", "Gudaitis", "Rutkauskas",
    "Vitkus", "Mockus", "Budrys", "Sinkevičius", "Jurkus", "Dambrauskas", "Norkus", "Stonkus", "Lapinskas",
    "Tamošiūnas", "Marcinkevičius", "Kriaučiūnas", "Jakštas", "Valančius", "Mikalauskas", "Bartkus",
    "Šalkauskas", "Gaidys", "Bružas", "Kučinskas", "Ambrazas", "Daukša", "Zabiela", "Sakalauskas",
    "Čiurlionis", "Vaičiulis", "Ūsas", "Ąžuolas", "Eidukevičius", "Jasiūnas", "Kilas", "Rudzinskas",
    "Šaulys", "Tumas", "Venclova", "Žilinskas", "Liutkus", "Matulionis", "Raila", "Stulpinas", "Kubilius",
]
# What a teacher of each subject is called (feminine, masculine).
POSITIONS = {
    "Pradinis ugdymas": ("pradinių klasių mokytoja", "pradinių klasių mokytojas"),
    "Ikimokyklinis ugdymas": ("ikimokyklinio ugdymo mokytoja", "ikimokyklinio ugdymo mokytojas"),
    "Specialioji pedagogika": ("specialioji pedagogė", "specialusis pedagogas"),
    "Psichologija": ("psichologė", "psichologas"), "Socialinė pedagogika": ("socialinė pedagogė", "socialinis pedagogas"),
    "Logopedija": ("logopedė", "logopedas"), "Bibliotekininkystė": ("bibliotekininkė", "bibliotekininkas"),
    "Karjeros ugdymas": ("karjeros specialistė", "karjeros specialistas"),
}
SUBJECT_GENITIVE = {
    "Lietuvių kalba ir literatūra": "lietuvių kalbos ir literatūros", "Matematika": "matematikos",
    "Anglų kalba": "anglų kalbos", "Vokiečių kalba": "vokiečių kalbos", "Rusų kalba": "rusų kalbos",
    "Istorija": "istorijos", "Geografija": "geografijos", "Biologija": "biologijos", "Chemija": "chemijos",
    "Fizika": "fizikos", "Informatika": "informatikos", "Dailė": "dailės", "Muzika": "muzikos", "Šokis": "šokio",
    "Teatras": "teatro", "Technologijos": "technologijų", "Fizinis ugdymas": "fizinio ugdymo", "Etika": "etikos",
    "Tikyba": "tikybos", "Ekonomika ir verslumas": "ekonomikos",
}
SUBJECTS_BY_LEVEL = {
    Organisation.SchoolLevel.PRESCHOOL: ["Ikimokyklinis ugdymas"] * 6 + ["Logopedija", "Muzika"],
    Organisation.SchoolLevel.PRIMARY: ["Pradinis ugdymas"] * 6 + ["Anglų kalba", "Logopedija", "Tikyba", "Etika"],
    Organisation.SchoolLevel.NONFORMAL: ["Dailė", "Muzika", "Muzika", "Šokis", "Teatras"],
}


def ascii_slug(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def feminine(surname, married=True):
    """Kazlauskas -> Kazlauskienė (married) or Kazlauskaitė; Petraitis -> Petraitienė / Petraitytė;
    Urbonavičius -> Urbonavičienė / Urbonavičiūtė; Mažeika -> Mažeikienė / Mažeikaitė."""
    for ending, maiden in (("ius", "iūtė"), ("us", "utė"), ("ys", "ytė"), ("is", "ytė"), ("as", "aitė"),
                           ("a", "aitė")):
        if surname.endswith(ending):
            stem = surname[: -len(ending)]
            return stem + ("ienė" if married else maiden)
    return surname


def surname(rng, female, taken=None):
    """A surname, not yet used in the school (`taken`) while the list allows."""
    choices = [name for name in SURNAMES if taken is None or name not in taken] or SURNAMES
    name = rng.choice(choices)
    if taken is not None:
        taken.add(name)
    return feminine(name, married=rng.random() < 0.75) if female else name


def position_for(subject, female):
    if subject in POSITIONS:
        return POSITIONS[subject][0 if female else 1]
    return f"{SUBJECT_GENITIVE.get(subject, subject.lower())} mokytoja{'s' if not female else ''}"


def _accounts(people, password_hash):
    """Sign-in accounts for the demo people (e-mail, first name, last name, extra fields): the plain
    accounts only, made in one statement with the shared demo password (hashing it once per person
    would take minutes); what they are in the district (organisations, roles, positions, profiles)
    comes from the services below. An existing account is left as it is."""
    existing = {u.email: u for u in User.objects.filter(email__in=[email for email, *_ in people])}
    User.objects.bulk_create([
        User(email=email, first_name=first, last_name=last, password=password_hash, **extra)
        for email, first, last, extra in people if email not in existing
    ])
    found = {u.email: u for u in User.objects.filter(email__in=[email for email, *_ in people])}
    return [found[email] for email, *_ in people]


def _csv(rows):
    """A staff or school list as the district's spreadsheet (CSV) would carry it."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _import(importer, rows, what):
    """Import a list the way a head does it in the portal; a refused row stops the demo with its reasons."""
    try:
        return importer.apply(_csv(rows), f"{what}.csv")
    except ImportFailed as failure:
        raise RuntimeError(f"The demo {what} list was refused: {failure.errors}") from failure


def _head_role(by, organisation, user, role, position):
    """The administrator adds an organisation's head (people.staff.add_person: the invitation goes only
    to a person without a password, so the demo people get none)."""
    staff.add_person(organisation=organisation, by=by, email=user.email, first_name=user.first_name,
                     last_name=user.last_name, role=role, position=position)


def seed(ctx):
    rng = random.Random(2026)
    year = timezone.localdate().year
    password_hash = make_password(DEMO_PASSWORD)
    subjects = staff.subjects_named(SUBJECTS)

    # The district as it starts: the municipality, its centre and the outside providers, and the
    # municipality's administrator (the first account, as `createsuperuser` would make it).
    municipality, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.MUNICIPALITY, name=MUNICIPALITY[0],
        defaults={"short_name": "Savivaldybė", "legal_code": MUNICIPALITY[1], "address": MUNICIPALITY[2],
                  "email": "svietimas@demo.lt"},
    )
    centre, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.CENTRE, name=CENTRE[0],
        defaults={
            "short_name": "Švietimo centras", "legal_code": CENTRE[1], "address": CENTRE[2],
            "email": "info@centras.demo.lt", "phone": "+370 428 51 234",
            "accreditation_order": "V-1234", "accreditation_date": timezone.datetime(2022, 5, 10).date(),
            "accreditation_expires": timezone.datetime(2027, 5, 10).date(),
            "head_name": "Vida Jurgaitienė", "head_position": "Direktorė",
        },
    )
    providers = [
        Organisation.objects.get_or_create(kind=Organisation.Kind.PROVIDER, name=name,
                                           defaults={"country": country})[0]
        for name, country in [
            ("Vytauto Didžiojo universiteto Švietimo akademija", "LT"),
            ("Vilniaus universitetas", "LT"),
            ("Nacionalinė švietimo agentūra", "LT"),
            ("Kauno švietimo inovacijų centras", "LT"),
            ("Latvijas Universitāte", "LV"),
        ]
    ]
    named = [
        ("mokytoja@demo.lt", "Rūta", "Žemaitytė", {}), ("pavaduotoja@demo.lt", "Aušra", "Čiurlionienė", {}),
        ("direktore@demo.lt", "Jūratė", "Šimkienė", {}), ("centras@demo.lt", "Eglė", "Grigaliūnienė", {}),
        ("lektorius@demo.lt", "Kęstutis", "Bružas", {}), ("savivaldybe@demo.lt", "Gintarė", "Ožeškienė", {}),
        ("admin@demo.lt", "Sistemos", "Administratorius", {"is_staff": True, "is_superuser": True}),
    ]
    accounts = _accounts(named, password_hash)
    demo = dict(zip(["teacher", "deputy", "director", "centre_staff", "lecturer", "administrator"], accounts,
                    strict=False))
    admin = accounts[-1]
    administrator = demo["administrator"]
    staff.ensure_membership(user=admin, organisation=municipality, role=Role.ADMINISTRATOR)
    staff.ensure_membership(user=administrator, organisation=municipality, role=Role.ADMINISTRATOR,
                            position="Švietimo skyriaus specialistė")
    roles.forget_memberships(administrator)

    # The administrator imports the schools and adds the centre's people and each school's heads.
    _import(SchoolListImporter(), [
        ["Pavadinimas", "Juridinio asmens kodas", "Adresas", "Mokyklos tipas", "El. paštas"],
        *[[name, code, address, level, f"rastine{index}@mokykla.demo.lt"]
          for index, (name, level, code, address) in enumerate(SCHOOLS)],
    ], "schools")
    by_code = {o.legal_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)}
    schools = [by_code[code] for _name, _level, code, _address in SCHOOLS]
    demo_school = schools[0]
    _head_role(administrator, centre, demo["centre_staff"], Role.CENTRE_STAFF, "metodininkė")
    _head_role(administrator, centre, demo["lecturer"], Role.LECTURER, "lektorius")
    _head_role(administrator, demo_school, demo["director"], Role.DIRECTOR, "direktorė")
    _head_role(administrator, demo_school, demo["deputy"], Role.DEPUTY, "direktoriaus pavaduotoja ugdymui")

    # Heads of the other schools (surnames not repeated in a school).
    taken = {school.pk: set() for school in schools}
    taken[demo_school.pk] |= {"Šimkus", "Žemaitis", "Čiurlionis"}  # the demo director, teacher and deputy
    head_people = []
    for index, school in enumerate(schools[1:], start=1):
        head_people.append((f"direktorius{index}@demo.lt", rng.choice(MALE_FIRST),
                            surname(rng, False, taken[school.pk]), {}))
        head_people.append((f"pavaduotojas{index}@demo.lt", rng.choice(FEMALE_FIRST),
                            surname(rng, True, taken[school.pk]), {}))
    head_accounts = _accounts(head_people, password_hash)
    heads = {demo_school.pk: (demo["director"], demo["deputy"])}
    for index, school in enumerate(schools[1:]):
        director, deputy = head_accounts[2 * index], head_accounts[2 * index + 1]
        _head_role(administrator, school, director, Role.DIRECTOR, "direktorius")
        _head_role(administrator, school, deputy, Role.DEPUTY, "direktoriaus pavaduotoja ugdymui")
        heads[school.pk] = (director, deputy)

    # About 300 teachers: each school's director imports the school's staff list (the district's
    # moving-in path): memberships, positions, subjects, categories and the attestation programme.
    teacher_emails = [f"mokytojas{n:03d}@demo.lt" for n in range(1, 300)]
    subject_names = [name for name in SUBJECTS if name not in ("Pradinis ugdymas", "Ikimokyklinis ugdymas")]
    categories = [QualificationCategory.TEACHER] * 3 + [QualificationCategory.SENIOR] * 4 + \
        [QualificationCategory.METHODIST] * 2 + [QualificationCategory.EXPERT]
    sought_next = {QualificationCategory.TEACHER: QualificationCategory.SENIOR,
                   QualificationCategory.SENIOR: QualificationCategory.METHODIST,
                   QualificationCategory.METHODIST: QualificationCategory.EXPERT}
    people, lists = [], {school.pk: [] for school in schools}
    for n, email in enumerate(teacher_emails):
        school = schools[n % len(schools)] if n % 7 else demo_school
        female = rng.random() < 0.8
        subject = rng.choice(SUBJECTS_BY_LEVEL.get(school.school_level, subject_names))
        first, last = rng.choice(FEMALE_FIRST if female else MALE_FIRST), surname(rng, female, taken[school.pk])
        category = rng.choice(categories)
        sought = sought_next.get(category, "")
        sought = sought if sought and rng.random() < 0.5 else ""
        attestation_year = year + rng.randint(0, 2) if sought_next.get(category) else None
        people.append((email, first, last, {}))
        lists[school.pk].append([first, last, email, position_for(subject, female), "mokytojas", subject, category,
                                 attestation_year or "", sought])
    teachers = _accounts(people, password_hash)
    # The demo school's list also carries the demo teacher and the director who also teaches.
    lists[demo_school.pk][:0] = [
        ["Rūta", "Žemaitytė", "mokytoja@demo.lt", "lietuvių kalbos mokytoja", "mokytojas", SUBJECTS[0],
         QualificationCategory.SENIOR, year, QualificationCategory.METHODIST],
        ["Jūratė", "Šimkienė", "direktore@demo.lt", "istorijos mokytoja", "mokytojas", "Istorija",
         QualificationCategory.METHODIST, "", ""],
    ]
    # A teacher who works in two schools.
    lists[schools[2].pk].append([teachers[1].first_name, teachers[1].last_name, teachers[1].email,
                                 "muzikos mokytoja", "mokytojas", "Muzika", "", "", ""])
    header = ["Vardas", "Pavardė", "El. paštas", "Pareigos", "Vaidmuo", "Dalykai", "Kvalifikacinė kategorija",
              "Atestacijos metai", "Siekiama kategorija"]
    for school in schools:
        director = heads[school.pk][0]
        roles.forget_memberships(director)
        _import(StaffImporter(school=school, by=director), [header, *lists[school.pk]], f"staff of {school.name}")

    ctx.update({
        "rng": rng, "year": year, "password_hash": password_hash, "municipality": municipality, "centre": centre,
        "providers": providers, "schools": schools, "demo_school": demo_school, "demo": demo, "admin": admin,
        "heads": heads, "teachers": [demo["teacher"], *teachers], "subjects": subjects,
    })
