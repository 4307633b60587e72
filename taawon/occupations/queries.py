"""Reads of ISCO-08 occupation groups (reference data, not owned by anyone, so not scoped)."""

import re

from django.db.models import QuerySet

from .models import Occupation

# Vowel marks and tatweel are dropped, hamza seats, alif maqsura and taa marbuta folded, so
# that "اجير" finds "أجير" and "مزرعه" finds "مزرعة", as people type on phones.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")
_ARABIC_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"}
)


def _fold(text: str) -> str:
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLDS).casefold()


def unit_groups() -> QuerySet[Occupation]:
    """The 436 unit groups (four digits), the level at which people and vacancies are coded."""
    return Occupation.objects.filter(level=Occupation.Level.UNIT).order_by("code")


def get_by_code(code: str) -> Occupation | None:
    return Occupation.objects.select_related("parent").filter(code=str(code).strip()).first()


def search(q: str, limit: int = 20) -> QuerySet[Occupation]:
    """Groups whose code starts with `q`, or whose English or Arabic title holds every word of it.

    Unit groups come first, the level a counsellor codes at. The titles are matched in Python
    after folding Arabic spelling variants: 619 short rows are cheaper to scan than to index,
    and neither SQLite nor PostgreSQL folds hamza forms on its own.
    """
    q = q.strip()
    if not q:
        return Occupation.objects.none()
    if q.isdigit():
        matches = Occupation.objects.filter(code__startswith=q)
    else:
        words = _fold(q).split()
        codes = [
            code
            for code, title_en, title_ar in Occupation.objects.values_list(
                "code", "title_en", "title_ar"
            )
            if all(word in _fold(f"{title_en} {title_ar}") for word in words)
        ]
        matches = Occupation.objects.filter(code__in=codes)
    return matches.order_by("-level", "code")[:limit]


def unit_group_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Unit groups grouped under their major group, in the reader's language, for a <select>."""
    majors = {o.code: o for o in Occupation.objects.filter(level=Occupation.Level.MAJOR)}
    groups: dict[str, list[tuple[int, str]]] = {code: [] for code in sorted(majors)}
    for unit in unit_groups():
        groups[unit.code[0]].append((unit.pk, f"{unit.code} {unit.display_title}"))
    return [(majors[code].display_title, options) for code, options in groups.items()]
