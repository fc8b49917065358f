"""Text coming in from people and files: what a single-line field may hold."""

import re
import unicodedata

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(text):
    """A single-line field's value: every control character (CR, LF, tab, NUL, ...) becomes a space, runs of
    spaces collapse and the ends are trimmed. `None` stays `None`."""
    if text is None:
        return None
    return re.sub(" {2,}", " ", _CONTROLS.sub(" ", str(text))).strip()


def required_text(text, refusal):
    """`text` stripped; `refusal` (an exception) is raised when nothing is left."""
    text = (text or "").strip()
    if not text:
        raise refusal
    return text


def strip_controls(text):
    """A multi-line field's value: control characters other than newline and tab removed, CRLF and CR made LF."""
    if text is None:
        return None
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def without_controls(text):
    """Control characters replaced by spaces, nothing else changed (fast when there are none)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(" ", text)


def clean_single_line_fields(sender, instance, raw=False, **kwargs):
    """pre_save for every model: a CharField is a single line, so control characters (CR, LF, tab, NUL,
    ...) typed into a form, pasted from a spreadsheet or imported become spaces before the row is stored.
    TextFields (descriptions, letters) keep their line breaks."""
    if raw:
        return
    for field in instance._meta.concrete_fields:
        if field.get_internal_type() in ("CharField", "SlugField") and not field.choices:
            value = getattr(instance, field.attname, None)
            if isinstance(value, str):
                cleaned = without_controls(value)
                if cleaned is not value:
                    setattr(instance, field.attname, cleaned)
