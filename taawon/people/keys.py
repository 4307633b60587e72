"""Key rotation of the encrypted identifiers: re-encrypt under the first key and recompute the
blind index under the first key's index key, batch by batch, resumable.

The procedure (README, "Data protection"): put the new key first in TAAWON_FIELD_KEYS, keeping
the old ones after it; run `taawon rotate-keys` (again, if interrupted: it resumes); when it
reports "finished", drop the old keys. Until then lookups and uniqueness checks use the index
under every configured key (`FieldCipher.blind_indexes`), so a row not yet rewritten is found.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from taawon.core.crypto import cipher

from .models import KeyRotation, PersonIdentifier

BATCH_SIZE = 500


@dataclass(frozen=True)
class RotationProgress:
    rewritten: int
    remaining: int
    finished: bool


def current_rotation() -> KeyRotation:
    """The checkpoint towards the current first key (created on the first run)."""
    rotation, _created = KeyRotation.objects.get_or_create(
        key_fingerprint=cipher().index_fingerprint
    )
    return rotation


@transaction.atomic
def rotate_identifier_batch(*, rotation: KeyRotation, batch_size: int = BATCH_SIZE) -> int:
    """Rewrite the next `batch_size` identifiers after the checkpoint; 0 when none is left.

    One transaction per batch: the rows and the checkpoint move together, so an interrupted
    run loses at most the batch it was writing, and the next run starts from there.
    """
    rotation = KeyRotation.objects.select_for_update().get(pk=rotation.pk)
    rows = list(
        PersonIdentifier.objects.filter(pk__gt=rotation.last_identifier)
        .order_by("pk")
        .only("pk", "kind", "value_encrypted", "blind_index", "near_indexes")[:batch_size]
    )
    if not rows:
        if rotation.finished_at is None:
            rotation.finished_at = timezone.now()
            rotation.save(update_fields=["finished_at"])
        return 0
    fields = cipher()
    for row in rows:
        value = fields.decrypt(row.value_encrypted)
        row.value_encrypted = fields.rotate(row.value_encrypted)
        row.blind_index = fields.blind_index(row.kind, value)
        row.near_indexes = fields.near_indexes(row.kind, value)
    # Only these columns: `updated_at`/`updated_by` stay, a rotation changes nobody's record.
    PersonIdentifier.objects.bulk_update(rows, ["value_encrypted", "blind_index", "near_indexes"])
    rotation.last_identifier = rows[-1].pk
    rotation.rewritten += len(rows)
    rotation.save(update_fields=["last_identifier", "rewritten"])
    return len(rows)


def rotate_keys(
    *, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> RotationProgress:
    """Run batches until every identifier is rewritten or `max_batches` is reached."""
    rotation = current_rotation()
    done = 0
    while max_batches is None or done < max_batches:
        if not rotate_identifier_batch(rotation=rotation, batch_size=batch_size):
            break
        done += 1
    rotation.refresh_from_db()
    remaining = PersonIdentifier.objects.filter(pk__gt=rotation.last_identifier).count()
    if not remaining and rotation.finished_at is None:
        rotate_identifier_batch(rotation=rotation, batch_size=batch_size)
        rotation.refresh_from_db()
    return RotationProgress(
        rewritten=rotation.rewritten, remaining=remaining, finished=rotation.finished_at is not None
    )
