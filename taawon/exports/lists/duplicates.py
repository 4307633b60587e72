"""Export of the duplicate detection's review queue (possible duplicate pairs)."""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from taawon.duplicates import queries
from taawon.duplicates import rules as duplicates_rules
from taawon.duplicates.forms import QueueFilterForm
from taawon.lib.tabular.export import Column

from ..pseudonyms import pseudonym
from ..registry import ListExport, register
from . import display, raw, text


def _pairs(user, params: QueryDict):
    return queries.review_queue(user, status=QueueFilterForm(params or None).status_value())


def _side(side: str, label_ref, label_ar, label_en) -> tuple[Column, ...]:
    return (
        Column(
            label_ref,
            f"#person+code+{side}",
            lambda row: pseudonym(getattr(row, f"person_{side}_id")),
        ),
        Column(label_ar, f"#person+name+i_ar+{side}", text(f"person_{side}.name_ar"), True),
        Column(label_en, f"#person+name+i_en+{side}", text(f"person_{side}.name_en"), True),
    )


register(
    ListExport(
        name="duplicate_pairs",
        title=_("Possible duplicates"),
        may_read=duplicates_rules.may_read,
        rows=_pairs,
        columns=(
            Column(_("Pair"), "#meta+code", raw("pk")),
            Column(_("Score"), "#indicator+score", raw("score")),
            Column(_("Status"), "#status", display("", "status")),
            Column(_("Found by"), "#meta+source", display("", "source")),
            Column(_("Found at"), "#date+found", raw("found_at")),
            *_side(
                "a",
                _("First person reference"),
                _("First person, name (Arabic)"),
                _("First person, name (Latin)"),
            ),
            *_side(
                "b",
                _("Second person reference"),
                _("Second person, name (Arabic)"),
                _("Second person, name (Latin)"),
            ),
        ),
        domain="people",
        person_level=True,
        owners_of=lambda row: (row.person_a.owner_id, row.person_b.owner_id),
        persons_of=lambda row: (row.person_a_id, row.person_b_id),
    )
)
