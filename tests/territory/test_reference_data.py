from datetime import date

import pytest

from xarxa.territory.models import Abss, ComarcaMembership, Municipality
from xarxa.territory.selectors import abss_for_municipality

pytestmark = pytest.mark.django_db


def comarca_on(name, day):
    m = ComarcaMembership.objects.valid_on(day).get(municipality__name=name)
    return m.comarca.name


def test_osona_has_its_four_abss():
    assert set(Abss.objects.values_list("code", flat=True)) == {
        "ABSS-CCO",
        "ABSS-VIC",
        "ABSS-MAN",
        "ABSS-MLP",
    }


def test_municipality_counts_follow_the_boundary_changes():
    def osona(day):
        return ComarcaMembership.objects.valid_on(day).filter(comarca__code="osona").count()

    assert osona(date(2023, 1, 1)) == 50  # 50 before the Lluçanès was created
    assert osona(date(2024, 6, 1)) == 42  # IDESCAT 2024: Osona 42, Lluçanès 8
    assert osona(date(2025, 9, 1)) == 43  # Aiguafreda joined in July 2025
    llucanes = ComarcaMembership.objects.valid_on(date(2024, 6, 1)).filter(comarca__code="llucanes")
    assert llucanes.count() == 8


def test_llucanes_and_aiguafreda_histories():
    assert comarca_on("Prats de Lluçanès", date(2023, 1, 1)) == "Osona"
    assert comarca_on("Prats de Lluçanès", date(2024, 1, 1)) == "Lluçanès"
    assert comarca_on("Aiguafreda", date(2025, 1, 1)) == "Vallès Oriental"
    assert comarca_on("Aiguafreda", date(2025, 8, 1)) == "Osona"
    assert comarca_on("Sant Feliu Sasserra", date(2024, 1, 1)) == "Bages"
    aiguafreda = ComarcaMembership.objects.filter(municipality__name="Aiguafreda")
    assert not any(m.verified for m in aiguafreda)  # the day of the move is not verified


def test_abss_follows_the_municipality_at_a_date():
    vic = Municipality.objects.get(name="Vic")
    assert abss_for_municipality(vic, date(2024, 1, 1)).code == "ABSS-VIC"
    tona = Municipality.objects.get(name="Tona")
    assert abss_for_municipality(tona, date(2024, 1, 1)).code == "ABSS-MLP"
    aiguafreda = Municipality.objects.get(name="Aiguafreda")
    assert abss_for_municipality(aiguafreda, date(2024, 1, 1)) is None
    assert abss_for_municipality(aiguafreda, date(2025, 8, 1)).code == "ABSS-MLP"
    olost = Municipality.objects.get(name="Olost")
    assert abss_for_municipality(olost, date(2024, 1, 1)).code == "ABSS-CCO"


def test_girona_province_is_not_derived_from_the_comarca():
    girona = set(Municipality.objects.filter(province="17").values_list("name", flat=True))
    assert girona == {"Espinelves", "Vidrà", "Viladrau"}


def test_reloading_the_data_is_idempotent():
    from importlib import import_module

    from django.apps import apps

    loader = import_module("xarxa.territory.migrations.0002_load_osona")
    before = (Municipality.objects.count(), ComarcaMembership.objects.count())
    loader.load(apps, None)
    assert (Municipality.objects.count(), ComarcaMembership.objects.count()) == before
