"""Synthetic persons for the demo Osona: households with their history, documents,
contacts, consents, case files with three years of interventions, problems, a timeline,
planted duplicates, and the search index.

``builder`` runs the load; ``households`` and ``cases`` write what each household and
case file holds; ``profile`` has the rates and texts, ``identity`` the documents and
typing slips. Names and places are data (``xarxa/demo/data/names.json``)."""

from xarxa.demo.bulk import refresh_statistics
from xarxa.demo.people.builder import PeopleBuilder
from xarxa.demo.people.profile import SHARE_OF_POPULATION

__all__ = ["SHARE_OF_POPULATION", "PeopleBuilder", "refresh_statistics"]
