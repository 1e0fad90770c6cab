from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.projects.models import Framework
from xarxa.core.forms import date_field


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    framework = forms.ChoiceField(label=_("Framework"), choices=[], required=False)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    partners = forms.CharField(
        label=_("Partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Local entities, schools, services: one per line."),
    )
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    ends_on = date_field(_("Ends on"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = Framework.choices


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
