from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.training.models import FACILITATOR_COMPETENCES
from xarxa.core.forms import date_field


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=500)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    competences = forms.MultipleChoiceField(
        label=_("Competences"), choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].choices = list(FACILITATOR_COMPETENCES.items())
