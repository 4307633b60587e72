"""The catalogue the project ships: the ILO cooperative tools, as the programme translated
and adapted them to Jordan, and its other subjects. Loaded by a data migration, and again by
the demo (which finds them there)."""

from __future__ import annotations

# (code, subject, English name, Arabic name, minimum attendance %, [(language, adapted by)])
COURSES = (
    (
        "my-coop",
        "my_coop",
        "My.Coop: managing your agricultural cooperative",
        "ماي كوب: إدارة جمعيتك التعاونية الزراعية",
        80,
        [
            ("en", "ILO and ITC-ILO"),
            ("ar", "ILO Jordan with the Jordanian Cooperative Corporation"),
        ],
    ),
    (
        "think-coop",
        "think_coop",
        "Think.coop: is a cooperative right for you?",
        "ثينك كوب: هل التعاونية مناسبة لك؟",
        80,
        [("en", "ILO COOP"), ("ar", "ILO Jordan with the Jordanian Cooperative Corporation")],
    ),
    (
        "start-coop",
        "start_coop",
        "Start.coop: starting a cooperative",
        "ستارت كوب: تأسيس جمعية تعاونية",
        80,
        [("en", "ILO COOP"), ("ar", "ILO Jordan with the Jordanian Cooperative Corporation")],
    ),
    (
        "osh",
        "osh",
        "Occupational safety and health in agriculture",
        "السلامة والصحة المهنية في الزراعة",
        100,
        [("ar", "ILO Jordan"), ("en", "ILO")],
    ),
    (
        "labour-rights",
        "labour_rights",
        "Labour rights and the flexible work permit",
        "حقوق العمل وتصريح العمل المرن",
        100,
        [("ar", "ILO Jordan with the Ministry of Labour")],
    ),
    (
        "covid-workplace",
        "covid",
        "COVID-19 in the workplace",
        "كوفيد-19 في مكان العمل",
        100,
        [("ar", "ILO Jordan"), ("en", "ILO")],
    ),
    (
        "entrepreneurship",
        "entrepreneurship",
        "Project management and entrepreneurship",
        "إدارة المشاريع وريادة الأعمال",
        80,
        [("ar", "ILO Jordan"), ("en", "ILO")],
    ),
)


def load_catalogue(course_model, version_model) -> None:
    """Create the courses that are not there yet (by code); models given, for migrations."""
    for code, subject, name_en, name_ar, attendance, versions in COURSES:
        course, created = course_model.objects.get_or_create(
            code=code,
            defaults={
                "subject": subject,
                "name_en": name_en,
                "name_ar": name_ar,
                "min_attendance_percent": attendance,
            },
        )
        if created:
            for language, adapted_by in versions:
                version_model.objects.create(
                    course=course,
                    language=language,
                    adapted_by=adapted_by,
                    adapted_for="Jordan",
                    year=2020,
                )
