from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.community.figures.tables import DIMENSIONS

DIMENSION_CHOICES = [(key, label) for key, (label, _choices) in DIMENSIONS.items()]


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    subject = forms.ChoiceField(label=_("Figures of"), required=False)
    rows = forms.ChoiceField(label=_("Rows"), choices=DIMENSION_CHOICES, initial="axis")
    cols = forms.ChoiceField(label=_("Columns"), choices=DIMENSION_CHOICES, initial="gender")

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
