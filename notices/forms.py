from django import forms
from django.utils.translation import gettext_lazy as _

from lithuanian.collation import sort_key

from .services import OPTIONAL_KINDS, kind_label


class PreferencesForm(forms.Form):
    """Which optional notices the person receives by e-mail; every notice still reaches the inbox."""

    email_kinds = forms.MultipleChoiceField(
        label=_("Send me these notices by e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Notices you do not choose here still appear in your inbox in the portal. "
                    "Notices about your registrations and requests are always sent."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].choices = sorted(
            ((kind, kind_label(kind)) for kind in OPTIONAL_KINDS), key=lambda choice: sort_key(str(choice[1]))
        )
