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


def strip_controls(text):
    """A multi-line field's value: control characters other than newline and tab removed, CRLF and CR made LF."""
    if text is None:
        return None
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
