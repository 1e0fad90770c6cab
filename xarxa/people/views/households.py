"""Pages for households (who lives together, moves) and consents."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.forms import flash_errors
from xarxa.core.policies import require_perm
from xarxa.people import selectors, services
from xarxa.people.forms import (
    ConsentForm,
    HouseholdForm,
    MembershipEndForm,
    MembershipForm,
    PersonSearchForm,
)
from xarxa.people.policies import PeoplePerm


@require_perm(PeoplePerm.REGISTER)
def household_create(request, public_id):
    """A new household with this person in it (a move if they lived elsewhere)."""
    view = selectors.person_writable_for(request.user, public_id)
    person = view.person
    form = HouseholdForm(
        request.POST or None,
        initial={"address": person.address, "municipality": person.municipality_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_create_with(
                actor=request.user,
                person=person,
                address=data["address"],
                municipality=data["municipality"],
                relationship=data["relationship"],
                on=data["valid_from"],
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Household created."))
            return redirect("people:household", public_id=household.public_id)
    return render(request, "people/household_form.html", {"form": form, "person": person})


@require_perm(PeoplePerm.VIEW)
def household(request, public_id):
    view = selectors.household_get_for(request.user, public_id)
    search_form = PersonSearchForm(request.GET or None)
    results = None
    query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    if query and request.user.has_perm(PeoplePerm.REGISTER):
        results = selectors.person_search_for(request.user, query)
    return render(
        request,
        "people/household.html",
        {
            "household": view.household,
            "current": [(m, v) for m, v in view.memberships if m.valid_until is None],
            "past": [(m, v) for m, v in view.memberships if m.valid_until is not None],
            "search_form": search_form,
            "results": results,
            "member_form": MembershipForm(),
        },
    )


@require_POST
@require_perm(PeoplePerm.REGISTER)
def household_member_add(request, public_id):
    view = selectors.household_get_for(request.user, public_id)
    form = MembershipForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person_view = selectors.person_writable_for(request.user, data["person"])
        try:
            services.household_member_add(
                actor=request.user,
                household=view.household,
                person=person_view.person,
                relationship=data["relationship"],
                on=data["valid_from"],
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("Added to the household."))
    else:
        flash_errors(request, form)
    return redirect("people:household", public_id=public_id)


@require_POST
@require_perm(PeoplePerm.REGISTER)
def household_member_end(request, public_id, membership_id):
    """End a current stay without moving the person elsewhere."""
    view = selectors.household_get_for(request.user, public_id)
    membership = selectors.household_stay_for(request.user, view, membership_id=membership_id)
    selectors.person_writable_for(request.user, membership.person.public_id)
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.household_member_end(
                actor=request.user, membership=membership, on=form.cleaned_data["valid_until"]
            )
        except REFUSALS as error:
            flash_refusal(request, error)
        else:
            messages.success(request, _("The stay in this household has ended."))
    else:
        flash_errors(request, form)
    return redirect("people:household", public_id=public_id)


@require_perm(PeoplePerm.REGISTER)
def consent_add(request, public_id):
    view = selectors.person_writable_for(request.user, public_id)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, person=view.person, **form.cleaned_data)
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("people:detail", public_id=public_id)
    return render(request, "people/consent_form.html", {"form": form, "person": view.person})


@require_POST
@require_perm(PeoplePerm.REGISTER)
def consent_withdraw(request, public_id, consent_id):
    view = selectors.person_writable_for(request.user, public_id)
    consent = selectors.consent_get_for(request.user, view.person, consent_id)
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Consent withdrawn."))
    return redirect("people:detail", public_id=public_id)
