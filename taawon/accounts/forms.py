import datetime

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taawon.core.fields import DateField
from taawon.core.forms import StyledFormMixin

from . import queries
from .models import TOKEN_DEFAULT_DAYS, Membership, Organisation, User


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class AddUserForm(StyledFormMixin, forms.Form):
    """A new user of one organisation. The service checks the username and the password."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only. Used to log in."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=User.Language.choices,
        initial=User.Language.ARABIC,
    )
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_confirmation = forms.CharField(
        label=_("Initial password, again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_confirmation")
        if password and again and password != again:
            self.add_error("password_confirmation", _("The two passwords differ."))
        return cleaned

    def service_arguments(self) -> dict:
        fields = ["username", "first_name", "last_name", "email", "role", "preferred_language"]
        return {name: self.cleaned_data[name] for name in fields} | {
            "password": self.cleaned_data["password"]
        }


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


def _default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=TOKEN_DEFAULT_DAYS)


class TokenForm(StyledFormMixin, forms.Form):
    """A new API token of the user themselves; the service checks the organisation and date."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “ODK sync on the unit's laptop”."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All my organisations"),
        help_text=_("The token reaches only the records of this organisation."),
    )
    expires_on = DateField(
        label=_("Works until"),
        initial=_default_expiry,
        help_text=_("At most one year from today."),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = queries.own_organisations(user)


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class RecoveryCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )
