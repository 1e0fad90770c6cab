"""Moved to ``xarxa.records.standing``, the case standing's one owner; this import path
stays for the importers outside screening (demo loader, benchmarks) until they switch."""

from xarxa.records.standing import standings_refresh

__all__ = ["standings_refresh"]
