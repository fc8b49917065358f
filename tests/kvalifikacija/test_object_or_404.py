"""The one object lookup of the views: 404 when absent, 403 when refused, 404 when refused and hidden;
and `attempt`, the one way a page tells a refusal or a success."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import attempt, object_or_404
from people.models import Organisation
from tests.factories import SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_found_and_allowed_returns_the_object_and_absent_is_404():
    school = SchoolFactory()
    get = object_or_404(Organisation.objects.all(), lambda user, org: True)
    assert get(request_by(UserFactory()), school.pk) == school
    with pytest.raises(Http404):
        get(request_by(UserFactory()), school.pk + 1000)


def test_refused_is_403_or_404_when_hidden():
    school = SchoolFactory()
    with pytest.raises(PermissionDenied):
        object_or_404(Organisation.objects.all(), lambda user, org: False)(request_by(UserFactory()), school.pk)
    with pytest.raises(Http404):
        object_or_404(Organisation.objects.all(), lambda user, org: False, hidden=True)(
            request_by(UserFactory()), school.pk)


def test_the_queryset_may_depend_on_the_user():
    school, other = SchoolFactory(), SchoolFactory()
    get = object_or_404(lambda user: Organisation.objects.filter(pk=school.pk))
    assert get(request_by(UserFactory()), school.pk) == school
    with pytest.raises(Http404):
        get(request_by(UserFactory()), other.pk)


def test_a_role_that_may_not_use_the_page_is_refused_before_any_lookup():
    school = SchoolFactory()
    get = object_or_404(Organisation.objects.all(), allowed=lambda user: False)
    with pytest.raises(PermissionDenied):
        get(request_by(UserFactory()), school.pk)
    with pytest.raises(PermissionDenied):
        get(request_by(UserFactory()), school.pk + 1000)
    assert object_or_404(Organisation.objects.all(), allowed=lambda user: True)(
        request_by(UserFactory()), school.pk) == school


def test_requiring_adds_a_predicate_refused_with_403():
    school = SchoolFactory()
    get = object_or_404(Organisation.objects.all(), lambda user, org: True)
    assert get.requiring(lambda user, org: True)(request_by(UserFactory()), school.pk) == school
    with pytest.raises(PermissionDenied):
        get.requiring(lambda user, org: False)(request_by(UserFactory()), school.pk)
    with pytest.raises(Http404):
        object_or_404(Organisation.objects.all(), lambda user, org: False, hidden=True).requiring(
            lambda user, org: True)(request_by(UserFactory()), school.pk)


def test_attempt_shows_a_refusal_or_the_success(rf):
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    def refuse():
        raise DomainError("No.")

    assert attempt(request, lambda: None, "Done.") is True
    assert attempt(request, refuse, "Done.") is False
    assert [str(m) for m in get_messages(request)] == ["Done.", "No."]
    with pytest.raises(DomainError):
        attempt(request, refuse, "Done.", errors=ValueError)
