import pytest
from django.urls import reverse

from people.models import Role
from tests.factories import PASSWORD, UserFactory, member, teacher

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_address(client):
    user = teacher(email="Ruta.Zemaityte@Example.lt")
    response = client.post("/prisijungti/", {"username": "ruta.zemaityte@example.lt", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


def test_wrong_password_shows_a_translated_error_and_keeps_the_email(client):
    teacher(email="mokytoja@example.lt")
    response = client.post("/prisijungti/", {"username": "mokytoja@example.lt", "password": "wrong"},
                           HTTP_ACCEPT_LANGUAGE="lt")
    assert response.status_code == 200
    assert "mokytoja@example.lt" in response.content.decode()
    assert response.context["form"].errors


def test_anonymous_home_explains_the_portal_and_links_to_catalogue(client):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("events:catalogue") in response.content.decode()
    assert reverse("login") in response.content.decode()


def test_navigation_shows_each_role_its_own_work():
    from people.navigation import item_names_for

    director = item_names_for(member(Role.DIRECTOR))
    staff = item_names_for(member(Role.CENTRE_STAFF))
    admin = item_names_for(member(Role.ADMINISTRATOR))
    assert "leave:director_queue" in director and "leave:director_queue" not in staff
    assert "events:plan_manage" in staff and "events:plan_manage" not in director
    assert "funding:district_report" in admin and "funding:district_report" not in director


def test_password_reset_sends_an_email(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="mokytoja@example.lt")
    with django_capture_on_commit_callbacks(execute=True):  # through the outbox, after the commit
        response = client.post("/slaptazodis/atkurti/", {"email": "mokytoja@example.lt"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/slaptazodis/atkurti/" in mailoutbox[0].body


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.context["LANGUAGE_CODE"] == "en"


def test_sign_out_needs_post(client):
    client.force_login(UserFactory())
    assert client.get("/atsijungti/").status_code == 405
    assert client.post("/atsijungti/").status_code == 302


def test_profile_requires_sign_in(client):
    response = client.get("/paskyra/")
    assert response.status_code == 302
    assert response["Location"].startswith("/prisijungti/")


def test_health_check_answers_without_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.content == b"ok"
