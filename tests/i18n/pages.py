"""Tools for reading a rendered page as a Lithuanian reader does: its visible text, and the strings the
translation machinery was asked for but could not translate."""

import re
from contextlib import contextmanager
from html.parser import HTMLParser

from django.utils.translation import trans_real

CONTEXT_SEPARATOR = "\x04"
# Attributes a person reads or hears (screen readers) as text.
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "template", "code"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skip += 1
        attrs = dict(attrs)
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data)


def visible_text(html):
    """The text a reader sees or hears, one fragment per line, whitespace collapsed."""
    parser = _TextParser()
    parser.feed(html)
    return "\n".join(re.sub(r"\s+", " ", part).strip() for part in parser.parts)


class MissRecorder:
    """Every msgid that the active Lithuanian catalogue did not translate while the block ran."""

    def __init__(self):
        self.misses = set()

    def _record(self, message):
        if CONTEXT_SEPARATOR in message:
            message = message.split(CONTEXT_SEPARATOR, 1)[1]
        self.misses.add(message)


@contextmanager
def recording_untranslated():
    recorder = MissRecorder()
    cls = trans_real.DjangoTranslation
    original_gettext, original_ngettext = cls.gettext, cls.ngettext

    def gettext(self, message):
        result = original_gettext(self, message)
        if result == message and self.language().startswith("lt"):
            recorder._record(message)
        return result

    def ngettext(self, msgid1, msgid2, n):
        result = original_ngettext(self, msgid1, msgid2, n)
        if result in (msgid1, msgid2) and self.language().startswith("lt"):
            recorder._record(result)
        return result

    cls.gettext, cls.ngettext = gettext, ngettext
    try:
        yield recorder
    finally:
        cls.gettext, cls.ngettext = original_gettext, original_ngettext


_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-z_0-9]*\}")


def msgid_pattern(msgid):
    """A regex matching the msgid as it reads after interpolation (placeholders match anything)."""
    parts = [re.escape(re.sub(r"\s+", " ", part.strip())) for part in _PLACEHOLDER.split(msgid)]
    return re.compile(r".{0,80}?".join(parts).replace(r"\ ", r"\s+"))


def has_english_words(msgid):
    """True for a msgid with English words; a Lithuanian msgid (Django's language names: Lietuvių) is not."""
    literal = _PLACEHOLDER.sub(" ", msgid)
    if re.search(r"[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]", literal):
        return False
    return bool(re.search(r"[A-Za-z]{3,}", literal))


def untranslated_shown(misses, text, allowed=()):
    """The missed msgids that appear in the page's visible text."""
    shown = []
    for msgid in misses:
        if msgid in allowed or not has_english_words(msgid):
            continue
        if msgid_pattern(msgid).search(text):
            shown.append(msgid)
    return sorted(shown)


# English words no Lithuanian page shows (matched as whole words, case-sensitive where capitalised).
ENGLISH_WORDS = [
    "the", "and", "of", "for", "with", "from", "your", "you", "this", "that", "not", "yet",
    "Name", "Subject", "Events", "Event", "Open", "Home", "Save", "Cancel", "Delete", "Edit", "Search",
    "Filter", "Download", "Submit", "Back", "Next", "Previous", "Yes", "No", "None", "Total", "Date",
    "Status", "Title", "Hours", "Days", "Source", "School", "Teacher", "Director", "Notice", "Notices",
    "participants", "participant", "attended", "planned", "used", "pending", "confirmed", "approved",
    "declined", "rejected", "cancelled", "draft", "published", "completed", "issued", "decided", "sent",
    "failed", "queued", "hours", "days", "certificate", "leave", "loan", "event", "events", "request",
    "True", "False", "null", "Page", "of",
]
_ENGLISH = re.compile(r"(?<![\w@./-])(" + "|".join(sorted(set(ENGLISH_WORDS), key=len, reverse=True)) + r")(?![\w@/-])")
# Codes of choices shown instead of their labels (certificate_issued, leave_decided).
_CODE = re.compile(r"(?<![\w@./:-])[a-z]+_[a-z_]+(?![\w@./-])")
# Money or decimals written the English way: 200.00 €, 20.00
_ENGLISH_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d{1,2}(?:\s*€)(?!\w)")
_EURO_NO_SPACE_THOUSANDS = re.compile(r"(?<![\d\s,.])\d{4,}(?:,\d{2})?\s*€")
# A one-day event shown as a range of the same date.
_SAME_DATE_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*[–-]\s*\1")


# GLOSSARY.md's "not" column and the calques a reader stops at: (pattern, what to write instead).
WRONG_TERMS = [
    (r"\b[Ss]esij", "užsiėmimas, not sesija"),
    (r"\bPradinis\b", "Pradžia, not Pradinis"),
    (r"\b[Ss]ertifikat", "pažymėjimas, not sertifikatas"),
    (r"\bak\. val\.", "akad. val., not ak. val."),
    (r"[Kk]ompensav", "atidirbtos (pavaduotos) pamokos, not kompensavimas"),
    (r"taptų neigiam", "šaltinyje trūktų X, not likutis taptų neigiamas"),
    (r"[Įį]sipareigoti lėš", "rezervuoti lėšas, not įsipareigoti lėšas"),
    (r"\b[Pp]araišk", "prašymas, not paraiška"),
    (r"[Ii]šorin\w* pažymėjim", "kitų teikėjų išduotas pažymėjimas, not išorinis"),
    (r"[Aa]smeninės lėšos", "asmeninės įmokos, not asmeninės lėšos"),
    (r"[Mm]inimum", "teisė ne mažiau kaip 5 dienas, not minimumas"),
    (r"Renginiai \(valdymas\)", "Renginiai, or Renginių valdymas in the navigation"),
    (r"kvalifikacijos kėlim", "kvalifikacijos tobulinimas, not kėlimas"),
    (r"Kodėl čia", "a calque (Kodėl čia)"),
    (r"aukščiau už kitą", "a calque (aukščiau už kitą)"),
    (r"\d,?\s+(Pirmadienis|Antradienis|Trečiadienis|Ketvirtadienis|Penktadienis|Šeštadienis|Sekmadienis)",
     "weekdays in lower case"),
]
_WRONG_TERMS = [(re.compile(pattern), advice) for pattern, advice in WRONG_TERMS]


def english_on_page(text):
    """Problems a Lithuanian reader would stop at: English words, choice codes, English money."""
    problems = []
    for line in text.splitlines():
        for match in _ENGLISH.finditer(line):
            problems.append(f"English word {match.group(1)!r} in {line!r}")
        for match in _CODE.finditer(line):
            problems.append(f"code {match.group(0)!r} in {line!r}")
        for match in _ENGLISH_DECIMAL.finditer(line):
            problems.append(f"decimal point {match.group(0)!r} in {line!r}")
        for match in _EURO_NO_SPACE_THOUSANDS.finditer(line):
            problems.append(f"thousands without a space {match.group(0)!r} in {line!r}")
        for match in _SAME_DATE_RANGE.finditer(line):
            problems.append(f"one-day range {match.group(0)!r} in {line!r}")
        for pattern, advice in _WRONG_TERMS:
            if pattern.search(line):
                problems.append(f"{advice}: {line!r}")
    return problems
