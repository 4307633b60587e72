"""A dashboard's worth of figures, as the engine would give them for the brief's quarter, in
the active language (the labels are translated when built)."""

from __future__ import annotations

from taawon.reports.figures import Chart, HeadlineFigure

# Governorates of Jordan with their centroids (taawon/geo/data/areas.csv).
GOVERNORATES = [
    ("Amman", "عمان", (31.72, 36.25), 620),
    ("Irbid", "إربد", (32.55, 35.85), 410),
    ("Mafraq", "المفرق", (32.34, 37.0), 330),
    ("Zarqa", "الزرقاء", (31.92, 36.55), 180),
    ("Balqa", "البلقاء", (32.03, 35.70), 80),
]


def name(english: str, arabic: str) -> str:
    from django.utils.translation import get_language

    return arabic if get_language() == "ar" else english


def figures() -> list[HeadlineFigure]:
    return [
        HeadlineFigure(name("Registered", "المسجلون"), 1620, women=591, syrians=389),
        HeadlineFigure(name("Placed", "المُشغَّلون"), 1300, women=454, syrians=299),
        HeadlineFigure(name("Farms visited", "المزارع التي زيرت"), 140),
        HeadlineFigure(name("Jobs secured", "فرص العمل المؤمنة"), 2000, women="<5"),
    ]


def charts() -> list[Chart]:
    places = [name(en, ar) for en, ar, _, _ in GOVERNORATES]
    values = [v for *_, v in GOVERNORATES]
    women, men = name("Women", "نساء"), name("Men", "رجال")
    return [
        Chart(
            title=name("Registered by governorate", "المسجلون حسب المحافظة"),
            kind="map",
            categories=places,
            series=[(name("Registered", "المسجلون"), values)],
            coordinates=[point for _, _, point, _ in GOVERNORATES],
            outline=[point for _, _, point, _ in GOVERNORATES] + [(29.5, 35.0), (32.3, 39.0)],
            heading=name("Governorate", "المحافظة"),
            total=1620,
        ),
        Chart(
            title=name("Women and men", "النساء والرجال"),
            kind="shares",
            categories=[name("Registered", "المسجلون"), name("Placed", "المُشغَّلون")],
            series=[(women, [591, 454]), (men, [1029, 846])],
            row_totals=[1620, 1300],
        ),
        Chart(
            title=name("Placed by month", "المُشغَّلون حسب الشهر"),
            kind="line",
            categories=[
                name("Jul 2020", "تموز 2020"),
                name("Aug 2020", "آب 2020"),
                name("Sep 2020", "أيلول 2020"),
            ],
            series=[(name("Placed", "المُشغَّلون"), [310, 450, 540])],
            heading=name("Month", "الشهر"),
        ),
        Chart(
            title=name("Registered by governorate and sex", "المسجلون حسب المحافظة والجنس"),
            kind="columns",
            categories=places,
            series=[(women, [230, 150, 120, 60, 31]), (men, [390, 260, 210, 120, "<5"])],
            row_totals=values,
            column_totals=[591, 1029],
            total=1620,
            heading=name("Governorate", "المحافظة"),
        ),
        Chart(
            title=name("Jobs secured by crop", "فرص العمل حسب المحصول"),
            kind="bars",
            categories=[
                name("Tomatoes", "البندورة"),
                name("Olives", "الزيتون"),
                name("Dates", "التمور"),
            ],
            series=[(name("Jobs", "فرص العمل"), [1200, 650, 150])],
        ),
    ]
