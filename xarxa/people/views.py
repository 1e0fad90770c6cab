"""Pages for finding, registering and reading persons, households, consents, merges and
the data-protection officer's reviews: thin adapters over selectors and services."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.concurrency import StaleEdit
from xarxa.core.forms import flash_errors
from xarxa.core.policies import require_perm
from xarxa.people import selectors, services
from xarxa.people.access import may_see_gender_identity
from xarxa.people.forms import (
    ChannelForm,
    ConsentForm,
    DocumentForm,
    EditForm,
    HouseholdForm,
    MembershipEndForm,
    MembershipForm,
    MergeChooseForm,
    MergeReasonForm,
    PersonSearchForm,
    ReasonForm,
    RegisterForm,
    RestrictForm,
    UndoReasonForm,
)
from xarxa.people.models import ChannelKind, Person
from xarxa.people.policies import PeoplePerm
from xarxa.people.subject_access import subject_access_response


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- search, registration, card, edit -----------------------------------------------


@require_perm(PeoplePerm.VIEW)
def search(request):
    form = PersonSearchForm(request.GET or None)
    results, elsewhere = None, []
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        results = selectors.person_search_for(request.user, query)
        if not results and request.user.has_perm(PeoplePerm.BREAK_GLASS):
            elsewhere = selectors.person_search_elsewhere_for(request.user, query)
    partial = request.headers.get("HX-Request") == "true"
    template = "people/_results.html" if partial else "people/search.html"
    return render(request, template, {"form": form, "results": results, "elsewhere": elsewhere})


def _register_inputs(data):
    documents, channels = [], []
    if data.get("document_kind"):
        documents.append(services.DocumentIn(data["document_kind"], data["document_number"]))
    if data.get("mobile"):
        channels.append(
            services.ChannelIn(ChannelKind.MOBILE, data["mobile"], data.get("may_contact", False))
        )
    if data.get("email"):
        channels.append(
            services.ChannelIn(
                ChannelKind.EMAIL, data["email"], data.get("may_contact_email", False)
            )
        )
    return documents, channels


@require_perm(PeoplePerm.REGISTER)
def register(request):
    form = RegisterForm(request.POST or None)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = selectors.person_duplicates(
            request.user,
            given_names=data["given_names"],
            first_surname=data["first_surname"],
            second_surname=data["second_surname"],
            birth_date=data["birth_date"],
            documents=[data["document_number"]] if data.get("document_number") else [],
            phones=[data["mobile"]] if data.get("mobile") else [],
        )
        if not duplicates or data["confirm_new"]:
            documents, channels = _register_inputs(data)
            try:
                person = services.person_register(
                    actor=request.user, data=data, documents=documents, channels=channels
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The person has been registered."))
                return redirect("people:detail", public_id=person.public_id)
    return render(request, "people/register.html", {"form": form, "duplicates": duplicates})


def _card_context(request, view):
    person = view.person
    card = selectors.person_card_for(request.user, view)
    return {
        "person": person,
        "access": view.access,
        "show_gender_identity": may_see_gender_identity(request.user, person, view.access),
        "documents": card.documents,
        "channels": card.channels,
        "current_memberships": [m for m in card.memberships if m.valid_until is None],
        "past_memberships": [m for m in card.memberships if m.valid_until is not None],
        "consents": card.consents,
        "may_write": view.access.reads_records and not person.is_restricted,
        "merges": selectors.merges_of_for(request.user, person)
        if request.user.has_perm(PeoplePerm.MERGE)
        else [],
    }


@require_perm(PeoplePerm.VIEW)
def detail(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    return render(request, "people/detail.html", _card_context(request, view))


def _writable(request, public_id):
    """The person, for a page that changes them: same reach as reading their file."""
    view = selectors.person_get_for(request.user, public_id)
    if not view.access.reads_records:
        raise selectors.deny_person(request.user, view.person)
    return view


@require_perm(PeoplePerm.REGISTER)
def edit(request, public_id):
    view = _writable(request, public_id)
    person = view.person
    form = EditForm(request.POST or None, instance=person, initial={"version": person.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                actor=request.user,
                person=Person.objects.get(pk=person.pk),
                data=data,
                expected_version=data["version"],
            )
        except StaleEdit as error:
            stale = [
                (Person._meta.get_field(name).verbose_name, value)
                for name, value in error.changed.items()
            ]
            form.add_error(None, error.args[0])
            # The next save is checked against what is stored now; the input stays.
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", public_id=person.public_id)
    return render(request, "people/edit.html", {"form": form, "person": person, "stale": stale})


@require_perm(PeoplePerm.REGISTER)
def contacts(request, public_id):
    """Add an identity document or a contact channel to an existing person."""
    view = _writable(request, public_id)
    person = view.person
    document_form = DocumentForm(
        request.POST if "add_document" in request.POST else None, prefix="document"
    )
    channel_form = ChannelForm(
        request.POST if "add_channel" in request.POST else None, prefix="channel"
    )
    for form, add in (
        (document_form, lambda d: services.document_add(
            actor=request.user, person=person, document=services.DocumentIn(d["kind"], d["number"])
        )),
        (channel_form, lambda d: services.channel_add(
            actor=request.user,
            person=person,
            channel=services.ChannelIn(d["kind"], d["value"], d["may_contact"]),
        )),
    ):  # fmt: skip
        if form.is_bound and form.is_valid():
            try:
                add(form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("people:detail", public_id=public_id)
    return render(
        request,
        "people/contacts.html",
        {"person": person, "document_form": document_form, "channel_form": channel_form},
    )


# --- households ---------------------------------------------------------------------


@require_perm(PeoplePerm.REGISTER)
def household_create(request, public_id):
    """A new household with this person in it (a move if they lived elsewhere)."""
    view = _writable(request, public_id)
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
        except ValidationError as error:
            _add_errors(form, error)
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
        person_view = _writable(request, data["person"])
        try:
            services.household_member_add(
                actor=request.user,
                household=view.household,
                person=person_view.person,
                relationship=data["relationship"],
                on=data["valid_from"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
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
    membership = next(
        (m for m, _visible in view.memberships if m.id == membership_id and m.valid_until is None),
        None,
    )
    if membership is None:
        raise Http404
    _writable(request, membership.person.public_id)
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.household_member_end(
                actor=request.user, membership=membership, on=form.cleaned_data["valid_until"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The stay in this household has ended."))
    else:
        flash_errors(request, form)
    return redirect("people:household", public_id=public_id)


# --- consents -----------------------------------------------------------------------


@require_perm(PeoplePerm.REGISTER)
def consent_add(request, public_id):
    view = _writable(request, public_id)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, person=view.person, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("people:detail", public_id=public_id)
    return render(request, "people/consent_form.html", {"form": form, "person": view.person})


@require_POST
@require_perm(PeoplePerm.REGISTER)
def consent_withdraw(request, public_id, consent_id):
    view = _writable(request, public_id)
    consent = selectors.consent_get_for(request.user, view.person, consent_id)
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Consent withdrawn."))
    return redirect("people:detail", public_id=public_id)


# --- merge --------------------------------------------------------------------------


@require_perm(PeoplePerm.MERGE)
def merge(request, public_id):
    """Compare this record (it survives) with another and merge the other into it."""
    survivor = _writable(request, public_id)
    choose = MergeChooseForm(request.GET or None)
    other = None
    form = MergeReasonForm(request.POST or None)
    if choose.is_valid():
        try:
            other_id = uuid.UUID(choose.cleaned_data["other"].strip().strip("/").split("/")[-1])
        except ValueError:
            choose.add_error("other", _("This is not a record identifier."))
        else:
            if other_id == survivor.person.public_id:
                choose.add_error("other", _("Choose two different records."))
            else:
                other = _writable(request, other_id)
    if other and request.method == "POST" and form.is_valid():
        try:
            services.person_merge(
                actor=request.user,
                survivor=survivor.person,
                merged=other.person,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The records were merged. The merge can be undone."))
            return redirect("people:detail", public_id=public_id)
    sides = []
    if other:
        for view in (survivor, other):
            card = selectors.person_card_for(request.user, view)
            sides.append({"person": view.person, "card": card})
    return render(
        request,
        "people/merge.html",
        {"person": survivor.person, "choose": choose, "form": form, "other": other, "sides": sides},
    )


@require_perm(PeoplePerm.MERGE)
def merge_undo(request, merge_id):
    merge_row = selectors.merge_get_for(request.user, merge_id)
    form = UndoReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_merge_undo(
                actor=request.user, merge=merge_row, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The merge was undone: there are two records again."))
            return redirect("people:detail", public_id=merge_row.merged.public_id)
    return render(request, "people/merge_undo.html", {"merge": merge_row, "form": form})


# --- break the glass, restriction, access log, export -------------------------------


@require_perm(PeoplePerm.BREAK_GLASS)
def emergency_access(request, public_id):
    """Ask for emergency access to a person outside one's scope."""
    person = selectors.person_for_emergency_access(request.user, public_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_grant_open(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.warning(
                request,
                _("Emergency access open for 4 hours. The data-protection officer is told."),
            )
            return redirect("people:detail", public_id=public_id)
    return render(request, "people/emergency_access.html", {"form": form, "public_id": public_id})


@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def emergency_reviews(request):
    """The data-protection officer's list of emergency accesses not reviewed yet."""
    grants = selectors.access_grants_unreviewed_for(request.user)
    page = Paginator(grants, 50).get_page(request.GET.get("page"))
    return render(request, "people/emergency_reviews.html", {"page": page})


@require_POST
@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def emergency_review(request, grant_id):
    grant = selectors.access_grant_get_for(request.user, grant_id)
    services.access_grant_review(actor=request.user, grant=grant, note=request.POST.get("note", ""))
    messages.success(request, _("Marked as reviewed."))
    return redirect("people:emergency_reviews")


@require_POST
@require_perm(PeoplePerm.RESTRICT)
def restrict(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    form = RestrictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason for this decision."))
    else:
        services.person_restrict(
            actor=request.user,
            person=view.person,
            reason=form.cleaned_data["reason"],
            restricted=request.POST.get("restricted") == "1",
        )
        messages.success(request, _("Saved."))
    return redirect("people:detail", public_id=public_id)


@require_perm(PeoplePerm.VIEW_ACCESS_LOG)
def access_log(request, public_id):
    view = selectors.person_get_for(request.user, public_id, reason="access log")
    events = selectors.person_access_log_for(request.user, view.person)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "people/access_log.html", {"person": view.person, "page": page})


@require_perm(PeoplePerm.EXPORT)
def export(request, public_id, fmt):
    return subject_access_response(request.user, public_id, fmt)
