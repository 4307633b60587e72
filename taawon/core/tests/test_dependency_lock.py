"""requirements.lock pins every dependency of pyproject.toml, at a version it allows.

`make install` installs from the lock alone (with hashes); a dependency added to pyproject.toml
without `make lock` would be missing from every fresh install. This test says so first.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + [
        line for extra in project.get("optional-dependencies", {}).values() for line in extra
    ]
    return [Requirement(line) for line in lines]


def locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def test_the_lock_pins_every_dependency_of_pyproject_at_an_allowed_version():
    pins = locked()
    assert "django" in pins and "pytest" in pins
    missing = [str(r) for r in declared() if canonicalize_name(r.name) not in pins]
    assert not missing, (
        f"requirements.lock lacks {', '.join(missing)} from pyproject.toml: run `make lock` "
        "and commit requirements.lock."
    )
    outside = [
        f"{r} (locked: {pins[canonicalize_name(r.name)]})"
        for r in declared()
        if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, (
        f"requirements.lock pins versions pyproject.toml excludes: {', '.join(outside)}; "
        "run `make lock` and commit requirements.lock."
    )


def test_every_pin_carries_hashes():
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [entry for entry in entries if PIN.match(entry)]
    assert len(pinned) == len(locked())
    assert all("--hash=sha256:" in entry for entry in pinned)
