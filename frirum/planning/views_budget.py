"""The budget templates and rules (secretariat, read here, edited in the admin) and a site's
actual yearly cost (its chief)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from frirum.planning import actions, selectors
from frirum.planning.access import check_planner, get_costed_site_for_user
from frirum.planning.forms import SiteYearCostForm
from frirum.planning.models import PlanningRule, SiteYearCost


@login_required
@require_GET
def templates(request: HttpRequest) -> HttpResponse:
    check_planner(request)
    context = {
        "templates": selectors.all_templates(),
        "rules": list(PlanningRule.objects.all()),
    }
    return render(request, "planning/templates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def site_costs(request: HttpRequest, code: str) -> HttpResponse:
    site = get_costed_site_for_user(request, code)
    form = SiteYearCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_site_year_cost(site=site, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The actual cost was saved."))
            return redirect("planning:site_costs", code=site.code)
    costs = SiteYearCost.objects.filter(site=site).select_related("entered_by")
    return render(request, "planning/site_costs.html", {"site": site, "form": form, "costs": costs})
