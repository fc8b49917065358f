"""Demo district: the centre, the municipality, ten schools, heads and about 300 teachers."""

import random
import unicodedata

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import Membership, Organisation, QualificationCategory, Role, Subject, TeacherProfile, User

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


def _user(email, first, last, password_hash, **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "password": password_hash, **extra}
    )
    return user


def _member(user, org, role, position=""):
    Membership.objects.get_or_create(user=user, organisation=org, role=role, defaults={"position": position})


def seed(ctx):
    rng = random.Random(2026)
    year = timezone.localdate().year
    password_hash = make_password(DEMO_PASSWORD)
    subjects = [Subject.objects.get_or_create(name=name)[0] for name in SUBJECTS]

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
    schools = []
    for index, (name, level, code, address) in enumerate(SCHOOLS):
        school, _ = Organisation.objects.get_or_create(
            kind=Organisation.Kind.SCHOOL, name=name,
            defaults={"school_level": level, "legal_code": code, "address": address,
                      "email": f"rastine{index}@mokykla.demo.lt"},
        )
        schools.append(school)
    demo_school = schools[0]

    demo = {
        "teacher": _user("mokytoja@demo.lt", "Rūta", "Žemaitytė", password_hash),
        "deputy": _user("pavaduotoja@demo.lt", "Aušra", "Čiurlionienė", password_hash),
        "director": _user("direktore@demo.lt", "Jūratė", "Šimkienė", password_hash),
        "centre_staff": _user("centras@demo.lt", "Eglė", "Grigaliūnienė", password_hash),
        "lecturer": _user("lektorius@demo.lt", "Kęstutis", "Bružas", password_hash),
        "administrator": _user("savivaldybe@demo.lt", "Gintarė", "Ožeškienė", password_hash),
    }
    admin = _user("admin@demo.lt", "Sistemos", "Administratorius", password_hash, is_staff=True, is_superuser=True)
    _member(admin, municipality, Role.ADMINISTRATOR)
    _member(demo["teacher"], demo_school, Role.TEACHER, "lietuvių kalbos mokytoja")
    _member(demo["deputy"], demo_school, Role.DEPUTY, "direktoriaus pavaduotoja ugdymui")
    _member(demo["director"], demo_school, Role.DIRECTOR, "direktorė")
    _member(demo["director"], demo_school, Role.TEACHER, "istorijos mokytoja")  # a director who also teaches
    _member(demo["centre_staff"], centre, Role.CENTRE_STAFF, "metodininkė")
    _member(demo["lecturer"], centre, Role.LECTURER, "lektorius")
    _member(demo["administrator"], municipality, Role.ADMINISTRATOR, "Švietimo skyriaus specialistė")
    profile, _ = TeacherProfile.objects.get_or_create(
        user=demo["teacher"],
        defaults={"category": QualificationCategory.SENIOR, "position": "lietuvių kalbos mokytoja",
                  "attestation_category_sought": QualificationCategory.METHODIST, "attestation_year": year},
    )
    profile.subjects.add(subjects[0])
    TeacherProfile.objects.get_or_create(
        user=demo["director"], defaults={"category": QualificationCategory.METHODIST, "position": "istorijos mokytoja"}
    )

    # Heads of the other schools.
    heads = {}
    taken = {school.pk: set() for school in schools}
    for index, school in enumerate(schools[1:], start=1):
        director = _user(f"direktorius{index}@demo.lt", rng.choice(MALE_FIRST), surname(rng, False, taken[school.pk]),
                         password_hash)
        deputy = _user(f"pavaduotojas{index}@demo.lt", rng.choice(FEMALE_FIRST), surname(rng, True, taken[school.pk]),
                       password_hash)
        _member(director, school, Role.DIRECTOR, "direktorius")
        _member(deputy, school, Role.DEPUTY, "direktoriaus pavaduotoja ugdymui")
        heads[school.pk] = (director, deputy)
    heads[demo_school.pk] = (demo["director"], demo["deputy"])

    # About 300 teachers across the schools, created in bulk the first time only.
    teacher_emails = [f"mokytojas{n:03d}@demo.lt" for n in range(1, 300)]
    existing = set(User.objects.filter(email__in=teacher_emails).values_list("email", flat=True))
    new_users, plan = [], {}
    subject_names = [name for name in SUBJECTS if name not in ("Pradinis ugdymas", "Ikimokyklinis ugdymas")]
    for n, email in enumerate(teacher_emails):
        # The school, the subject and the position of each teacher (surnames not repeated in a school).
        school = schools[n % len(schools)] if n % 7 else demo_school
        female = rng.random() < 0.8
        subject = rng.choice(SUBJECTS_BY_LEVEL.get(school.school_level, subject_names))
        plan[email] = (school, subject, position_for(subject, female))
        first, last = rng.choice(FEMALE_FIRST if female else MALE_FIRST), surname(rng, female, taken[school.pk])
        if email not in existing:
            new_users.append(User(email=email, first_name=first, last_name=last, password=password_hash))
    User.objects.bulk_create(new_users)
    teachers = list(User.objects.filter(email__in=teacher_emails).order_by("email"))
    categories = [QualificationCategory.TEACHER] * 3 + [QualificationCategory.SENIOR] * 4 + \
        [QualificationCategory.METHODIST] * 2 + [QualificationCategory.EXPERT]
    have_profile = set(TeacherProfile.objects.filter(user__in=teachers).values_list("user_id", flat=True))
    have_membership = set(
        Membership.objects.filter(user__in=teachers, role=Role.TEACHER).values_list("user_id", flat=True)
    )
    profiles, memberships = [], []
    for teacher in teachers:
        school, _subject, position = plan[teacher.email]
        if teacher.pk not in have_membership:
            memberships.append(Membership(user=teacher, organisation=school, role=Role.TEACHER, position=position))
        if teacher.pk not in have_profile:
            category = rng.choice(categories)
            sought = {QualificationCategory.TEACHER: QualificationCategory.SENIOR,
                      QualificationCategory.SENIOR: QualificationCategory.METHODIST,
                      QualificationCategory.METHODIST: QualificationCategory.EXPERT}.get(category, "")
            profiles.append(TeacherProfile(
                user=teacher, category=category, position=position,
                attestation_category_sought=sought if sought and rng.random() < 0.5 else "",
                attestation_year=year + rng.randint(0, 2) if sought else None,
            ))
    Membership.objects.bulk_create(memberships)
    TeacherProfile.objects.bulk_create(profiles)
    # Each teacher teaches the subject of their position.
    through = TeacherProfile.subjects.through
    if profiles:
        by_name = {subject.name: subject for subject in subjects}
        links = [through(teacherprofile_id=profile.pk, subject_id=by_name[plan[profile.user.email][1]].pk)
                 for profile in TeacherProfile.objects.filter(user__in=teachers).select_related("user")]
        through.objects.bulk_create(links, ignore_conflicts=True)
    # A teacher who works in two schools.
    _member(teachers[1], schools[2], Role.TEACHER, "muzikos mokytoja")

    ctx.update({
        "rng": rng, "year": year, "password_hash": password_hash, "municipality": municipality, "centre": centre,
        "providers": providers, "schools": schools, "demo_school": demo_school, "demo": demo, "admin": admin,
        "heads": heads, "teachers": [demo["teacher"], *teachers], "subjects": subjects,
    })
