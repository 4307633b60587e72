"""Who may do what to the person registry, and what a record's state allows: the one place.

Reach (which organisations' records a user may read, change or reveal) is decided by
`taawon.accounts.scoping` alone; these rules add what the registry's states allow. Services
enforce them; views, API handlers and templates ask them. `None` as the user is the system
itself (the demo loader, an import run by a command) and may do anything reach would allow.
"""

from __future__ import annotations

from taawon.accounts import scoping
from taawon.accounts.models import User

from .models import Person, PersonIdentifier

DOMAIN = "people"
CHANGE, ARCHIVE, RESTORE, REVEAL, RECORD_CONSENT, ANONYMISE = (
    "change",
    "archive",
    "restore",
    "reveal",
    "record_consent",
    "anonymise",
)


def may_read_registry(user: User | None) -> bool:
    """Whether the registry is open to `user` at all (its pages, API and exports)."""
    return not scoping.reach(user, scoping.READ, domain=DOMAIN).empty


def may_register(user: User | None) -> bool:
    """Whether `user` may register persons for some organisation."""
    return not scoping.reach(user, scoping.CHANGE, domain=DOMAIN).empty


def may_register_for(user: User | None, owner_id: int) -> bool:
    return user is None or owner_id in scoping.reach(user, scoping.CHANGE, domain=DOMAIN)


def may_read(user: User | None, person: Person) -> bool:
    """Whether `user` may open `person`'s record (a duplicate candidate shows more then)."""
    return user is None or scoping.can(user, scoping.READ, person)


def may_change(user: User | None, person: Person) -> bool:
    """Whether `user`'s reach covers changing `person` (whatever its state)."""
    return may_register_for(user, person.owner_id)


def may_reveal(user: User | None, identifier: PersonIdentifier) -> bool:
    """Whether `user` may see an identity document's number in clear."""
    return user is not None and scoping.can(user, scoping.REVEAL, identifier)


def may_anonymise(user: User | None, person: Person) -> bool:
    """Erasure on request is for administrators (of the person's organisation or above);
    `None`, the retention task, may anonymise any record it selects."""
    if person.status == Person.Status.MERGED or person.anonymised_at is not None:
        return False
    return user is None or scoping.can(user, scoping.MANAGE_USERS, person)


def person_actions(user: User | None, person: Person) -> list[str]:
    """What `user` may do to `person` now: "change", "archive" or "restore",
    "record_consent", "reveal" (its identifiers' numbers), and "anonymise" (erasure)."""
    actions = []
    if person.status != Person.Status.MERGED and may_change(user, person):
        actions.append(CHANGE)
        actions.append(ARCHIVE if person.status == Person.Status.ACTIVE else RESTORE)
        if person.status == Person.Status.ACTIVE:
            actions.append(RECORD_CONSENT)
    if user is not None and scoping.can(user, scoping.REVEAL, person):
        actions.append(REVEAL)
    if user is not None and may_anonymise(user, person):
        actions.append(ANONYMISE)
    return actions
