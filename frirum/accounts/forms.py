from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frirum.accounts import throttle
from frirum.accounts.actions import record_failed_sign_in


def throttled_error(seconds: int) -> forms.ValidationError:
    # The same words whether or not the account exists: the wait depends only on the
    # attempts made from this address with this e-mail.
    return forms.ValidationError(
        ngettext(
            "Too many failed attempts. Wait %(seconds)d second and try again.",
            "Too many failed attempts. Wait %(seconds)d seconds and try again.",
            seconds,
        )
        % {"seconds": seconds},
        code="throttled",
    )


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
        # Also for an inactive or unknown account: the answer never tells which e-mails exist.
        "invalid_login": _("The e-mail or password is wrong."),
        "inactive": _("The e-mail or password is wrong."),
    }

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            wait = throttle.wait_seconds(self.request, email)
            if wait:
                raise throttled_error(wait)
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is None:
                throttle.record_failure(self.request, email)
                record_failed_sign_in(email=email, step="password")
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-s",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("Six digits."),
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-xs",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
            }
        ),
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the password again before a change to the account's own sign-in."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-input"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong."), code="wrong_password")
        return password


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-input"}),
    )


class NewPasswordForm(SetPasswordForm):
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-input"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-input"}),
    )
