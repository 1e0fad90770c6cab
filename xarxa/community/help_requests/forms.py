from django import forms
from django.utils.translation import gettext_lazy as _

from xarxa.community.help_requests.models import ConsentMethodChoices
from xarxa.territory.models import Abss


class HelpRequestForm(forms.Form):
    abss = forms.ModelChoiceField(
        label=_("Social services area"), queryset=Abss.objects.order_by("name")
    )
    reason = forms.CharField(
        label=_("Why the person needs social services"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    consent = forms.BooleanField(
        label=_("The person agrees that the point asks social services to contact them"),
        required=False,
    )
    consent_method = forms.ChoiceField(label=_("How the person agreed"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="help", **kwargs)
        self.fields["consent_method"].choices = ConsentMethodChoices


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
