from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import date_field
from xarxa.plans.models import ActionStatus, GoalStatus, Who

LEVELS = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanStartForm(forms.Form):
    template = forms.CharField(label=_("Template"), required=False)
    person_words = forms.CharField(
        label=_("What the person wants, in their own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_on = date_field(_("Agreed on"), required=False)


class WordsForm(VersionForm):
    person_words = forms.CharField(
        label=_("What the person wants, in their own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalForm(forms.Form):
    description = forms.CharField(label=_("Goal"), max_length=300)
    domain = forms.CharField(label=_("Domain"), required=False)
    target_level = forms.TypedChoiceField(
        label=_("Target level"), choices=LEVELS, coerce=int, empty_value=None, required=False
    )
    target_on = date_field(_("Target date"), required=False)


class GoalUpdateForm(VersionForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    target_level = forms.TypedChoiceField(
        label=_("Target level"), choices=LEVELS, coerce=int, empty_value=None, required=False
    )
    target_on = date_field(_("Target date"), required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    who = forms.ChoiceField(label=_("Who"), choices=Who.choices)
    referral = forms.CharField(label=_("Referral"), required=False)
    goal = forms.IntegerField(label=_("Goal"), required=False)
    due_on = date_field(_("Due date"), required=False)


class ActionUpdateForm(VersionForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    due_on = date_field(_("Due date"), required=False)


class ReviewForm(VersionForm):
    on = date_field(_("Review date"), initial=timezone.localdate)  # usually held today
    what_changed = forms.CharField(
        label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
