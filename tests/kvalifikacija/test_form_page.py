"""`form_page`, the one way a page handles its form, and `allowed_for`, the one way a view refuses a role."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import allowed_for, form_page, page_of
from tests.factories import SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField()


def posted(rf, data):
    request = rf.post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    request.user = UserFactory()
    return request


def test_a_valid_form_is_saved_and_the_page_redirects_with_the_success(rf):
    request = posted(rf, {"name": "Ona"})
    response = form_page(request, NameForm(request.POST), "base.html", save=lambda form: form.cleaned_data["name"],
                         done="Saved.", then=lambda name: f"/{name}/")
    assert (response.status_code, response["Location"]) == (302, "/Ona/")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_an_invalid_form_or_a_refusal_shows_the_page_again_with_the_error_beside_its_field(rf):
    def refuse(form):
        raise DomainError("Not that name.", field="name")

    request = posted(rf, {"name": "Ona"})
    form = NameForm(request.POST)
    response = form_page(request, form, "base.html", save=refuse, done="Saved.", then=str)
    assert response.status_code == 200
    assert form.errors == {"name": ["Not that name."]}
    assert list(get_messages(request)) == []

    request = posted(rf, {})
    form = NameForm(request.POST)
    assert form_page(request, form, "base.html", save=refuse, done="Saved.", then=str).status_code == 200
    assert "name" in form.errors


def test_page_of_is_the_saved_objects_own_page():
    school = SchoolFactory()
    assert page_of("surveys:detail")(school) == f"/apklausos/{school.pk}/"


def test_allowed_for_refuses_whom_the_predicate_refuses(rf):
    view = allowed_for(lambda user: user.first_name == "Ona")(lambda request: HttpResponse("ok"))
    request = rf.get("/")
    request.user = UserFactory(first_name="Ona")
    assert view(request).status_code == 200
    request.user = UserFactory(first_name="Jonas")
    with pytest.raises(PermissionDenied):
        view(request)
