from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.community.activities.models import Axis
from xarxa.community.competences import digcomp_choices
from xarxa.community.knowledge.models import ResourceKind
from xarxa.core.links import WebLinkField


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    summary = forms.CharField(
        label=_("What it is and how to use it"), widget=forms.Textarea(attrs={"rows": 3})
    )
    link = WebLinkField(label=_("Link"), required=False, assume_scheme="https")
    axes = forms.MultipleChoiceField(
        label=_("Axes"), choices=Axis.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    digcomp = forms.MultipleChoiceField(
        label=_("DigComp 2.2 competences"),
        choices=digcomp_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResourceKind.choices


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
