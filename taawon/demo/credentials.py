"""Demo passwords: generated once per machine and kept in var/demo-passwords.txt.

A fixed password printed in a README ends up on a server some day; generated ones do not,
and keeping them in var/ (ignored by git, next to the demo's generated keys) lets the demo
print the same passwords on every start.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

FILENAME = "demo-passwords.txt"
# Short words that are easy to type on an Arabic or an English keyboard layout alike.
WORDS = (
    "olive", "tomato", "harvest", "valley", "orchard", "wheat", "honey", "thyme",
    "lemon", "grape", "barley", "cedar", "spring", "river", "desert", "garden",
    "almond", "fig", "date", "mint", "sage", "apricot", "lentil", "pepper",
)  # fmt: skip


def path() -> Path:
    return Path(settings.VAR_DIR) / FILENAME


def generate() -> str:
    words = [secrets.choice(WORDS) for _ in range(3)]
    return "-".join(words) + f"-{secrets.randbelow(1000):03d}"


def read() -> dict[str, str]:
    file = path()
    if not file.exists():
        return {}
    passwords = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            username, _sep, password = line.strip().partition(" ")
            passwords[username] = password.strip()
    return passwords


def ensure(usernames: Iterable[str]) -> tuple[dict[str, str], set[str]]:
    """Passwords for `usernames`, generating missing ones; returns (passwords, generated)."""
    passwords = read()
    generated = {name for name in usernames if not passwords.get(name)}
    if not generated:
        return passwords, generated
    for name in sorted(generated):
        passwords[name] = generate()
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Taawon demo logins: username password (local demo data only)"]
    lines += [f"{name} {password}" for name, password in sorted(passwords.items())]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    file.chmod(0o600)
    return passwords, generated
