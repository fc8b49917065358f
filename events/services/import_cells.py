"""Reading the cells of a centre's plan file as centres write them: dates, times and one time-range
column (`14.00–17.00`, `14:00-17:00`), whole numbers, money with a comma (`15,00`, `1 234,50 €`,
"nemokamas"), forms and delivery modes in Lithuanian, yes/no words, and the audience cell read as roles
and school levels ("Pradinių klasių mokytojai, direktorių pavaduotojai")."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from kvalifikacija.import_cells import as_date, first_match, normalise_header
from people.models import Role

from ..models import DeliveryMode, Form

TIME_RANGE = re.compile(r"^\s*(\d{1,2}[.:]\d{2})\s*[-–—]\s*(\d{1,2}[.:]\d{2})\s*$")
TRUE_WORDS = {"1", "taip", "yes", "true", "t", "y", "x"}
FALSE_WORDS = {"", "0", "ne", "no", "false", "f", "n"}
FREE_WORDS = {"nemokamas", "nemokama", "nemokamai", "free", "-", "–"}
LITHUANIAN_CHOICES = {
    "seminaras": Form.SEMINAR, "kursai": Form.COURSE, "konferencija": Form.CONFERENCE,
    "paskaita": Form.LECTURE, "praktinisseminaras": Form.WORKSHOP, "dirbtuvės": Form.WORKSHOP,
    "edukacinėišvyka": Form.TRIP, "išvyka": Form.TRIP, "stažuotė": Form.INTERNSHIP,
    "ilgalaikėprograma": Form.LONG_PROGRAMME, "apskritasisstalas": Form.ROUND_TABLE,
    "gerosiospatirtiessklaida": Form.GOOD_PRACTICE, "paroda": Form.EXHIBITION,
    "mišrus": DeliveryMode.BLENDED, "kontaktinis": DeliveryMode.IN_PERSON, "nuotolinis": DeliveryMode.REMOTE,
}

# Words in a "Dalyviai" / audience cell -> roles and school levels (compared folded, by their stem).
AUDIENCE_ROLES = {"mokytoj": Role.TEACHER, "pedagog": Role.TEACHER, "teacher": Role.TEACHER,
                  "direktori": Role.DIRECTOR, "vadov": Role.DIRECTOR, "director": Role.DIRECTOR, "head": Role.DIRECTOR,
                  "pavaduotoj": Role.DEPUTY, "deput": Role.DEPUTY}
AUDIENCE_LEVELS = [("ikimokykl", "preschool"), ("priesmokykl", "preschool"), ("preschool", "preschool"),
                   ("pradin", "primary"), ("primary", "primary"), ("progimnazij", "basic"), ("pagrindin", "basic"),
                   ("basic", "basic"), ("gimnazij", "secondary"), ("vidurin", "secondary"), ("secondary", "secondary"),
                   ("profesin", "vocational"), ("vocational", "vocational"), ("neformal", "nonformal"),
                   ("nonformal", "nonformal")]


def audience_of(text):
    """Roles and school levels named in an audience cell ("Pradinių klasių mokytojai, direktorių
    pavaduotojai" -> teachers and deputies, primary)."""
    roles, levels = [], []
    # "direktorių pavaduotojai" are deputies, not directors
    text = re.sub(r"(direktori\w*|director'?s?)\s+(pavaduotoj|deput)", r"\2", str(text), flags=re.IGNORECASE)
    for word in re.split(r"[\s,;/]+", text):
        folded = normalise_header(word)
        for stem, role in AUDIENCE_ROLES.items():
            if folded.startswith(stem) and role not in roles:
                roles.append(str(role.value))
        for stem, level in AUDIENCE_LEVELS:
            if folded.startswith(stem) and level not in levels and not (stem == "gimnazij" and "progimnazij" in folded):
                levels.append(level)
                break
    return roles, levels


def norm(text):
    return "".join(str(text or "").strip().lower().replace("_", "").replace("-", "").split())


def choice(value, choices):
    """A choice's code from its code, its label or its Lithuanian name; None when unknown."""
    wanted = norm(value)
    for code, label in choices:
        if wanted in (norm(code), norm(label)):
            return code
    code = LITHUANIAN_CHOICES.get(wanted)
    return code if code in dict(choices) else None


def parse_date(value):
    return as_date(value, ("%Y-%m-%d", "%Y.%m.%d", "%d.%m.%Y"))


def parse_time(value):
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    return first_match(str(value).strip().replace(".", ":"), ("%H:%M", "%H:%M:%S")).time()


def parse_time_range(value):
    """(start, end) of "14.00–17.00" or "14:00-17:00"; ValueError otherwise."""
    match = TIME_RANGE.match(str(value))
    if match is None:
        raise ValueError(value)
    return parse_time(match.group(1)), parse_time(match.group(2))


def parse_int(value):
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError(text)
    return int(text)


def parse_money(value):
    """Money as centres write it: "15,00", "15.00", "15 €", "1 234,50"; "nemokamas" or "-" is free."""
    if value in (None, "") or str(value).strip().lower() in FREE_WORDS:
        return Decimal("0")
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    value = str(value).replace("\u00a0", "").replace(" ", "").replace("Eur", "").replace("EUR", "")
    try:
        return Decimal(str(value).strip().replace(",", ".").replace("€", "").strip()).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_flag(value):
    """True or False from taip/ne, yes/no, 1/0, x; ValueError otherwise."""
    word = norm(value)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


def split_names(text):
    """The names in a lecturers cell ("Rūta Žemaitytė, dr. Jonas Jonaitis")."""
    return [name.strip() for name in re.split(r"[,;]", str(text)) if name.strip()]
