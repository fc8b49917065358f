"""axe-core on every main page, as the user who uses it: no serious or critical violation."""

import pytest

from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (role, path template) — the template is formatted with the world's objects.
PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/renginiai/"),
    ("anonymous", "/renginiai/{event.pk}/"),
    ("anonymous", "/planas/{year}/"),
    ("anonymous", "/prisijungti/"),
    ("anonymous", "/pazymejimai/{certificate.verification_code}/"),
    ("anonymous", "/priemones/medziaga/"),
    ("anonymous", "/informacija/"),
    ("anonymous", "/informacija/{info_page.slug}/"),
    ("teacher", "/"),
    ("teacher", "/renginiai/{event.pk}/"),
    ("teacher", "/mano/renginiai/"),
    ("teacher", "/prasymai/"),
    ("teacher", "/prasymai/nauja/"),
    ("teacher", "/prasymai/{leave_request.pk}/"),
    ("teacher", "/mano/aplankas/"),
    ("teacher", "/mano/isoriniai-pazymejimai/"),
    ("teacher", "/pranesimai/"),
    ("teacher", "/apklausos/mano/"),
    ("teacher", "/paskyra/"),
    ("deputy", "/prasymai/pavaduotojui/"),
    ("deputy", "/priemones/"),
    ("director", "/prasymai/direktoriui/"),
    ("director", "/prasymai/{leave_request.pk}/sprendimas/"),
    ("director", "/lesos/"),
    ("director", "/lesos/saltiniai/{source.pk}/"),
    ("director", "/mokykla/mokytojai/"),
    ("director", "/lesos/saskaitos/"),
    ("director", "/mokykla/renginiai/naujas/"),
    ("director", "/centras/tinklai/"),
    ("director", "/lesos/saskaitos/{invoice.pk}/"),
    ("centre_staff", "/centras/renginiai/"),
    ("centre_staff", "/centras/renginiai/naujas/"),
    ("centre_staff", "/centras/programos/"),
    ("centre_staff", "/centras/programos/{programme.pk}/"),
    ("centre_staff", "/centras/renginiai/{event.pk}/trinti/"),
    ("centre_staff", "/centras/planas/"),
    ("centre_staff", "/centras/renginiai/{event.pk}/dalyviai/"),
    ("centre_staff", "/centras/renginiai/{done_event.pk}/pazymejimai/"),
    ("centre_staff", "/lesos/saskaitos/"),
    ("centre_staff", "/centras/informacija/nauja/"),
    ("centre_staff", "/centras/partneriai/"),
    ("centre_staff", "/centras/partneriai/{provider.pk}/"),
    ("centre_staff", "/centras/tinklai/{network.pk}/"),
    ("centre_staff", "/centras/projektai/{project.pk}/"),
    ("centre_staff", "/centras/projektai/naujas/"),
    ("centre_staff", "/centras/mokyklu-renginiai/{proposal.pk}/"),
    ("centre_staff", "/centras/renginiai/{event.pk}/eksponatai/"),
    ("centre_staff", "/apklausos/"),
    ("centre_staff", "/priemones/paskolos/"),
    ("lecturer", "/lektorius/renginiai/"),
    ("administrator", "/lesos/rajonas/"),
    ("administrator", "/pranesimai/zurnalas/"),
]


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_page_has_no_serious_accessibility_violations(page, sign_in, axe, role, path):
    world = build_world()
    if role != "anonymous":
        sign_in(world.users[role])
    url = path.format(**world.objects)
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    violations = axe()
    assert not violations, f"{role} {url}:\n" + "\n".join(violations)
