from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.competences import ActicLevel
from xarxa.community.participants.models import (
    AgeBand,
    Gender,
    Moment,
    Origin,
    OutcomeKind,
    Situation,
)
from xarxa.core.forms import date_field


class ProfileFields(forms.Form):
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    age_band = forms.ChoiceField(label=_("Age band"), choices=AgeBand.choices)
    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices)
    origin = forms.ChoiceField(label=_("Origin"), choices=Origin.choices, initial="not_stated")


class ParticipantForm(ProfileFields):
    registered = forms.BooleanField(label=_("Register with name (needs consent)"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Surnames"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    consent = forms.BooleanField(
        label=_("The participant agrees that the point keeps their name and contact"),
        required=False,
    )


class FromReferralForm(ProfileFields):
    referral = forms.ChoiceField(label=_("Person referred by social services"))
    consent = forms.BooleanField(
        label=_("The person agrees to be registered at the point with their name"),
        required=False,
    )

    def __init__(self, *args, referrals=(), **kwargs):
        super().__init__(*args, prefix="ref", **kwargs)
        self.fields["referral"].choices = [
            (str(r.public_id), f"{r.person.display_name} · {r.created_at:%d/%m/%Y}")
            for r in referrals
        ]


NOT_RECORDED = "not_stated"


class WalkInForm(ParticipantForm):
    """Someone who walks in, anonymous unless they agree to be registered: nothing about
    them is preselected; a question left unanswered is recorded as not stated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = {"gender": Gender, "age_band": AgeBand, "situation": Situation, "origin": Origin}
        for name, choices in profile.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("Not recorded")), *choices.choices]
            field.required = False
            field.initial = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("gender", "age_band", "situation", "origin"):
            data[name] = data.get(name) or NOT_RECORDED
        return data


class EnrolForm(forms.Form):
    participant = forms.UUIDField(label=_("Participant"))


class SelfAssessmentForm(forms.Form):
    moment = forms.ChoiceField(label=_("When"), choices=Moment.choices)

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"level-{domain.code}"] = forms.TypedChoiceField(
                label=domain.name,
                coerce=int,
                choices=[(n, f"{n} · {domain.level_text(n)}") for n in range(1, 6)],
                widget=forms.RadioSelect,
            )

    def scores(self):
        return {d.code: self.cleaned_data.get(f"level-{d.code}") for d in self.domains}


class ActicForm(forms.Form):
    level = forms.ChoiceField(label=_("ACTIC level"), choices=ActicLevel.choices)
    obtained_on = date_field(_("Obtained on"), initial=timezone.localdate)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DividesForm(forms.Form):
    divides = forms.MultipleChoiceField(
        label=_("Digital divides seen"),
        choices=[
            ("access", _("Access: no device or connection of their own")),
            ("use", _("Use: lacks the skills to use them")),
            ("outcomes", _("Outcomes: does not get what they need online")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
