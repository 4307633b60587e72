"""Fixed lists the employment unit works with, each entry named in English and Arabic.

ISIC Rev.4 sections (an employer's sector), the OSH checklist a farm visit fills in, and the
skills a job seeker offers and a vacancy asks for. They live in code rather than in tables:
they change with a release, not at run time, and records store their codes. Names in both
scripts are data, not interface strings, so they show in Arabic before any catalogue is
translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Entry:
    code: str
    name_en: str
    name_ar: str

    @property
    def display_name(self) -> str:
        return self.name_ar if get_language() == "ar" else self.name_en

    def __str__(self) -> str:
        return self.display_name


# ---- ISIC Rev.4 sections (UN Statistics Division, English and official Arabic versions)
ISIC_SECTIONS: tuple[Entry, ...] = (
    Entry("A", "Agriculture, forestry and fishing", "الزراعة والحراجة وصيد الأسماك"),
    Entry("B", "Mining and quarrying", "التعدين واستغلال المحاجر"),
    Entry("C", "Manufacturing", "الصناعات التحويلية"),
    Entry(
        "D",
        "Electricity, gas, steam and air conditioning supply",
        "إمدادات الكهرباء والغاز والبخار وتكييف الهواء",
    ),
    Entry(
        "E",
        "Water supply; sewerage, waste management and remediation activities",
        "إمدادات المياه وأنشطة الصرف الصحي وإدارة النفايات ومعالجتها",
    ),
    Entry("F", "Construction", "التشييد"),
    Entry(
        "G",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        "تجارة الجملة والتجزئة؛ إصلاح المركبات ذات المحركات والدراجات النارية",
    ),
    Entry("H", "Transportation and storage", "النقل والتخزين"),
    Entry("I", "Accommodation and food service activities", "أنشطة خدمات الإقامة والطعام"),
    Entry("J", "Information and communication", "المعلومات والاتصالات"),
    Entry("K", "Financial and insurance activities", "الأنشطة المالية وأنشطة التأمين"),
    Entry("L", "Real estate activities", "الأنشطة العقارية"),
    Entry(
        "M",
        "Professional, scientific and technical activities",
        "الأنشطة المهنية والعلمية والتقنية",
    ),
    Entry(
        "N", "Administrative and support service activities", "أنشطة الخدمات الإدارية وخدمات الدعم"
    ),
    Entry(
        "O",
        "Public administration and defence; compulsory social security",
        "الإدارة العامة والدفاع؛ الضمان الاجتماعي الإلزامي",
    ),
    Entry("P", "Education", "التعليم"),
    Entry("Q", "Human health and social work activities", "أنشطة صحة الإنسان والعمل الاجتماعي"),
    Entry("R", "Arts, entertainment and recreation", "الفنون والترفيه والتسلية"),
    Entry("S", "Other service activities", "أنشطة الخدمات الأخرى"),
    Entry(
        "T",
        "Activities of households as employers; undifferentiated goods- and services-producing"
        " activities of households for own use",
        "أنشطة الأسر المعيشية كصاحبة عمل؛ أنشطة الأسر المعيشية في إنتاج سلع وخدمات غير مميزة"
        " لاستعمالها الخاص",
    ),
    Entry(
        "U",
        "Activities of extraterritorial organizations and bodies",
        "أنشطة المنظمات والهيئات غير الخاضعة للولاية الوطنية",
    ),
)

# ---- Occupational safety and health on a farm: what a visit checks, one answer per item.
# Drawn from the ILO code of practice on safety and health in agriculture (2010) and the
# programme's awareness sessions (heat, pesticides, transport, COVID-19).
OSH_CHECKLIST: tuple[Entry, ...] = (
    Entry("drinking_water", "Clean drinking water for workers", "مياه شرب نظيفة للعمال"),
    Entry("toilets", "Toilets and hand-washing on site", "مراحيض ومرافق لغسل الأيدي في الموقع"),
    Entry(
        "separate_sanitation",
        "Separate toilets for women and men",
        "مراحيض منفصلة للنساء والرجال",
    ),
    Entry(
        "shade_and_breaks",
        "Shade, rest area and breaks in the heat",
        "ظل ومكان للاستراحة وفترات راحة في الحر",
    ),
    Entry("first_aid", "First-aid kit and a trained first-aider", "حقيبة إسعافات أولية ومسعف مدرّب"),
    Entry(
        "protective_equipment",
        "Protective equipment provided free (gloves, masks, boots)",
        "معدات وقاية مجانية (قفازات، كمامات، أحذية)",
    ),
    Entry(
        "pesticide_storage",
        "Pesticides locked away, labelled, apart from food and water",
        "المبيدات مخزنة بإحكام ومعلّمة وبعيدة عن الطعام والماء",
    ),
    Entry(
        "pesticide_reentry",
        "Workers kept out of sprayed fields until it is safe",
        "إبعاد العمال عن الحقول المرشوشة حتى يصبح دخولها آمناً",
    ),
    Entry(
        "machinery",
        "Tractors and machines guarded and driven by trained workers",
        "الجرارات والآلات محمية ويقودها عمال مدرّبون",
    ),
    Entry(
        "safe_transport",
        "Safe transport to the farm (seats, no open trailers)",
        "نقل آمن إلى المزرعة (مقاعد، دون مقطورات مكشوفة)",
    ),
    Entry(
        "working_hours",
        "Working hours, overtime pay and weekly rest respected",
        "احترام ساعات العمل وأجر العمل الإضافي والراحة الأسبوعية",
    ),
    Entry("no_child_labour", "No children under 16 working", "لا يعمل أطفال دون السادسة عشرة"),
    Entry(
        "written_terms",
        "Workers know their wage and terms in writing",
        "يعرف العمال أجورهم وشروط عملهم كتابةً",
    ),
    Entry(
        "covid19",
        "COVID-19 prevention (distance, masks, hand-washing)",
        "الوقاية من كوفيد-19 (التباعد، الكمامات، غسل الأيدي)",
    ),
)


class OshAnswer:
    """The answers an OSH checklist item takes; `na` is "does not apply here"."""

    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "na"
    VALUES = (YES, NO, NOT_APPLICABLE)


# ---- Skills: what matching compares between a job seeker and a vacancy, by code.
SKILLS: tuple[Entry, ...] = (
    Entry("harvesting", "Harvesting and picking", "الحصاد والقطاف"),
    Entry("planting", "Planting and transplanting", "الزراعة والتشتيل"),
    Entry("pruning", "Pruning and grafting", "التقليم والتطعيم"),
    Entry("irrigation", "Drip irrigation", "الري بالتنقيط"),
    Entry("greenhouse", "Greenhouse work", "العمل في البيوت البلاستيكية"),
    Entry("pesticide_application", "Safe pesticide application", "الرش الآمن للمبيدات"),
    Entry(
        "sorting_packing", "Sorting, grading and packing produce", "فرز المنتجات وتدريجها وتعبئتها"
    ),
    Entry("olive_harvest", "Olive harvest and pressing", "قطاف الزيتون وعصره"),
    Entry("date_palm", "Date palm care and pollination", "رعاية النخيل وتلقيحه"),
    Entry("livestock", "Livestock care", "رعاية المواشي"),
    Entry("milking", "Milking", "الحلب"),
    Entry("poultry", "Poultry farming", "تربية الدواجن"),
    Entry("beekeeping", "Beekeeping", "تربية النحل"),
    Entry("tractor", "Tractor driving", "قيادة الجرارات"),
    Entry("dairy_processing", "Dairy processing", "تصنيع الألبان"),
    Entry("food_processing", "Food processing and preserving", "تصنيع الأغذية وحفظها"),
    Entry("cooking", "Cooking", "الطهي"),
    Entry("masonry", "Masonry and block laying", "البناء ورصف الطوب"),
    Entry("plastering", "Plastering", "القصارة (اللياسة)"),
    Entry("tiling", "Tiling", "تبليط"),
    Entry("painting", "Painting", "الدهان"),
    Entry("steel_fixing", "Steel fixing", "تشبيك الحديد"),
    Entry("carpentry", "Carpentry and formwork", "النجارة والطوبار"),
    Entry("plumbing", "Plumbing", "التمديدات الصحية"),
    Entry("electrical", "Electrical installation", "التمديدات الكهربائية"),
    Entry("welding", "Welding", "اللحام"),
    Entry("sewing", "Sewing", "الخياطة"),
    Entry("cleaning", "Cleaning", "التنظيف"),
    Entry("caregiving", "Care of children or older persons", "رعاية الأطفال أو كبار السن"),
    Entry("driving_light", "Driving licence, light vehicles", "رخصة قيادة مركبات خفيفة"),
    Entry("driving_heavy", "Driving licence, heavy vehicles", "رخصة قيادة مركبات ثقيلة"),
    Entry("forklift", "Forklift operation", "تشغيل الرافعة الشوكية"),
    Entry("sales", "Sales and customer service", "المبيعات وخدمة العملاء"),
    Entry("bookkeeping", "Bookkeeping", "مسك الدفاتر"),
    Entry("computer", "Computer use", "استخدام الحاسوب"),
    Entry("english", "English", "اللغة الإنجليزية"),
    Entry("first_aid", "First aid", "الإسعافات الأولية"),
)

# ---- Crops whose calendars the units record, for the seasonal labour demand forecast.
CROPS: tuple[Entry, ...] = (
    Entry("tomatoes", "Tomatoes", "البندورة"),
    Entry("cucumbers", "Cucumbers", "الخيار"),
    Entry("eggplants", "Eggplants", "الباذنجان"),
    Entry("peppers", "Peppers", "الفلفل"),
    Entry("zucchini", "Zucchini", "الكوسا"),
    Entry("potatoes", "Potatoes", "البطاطا"),
    Entry("onions", "Onions", "البصل"),
    Entry("watermelons", "Watermelons", "البطيخ"),
    Entry("strawberries", "Strawberries", "الفراولة"),
    Entry("olives", "Olives", "الزيتون"),
    Entry("dates", "Date palms", "النخيل"),
    Entry("citrus", "Citrus", "الحمضيات"),
    Entry("grapes", "Grapes", "العنب"),
    Entry("bananas", "Bananas", "الموز"),
    Entry("wheat", "Wheat", "القمح"),
    Entry("barley", "Barley", "الشعير"),
)

_BY_CODE = {
    "isic": {e.code: e for e in ISIC_SECTIONS},
    "osh": {e.code: e for e in OSH_CHECKLIST},
    "skills": {e.code: e for e in SKILLS},
    "crops": {e.code: e for e in CROPS},
}
ISIC_CODES = tuple(e.code for e in ISIC_SECTIONS)
OSH_CODES = tuple(e.code for e in OSH_CHECKLIST)
SKILL_CODES = tuple(e.code for e in SKILLS)
CROP_CODES = tuple(e.code for e in CROPS)


def isic_section(code: str) -> Entry | None:
    return _BY_CODE["isic"].get(code)


def osh_item(code: str) -> Entry | None:
    return _BY_CODE["osh"].get(code)


def skill(code: str) -> Entry | None:
    return _BY_CODE["skills"].get(code)


def isic_choices() -> list[tuple[str, str]]:
    """Sections for a <select>, "A — Agriculture, …", in the reader's language."""
    return [(e.code, f"{e.code} — {e.display_name}") for e in ISIC_SECTIONS]


def skill_choices() -> list[tuple[str, str]]:
    return [(e.code, e.display_name) for e in SKILLS]


def skill_names(codes: list[str]) -> list[str]:
    return [entry.display_name for code in codes if (entry := skill(code))]


def crop(code: str) -> Entry | None:
    return _BY_CODE["crops"].get(code)


def crop_choices() -> list[tuple[str, str]]:
    return [(e.code, e.display_name) for e in CROPS]
