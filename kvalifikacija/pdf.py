"""The one WeasyPrint renderer: HTML in, PDF bytes out, with the font configuration and image cache.

WeasyPrint's font objects must not be shared across threads, so each thread keeps one font
configuration and one image cache, reused for every document it renders (issuing a few hundred
certificates does not reload the fonts each time). The documents use DejaVu Sans, so Lithuanian
letters render. WeasyPrint (Pango, fonts) is loaded on the first PDF, not when the portal starts.
"""

import logging
import threading

from django.conf import settings

# WeasyPrint reports every layout step at INFO; in bulk rendering that drowns the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_local = threading.local()


def _weasyprint():
    import weasyprint  # noqa: PLC0415 - heavy: WeasyPrint (Pango, fonts) loads on the first PDF only

    return weasyprint


def _font_config_and_cache():
    """This thread's font configuration and image cache."""
    if getattr(_local, "font_config", None) is None:
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - heavy: loads on the first PDF only

        _local.font_config = FontConfiguration()
        _local.image_cache = {}
    return _local.font_config, _local.image_cache


def _html(html, base_url):
    return _weasyprint().HTML(string=html, base_url=base_url or str(settings.BASE_DIR))


def _options(css, variant):
    weasyprint = _weasyprint()
    font_config, cache = _font_config_and_cache()
    options = {"font_config": font_config, "cache": cache}
    if css:
        options["stylesheets"] = [weasyprint.CSS(string=css, font_config=font_config)]
    if variant:
        options["pdf_variant"] = variant
    return options


def render_pdf(html: str, *, base_url: str | None = None, css: str | None = None, variant: str | None = None) -> bytes:
    """Render `html` (relative links resolved against `base_url`, default the project folder) with the
    optional extra `css`, as PDF bytes; `variant` e.g. "pdf/a-3b" for archiving."""
    return _html(html, base_url).write_pdf(**_options(css, variant))


def lay_out(html: str, *, base_url: str | None = None, css: str | None = None):
    """The laid-out document, for callers that report progress between layout and writing
    (`document.write_pdf()` gives the bytes)."""
    return _html(html, base_url).render(**_options(css, None))
