"""The young person's questionnaire (public, by one-time code) and the counsellor's side."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from frirum.contacts.access import get_contact_for_user
from frirum.questionnaires import codes, proofofwork, ratelimit
from frirum.questionnaires.access import (
    close_questionnaire,
    get_configurable_site_for_user,
    get_feedback_code_for_youth,
    get_open_feedback_code_for_youth,
    open_questionnaire,
)
from frirum.questionnaires.actions import (
    CodeUnavailable,
    issue_feedback_code,
    set_site_instruments,
    submit_answers,
)
from frirum.questionnaires.forms import AnswerForm, CodeForm, SiteInstrumentsForm
from frirum.questionnaires.selectors import (
    code_status,
    instruments_for_site,
    questionnaire_for_site,
)


def _youth_page(request, template: str, context: dict | None = None, status: int = 200):
    response = render(request, template, context or {}, status=status)
    # Shared tablets and phones: nothing of the questionnaire stays in a cache or a search engine.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _unavailable(request, reason: str) -> HttpResponse:
    status = {"not_found": 404, "used": 410, "expired": 410}[reason]
    return _youth_page(request, "questionnaires/youth_unavailable.html", {"reason": reason}, status)


def _claim_or_work(request) -> tuple[bool, str | None]:
    """May this code be looked up? A free guess of the client's network (its slot, given
    back if the code exists), or past those a redeemed proof of work (frirum.questionnaires.
    proofofwork): never a refusal because of what others on the network typed."""
    slot = ratelimit.claim(request)
    if slot is not None:
        return True, slot
    redeemed = proofofwork.redeem(
        request.POST.get("pow_challenge", ""), request.POST.get("pow_nonce", "")
    )
    return redeemed, None


@never_cache
@require_http_methods(["GET", "POST"])
def youth_start(request: HttpRequest) -> HttpResponse:
    """Where the young person types the code, or where the QR code's link sends it.

    The code only ever comes in a POST: the QR code's link carries it after "#", which the
    browser keeps to itself, and questionnaires/code-link.js posts it from there. After that
    the session holds which questionnaire is open, so no URL and no access log sees a code.
    """
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = codes.normalise(form.cleaned_data["code"])
        if codes.is_old_format(code):
            # Codes of 8 characters were too easy to guess; none is accepted any more.
            form.add_error(
                "code",
                _(
                    "This is an old kind of code, which no longer works. Ask your counsellor "
                    "for a new one. Thank you for wanting to answer!"
                ),
            )
        elif not codes.looks_valid(code):
            # A typo, known without the database: it costs no guess (see ratelimit).
            form.add_error(
                "code",
                _("The code has a typing error: it has %(n)s characters. Check each of them.")
                % {"n": codes.CODE_LENGTH},
            )
        else:
            allowed, slot = _claim_or_work(request)
            # Without a free guess or a solved challenge the code is not even looked up: the
            # form comes back, the code kept, with a challenge for the phone to solve.
            feedback_code = get_feedback_code_for_youth(code) if allowed else None
            if not allowed:
                form.add_error(
                    "code",
                    ValidationError(
                        _(
                            "There have been many tries with codes from your network, so your "
                            "phone must work for a moment before we can check your code. It goes "
                            "on by itself in a few seconds."
                        ),
                        code="work",
                    ),
                )
            elif feedback_code is None:
                form.add_error("code", _("We could not find that code. Check it and try again."))
            else:
                if slot is not None:
                    ratelimit.give_back(slot)
                status = code_status(feedback_code)
                if status != "open":
                    return _unavailable(request, status)
                open_questionnaire(request, feedback_code)
                return redirect("questionnaires:answer")
    # Past the network's free guesses every code needs a solved challenge: the page brings
    # one, and questionnaires/proof-of-work.js solves it while the code is typed.
    challenge = proofofwork.issue() if ratelimit.is_exhausted(request) else ""
    context = {
        "form": form,
        "challenge": challenge,
        # The code was not looked up for want of work: send it again once the work is done.
        "resubmit": bool(challenge) and form.is_bound and form.has_error("code", "work"),
    }
    return _youth_page(request, "questionnaires/youth_start.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def youth_answer(request: HttpRequest) -> HttpResponse:
    """The questionnaire itself: only the questions, nothing about the conversation."""
    feedback_code = get_open_feedback_code_for_youth(request)
    if feedback_code is None:
        return redirect("questionnaires:start")
    status = code_status(feedback_code)
    if status != "open":
        close_questionnaire(request)
        return _unavailable(request, status)
    sections = questionnaire_for_site(feedback_code.contact.site)
    form = AnswerForm(request.POST if request.method == "POST" else None, sections=sections)
    if request.method == "POST" and form.is_valid():
        items = {item.pk: item for section in sections for item in section.items}
        try:
            submit_answers(feedback_code=feedback_code, values=form.values(), items=items)
        except CodeUnavailable:
            close_questionnaire(request)
            return _unavailable(request, "used")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            close_questionnaire(request)
            return redirect("questionnaires:thanks")
    return _youth_page(
        request,
        "questionnaires/youth_form.html",
        {"form": form, "sections": form.rendered_sections()},
    )


def youth_old_link(request: HttpRequest, code: str) -> HttpResponse:
    """Links from before codes left the URL: the start page, the code not even looked at."""
    return redirect("questionnaires:start")


@never_cache
def youth_thanks(request: HttpRequest) -> HttpResponse:
    return _youth_page(request, "questionnaires/youth_thanks.html")


@login_required
@require_POST
def issue_code(request: HttpRequest, code: str) -> HttpResponse:
    """A new code for the contact, shown once with a QR code to scan or print."""
    contact = get_contact_for_user(request, code)
    try:
        feedback_code, plain = issue_feedback_code(contact=contact, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contacts:contact_detail", code=contact.code)
    # After "#": the browser never sends it, so the code stays out of every server's log.
    url = request.build_absolute_uri(reverse("questionnaires:start")) + "#" + plain
    qr = segno.make(url, error="m").svg_inline(
        scale=6, dark="#1a1a1a", title=_("QR code for the questionnaire")
    )
    response = render(
        request,
        "questionnaires/code.html",
        {
            "current_site": contact.site,
            "contact": contact,
            "code": codes.display(plain),
            "url": url,
            "start_url": request.build_absolute_uri(reverse("questionnaires:start")),
            "qr": qr,
            "feedback_code": feedback_code,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def site_instruments(request: HttpRequest, site_code: str) -> HttpResponse:
    site = get_configurable_site_for_user(request, site_code)
    form = SiteInstrumentsForm(
        request.POST if request.method == "POST" else None,
        initial={"instruments": list(site.instruments.all())},
    )
    if request.method == "POST" and form.is_valid():
        set_site_instruments(
            site=site, instruments=list(form.cleaned_data["instruments"]), actor=request.user
        )
        messages.success(request, _("The questionnaires were saved."))
        return redirect("questionnaires:site_instruments", site_code=site.code)
    context = {
        "current_site": site,
        "site": site,
        "form": form,
        "asked": list(instruments_for_site(site)),
        "uses_defaults": not site.instruments.exists(),
    }
    return render(request, "questionnaires/site_instruments.html", context)
