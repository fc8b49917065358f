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

SCHOOLS = [
    ("Ąžuolyno progimnazija", Organisation.SchoolLevel.BASIC),
    ("Šilelio gimnazija", Organisation.SchoolLevel.SECONDARY),
    ("Žiburio pagrindinė mokykla", Organisation.SchoolLevel.BASIC),
    ("Saulės pradinė mokykla", Organisation.SchoolLevel.PRIMARY),
    ("Vyturio progimnazija", Organisation.SchoolLevel.BASIC),
    ("Liepų gimnazija", Organisation.SchoolLevel.SECONDARY),
    ("Ežerėlio lopšelis-darželis", Organisation.SchoolLevel.PRESCHOOL),
    ("Dainavos progimnazija", Organisation.SchoolLevel.BASIC),
    ("Meno mokykla „Gija“", Organisation.SchoolLevel.NONFORMAL),
    ("Jaunimo ir suaugusiųjų mokymo centras", Organisation.SchoolLevel.SECONDARY),
]

FEMALE_FIRST = ["Rūta", "Jūratė", "Aušra", "Dalia", "Inga", "Giedrė", "Eglė", "Vaida", "Jolanta", "Asta",
                "Loreta", "Rasa", "Živilė", "Vilma", "Daiva", "Kristina", "Ieva", "Aistė", "Gražina", "Nijolė",
                "Laima", "Irena", "Skaistė", "Ugnė", "Birutė", "Regina", "Danutė", "Edita", "Lina", "Neringa"]
MALE_FIRST = ["Jonas", "Tomas", "Mindaugas", "Darius", "Gintaras", "Saulius", "Arūnas", "Vytautas", "Žilvinas",
              "Andrius", "Rimantas", "Kęstutis", "Linas", "Audrius", "Paulius", "Gediminas", "Algirdas", "Eimantas"]
SURNAME_ROOTS = ["Kazlausk", "Petrausk", "Jankausk", "Žukausk", "Butkev", "Paulausk", "Vasiliausk",
                 "Baranausk", "Urbonav", "Navick", "Ramanausk", "Šimkev", "Sadausk", "Stankev", "Rimkev",
                 "Balčiūn", "Mažeik", "Čepul", "Grigal", "Šeštokait"]

SCHOOL_POSITIONS = ["mokytoja", "mokytojas", "pradinių klasių mokytoja", "specialioji pedagogė", "logopedė",
                    "socialinė pedagogė", "bibliotekininkė", "psichologė"]


def ascii_slug(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def surname(rng, female):
    root = rng.choice(SURNAME_ROOTS)
    if root.endswith("ait"):
        return root + ("ė" if female else "is")
    if root.endswith(("ev", "av")):
        return root + ("ičienė" if female else "ičius")
    if root.endswith(("ausk", "ck")):
        return root + ("ienė" if female else "as")
    return root + ("ienė" if female else "is")


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
        kind=Organisation.Kind.MUNICIPALITY, name="Pavyzdžio rajono savivaldybės administracija",
        defaults={"short_name": "Savivaldybė", "legal_code": "188700000", "address": "Vilniaus g. 1, Pavyzdys",
                  "email": "svietimas@demo.lt"},
    )
    centre, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.CENTRE, name="Pavyzdžio rajono švietimo centras",
        defaults={
            "short_name": "Švietimo centras", "legal_code": "190000123", "address": "Žemaitės g. 5, LT-85001 Pavyzdys",
            "email": "info@centras.demo.lt", "phone": "+370 425 00000",
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
    for index, (name, level) in enumerate(SCHOOLS):
        school, _ = Organisation.objects.get_or_create(
            kind=Organisation.Kind.SCHOOL, name=name,
            defaults={"school_level": level, "legal_code": f"19{index:07d}", "address": f"Mokyklos g. {index + 1}, Pavyzdys",
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
    for index, school in enumerate(schools[1:], start=1):
        director = _user(f"direktorius{index}@demo.lt", rng.choice(MALE_FIRST), surname(rng, False), password_hash)
        deputy = _user(f"pavaduotojas{index}@demo.lt", rng.choice(FEMALE_FIRST), surname(rng, True), password_hash)
        _member(director, school, Role.DIRECTOR, "direktorius")
        _member(deputy, school, Role.DEPUTY, "direktoriaus pavaduotoja ugdymui")
        heads[school.pk] = (director, deputy)
    heads[demo_school.pk] = (demo["director"], demo["deputy"])

    # About 300 teachers across the schools, created in bulk the first time only.
    teacher_emails = [f"mokytojas{n:03d}@demo.lt" for n in range(1, 300)]
    existing = set(User.objects.filter(email__in=teacher_emails).values_list("email", flat=True))
    new_users = []
    for email in teacher_emails:
        if email in existing:
            continue
        female = rng.random() < 0.8
        new_users.append(User(email=email, first_name=rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                              last_name=surname(rng, female), password=password_hash))
    User.objects.bulk_create(new_users)
    teachers = list(User.objects.filter(email__in=teacher_emails).order_by("email"))
    categories = [QualificationCategory.TEACHER] * 3 + [QualificationCategory.SENIOR] * 4 + \
        [QualificationCategory.METHODIST] * 2 + [QualificationCategory.EXPERT]
    have_profile = set(TeacherProfile.objects.filter(user__in=teachers).values_list("user_id", flat=True))
    have_membership = set(
        Membership.objects.filter(user__in=teachers, role=Role.TEACHER).values_list("user_id", flat=True)
    )
    profiles, memberships = [], []
    for n, teacher in enumerate(teachers):
        school = schools[n % len(schools)] if n % 7 else demo_school
        if teacher.pk not in have_membership:
            memberships.append(Membership(user=teacher, organisation=school, role=Role.TEACHER,
                                          position=rng.choice(SCHOOL_POSITIONS)))
        if teacher.pk not in have_profile:
            category = rng.choice(categories)
            sought = {QualificationCategory.TEACHER: QualificationCategory.SENIOR,
                      QualificationCategory.SENIOR: QualificationCategory.METHODIST,
                      QualificationCategory.METHODIST: QualificationCategory.EXPERT}.get(category, "")
            profiles.append(TeacherProfile(
                user=teacher, category=category, position=rng.choice(SCHOOL_POSITIONS),
                attestation_category_sought=sought if sought and rng.random() < 0.5 else "",
                attestation_year=year + rng.randint(0, 2) if sought else None,
            ))
    Membership.objects.bulk_create(memberships)
    TeacherProfile.objects.bulk_create(profiles)
    # Each teacher teaches one or two subjects.
    through = TeacherProfile.subjects.through
    if profiles:
        links = []
        for profile in TeacherProfile.objects.filter(user__in=teachers).only("pk"):
            for subject in rng.sample(subjects, rng.randint(1, 2)):
                links.append(through(teacherprofile_id=profile.pk, subject_id=subject.pk))
        through.objects.bulk_create(links, ignore_conflicts=True)
    # A teacher who works in two schools.
    _member(teachers[1], schools[2], Role.TEACHER, "muzikos mokytoja")

    ctx.update({
        "rng": rng, "year": year, "password_hash": password_hash, "municipality": municipality, "centre": centre,
        "providers": providers, "schools": schools, "demo_school": demo_school, "demo": demo, "admin": admin,
        "heads": heads, "teachers": [demo["teacher"], *teachers], "subjects": subjects,
    })
