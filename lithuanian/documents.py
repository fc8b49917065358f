"""Forms of writing for printed documents (requests, council reports, the plan, certificates).

Documents are Lithuanian whatever the interface language, so these helpers do not depend on the
active translation: a date as documents write it (*2026 m. gruodžio 1 d.*), an organisation's name in
the genitive (*Ąžuolyno progimnazijos direktorius*), a title in „…“ with no nested quotes, and a title
without the cohort label the centre uses to tell repeated events apart (*(3 srautas)*).
"""

import re

from django.utils import translation

from . import formats
from .countries import country_name as _country_name

BLANK_DATE = "20__ m. ______________ d."


def document_date(day) -> str:
    """`2026 m. gruodžio 1 d.` whatever the interface language; a blank line to fill in by hand when
    there is no date."""
    if not day:
        return BLANK_DATE
    with translation.override("lt"):
        return formats.document_date(day)


# Endings of the nominative singular and their genitive, longest first. Words already in the genitive
# (Ąžuolyno, rajono, Vilniaus, mokymo, suaugusiųjų) end otherwise and are left as they are.
_NOUN_ENDINGS = (
    ("ioji", "iosios"), ("oji", "osios"), ("ija", "ijos"), ("a", "os"), ("ė", "ės"),
    ("ias", "io"), ("as", "o"), ("is", "io"), ("ys", "io"), ("us", "aus"),
)
# Words before the last that agree with it (adjectives in the feminine nominative).
_ADJECTIVE_ENDINGS = (("ioji", "iosios"), ("oji", "osios"), ("inė", "inės"), ("ė", "ės"), ("a", "os"))


def _decline(word, endings):
    if "-" in word:  # lopšelis-darželis -> lopšelio-darželio
        return "-".join(_decline(part, endings) for part in word.split("-"))
    for ending, genitive in endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + genitive
    return word


def genitive_name(name: str) -> str:
    """An organisation's name in the genitive, for *… direktoriaus*, *… planas*: the head noun (the
    last word before a name in quotes) and the adjectives right before it are declined; words already
    in the genitive and the quoted name stay. `Meno mokykla „Gija“` -> `Meno mokyklos „Gija“`,
    `Žiburio pagrindinė mokykla` -> `Žiburio pagrindinės mokyklos`."""
    name = (name or "").strip()
    quoted = ""
    match = re.search(r"\s*[„\"].*$", name)
    if match:
        name, quoted = name[: match.start()], name[match.start():]
    words = name.split()
    if not words:
        return name + quoted
    words[-1] = _decline(words[-1], _NOUN_ENDINGS)
    index = len(words) - 2
    while index >= 0 and (words[index].endswith("oji") or (words[index].islower() and words[index].endswith("ė"))):
        words[index] = _decline(words[index], _ADJECTIVE_ENDINGS)
        index -= 1
    return " ".join(words) + quoted


_COHORT = re.compile(r"\s*[\(\[]\s*\d+\s*(?:-?(?:as|asis|oji|a))?\s*(?:srautas|srauto|grupė|grupės|sraut\.|gr\.)\s*[\)\]]\s*$",
                     re.IGNORECASE)


def printed_title(title: str) -> str:
    """The title as documents print it: without a trailing cohort label such as `(3 srautas)`."""
    return _COHORT.sub("", title or "").strip()


def quoted(title: str) -> str:
    """The title in Lithuanian quotes „…“; quotes inside it become ‚…‘ so that quotes never nest."""
    inner = printed_title(title)
    inner = inner.replace("„", "‚").replace("“", "‘").replace("”", "‘")
    inner = re.sub(r"\"([^\"]*)\"", "‚\\1‘", inner)
    return f"„{inner}“"


# The dative of Lithuanian personal names and positions, for the addressee of a request
# (*direktorei Jūratei Šimkienei*, *direktoriui Kęstučiui Bružui*). Longest endings first.
_DATIVE_ENDINGS = (
    ("tis", "čiui"), ("dis", "džiui"), ("ius", "iui"), ("ys", "iui"), ("is", "iui"), ("as", "ui"), ("us", "ui"),
    ("ė", "ei"), ("a", "ai"),
)


def dative(word: str) -> str:
    """One Lithuanian name or noun in the dative; a word with another ending (a foreign name) stays."""
    if "-" in word:
        return "-".join(dative(part) for part in word.split("-"))
    lower = word.lower()
    for ending, replacement in _DATIVE_ENDINGS:
        if lower.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + replacement
    return word


def dative_phrase(text: str) -> str:
    """Every word of a name or a one-word position in the dative (`Jūratė Šimkienė` -> `Jūratei Šimkienei`)."""
    return " ".join(dative(word) for word in (text or "").split())


def country_name(code: str) -> str:
    """A country by its Lithuanian name (`LV` -> `Latvija`) whatever the interface language."""
    with translation.override("lt"):
        return _country_name(code)


def town_of(address: str) -> str:
    """The town of a Lithuanian address, its last part (`Žemaitės g. 5, LT-85001 Pavyzdys` -> `Pavyzdys`)."""
    if not address:
        return ""
    town = address.rsplit(",", 1)[-1].strip()
    return " ".join(word for word in town.split() if not word.upper().startswith("LT-"))


def date_span(first, last) -> str:
    """One day as one date; days of one month as `2026 m. gruodžio 8–10 d.`, in Lithuanian."""
    if not first and not last:
        return BLANK_DATE
    with translation.override("lt"):
        return formats.date_range(first, last, document=True)


def money(amount) -> str:
    """`1 234,50 €` (the formatting layer's money, named here for the documents' templates)."""
    return formats.money(amount)
