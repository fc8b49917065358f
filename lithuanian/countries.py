"""Countries by name, never by code (*Ryga (Latvija)*): ICU's names in the active language."""

import icu
from django.utils import translation
from django.utils.translation import gettext as _

# Codes the forms use for "another country" (no ISO name).
OTHER = {"ZZ", "XX", ""}


def country_name(code) -> str:
    """`LV` -> `Latvija` (in English `Latvia`); "another country" for the forms' catch-all codes."""
    code = (code or "").strip().upper()
    if code in OTHER:
        return _("another country")
    language = (translation.get_language() or "lt").split("-")[0]
    name = icu.Locale("", code).getDisplayCountry(icu.Locale(language))
    return name if name and name != code else code
