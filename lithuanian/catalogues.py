"""Check every Lithuanian catalogue of the project: no empty, fuzzy or incomplete plural entry, the
four Lithuanian plural forms declared, and no English string translated two ways in two catalogues
(Django merges them, so one of the two would silently win: give such strings a context).

Run: `python -m lithuanian.catalogues` (exit status 1 and a list of problems when something is wrong);
`make lint` and CI run it. Pure Python: needs neither Django nor gettext.
"""

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPLURALS = 4
SKIPPED_DIRS = {".venv", "node_modules", ".git", "staticfiles", "media"}


@dataclass
class Entry:
    path: Path
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    plurals: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)
    obsolete: bool = False


def _unquote(text):
    return ast.literal_eval(text.strip()) if text.strip() else ""


def parse(path):
    """The entries of one .po file (a small parser for the subset gettext tools write)."""
    entries, current, last = [], None, None
    lines = Path(path).read_text(encoding="utf-8").splitlines()

    def finish():
        if current is not None and (current.msgid or current.msgstr or current.plurals or current.msgctxt):
            entries.append(current)

    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#,"):
            finish() if current is not None and (current.msgid or current.msgstr) else None
            if current is None or current.msgid or current.msgstr:
                current = Entry(path, number)
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            if current is not None and (current.msgid or current.msgstr or current.plurals):
                finish()
                current = None
            continue
        keyword = re.match(r'(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)\s+(".*")$', line)
        if keyword:
            name, index, value = keyword.group(1), keyword.group(2), _unquote(keyword.group(3))
            if name in ("msgctxt", "msgid") and current is not None and (current.msgstr or current.plurals):
                finish()
                current = None
            if current is None:
                current = Entry(path, number)
            current.obsolete = current.obsolete or obsolete
            if name == "msgctxt":
                current.msgctxt = value
                last = ("msgctxt", None)
            elif name == "msgid":
                current.msgid = value
                last = ("msgid", None)
            elif name == "msgid_plural":
                current.msgid_plural = value
                last = ("msgid_plural", None)
            elif index is not None:
                current.plurals[int(index)] = value
                last = ("plural", int(index))
            else:
                current.msgstr = value
                last = ("msgstr", None)
            continue
        if line.startswith('"') and current is not None and last is not None:
            value = _unquote(line)
            kind, index = last
            if kind == "plural":
                current.plurals[index] += value
            elif kind == "msgctxt":
                current.msgctxt += value
            else:
                setattr(current, kind, getattr(current, kind) + value)
    finish()
    return entries


def lithuanian_catalogues(root=ROOT):
    for path in sorted(Path(root).rglob("locale/lt/LC_MESSAGES/*.po")):
        if not SKIPPED_DIRS.intersection(path.relative_to(root).parts):
            yield path


def problems_in(path):
    """Problems of one catalogue, each as "path:line: what"."""
    problems = []
    entries = parse(path)
    seen = {}
    for entry in entries:
        where = f"{path}:{entry.line}"
        if entry.obsolete:
            continue
        if entry.msgid == "" and entry.msgctxt is None:
            header = entry.msgstr
            if "fuzzy" in entry.flags:
                problems.append(f"{where}: the header is marked fuzzy")
            match = re.search(r"nplurals\s*=\s*(\d+)", header)
            if not match or int(match.group(1)) != NPLURALS:
                problems.append(f"{where}: Plural-Forms must declare nplurals={NPLURALS}")
            continue
        label = repr(entry.msgid) + (f" (context {entry.msgctxt!r})" if entry.msgctxt else "")
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy entry {label}")
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            problems.append(f"{where}: {label} is also at line {seen[key]}")
        seen[key] = entry.line
        if entry.msgid_plural is not None:
            for index in range(NPLURALS):
                if not entry.plurals.get(index, "").strip():
                    problems.append(f"{where}: plural form msgstr[{index}] of {label} is missing or empty")
        elif not entry.msgstr.strip():
            problems.append(f"{where}: empty translation of {label}")
    return problems


def collisions(paths):
    """English strings without a context translated differently in two catalogues."""
    translations = {}
    for path in paths:
        for entry in parse(path):
            if entry.obsolete or not entry.msgid or entry.msgid_plural is not None or not entry.msgstr:
                continue
            translations.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(entry.msgstr, []).append(
                f"{path}:{entry.line}")
    problems = []
    for (context, msgid), by_text in sorted(translations.items(), key=lambda item: item[0][1]):
        if len(by_text) > 1:
            ways = "; ".join(f"{text!r} in {', '.join(places)}" for text, places in by_text.items())
            label = repr(msgid) + (f" (context {context!r})" if context else "")
            problems.append(f"{label} is translated differently: {ways} — give it a context")
    return problems


def check(root=ROOT):
    paths = list(lithuanian_catalogues(root))
    problems = []
    for path in paths:
        problems += problems_in(path)
    problems += collisions(paths)
    return [problem.replace(f"{root}/", "") for problem in problems]


def main():
    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the Lithuanian catalogues.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
