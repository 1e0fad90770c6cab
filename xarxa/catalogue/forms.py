from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.catalogue.models import Public, ServiceKind, ServiceStatus
from xarxa.catalogue.services import EDITABLE
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
    waiting = forms.IntegerField(label=_("People waiting"), min_value=0, required=False)
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

    @classmethod
    def for_service(cls, service, data=None):
        initial = {name: getattr(service, name) for name in EDITABLE}
        for language in ("ca", "es", "en"):
            initial[f"description_{language}"] = service.texts.get(language, {}).get(
                "description", ""
            )
        initial["version"] = service.version
        return cls(data, initial=initial)

    def texts(self) -> dict:
        return {
            language: {"description": self.cleaned_data[f"description_{language}"]}
            for language in ("ca", "es", "en")
        }
