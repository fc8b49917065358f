"""Every HTML page of the permission matrix, as each of the roles that may open it.

The HTML validity check and the axe check walk the same list, so a page added to the matrix is checked
by both without anyone remembering to list it twice.
"""

from django.test import Client

from tests.security.test_permission_matrix import GET, MATRIX
from tests.security.urls import url_of
from tests.security.world import ROLES


def client_for(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def html_pages(world, roles=ROLES):
    """Yield (role, url, html) for every GET address of the matrix that answers 200 with HTML to a role
    allowed to open it. Redirects (a page's normal answer for some roles) are followed once."""
    clients = {}
    for name in sorted(MATRIX):
        allowed, method = MATRIX[name]
        if method != GET:
            continue
        url = url_of(name, world)
        for role in roles:
            if role not in allowed:
                continue
            client = clients.setdefault(role, client_for(world, role))
            response = client.get(url, follow=True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            final = response.redirect_chain[-1][0] if response.redirect_chain else url
            yield role, final, response.content.decode()
