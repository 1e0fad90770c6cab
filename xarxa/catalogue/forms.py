from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.catalogue.models import (
    SENSITIVITY_CHOICES,
    Confidentiality,
    Public,
    ServiceKind,
    ServiceStatus,
)
from xarxa.catalogue.services import ADMINISTERED, EDITABLE
from xarxa.core.links import WebLinkField
from xarxa.records.problems import GROUPS
from xarxa.territory.models import Municipality


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=100, required=False)
    need = forms.ChoiceField(label=_("Need"), required=False)
    public = forms.ChoiceField(
        label=_("For whom"), required=False, choices=[("", _("Anyone")), *Public.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("Where"),
        required=False,
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("All of Osona"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        required=False,
        choices=[("", _("All kinds")), *ServiceKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Any need")), *GROUPS.items()]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"].strip(),
            "need": data["need"],
            "public": data["public"],
            "kind": data["kind"],
            "municipality": data["municipality"],
        }


class ServiceEditForm(forms.Form):
    """What the team that owns an entry keeps up to date. Saving counts as a review."""

    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    description_ca = forms.CharField(
        label=_("Description in Catalan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=0, required=False)
    answer_within = forms.IntegerField(
        label=_("Answer referrals within (working days)"), min_value=1, max_value=60
    )
    first_appointment_within = forms.IntegerField(
        label=_("First appointment within (days after accepting)"),
        help_text=_("Leave empty when places are given from a waiting list."),
        min_value=1,
        max_value=365,
        required=False,
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    url = WebLinkField(label=_("Web page"), required=False, assume_scheme="https")
    contact_public = forms.BooleanField(label=_("Show the contact to the public"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    # The administrators' fields (``administer``): removed for the owning team's form.
    name_ca = forms.CharField(label=_("Name in Catalan"), max_length=200)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind of service"), choices=ServiceKind.choices)
    owner_team: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Receiving team"),
        help_text=_("The team that receives the referrals and keeps the entry up to date."),
        queryset=None,
        required=False,
    )
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality of referrals"),
        choices=Confidentiality.choices,
        help_text=_(
            "Restricted: a referral to this service is named only to who may know where it"
            " went, and it carries the special category below."
        ),
    )
    special_category = forms.ChoiceField(
        label=_("Special category it works with"),
        choices=[("", _("None")), *[(v, label) for v, label in SENSITIVITY_CHOICES if v]],
        required=False,
    )
    publics = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Public.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs it answers"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Service area"), queryset=Municipality.objects.order_by("name"), required=False
    )
    languages = forms.CharField(
        label=_("Languages"),
        help_text=_("Two-letter codes separated by commas, such as ca, es."),
        max_length=100,
        required=False,
    )
    guaranteed = forms.BooleanField(label=_("Guaranteed by the catalogue"), required=False)
    minimum_age = forms.IntegerField(label=_("Minimum age"), min_value=0, required=False)
    maximum_age = forms.IntegerField(label=_("Maximum age"), min_value=0, required=False)

    ADMIN_FIELDS = (
        "name_ca", "name_es", "name_en", "kind", "owner_team", "confidentiality",
        "special_category", "publics", "needs", "areas", "languages", "guaranteed",
        "minimum_age", "maximum_age",
    )  # fmt: skip

    def __init__(self, *args, administer=False, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.administer = administer
        if administer:
            self.fields["owner_team"].queryset = teams
            self.fields["needs"].choices = list(GROUPS.items())
        else:
            for name in self.ADMIN_FIELDS:
                del self.fields[name]

    @classmethod
    def for_service(cls, service, data=None, *, administer=False, teams=None):
        initial = {name: getattr(service, name) for name in EDITABLE}
        for language in ("ca", "es", "en"):
            for field in ("name", "description"):
                initial[f"{field}_{language}"] = service.texts.get(language, {}).get(field, "")
        if administer:
            for name in ADMINISTERED:
                if name in cls.ADMIN_FIELDS:
                    initial[name] = getattr(service, name)
            initial["areas"] = list(service.areas.all())
            initial["languages"] = ", ".join(service.languages)
        initial["version"] = service.version
        return cls(data, initial=initial, administer=administer, teams=teams)

    def data_for_service(self) -> dict:
        """The cleaned values, as the service takes them."""
        data = dict(self.cleaned_data)
        if self.administer:
            data["special_category"] = data["special_category"] or ""
            data["languages"] = [
                code.strip().lower() for code in data["languages"].split(",") if code.strip()
            ]
        return {k: v for k, v in data.items() if not k.startswith(("name_", "description_"))}

    def texts(self) -> dict:
        fields = ("name", "description") if self.administer else ("description",)
        return {
            language: {f: self.cleaned_data[f"{f}_{language}"] for f in fields}
            for language in ("ca", "es", "en")
        }


class ServiceCreateForm(ServiceEditForm):
    """A new entry, by one of the administrators of its organisation."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=80,
        help_text=_("A short identifier: lower-case letters, digits and hyphens."),
    )
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Provider"), queryset=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, administer=True, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.order_fields(["code", "organisation", "name_ca", "name_es", "name_en", "kind"])
