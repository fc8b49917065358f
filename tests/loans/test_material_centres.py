"""Two centres: each centre's staff review only the material sent to their centre; another centre's
submitted material is not listed and its pages answer 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from loans import services
from loans.models import MethodicalMaterial
from people.models import Role
from tests.factories import CentreFactory, MethodicalMaterialFactory, member, teacher

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def two():
    north, south = CentreFactory(), CentreFactory()
    ours = MethodicalMaterialFactory(status="submitted", submitted_at=timezone.now(), centre=north)
    theirs = MethodicalMaterialFactory(status="submitted", submitted_at=timezone.now(), centre=south)
    return north, south, ours, theirs, member(Role.CENTRE_STAFF, north)


def test_the_review_queue_lists_only_the_centres_own_material(client, two):
    _north, _south, ours, theirs, staff = two
    client.force_login(staff)
    listed = list(client.get(reverse("loans:material_review")).context["materials"])
    assert listed == [ours]


@pytest.mark.parametrize("name", ["loans:material_detail", "loans:material_download"])
def test_another_centres_submitted_material_is_not_found(client, two, name):
    _north, _south, ours, theirs, staff = two
    client.force_login(staff)
    assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.get(reverse(name, args=[ours.pk])).status_code == 200


@pytest.mark.parametrize("name", ["loans:material_publish", "loans:material_return"])
def test_another_centres_material_cannot_be_reviewed(client, two, name):
    _north, _south, _ours, theirs, staff = two
    client.force_login(staff)
    assert client.post(reverse(name, args=[theirs.pk]), {"note": "Ne mūsų"}).status_code == 404
    assert MethodicalMaterial.objects.get(pk=theirs.pk).status == MethodicalMaterial.Status.SUBMITTED
    with pytest.raises(services.MaterialError):
        services.publish_material(material=theirs, by=staff)


def test_another_centres_published_material_cannot_be_unpublished(client, two):
    _north, south, _ours, _theirs, staff = two
    published = MethodicalMaterialFactory(status="published", published_at=timezone.now(), centre=south)
    client.force_login(staff)
    assert client.post(reverse("loans:material_unpublish", args=[published.pk]), {"note": "x"}).status_code == 404
    assert MethodicalMaterial.objects.get(pk=published.pk).status == MethodicalMaterial.Status.PUBLISHED


def test_the_own_centres_staff_publish_it(client, two):
    _north, _south, ours, _theirs, staff = two
    client.force_login(staff)
    client.post(reverse("loans:material_publish", args=[ours.pk]), {"note": ""})
    assert MethodicalMaterial.objects.get(pk=ours.pk).status == MethodicalMaterial.Status.PUBLISHED


def test_with_two_centres_the_author_chooses_the_centre_and_must(client, two):
    north, south, *_ = two
    author = teacher()
    client.force_login(author)
    form = {"title": "Trupmenos", "description": "", "upload": SimpleUploadedFile("t.pdf", PDF), "submit": "1"}
    response = client.post(reverse("loans:material_create"), form)
    assert response.status_code == 200 and "centre" in response.context["form"].errors
    form["upload"] = SimpleUploadedFile("t.pdf", PDF)
    client.post(reverse("loans:material_create"), dict(form, centre=south.pk))
    assert MethodicalMaterial.objects.get(author=author).centre == south


def test_with_one_centre_the_material_goes_to_it_without_asking(client):
    centre = CentreFactory()
    author = teacher()
    client.force_login(author)
    response = client.get(reverse("loans:material_create"))
    assert "centre" not in response.context["form"].fields
    client.post(reverse("loans:material_create"), {"title": "Trupmenos", "upload": SimpleUploadedFile("t.pdf", PDF)})
    assert MethodicalMaterial.objects.get(author=author).centre == centre
