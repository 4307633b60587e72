from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from taawon.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass
