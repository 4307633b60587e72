"""Every translatable string has its Arabic translation, and the compiled catalogue is current."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import taawon

PACKAGE = Path(taawon.__file__).resolve().parent
PO = PACKAGE / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(po_text: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry but the header; plural forms joined."""
    entries = []
    for block in po_text.split("\n\n"):
        fuzzy = re.search(r"^#,.*\bfuzzy\b", block, re.M) is not None
        lines = [ln for ln in block.splitlines() if not ln.startswith("#")]
        current, fields = None, {}
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        msgid = fields.get("msgid")
        if not msgid:
            continue
        translations = [v for k, v in fields.items() if k.startswith("msgstr")]
        entries.append((msgid, "" if any(t == "" for t in translations) else "ok", fuzzy))
    return entries


def test_makemessages_leaves_no_string_untranslated(tmp_path):
    copy = tmp_path / "taawon"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "ar", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    refreshed = (copy / "locale" / "ar" / "LC_MESSAGES" / "django.po").read_text()
    missing = [msgid for msgid, msgstr, fuzzy in _entries(refreshed) if not msgstr or fuzzy]
    assert missing == []


def test_the_compiled_catalogue_matches_the_translations(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert compiled.read_bytes() == MO.read_bytes()
