"""The catalogue check (`python -m lithuanian.catalogues`, run by `make lint` and CI) passes on the
project and fails on each kind of broken entry."""

import textwrap

from lithuanian.catalogues import check

HEADER = textwrap.dedent('''\
    msgid ""
    msgstr ""
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Plural-Forms: nplurals=4; plural=(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : (n % 10 >= 2 && n % 10 <=9) && (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2: 3);\\n"

    ''')


def write(tmp_path, app, body):
    path = tmp_path / app / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_projects_catalogues_pass():
    assert check() == []


def test_a_complete_catalogue_passes(tmp_path):
    write(tmp_path, "a", '''\
        msgid "Name"
        msgstr "Pavadinimas"

        msgid "%(n)s day"
        msgid_plural "%(n)s days"
        msgstr[0] "%(n)s diena"
        msgstr[1] "%(n)s dienos"
        msgstr[2] "%(n)s dienos"
        msgstr[3] "%(n)s dienų"
        ''')
    assert check(tmp_path) == []


def test_a_missing_fourth_plural_form_fails(tmp_path):
    write(tmp_path, "a", '''\
        msgid "%(n)s participant attended."
        msgid_plural "%(n)s participants attended."
        msgstr[0] "Dalyvavo %(n)s dalyvis."
        msgstr[1] "Dalyvavo %(n)s dalyviai."
        msgstr[2] "Dalyvavo %(n)s dalyvio."
        ''')
    (problem,) = check(tmp_path)
    assert "msgstr[3]" in problem


def test_an_empty_plural_form_fails(tmp_path):
    write(tmp_path, "a", '''\
        msgid "%(n)s day"
        msgid_plural "%(n)s days"
        msgstr[0] "%(n)s diena"
        msgstr[1] ""
        msgstr[2] "%(n)s dienos"
        msgstr[3] "%(n)s dienų"
        ''')
    (problem,) = check(tmp_path)
    assert "msgstr[1]" in problem


def test_an_empty_or_fuzzy_entry_fails(tmp_path):
    write(tmp_path, "a", '''\
        msgid "Open"
        msgstr ""

        #, fuzzy
        msgid "Home"
        msgstr "Pradinis"
        ''')
    problems = check(tmp_path)
    assert len(problems) == 2
    assert "empty translation of 'Open'" in problems[0]
    assert "fuzzy entry 'Home'" in problems[1]


def test_one_string_translated_two_ways_without_a_context_fails(tmp_path):
    write(tmp_path, "funding", '''\
        msgid "Name"
        msgstr "Pavadinimas"
        ''')
    write(tmp_path, "people", '''\
        msgid "Name"
        msgstr "Vardas ir pavardė"

        msgctxt "funding source"
        msgid "Name"
        msgstr "Pavadinimas"
        ''')
    (problem,) = check(tmp_path)
    assert "'Name' is translated differently" in problem


def test_a_catalogue_without_four_plural_forms_fails(tmp_path):
    path = write(tmp_path, "a", "")
    path.write_text(path.read_text().replace("nplurals=4", "nplurals=3"))
    (problem,) = check(tmp_path)
    assert "nplurals=4" in problem
