"""People's names in Lithuanian: the grammatical gender a name suggests, and the vocative used to
greet (Sveiki, Jūrate / Sveiki, Kęstuti / Sveiki, Jonai)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """Grammatical gender of a person, which roles, categories and greetings agree with."""

    FEMININE = "f", _("feminine (mokytoja, direktorė)")
    MASCULINE = "m", _("masculine (mokytojas, direktorius)")


# Feminine surnames: married (-ienė), unmarried (-aitė, -ytė, -utė, -iūtė) and the newer neutral -ė.
_FEMININE_SURNAME_ENDINGS = ("ienė", "aitė", "ytė", "utė", "iūtė", "ė")
_MASCULINE_ENDINGS = ("as", "is", "ys", "us", "ius")
# First names ending in -a that are masculine (foreign or short forms used in Lithuania).
_MASCULINE_IN_A = {"luka", "nikita", "ilja", "saša", "kostia", "kola", "jona"}


def guess_gender(first_name, last_name=""):
    """The gender the name suggests: first names in -a/-ė and surnames in -ienė/-aitė/-ytė/-utė are
    feminine; names in -as/-is/-ys/-us masculine. Unknown endings: masculine (the default forms)."""
    first = (first_name or "").strip().split()[0].lower() if (first_name or "").strip() else ""
    last = (last_name or "").strip().lower()
    if first.endswith(("a", "ė")) and first not in _MASCULINE_IN_A:
        return Gender.FEMININE
    if first.endswith(_MASCULINE_ENDINGS):
        return Gender.MASCULINE
    if last.endswith(_FEMININE_SURNAME_ENDINGS):
        return Gender.FEMININE
    return Gender.MASCULINE


# (nominative ending, vocative ending), longest first.
_VOCATIVE = (
    ("ius", "iau"),  # Andrius -> Andriau
    ("as", "ai"),    # Jonas -> Jonai
    ("is", "i"),     # Kęstutis -> Kęstuti
    ("ys", "y"),     # Kazys -> Kazy
    ("us", "au"),    # Mažvydus -> Mažvydau
    ("ė", "e"),      # Jūratė -> Jūrate
    ("a", "a"),      # Rūta -> Rūta
)


def _vocative_word(word):
    lower = word.lower()
    for ending, replacement in _VOCATIVE:
        if lower.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            if word[-len(ending):].isupper():
                replacement = replacement.upper()
            return stem + replacement
    return word


def vocative(first_name) -> str:
    """The first name in the vocative, each part of a double name (Rūta-Marija, Jonas Paulius) declined:
    -as → -ai, -is → -i, -ys → -y, -us → -au (-ius → -iau), -ė → -e, -a unchanged; other names as
    written."""
    text = (first_name or "").strip()
    parts = []
    for word in text.split(" "):
        parts.append("-".join(_vocative_word(piece) for piece in word.split("-")))
    return " ".join(parts)
