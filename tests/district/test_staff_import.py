"""The school's staff list and the district's school list, imported through the one importer."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kvalifikacija.importing import ImportFailed, normalise_header
from notices.models import NoticeLog
from people.importers import SchoolListImporter, StaffImporter
from people.models import Membership, Organisation, Role, TeacherProfile, User
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = ["Vardas", "Pavardė", "El. paštas", "Pareigos", "Rolė", "Dalykai", "Kvalifikacinė kategorija",
          "Kategorija nuo", "Atestacijos metai", "Siekiama kategorija"]


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def person(n, **over):
    row = [f"Vardas{n}", f"Pavardė{n}", f"mokytojas{n}@mokykla.lt", "mokytoja", "mokytojas", "Matematika, Fizika",
           "vyresnysis mokytojas", "2020-09-01", "", ""]
    for index, value in over.items():
        row[int(index[1:])] = value
    return row


@pytest.fixture
def school_and_director():
    school = f.SchoolFactory()
    return school, f.member(Role.DIRECTOR, school)


def test_headers_are_folded_for_case_accents_punctuation_and_units():
    assert normalise_header("El. paštas") == normalise_header("el.pastas") == "elpastas"
    assert normalise_header("Valandos (ak. val.)") == "valandos"
    assert normalise_header("E-mail") == "email"


def test_preview_keeps_nothing_then_apply_creates_people_and_invites_once(school_and_director):
    school, director = school_and_director
    data = xlsx([person(n) for n in range(5)])
    report = StaffImporter(school=school, by=director).preview(data, "staff.xlsx")
    assert report.ok and report.created == 5
    assert not User.objects.filter(email__startswith="mokytojas").exists()
    assert not NoticeLog.objects.filter(kind="invitation").exists()

    report = StaffImporter(school=school, by=director).apply(data, "staff.xlsx")
    assert report.created == 5
    users = User.objects.filter(email__startswith="mokytojas")
    assert users.count() == 5 and not any(u.has_usable_password() for u in users)
    assert Membership.objects.filter(organisation=school, role=Role.TEACHER, user__in=users).count() == 5
    profile = TeacherProfile.objects.get(user__email="mokytojas1@mokykla.lt")
    assert profile.category == "vyresnysis" and str(profile.category_since) == "2020-09-01"
    assert sorted(profile.subjects.values_list("name", flat=True)) == ["Fizika", "Matematika"]
    assert NoticeLog.objects.filter(kind="invitation").count() == 5


def test_reimporting_the_same_file_changes_nothing(school_and_director):
    school, director = school_and_director
    data = xlsx([person(n) for n in range(4)])
    StaffImporter(school=school, by=director).apply(data, "staff.xlsx")
    notices = NoticeLog.objects.count()
    report = StaffImporter(school=school, by=director).preview(data, "staff.xlsx")
    assert (report.created, report.changed, report.unchanged) == (0, 0, 4)
    report = StaffImporter(school=school, by=director).apply(data, "staff.xlsx")
    assert report.unchanged == 4 and NoticeLog.objects.count() == notices
    changed = xlsx([person(0, c8="2027", c9="mokytojas metodininkas")] + [person(n) for n in range(1, 4)])
    report = StaffImporter(school=school, by=director).preview(changed, "staff.xlsx")
    assert (report.created, report.changed, report.unchanged) == (0, 1, 3)


def test_a_person_in_two_schools_has_one_account(school_and_director):
    school, director = school_and_director
    other = f.SchoolFactory()
    other_director = f.member(Role.DIRECTOR, other)
    StaffImporter(school=school, by=director).apply(xlsx([person(1)]), "a.xlsx")
    StaffImporter(school=other, by=other_director).apply(
        xlsx([person(1, c2="MOKYTOJAS1@Mokykla.LT")]), "b.xlsx")
    assert User.objects.filter(email__iexact="mokytojas1@mokykla.lt").count() == 1
    user = User.objects.get(email="mokytojas1@mokykla.lt")
    assert set(user.memberships.values_list("organisation_id", flat=True)) == {school.pk, other.pk}
    assert NoticeLog.objects.filter(kind="invitation", recipient=user).count() == 1


def test_bad_file_is_refused_whole_with_row_and_column(school_and_director):
    school, director = school_and_director
    data = xlsx([person(1), person(2, c2="ne-adresas"), person(3, c4="direktorius"), person(4, c8="metai")])
    report = StaffImporter(school=school, by=director).preview(data, "staff.xlsx")
    assert not report.ok
    text = "\n".join(report.errors)
    assert "3 eilutė, stulpelis „El. paštas“" in text or "row 3, column El. paštas" in text
    assert ("row 4, column Rolė" in text) or ("4 eilutė, stulpelis „Rolė“" in text)
    assert ("row 5, column Atestacijos metai" in text) or ("5 eilutė, stulpelis „Atestacijos metai“" in text)
    with pytest.raises(ImportFailed):
        StaffImporter(school=school, by=director).apply(data, "staff.xlsx")
    assert not User.objects.filter(email="mokytojas1@mokykla.lt").exists()


def test_unknown_and_missing_columns_and_non_spreadsheets_are_refused(school_and_director):
    school, director = school_and_director
    report = StaffImporter(school=school, by=director).preview(xlsx([["a", "b"]], ["Vardas", "Batai"]), "x.xlsx")
    assert not report.ok and len(report.errors) >= 3
    report = StaffImporter(school=school, by=director).preview(b"PK\x03\x04garbage", "x.xlsx")
    assert not report.ok
    report = StaffImporter(school=school, by=director).preview(b"\x00\x01\x02binary", "x.csv")
    assert not report.ok


def test_csv_with_english_headers_and_semicolons(school_and_director):
    school, director = school_and_director
    data = b"First name;Last name;E-mail;Role\nAnn;Smith;ann@school.lt;deputy\n"
    report = StaffImporter(school=school, by=director).apply(data, "x.csv")
    assert report.created == 1
    assert Membership.objects.filter(user__email="ann@school.lt", role=Role.DEPUTY, organisation=school).exists()


def test_templates_have_the_columns_and_examples(school_and_director):
    school, director = school_and_director
    sheet = load_workbook(io.BytesIO(StaffImporter(school=school, by=director).template())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and len(rows[0]) == 10
    # the template's own examples import cleanly
    report = StaffImporter(school=school, by=director).preview(StaffImporter(school=school, by=director).template())
    assert report.ok and report.created == 2, report.errors
    report = SchoolListImporter().preview(SchoolListImporter().template())
    assert report.ok and report.created == 2, report.errors


def test_school_list_import_matches_by_code_and_is_all_or_nothing():
    f.SchoolFactory(name="Senoji mokykla", legal_code="111")
    header = ["Pavadinimas", "Juridinio asmens kodas", "Mokyklos tipas", "Adresas"]
    good = xlsx([["Naujas pavadinimas", "111", "gimnazija", "Gatvė 1"], ["Kita mokykla", "222", "progimnazija", ""]],
                header)
    report = SchoolListImporter().apply(good, "m.xlsx")
    assert (report.created, report.changed) == (1, 1)
    assert Organisation.objects.get(legal_code="111").name == "Naujas pavadinimas"
    assert Organisation.objects.get(legal_code="222").school_level == "basic"
    assert SchoolListImporter().preview(good).unchanged == 2
    bad = xlsx([["Trečia", "333", "gimnazija", ""], ["", "444", "universitetas", ""]], header)
    with pytest.raises(ImportFailed) as failure:
        SchoolListImporter().apply(bad, "m.xlsx")
    assert any("3" in e and "Pavadinimas" in e for e in failure.value.errors)
    assert any("Mokyklos tipas" in e for e in failure.value.errors)
    assert not Organisation.objects.filter(legal_code="333").exists()


class LenientStaffImporter(StaffImporter):
    """The staff importer with the shared importer's "ignore unknown columns" option (the plan import's)."""

    unknown_columns = "ignore"
    stored = {}

    def store_mapping(self, folded):
        self.stored.update(folded)


def test_an_importer_may_ignore_unknown_columns_and_follow_a_hand_mapping(school_and_director):
    school, director = school_and_director
    header = ["Vardas", "Pavardė", "El. paštas", "Batai", "Kabinetas", "Rolė"]
    data = xlsx([["Ona", "Onaitė", "ona@mokykla.lt", "42", "biologijos mokytoja", "mokytojas"]], header)
    report = StaffImporter(school=school, by=director).preview(data, "x.xlsx")
    assert not report.ok and report.unknown == ["Batai", "Kabinetas"]  # the default refuses unknown columns
    importer = LenientStaffImporter(school=school, by=director, mapping={"kabinetas": "position", "role": ""})
    report = importer.preview(data, "x.xlsx")
    assert report.ok and report.created == 1
    assert report.ignored == ["Batai", "Rolė"] and report.unknown == ["Batai"]
    assert report.mapped["position"] == "Kabinetas" and "role" not in report.mapped
    importer.remember_mapping({"Batai": "category_since"})
    assert LenientStaffImporter.stored == {"batai": "category_since"} and importer.mapping["batai"] == "category_since"
    with pytest.raises(ImportFailed):
        importer.remember_mapping({"Batai": "shoe_size"})
    report = LenientStaffImporter(school=school, by=director).apply(data, "x.xlsx")
    assert report.created == 1
    assert TeacherProfile.objects.get(user__email="ona@mokykla.lt").position == ""
