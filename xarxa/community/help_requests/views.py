"""Pages of social services answering the points' requests for help."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.help_requests import selectors, services
from xarxa.community.help_requests.forms import AnswerForm
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, form_errors
from xarxa.core.policies import require_perm


@require_perm(CommunityPerm.ANSWER_HELP)
def help_requests(request):
    return render(
        request, "community/help_requests.html", {"rows": selectors.help_requests_for(request.user)}
    )


def help_request(request, public_id):
    found = selectors.help_request_get_for(request.user, public_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.help_request_answer(
                actor=request.user, request=found, answer=form.cleaned_data["answer"]
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Answer sent to the point."))
            return redirect("community:help_requests")
    if request.method == "GET":
        services.help_request_seen(actor=request.user, request=found)
    return render(
        request,
        "community/help_request.html",
        {"help": found, "form": form},
        status=400 if form.errors else 200,
    )
