"""Pages for finding, registering, reading and correcting a person: thin adapters over
selectors and services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import REFUSALS, form_errors
from xarxa.core.policies import require_perm
from xarxa.people import policies, selectors, services
from xarxa.people.forms import ChannelForm, DocumentForm, EditForm, PersonSearchForm, RegisterForm
from xarxa.people.models import ChannelKind, Person, Protection
from xarxa.people.policies import LimitReached, PeoplePerm


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
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            duplicates = selectors.person_duplicates(
                request.user,
                given_names=data["given_names"],
                first_surname=data["first_surname"],
                second_surname=data["second_surname"],
                birth_date=data["birth_date"],
                documents=[data["document_number"]] if data.get("document_number") else [],
                phones=[data["mobile"]] if data.get("mobile") else [],
            )
        except LimitReached as limit:
            form.add_error(None, str(limit))
            status = 429
        if status == 200 and (not duplicates or data["confirm_new"]):
            documents, channels = _register_inputs(data)
            try:
                person = services.person_register(
                    actor=request.user, data=data, documents=documents, channels=channels
                )
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The person has been registered."))
                return redirect("people:detail", public_id=person.public_id)
    return render(
        request, "people/register.html", {"form": form, "duplicates": duplicates}, status=status
    )


def _card_context(request, view):
    person = view.person
    card = selectors.person_card_for(request.user, view)
    return {
        "person": person,
        "access": view.access,
        "show_gender_identity": policies.may_see_gender_identity(request.user, person, view.access),
        "documents": card.documents,
        "channels": card.channels,
        "current_memberships": [m for m in card.memberships if m.valid_until is None],
        "past_memberships": [m for m in card.memberships if m.valid_until is not None],
        "consents": card.consents,
        "may_write": policies.may_write_person(view.access, person),
        "protection_choices": Protection.choices,
        "merges": selectors.merges_of_for(request.user, person)
        if request.user.has_perm(PeoplePerm.MERGE)
        else [],
    }


@require_perm(PeoplePerm.VIEW)
def detail(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    return render(request, "people/detail.html", _card_context(request, view))


@require_perm(PeoplePerm.REGISTER)
def edit(request, public_id):
    view = selectors.person_writable_for(request.user, public_id)
    person = view.person
    form = EditForm(request.POST or None, instance=person, initial={"version": person.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                actor=request.user,
                person=person,
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
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", public_id=person.public_id)
    return render(request, "people/edit.html", {"form": form, "person": person, "stale": stale})


@require_perm(PeoplePerm.REGISTER)
def contacts(request, public_id):
    """Add an identity document or a contact channel to an existing person."""
    view = selectors.person_writable_for(request.user, public_id)
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
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("people:detail", public_id=public_id)
    return render(
        request,
        "people/contacts.html",
        {"person": person, "document_form": document_form, "channel_form": channel_form},
    )
