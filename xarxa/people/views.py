"""Pages for finding, registering and reading persons: thin adapters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.concurrency import StaleEdit
from xarxa.core.policies import require_perm
from xarxa.people import selectors, services
from xarxa.people.access import may_see_gender_identity
from xarxa.people.forms import EditForm, PersonSearchForm, ReasonForm, RegisterForm
from xarxa.people.models import ChannelKind, Person
from xarxa.people.policies import PeoplePerm
from xarxa.people.subject_access import export_as_json, export_as_pdf, person_export_for


@require_perm(PeoplePerm.VIEW)
def search(request):
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.person_search_for(request.user, form.cleaned_data["q"])
    partial = request.headers.get("HX-Request") == "true"
    template = "people/_results.html" if partial else "people/search.html"
    return render(request, template, {"form": form, "results": results})


def _register_inputs(data):
    documents, channels = [], []
    if data.get("document_kind"):
        documents.append(services.DocumentIn(data["document_kind"], data["document_number"]))
    if data.get("mobile"):
        channels.append(
            services.ChannelIn(ChannelKind.MOBILE, data["mobile"], data.get("may_contact", False))
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
                form.add_error(None, error)
            else:
                messages.success(request, _("The person has been registered."))
                return redirect("people:detail", public_id=person.public_id)
    return render(request, "people/register.html", {"form": form, "duplicates": duplicates})


def _card_context(request, view):
    person = view.person
    return {
        "person": person,
        "access": view.access,
        "show_gender_identity": may_see_gender_identity(request.user, person, view.access),
        "documents": person.documents.all(),
        "channels": person.channels.all(),
        "memberships": person.memberships.select_related("household").order_by("-valid_from"),
        "consents": person.consents.order_by("-given_on"),
    }


@require_perm(PeoplePerm.VIEW)
def detail(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    return render(request, "people/detail.html", _card_context(request, view))


@require_perm(PeoplePerm.REGISTER)
def edit(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
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
            # Fields where the saved record now differs from what this user sent.
            stale = [
                (Person._meta.get_field(name).verbose_name, getattr(error.current, name))
                for name in services.PERSON_FIELDS
                if name in data and getattr(error.current, name) != data[name]
            ]
            form.add_error(None, error.args[0])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", public_id=person.public_id)
    return render(request, "people/edit.html", {"form": form, "person": person, "stale": stale})


@require_perm(PeoplePerm.BREAK_GLASS)
def emergency_access(request, public_id):
    """Ask for emergency access to a person outside one's scope."""
    person = Person.objects.filter(public_id=public_id).first()
    if person is None:
        return render(request, "core/error.html", status=404)
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


@require_POST
@require_perm(PeoplePerm.RESTRICT)
def restrict(request, public_id):
    view = selectors.person_get_for(request.user, public_id)
    form = ReasonForm(request.POST)
    restricted = request.POST.get("restricted") == "1"
    if restricted and not form.is_valid():
        messages.error(request, _("Write the reason for the restriction."))
    else:
        services.person_restrict(
            actor=request.user,
            person=view.person,
            reason=request.POST.get("reason", ""),
            restricted=restricted,
        )
        messages.success(request, _("Saved."))
    return redirect("people:detail", public_id=public_id)


@require_perm(PeoplePerm.EXPORT)
def export(request, public_id, fmt):
    if fmt not in {"json", "pdf"}:
        raise Http404
    view = selectors.person_get_for(request.user, public_id, reason="subject-access request")
    data = person_export_for(request.user, view.person)
    if fmt == "pdf":
        body, content_type = export_as_pdf(data), "application/pdf"
    else:
        body, content_type = export_as_json(data), "application/json"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="xarxa-{public_id}.{fmt}"'
    return response
