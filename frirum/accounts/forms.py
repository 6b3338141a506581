from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import User


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "class": "form-input"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-input"}
        ),
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail or password is wrong. After repeated attempts the account is locked for a while."
        ),
        "inactive": _("This account is not active."),
        "locked": _(
            "The account is locked after too many failed attempts. Try again later or ask the national secretariat."
        ),
    }

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is None:
                user = User.objects.filter(email__iexact=email).only("locked_until").first()
                if user is not None and user.is_locked:
                    raise forms.ValidationError(self.error_messages["locked"], code="locked")
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
