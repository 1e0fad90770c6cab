from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import date_field
from xarxa.referrals.models import ConsentMethod
from xarxa.referrals.states import LegalBasis, Outcome, RefusalReason, SharedData, Urgency
from xarxa.territory.models import Abss


class ReferralForm(forms.Form):
    service = forms.TypedChoiceField(label=_("Service"), coerce=int)
    person = forms.TypedChoiceField(label=_("Person referred"), coerce=int)
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    request = forms.CharField(
        label=_("What you ask the service to do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="ordinary")
    shared = forms.MultipleChoiceField(
        label=_("What the service may read"),
        choices=SharedData.choices,
        initial=[SharedData.IDENTITY, SharedData.SUMMARY],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Share only what the service needs."),
    )
    transition_from = forms.TypedChoiceField(
        label=_("A transition: the service the person leaves"),
        help_text=_("For example the SIS at 18, or the hospital on discharge."),
        coerce=int,
        required=False,
        empty_value=None,
    )
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals of the plan the next service takes on"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_given = forms.BooleanField(
        label=_("The person (or their representative) agreed to this sharing"), required=False
    )
    consent_by = forms.CharField(label=_("Who agreed"), max_length=120, required=False)
    consent_method = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *ConsentMethod.choices], required=False
    )
    legal_basis = forms.ChoiceField(
        label=_("Without consent: legal basis"),
        choices=[("", "—"), *LegalBasis.choices[1:]],
        required=False,
    )
    legal_basis_note = forms.CharField(
        label=_("Why it cannot wait for consent"), max_length=500, required=False
    )

    def __init__(self, *args, services=(), persons=(), goals=(), leaving=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s.pk, s.name) for s in services]
        self.fields["transition_from"].choices = [("", "—"), *((s.pk, s.name) for s in leaving)]
        self.fields["person"].choices = [(p.pk, p.display_name) for p in persons]
        self.fields["goals"].choices = [(g["goal"], g["description"]) for g in goals]
        if not goals:
            del self.fields["goals"]


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=[])
    reason = forms.CharField(label=_("Note"), max_length=500, required=False)
    refusal_reason = forms.ChoiceField(
        label=_("Why not"), choices=[("", "—"), *RefusalReason.choices], required=False
    )
    alternative = forms.CharField(label=_("Alternative proposed"), max_length=300, required=False)
    outcome = forms.ChoiceField(
        label=_("How it ended"), choices=[("", "—"), *Outcome.choices], required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, s) for s in states]


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    to_both = forms.BooleanField(
        label=_("The other service can read it"), required=False, initial=True
    )


class DashboardForm(forms.Form):
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    abss = forms.ModelChoiceField(
        label=_("ABSS"), queryset=Abss.objects.order_by("code"), required=False,
        empty_label=_("All of them"),
    )  # fmt: skip

    def period(self) -> dict:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "date_from": data.get("date_from") or today - timedelta(days=365),
            "date_to": data.get("date_to") or today,
            "abss_id": data["abss"].pk if data.get("abss") else None,
        }


class PartnerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("We can take the person")), ("refuse", _("We cannot"))],
        widget=forms.RadioSelect,
    )
    refusal_reason = forms.ChoiceField(
        label=_("Why not"), choices=[("", "—"), *RefusalReason.choices], required=False
    )
    alternative = forms.CharField(
        label=_("Alternative you propose"), max_length=300, required=False
    )
    note = forms.CharField(label=_("Note for the social worker"), max_length=300, required=False)
