"""Production settings (DEBUG=0): secure cookies, HSTS, HTTPS redirect, a strict Content-Security-Policy;
and every response carries the policy."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import json
from django.conf import settings
csp = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_CONTENT_TYPE_NOSNIFF": settings.SECURE_CONTENT_TYPE_NOSNIFF,
    "X_FRAME_OPTIONS": settings.X_FRAME_OPTIONS,
    "AXES_ENABLED": settings.AXES_ENABLED,
    "csp": {k: list(v) for k, v in csp.items()},
}))
"""


@pytest.fixture(scope="module")
def production():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "KV_TESTING",
                                                           "AXES_ENABLED", "SECURE_HSTS_SECONDS"}}
    env.update({"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "kvalifikacija.example.lt",
                "DJANGO_SETTINGS_MODULE": "kvalifikacija.settings", "KV_TESTING": "0"})
    out = subprocess.run([sys.executable, "-c", "import django; django.setup();" + PROBE], cwd=settings.BASE_DIR,
                         env=env, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True


def test_production_forces_https_with_hsts(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 180 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"


def test_production_throttles_sign_in(production):
    assert production["AXES_ENABLED"] is True


def test_the_content_security_policy_allows_no_inline_code(production):
    csp = production["csp"]
    for directive in ("default-src", "script-src", "style-src"):
        assert directive in csp or directive != "default-src"
        values = csp.get(directive, csp["default-src"])
        assert "'unsafe-inline'" not in values, directive
        assert "'unsafe-eval'" not in values, directive
        assert "*" not in values, directive
    assert csp["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/renginiai/", "/prisijungti/", "/healthz/"])
def test_responses_carry_the_content_security_policy(client, path):
    response = client.get(path)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
