"""Signing in: the password step, the code step, two-factor set-up and the password reset."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts import throttle
from frirum.accounts.actions import (
    confirm_totp_enrolment,
    has_two_factor,
    record_failed_sign_in,
    record_sign_in,
    recovery_codes_left,
    remove_own_two_factor,
    renew_recovery_codes,
    start_totp_enrolment,
    verify_second_factor,
)
from frirum.accounts.forms import (
    CodeForm,
    EmailLoginForm,
    EnrolForm,
    NewPasswordForm,
    PasswordConfirmForm,
    ResetRequestForm,
    throttled_error,
)
from frirum.accounts.session import ENROL, TWO_FACTOR, VERIFY, pending_step, step_done
from frirum.audit.actions import record_event
from frirum.audit.models import AuditAction


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class LoginView(auth_views.LoginView):
    """The password step. With an authenticator the code step follows; without one, when
    two-factor is required, the set-up."""

    template_name = "accounts/login.html"
    authentication_form = EmailLoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.record_success(self.request, form.get_user().email)
        step = pending_step(self.request)
        if step is None:
            record_sign_in(user=form.get_user(), method="password")
        return response

    def get_success_url(self):
        url = self.get_redirect_url() or resolve_url(settings.LOGIN_REDIRECT_URL)
        step = pending_step(self.request)
        if step == VERIFY:
            return _with_next("accounts:login_code", url)
        if step == ENROL:
            return _with_next("accounts:two_factor_enrol", url)
        return url


@sensitive_post_parameters("code")
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app or a recovery code."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if pending_step(request) != VERIFY:
        return redirect(_next_url(request))
    user = request.user
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        wait = throttle.wait_seconds(request, user.email)
        if wait:
            form.add_error(None, throttled_error(wait))
        else:
            device, method = verify_second_factor(user=user, token=form.cleaned_data["code"])
            if device is None:
                throttle.record_failure(request, user.email)
                record_failed_sign_in(email=user.email, step="code")
                form.add_error("code", _("The code is wrong or has been used."))
            else:
                throttle.record_success(request, user.email)
                otp_login(request, device)
                step_done(request)
                record_sign_in(user=user, method=method)
                if method == "recovery":
                    left = recovery_codes_left(user)
                    messages.warning(
                        request,
                        ngettext(
                            "You signed in with a recovery code. %(count)d code is left.",
                            "You signed in with a recovery code. %(count)d codes are left.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(_next_url(request))
    return render(request, "accounts/login_code.html", {"form": form, "next": _next_url(request)})


def _qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code"))


def _base32(device: TOTPDevice) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set-up: scan the QR code (or type the key), confirm with a code, get recovery codes."""
    user = request.user
    if pending_step(request) == VERIFY:
        return redirect("accounts:login_code")
    if has_two_factor(user):
        return redirect("accounts:two_factor")
    device = start_totp_enrolment(user=user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_totp_enrolment(
                user=user, device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            was_required = pending_step(request) == ENROL
            otp_login(request, device)
            if was_required:
                step_done(request)
                record_sign_in(user=user, method="totp")
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "new_enrolment": True},
            )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _base32(device),
            "required": pending_step(request) == ENROL,
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The user's own two-factor status: set up, new recovery codes, remove."""
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": has_two_factor(request.user),
            "codes_left": recovery_codes_left(request.user),
            "required": settings.FRIRUM_REQUIRE_2FA,
            "form": PasswordConfirmForm(user=request.user),
        },
    )


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_POST
def two_factor_change(request: HttpRequest, what: str) -> HttpResponse:
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "accounts/two_factor.html",
            {
                "enabled": has_two_factor(request.user),
                "codes_left": recovery_codes_left(request.user),
                "required": settings.FRIRUM_REQUIRE_2FA,
                "form": form,
            },
            status=200,
        )
    if what == "codes":
        try:
            codes = renew_recovery_codes(user=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("accounts:two_factor")
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts:two_factor"), "new_enrolment": False},
        )
    remove_own_two_factor(user=request.user)
    messages.success(request, _("Two-factor authentication is removed."))
    if settings.FRIRUM_REQUIRE_2FA:
        # Required: the next page is the set-up of a new authenticator.
        request.session[TWO_FACTOR] = ENROL
        return redirect("accounts:two_factor_enrol")
    return redirect("accounts:two_factor")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = ResetRequestForm

    def get_success_url(self):
        return reverse("accounts:password_reset_done")

    def form_valid(self, form):
        # Requests count like failed sign-ins, so nobody can flood a colleague's inbox from
        # one address; the same whether or not the e-mail has an account.
        email = form.cleaned_data["email"]
        wait = throttle.wait_seconds(self.request, email)
        if wait:
            form.add_error(None, throttled_error(wait))
            return self.form_invalid(form)
        throttle.record_failure(self.request, email)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm

    def get_success_url(self):
        return reverse("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(
            actor=None,
            action=AuditAction.PASSWORD_RESET,
            object_type="accounts.user",
            object_id=str(form.user.pk),
            details={"by": "email_link"},
        )
        return response
