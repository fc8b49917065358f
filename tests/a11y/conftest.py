import pytest

AXE_URL = "/static/vendor/axe-core/axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def axe(page):
    """Run axe-core (served by the portal itself: the CSP forbids inline and foreign scripts) on the
    current page; return the serious and critical violations as readable lines."""

    def run():
        page.wait_for_load_state("networkidle")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=AXE_URL)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        lines = []
        for violation in result["violations"]:
            if violation["impact"] not in BLOCKING:
                continue
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
        return lines

    return run
