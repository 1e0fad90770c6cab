"""Every user-facing string must have a Catalan and a Spanish translation.

The check extracts the strings from the code as they are now (into a copy of the
catalogues), so a new string without a translation fails here."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES_TO_CHECK = ["ca", "es"]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    source = Path(settings.BASE_DIR) / "locale"
    target = tmp_path_factory.mktemp("locale")
    shutil.copytree(source, target, dirs_exist_ok=True)
    env = {
        **os.environ,
        "XARXA_LOCALE_DIR": str(target),
        "DJANGO_SETTINGS_MODULE": "xarxa.settings",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "xarxa",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv/*",
            "--ignore=tests/*",
            "--ignore=bench/*",
            "--ignore=var/*",
            *[f"-l{code}" for code in LANGUAGES_TO_CHECK],
        ],
        # From inside the package: run from the project root, makemessages would also pick
        # up ./locale and write the committed catalogues instead of the copy.
        cwd=Path(settings.BASE_DIR) / "xarxa",
        env=env,
        check=True,
        capture_output=True,
    )
    return target


@pytest.mark.parametrize("language", LANGUAGES_TO_CHECK)
def test_every_string_is_translated(fresh_catalogues, language):
    catalogue = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / "django.po"))
    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and (
            "fuzzy" in entry.flags
            or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
            or (not entry.msgid_plural and not entry.msgstr)
        )
    ]
    assert not missing, f"{len(missing)} strings lack a {language} translation: {missing[:20]}"


def test_committed_catalogues_are_current(fresh_catalogues):
    """The .po files in the repository hold every string the code uses."""
    for language in LANGUAGES_TO_CHECK:
        committed = polib.pofile(
            str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
        )
        fresh = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / "django.po"))
        assert {e.msgid for e in fresh} <= {e.msgid for e in committed}, language
