"""Finalise an SSM-CAT assessment with chosen levels (the rest at 4)."""

from xarxa.screening import services
from xarxa.screening.models import Instrument


def finalise(actor, person, low=(), *, level=2, on=None, case=None):
    instrument = Instrument.objects.get(code="ssm-cat")
    assessment = services.assessment_start(
        actor=actor, person=person, instrument=instrument, case=case
    )
    if on is not None:
        type(assessment).objects.filter(pk=assessment.pk).update(assessed_on=on)
        assessment.refresh_from_db()
    for domain in instrument.domains.filter(group="core"):
        services.score_set(
            actor=actor,
            assessment=assessment,
            domain=domain,
            level=level if domain.code in low else 4,
        )
    services.assessment_finalise(actor=actor, assessment=assessment)
    return assessment
