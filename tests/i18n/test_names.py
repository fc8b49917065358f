"""Names as Lithuanian is written: the vocative in greetings, the grammatical gender a name suggests
(or the one set on the person), and roles and categories that agree with it."""

import pytest
from django.utils import translation

from lithuanian.names import Gender, guess_gender, vocative
from notices.services import render_notice
from people.models import QualificationCategory, Role, category_label, role_label
from tests import factories as f


@pytest.mark.parametrize(("name", "expected"), [
    ("Jonas", "Jonai"), ("Tomas", "Tomai"),            # -as
    ("Kęstutis", "Kęstuti"), ("Vytis", "Vyti"),        # -is
    ("Kazys", "Kazy"), ("Gedys", "Gedy"),              # -ys
    ("Andrius", "Andriau"), ("Saulius", "Sauliau"),    # -ius
    ("Mažvydus", "Mažvydau"),                           # -us
    ("Rūta", "Rūta"), ("Ona", "Ona"),                  # -a
    ("Jūratė", "Jūrate"), ("Žydrė", "Žydre"),          # -ė
    ("Rūta-Marija", "Rūta-Marija"), ("Jonas Paulius", "Jonai Pauliau"),
    ("Dalia Jūratė", "Dalia Jūrate"), ("Li", "Li"), ("", ""),
])
def test_vocative_of_the_common_name_endings(name, expected):
    assert vocative(name) == expected


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("Jūratė", "Šimkienė", Gender.FEMININE), ("Rūta", "Žemaitytė", Gender.FEMININE),
    ("Kęstutis", "Čepulis", Gender.MASCULINE), ("Jonas", "Petraitis", Gender.MASCULINE),
    ("Andrius", "", Gender.MASCULINE), ("Luka", "Petraitis", Gender.MASCULINE),
    ("Nijolė", "", Gender.FEMININE), ("Ingrid", "Jonaitienė", Gender.FEMININE),
])
def test_gender_is_guessed_from_the_name(first, last, expected):
    assert guess_gender(first, last) == expected


@pytest.mark.django_db
def test_the_gender_set_on_the_person_wins_over_the_guess():
    person = f.UserFactory(first_name="Ingrid", last_name="Berg")
    assert person.grammatical_gender == Gender.MASCULINE
    person.gender = Gender.FEMININE
    assert person.grammatical_gender == Gender.FEMININE


def test_roles_and_categories_agree_with_the_gender():
    with translation.override("lt"):
        assert str(role_label(Role.DIRECTOR, Gender.FEMININE)) == "direktorė"
        assert str(role_label(Role.DIRECTOR, Gender.MASCULINE)) == "direktorius"
        assert str(role_label(Role.DEPUTY, Gender.FEMININE)) == "direktoriaus pavaduotoja ugdymui"
        assert str(role_label(Role.LECTURER, Gender.FEMININE)) == "lektorė"
        assert str(role_label(Role.CENTRE_STAFF, Gender.FEMININE)) == "Centro metodininkė"
        assert str(category_label(QualificationCategory.METHODIST, Gender.FEMININE)) == "mokytoja metodininkė"
        assert str(category_label(QualificationCategory.METHODIST, Gender.MASCULINE)) == "mokytojas metodininkas"
        assert str(category_label(QualificationCategory.SENIOR, Gender.FEMININE)) == "vyresnioji mokytoja"
        assert str(category_label(QualificationCategory.EXPERT, Gender.FEMININE)) == "mokytoja ekspertė"
        assert str(category_label(QualificationCategory.TEACHER, Gender.FEMININE)) == "mokytoja"


@pytest.mark.django_db
def test_home_page_greets_in_the_vocative_and_names_the_role_in_her_gender(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school, first_name="Jūratė", last_name="Šimkienė")
    client.force_login(director)
    page = client.get("/").content.decode()
    assert "Sveiki, Jūrate" in page
    assert "Direktorė – " in page and "Direktorius" not in page


@pytest.mark.django_db
def test_profile_shows_a_teachers_category_in_her_gender(client):
    teacher = f.teacher(first_name="Rūta", last_name="Žemaitytė")
    teacher.teacher_profile.category = QualificationCategory.METHODIST
    teacher.teacher_profile.save()
    client.force_login(teacher)
    page = client.get("/paskyra/").content.decode()
    assert "mokytoja metodininkė" in page and "mokytojas metodininkas" not in page


@pytest.mark.django_db
def test_notice_e_mail_greets_in_the_vocative():
    person = f.UserFactory(first_name="Kęstutis", last_name="Čepulis")
    event = f.EventFactory()
    _subject, text, html = render_notice(kind="registration_confirmed", language="lt", context={
        "recipient": person, "event": event, "site_url": "https://kvalifikacija.example.lt", "link": ""})
    assert text.startswith("Sveiki, Kęstuti,")
    assert html == "" or "Sveiki, Kęstuti," in html
