"""Merging and "not the same person" ask first: the merge page says what will move (found by
the merge itself, rolled back) and acts only on a token of what it showed."""

import datetime

import pytest

from taawon.core.confirming import ConfirmationChanged
from taawon.core.models import AuditEvent
from taawon.duplicates import services
from taawon.duplicates.models import DuplicatePair, Merge
from taawon.employment.awareness.services import record_awareness_session
from taawon.messaging.models import OutboundMessage
from taawon.people.models import Consent, Person

from .factories import ConsentFactory, governorate, khaled, pair_of


@pytest.fixture
def pair(personas):
    kept = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234567")
    other = khaled(personas.unit_a, personas.counsellor_a, phone="+962791234568")
    record_awareness_session(
        owner=personas.unit_a,
        topic="osh",
        date=datetime.date(2024, 5, 1),
        governorate=governorate(),
        venue="Mafraq",
        facilitator="Rana",
        recorded_by=None,
        participants=[other],
    )
    return pair_of(kept, other)


def footprint() -> dict[str, object]:
    return {
        "audit": AuditEvent.objects.count(),
        "merges": Merge.objects.count(),
        "statuses": sorted(Person.objects.values_list("pk", "status")),
        "pairs": sorted(DuplicatePair.objects.values_list("pk", "status")),
        "consents": sorted(Consent.objects.values_list("pk", "person_id")),
        "messages": OutboundMessage.objects.count(),
    }


def test_the_preview_says_what_the_merge_moves_and_writes_nothing(personas, pair):
    before = footprint()

    preview = services.preview_merge(
        pair=pair, survivor=pair.person_a, performed_by=personas.counsellor_a
    )

    assert footprint() == before
    # The merged record attended a session: that attendance is what moves.
    assert preview.moved == {"employment.awarenesssession_participants": 1}
    merge = services.merge_pair(
        pair=pair, survivor=pair.person_a, performed_by=personas.counsellor_a,
        confirm=preview.token,
    )  # fmt: skip
    assert services.MergePreview.of(merge).moved == preview.moved


def test_a_record_linked_since_the_preview_asks_again_and_merges_nothing(personas, pair):
    shown = services.preview_merge(
        pair=pair, survivor=pair.person_a, performed_by=personas.counsellor_a
    )
    ConsentFactory(person=pair.person_b, purpose=Consent.Purpose.SMS, recorded_by=None)
    before = footprint()

    with pytest.raises(ConfirmationChanged):
        services.merge_pair(
            pair=pair, survivor=pair.person_a, performed_by=personas.counsellor_a,
            confirm=shown.token,
        )  # fmt: skip

    assert footprint() == before


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_merge_page_states_the_consequences_then_merges_on_confirmation(
    personas, login, url, pair, lang
):
    client = login(personas.counsellor_a)
    choice = {"survivor": pair.person_a_id, "keep_field": "phone"}

    asked = client.post(url("pair_merge", pair.pk, lang=lang), choice)

    assert asked.status_code == 200
    page = asked.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    if lang == "en":
        assert f"(record {pair.person_b_id}) will be merged into" in main
        assert "1 awareness session (registered participants) moves to the record kept." in main
        assert "You can undo it from the merges list" in main
    # What the reviewer chose on the pair page is posted again with the confirmation.
    assert 'name="keep_field" value="phone"' in main
    assert f'name="survivor" value="{pair.person_a_id}"' in main
    for inline in ("<script>", " onclick=", " style=", "hx-on"):
        assert inline not in main
    assert not Merge.objects.exists()

    done = client.post(
        url("pair_merge", pair.pk, lang=lang), {**choice, "confirm": asked.context["token"]}
    )
    assert done.status_code == 302
    assert Merge.objects.get().survivor_id == pair.person_a_id


def test_a_stale_merge_confirmation_shows_the_new_consequences(personas, login, url, pair):
    client = login(personas.counsellor_a)
    choice = {"survivor": pair.person_a_id}
    token = client.post(url("pair_merge", pair.pk), choice).context["token"]
    ConsentFactory(person=pair.person_b, purpose=Consent.Purpose.SMS, recorded_by=None)

    again = client.post(url("pair_merge", pair.pk), {**choice, "confirm": token})

    assert again.status_code == 409
    assert again.context["token"] != token
    assert not Merge.objects.exists()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.PENDING


def test_not_the_same_person_says_what_it_means_and_a_viewer_may_not(personas, login, url, pair):
    asked = login(personas.counsellor_a).post(url("pair_reject", pair.pk))
    assert "will be recorded as two different persons" in asked.content.decode()
    assert "detection will not propose it again" in asked.content.decode()
    assert login(personas.viewer_a).post(url("pair_reject", pair.pk)).status_code == 403
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.PENDING
    with pytest.raises(ConfirmationChanged):
        services.review_pair(
            pair=pair, decision=services.DIFFERENT, reviewed_by=personas.counsellor_a,
            confirm="not-what-was-shown",
        )  # fmt: skip
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.PENDING
