from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import date_field
from xarxa.screening.models import DependencyRecord, TsoRecord


class TsoForm(forms.Form):
    score = forms.IntegerField(
        label=_("Score"),
        min_value=0,
        max_value=100,
        help_text=_("As computed on the paper scale."),
    )
    risk = forms.ChoiceField(label=_("Risk level"), choices=TsoRecord.Risk.choices)
    applied_on = date_field(_("Applied on"))
    applied_by = forms.CharField(label=_("Applied by"), max_length=150)


class DependencyForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("Grade"), choices=DependencyRecord.Grade.choices, required=False
    )
    applied_on = date_field(_("Application date"))
    assessed_on = date_field(_("Assessment date"), required=False)
    resolved_on = date_field(_("Resolution date"), required=False)
    pia_on = date_field(_("Care programme (PIA) agreed on"), required=False)
    pia_summary = forms.CharField(label=_("Care programme (PIA)"), max_length=300, required=False)
    review_on = date_field(_("Next review"), required=False)
