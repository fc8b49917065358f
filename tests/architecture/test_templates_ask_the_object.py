"""Templates never re-derive a rule from a raw status string: what a person may do comes from the
object's `allowed_actions(user)` (built on the predicates the services enforce), and a status shown
is compared with the model's own `Status` members or drawn by `{% status_badge %}`."""

import re
from pathlib import Path

from django.conf import settings

# `x.status == "draft"`, `"draft" != x.build_status`, `x.status in "…"`: a raw status string.
RAW_STATUS = re.compile(
    r"""status\s*(==|!=)\s*["']"""
    r"""|["']\s*(==|!=)\s*[\w.]*status\b"""
    r"""|\bstatus\s+(not\s+)?in\s"""
)
SKIP = {".venv", "node_modules", ".git", "staticfiles"}


def templates():
    base = Path(settings.BASE_DIR)
    for path in base.rglob("*.html"):
        if not SKIP & set(path.relative_to(base).parts):
            yield path


def raw_comparisons(text):
    return [line.strip() for line in text.splitlines() if RAW_STATUS.search(line)]


def test_no_template_compares_a_raw_status_string():
    found = {str(path): raw_comparisons(path.read_text()) for path in templates()}
    found = {path: lines for path, lines in found.items() if lines}
    assert not found, found


def test_the_check_sees_a_raw_status_string():
    assert raw_comparisons('{% if event.status == "draft" %}')
    assert raw_comparisons("{% if loan.status != 'lent' %}")
    assert raw_comparisons('{% if "ready" == plan.build_status %}')
    assert not raw_comparisons("{% if event.status == event.Status.DRAFT %}")
    assert not raw_comparisons('{% if "cancel" in can %}')
