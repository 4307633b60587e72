"""The registry's duplicate check, in bulk, for the holders an import does not find by their
identity document.

Whom to score comes from the registry's one candidate search
(`taawon.people.candidates.stream_candidates`, its bulk reads one round of holders at a
time): the blocks of thousands of holders are read at once, a few statements per chunk of
keys, where the registration's one-record reads would take a third of a second each.
Candidates are then scored by the registry's own matcher (`taawon.lib.person_match.compare`
on the records `people.candidates.records_of` reads), so an import links exactly whom the
registration prompt would have shown as this sure a match. Each round is scored before the
next is read: memory holds one round's candidates, whatever the size of the file.
"""

from __future__ import annotations

from collections.abc import Mapping

from taawon.lib.person_match import PersonRecord, compare
from taawon.people import candidates as people_candidates

# Candidates scored per holder at most, the newest first, after those of the other sex or
# born more than BIRTH_WINDOW years apart are left out: neither reaches a linking score.
MAX_BLOCK = 300
BIRTH_WINDOW = 1

# A holder's identity document: (kind, blind index of the number).
Identity = tuple[str, str]


def confident_matches(
    records: Mapping[Identity, PersonRecord], *, min_score: float
) -> dict[Identity, int]:
    """For each holder, the one registry person the matcher scores at `min_score` or more;
    holders with none, or with several, are left out.

    A registry person holding another document of the holder's kind is never taken: that is
    someone else (or a typing error to settle by hand).
    """
    found: dict[Identity, int] = {}
    rounds = people_candidates.stream_candidates(
        records, limit=MAX_BLOCK, birth_window=BIRTH_WINDOW
    )
    for blocks in rounds:
        # Without near identifiers: a holder's record has none (a registry person with a
        # number of the holder's kind one digit off is someone else's document, left out
        # below), and near forms are a score of strings per candidate, of a hundred
        # thousand candidates a round.
        others = people_candidates.records_of(
            (pk for block in blocks.values() for pk in block), near_identifiers=False
        )
        for ident, block in blocks.items():
            record, kind = records[ident], ident[0]
            sure = []
            for pk in block:
                other = others.get(pk)
                if other is None:
                    continue
                if any(
                    document.split(":", 1)[0] == kind and document not in record.identifiers
                    for document in other.identifiers
                ):
                    continue
                if compare(record, other).score >= min_score:
                    sure.append(pk)
            if len(sure) == 1:
                found[ident] = sure[0]
    return found
