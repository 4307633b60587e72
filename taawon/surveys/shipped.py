"""The XLSForms Taawon ships, written as rows (their source), and saved as .xlsx files under
`data/forms/` (what a form designer downloads and edits): the cooperative needs assessment,
the job seeker registration and the farm visit. `python -m taawon.surveys.shipped` rewrites
the files from these rows.
"""

from __future__ import annotations

from pathlib import Path

from .workbook import xlsx

FOLDER = Path(__file__).parent / "data" / "forms"
L = ["label::English (en)", "label::Arabic (ar)"]

YES_NO = [["yes_no", "yes", "Yes", "نعم"], ["yes_no", "no", "No", "لا"]]
IRAQ_GOVERNORATES = [
    ("IQ-AN", "Anbar", "الأنبار"),
    ("IQ-BA", "Basrah", "البصرة"),
    ("IQ-MU", "Muthanna", "المثنى"),
    ("IQ-NA", "Najaf", "النجف"),
    ("IQ-QA", "Qadisiyah", "القادسية"),
    ("IQ-SU", "Sulaymaniyah", "السليمانية"),
    ("IQ-BB", "Babil", "بابل"),
    ("IQ-BG", "Baghdad", "بغداد"),
    ("IQ-DA", "Duhok", "دهوك"),
    ("IQ-DI", "Diyala", "ديالى"),
    ("IQ-AR", "Erbil", "أربيل"),
    ("IQ-KA", "Karbala", "كربلاء"),
    ("IQ-KI", "Kirkuk", "كركوك"),
    ("IQ-MA", "Maysan", "ميسان"),
    ("IQ-NI", "Ninewa", "نينوى"),
    ("IQ-SD", "Salah al-Din", "صلاح الدين"),
    ("IQ-DQ", "Dhi Qar", "ذي قار"),
    ("IQ-WA", "Wasit", "واسط"),
]
VALUE_CHAINS = [
    ("dairy", "Dairy", "الألبان"),
    ("poultry", "Poultry", "الدواجن"),
    ("vegetables", "Vegetables", "الخضروات"),
    ("dates", "Dates", "التمور"),
    ("honey", "Honey", "العسل"),
    ("wheat", "Wheat and grains", "القمح والحبوب"),
    ("livestock", "Sheep and goats", "الأغنام والماعز"),
    ("fish", "Fish farming", "تربية الأسماك"),
    ("food_processing", "Food processing", "تصنيع الأغذية"),
    ("handicrafts", "Handicrafts", "الحرف اليدوية"),
]
SERVICES = [
    ("inputs", "Inputs (seeds, feed)", "مستلزمات الإنتاج (بذور، أعلاف)"),
    ("marketing", "Joint marketing", "التسويق المشترك"),
    ("storage", "Storage", "التخزين"),
    ("processing", "Processing", "التصنيع"),
    ("credit", "Credit to members", "قروض للأعضاء"),
    ("training", "Training", "التدريب"),
    ("machinery", "Machinery rental", "تأجير الآليات"),
    ("transport", "Transport", "النقل"),
]
STRENGTHS = [
    ("commitment", "Members' commitment", "التزام الأعضاء"),
    ("land", "Access to land", "توفر الأرض"),
    ("water", "Access to water", "توفر المياه"),
    ("equipment", "Equipment", "المعدات"),
    ("market_links", "Links to buyers", "العلاقات مع المشترين"),
    ("leadership", "Leadership", "القيادة"),
    ("women", "Women's participation", "مشاركة النساء"),
    ("skills", "Members' skills", "مهارات الأعضاء"),
]
WEAKNESSES = [
    ("finance_access", "Little access to finance", "ضعف الوصول إلى التمويل"),
    ("equipment", "Old or missing equipment", "معدات قديمة أو ناقصة"),
    ("skills", "Few technical skills", "ضعف المهارات الفنية"),
    ("market_access", "Little access to markets", "ضعف الوصول إلى الأسواق"),
    ("governance", "Weak governance", "ضعف الحوكمة"),
    ("water", "Water shortage", "شح المياه"),
    ("transport", "No transport", "انعدام النقل"),
    ("storage", "No storage", "انعدام التخزين"),
    ("prices", "Low prices", "انخفاض الأسعار"),
]
NEEDS = [
    ("training_management", "Training in management", "تدريب على الإدارة"),
    ("training_technical", "Technical training", "تدريب فني"),
    ("equipment", "Equipment", "معدات"),
    ("finance", "Finance or grants", "تمويل أو منح"),
    ("market_linkages", "Links to markets", "ربط بالأسواق"),
    ("storage", "Storage", "تخزين"),
    ("processing", "Processing", "تصنيع"),
    ("registration", "Legal registration", "تسجيل قانوني"),
    ("digital", "Digital tools", "أدوات رقمية"),
]
SCORES = [
    ("1", "1 – very weak", "١ – ضعيف جداً"),
    ("2", "2 – weak", "٢ – ضعيف"),
    ("3", "3 – fair", "٣ – مقبول"),
    ("4", "4 – good", "٤ – جيد"),
    ("5", "5 – very good", "٥ – جيد جداً"),
]


def _choices(list_name: str, rows) -> list[list[str]]:
    return [[list_name, name, en, ar] for name, en, ar in rows]


NEEDS_ASSESSMENT = {
    "survey": [
        ["type", "name", *L, "required", "relevant", "constraint", "appearance"],
        ["begin_group", "identity", "Cooperative", "الجمعية", "", "", "", "field-list"],
        [
            "text",
            "coop_name",
            "Name of the cooperative or group",
            "اسم الجمعية أو المجموعة",
            "yes",
            "",
            "",
            "",
        ],
        ["select_one kind", "kind", "Kind", "النوع", "yes", "", "", ""],
        ["select_one governorate", "governorate", "Governorate", "المحافظة", "yes", "", "", ""],
        ["text", "district", "District", "القضاء", "", "", "", ""],
        [
            "select_one value_chain",
            "value_chain",
            "Main value chain",
            "سلسلة القيمة الرئيسية",
            "yes",
            "",
            "",
            "",
        ],
        [
            "integer",
            "founded",
            "Year founded",
            "سنة التأسيس",
            "",
            "",
            ". >= 1950 and . <= 2030",
            "",
        ],
        ["end_group", "", "", "", "", "", "", ""],
        ["begin_group", "members", "Members", "الأعضاء", "", "", "", "field-list"],
        ["integer", "members_women", "Women members", "العضوات", "yes", "", ". >= 0", ""],
        ["integer", "members_men", "Men members", "الأعضاء الرجال", "yes", "", ". >= 0", ""],
        ["integer", "members_iraqi", "Iraqi members", "أعضاء عراقيون", "", "", ". >= 0", ""],
        [
            "integer",
            "members_syrian",
            "Syrian refugee members",
            "أعضاء لاجئون سوريون",
            "",
            "",
            ". >= 0",
            "",
        ],
        [
            "integer",
            "members_idp",
            "Internally displaced members",
            "أعضاء نازحون داخلياً",
            "",
            "",
            ". >= 0",
            "",
        ],
        ["integer", "members_other", "Other members", "أعضاء آخرون", "", "", ". >= 0", ""],
        ["end_group", "", "", "", "", "", "", ""],
        ["begin_group", "governance", "Governance", "الحوكمة", "", "", "", "field-list"],
        [
            "select_one yes_no",
            "bylaws",
            "Has written bylaws",
            "لديها نظام داخلي مكتوب",
            "yes",
            "",
            "",
            "",
        ],
        [
            "select_one yes_no",
            "assembly",
            "General assembly met this year",
            "اجتمعت الهيئة العامة هذا العام",
            "yes",
            "",
            "",
            "",
        ],
        ["select_one yes_no", "board_elected", "Board elected", "مجلس إدارة منتخب", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", ""],
        [
            "select_multiple service",
            "services",
            "Services offered to members",
            "الخدمات المقدمة للأعضاء",
            "",
            "",
            "",
            "",
        ],
        ["begin_group", "finances", "Finances", "المالية", "", "", "", "field-list"],
        [
            "decimal",
            "turnover_iqd",
            "Turnover last year (IQD)",
            "رقم الأعمال العام الماضي (دينار)",
            "",
            "",
            ". >= 0",
            "",
        ],
        [
            "select_one yes_no",
            "bank_account",
            "Has a bank account",
            "لديها حساب مصرفي",
            "",
            "",
            "",
            "",
        ],
        ["end_group", "", "", "", "", "", "", ""],
        ["select_one market", "main_market", "Main market", "السوق الرئيسية", "", "", "", ""],
        ["begin_group", "capacity", "Capacities", "القدرات", "", "", "", "field-list"],
        ["select_one score", "capacity_management", "Management", "الإدارة", "yes", "", "", ""],
        [
            "select_one score",
            "capacity_finance",
            "Financial management",
            "الإدارة المالية",
            "yes",
            "",
            "",
            "",
        ],
        ["select_one score", "capacity_marketing", "Marketing", "التسويق", "yes", "", "", ""],
        [
            "select_one score",
            "capacity_technical",
            "Technical skills",
            "المهارات الفنية",
            "yes",
            "",
            "",
            "",
        ],
        ["end_group", "", "", "", "", "", "", ""],
        [
            "begin_group",
            "assessment",
            "Strengths, weaknesses and needs",
            "نقاط القوة والضعف والاحتياجات",
            "",
            "",
            "",
            "",
        ],
        ["select_multiple strength", "strengths", "Strengths", "نقاط القوة", "", "", "", ""],
        ["select_multiple weakness", "weaknesses", "Weaknesses", "نقاط الضعف", "yes", "", "", ""],
        ["select_multiple need", "needs", "Needs", "الاحتياجات", "yes", "", "", ""],
        [
            "text",
            "support_wanted",
            "Support wanted, in their words",
            "الدعم المطلوب بكلماتهم",
            "",
            "",
            "",
            "multiline",
        ],
        ["end_group", "", "", "", "", "", "", ""],
        ["begin_repeat", "products", "Products", "المنتجات", "", "", "", ""],
        ["text", "product", "Product", "المنتج", "yes", "", "", ""],
        [
            "decimal",
            "volume_tonnes",
            "Volume last year (tonnes)",
            "الكمية العام الماضي (طن)",
            "",
            "",
            ". >= 0",
            "",
        ],
        ["end_repeat", "", "", "", "", "", "", ""],
        ["geopoint", "location", "Location", "الموقع", "", "", "", ""],
    ],
    "choices": [
        ["list_name", "name", *L],
        *YES_NO,
        ["kind", "cooperative", "Cooperative", "جمعية تعاونية"],
        ["kind", "producer_group", "Producer group", "مجموعة منتجين"],
        ["kind", "association", "Association", "رابطة"],
        *_choices("governorate", IRAQ_GOVERNORATES),
        *_choices("value_chain", VALUE_CHAINS),
        *_choices("service", SERVICES),
        ["market", "local", "Local", "محلية"],
        ["market", "regional", "Regional", "إقليمية"],
        ["market", "national", "National", "وطنية"],
        ["market", "export", "Export", "تصدير"],
        *_choices("score", SCORES),
        *_choices("strength", STRENGTHS),
        *_choices("weakness", WEAKNESSES),
        *_choices("need", NEEDS),
    ],
    "settings": [
        ["form_id", "version", "form_title", "default_language"],
        ["coop_needs_assessment", "2026120101", "Cooperative needs assessment", "English (en)"],
    ],
}

JOB_SEEKER_REGISTRATION = {
    "survey": [
        ["type", "name", *L, "required", "constraint"],
        ["text", "given_name_ar", "Given name (Arabic)", "الاسم الأول", "yes", ""],
        ["text", "father_name_ar", "Father's name (Arabic)", "اسم الأب", "", ""],
        ["text", "family_name_ar", "Family name (Arabic)", "اسم العائلة", "yes", ""],
        [
            "text",
            "given_name_en",
            "Given name (Latin letters)",
            "الاسم الأول بالأحرف اللاتينية",
            "",
            "",
        ],
        [
            "text",
            "family_name_en",
            "Family name (Latin letters)",
            "اسم العائلة بالأحرف اللاتينية",
            "",
            "",
        ],
        ["select_one sex", "sex", "Sex", "الجنس", "yes", ""],
        ["integer", "birth_year", "Year of birth", "سنة الميلاد", "yes", ". >= 1940 and . <= 2012"],
        ["select_one nationality", "nationality", "Nationality", "الجنسية", "yes", ""],
        [
            "select_one displacement",
            "displacement_status",
            "Displacement status",
            "وضع النزوح",
            "yes",
            "",
        ],
        ["select_one governorate", "governorate", "Governorate", "المحافظة", "", ""],
        ["text", "phone", "Phone", "الهاتف", "", ""],
        [
            "select_multiple occupation",
            "occupations",
            "Occupations sought",
            "المهن المطلوبة",
            "yes",
            "",
        ],
        ["integer", "experience_years", "Years of experience", "سنوات الخبرة", "", ". >= 0"],
        ["select_one yes_no", "needs_transport", "Needs transport", "يحتاج إلى نقل", "", ""],
        ["image", "photo", "Photo of the registration sheet", "صورة استمارة التسجيل", "", ""],
    ],
    "choices": [
        ["list_name", "name", *L],
        *YES_NO,
        ["sex", "female", "Female", "أنثى"],
        ["sex", "male", "Male", "ذكر"],
        ["nationality", "JO", "Jordanian", "أردني"],
        ["nationality", "SY", "Syrian", "سوري"],
        ["nationality", "IQ", "Iraqi", "عراقي"],
        ["nationality", "LB", "Lebanese", "لبناني"],
        ["displacement", "host_community", "Host community", "المجتمع المضيف"],
        ["displacement", "refugee", "Refugee registered with UNHCR", "لاجئ مسجل لدى المفوضية"],
        ["displacement", "asylum_seeker", "Asylum seeker", "طالب لجوء"],
        ["displacement", "other", "Other", "أخرى"],
        ["governorate", "JO-MA", "Mafraq", "المفرق"],
        ["governorate", "JO-IR", "Irbid", "إربد"],
        ["governorate", "JO-BA", "Balqa", "البلقاء"],
        ["governorate", "IQ-DA", "Duhok", "دهوك"],
        ["governorate", "IQ-AR", "Erbil", "أربيل"],
        ["occupation", "9211", "Crop farm labourer", "عامل زراعي"],
        ["occupation", "6111", "Field crop and vegetable grower", "مزارع خضروات"],
        ["occupation", "8341", "Farm machinery operator", "سائق آليات زراعية"],
        ["occupation", "7512", "Baker", "خباز"],
    ],
    "settings": [
        ["form_id", "version", "form_title", "default_language"],
        ["job_seeker_registration", "2026120101", "Job seeker registration", "English (en)"],
    ],
}

FARM_VISIT = {
    "survey": [
        ["type", "name", *L, "required", "constraint"],
        [
            "integer",
            "employer",
            "Employer number in Taawon",
            "رقم صاحب العمل في تعاون",
            "yes",
            ". > 0",
        ],
        ["date", "visit_date", "Date of the visit", "تاريخ الزيارة", "yes", ""],
        ["select_one purpose", "purpose", "Purpose", "الغرض", "yes", ""],
        ["text", "findings", "Findings", "النتائج", "", ""],
        ["text", "next_steps", "Next steps", "الخطوات التالية", "", ""],
        ["image", "photo", "Photo", "صورة", "", ""],
    ],
    "choices": [
        ["list_name", "name", *L],
        ["purpose", "outreach", "Outreach", "تواصل"],
        ["purpose", "vacancy_collection", "Vacancy collection", "جمع الشواغر"],
        ["purpose", "awareness", "OSH and labour rights awareness", "توعية بالسلامة وحقوق العمل"],
        ["purpose", "follow_up", "Follow-up", "متابعة"],
    ],
    "settings": [
        ["form_id", "version", "form_title", "default_language"],
        ["farm_visit", "2026120101", "Farm visit", "English (en)"],
    ],
}

FORMS = {
    "coop_needs_assessment": NEEDS_ASSESSMENT,
    "job_seeker_registration": JOB_SEEKER_REGISTRATION,
    "farm_visit": FARM_VISIT,
}

# Which question feeds which parameter of the registry target: data, kept with the form.
MAPPINGS = {
    "job_seeker_registration": (
        "person_job_seeker",
        {
            name: name
            for name in (
                "given_name_ar",
                "father_name_ar",
                "family_name_ar",
                "given_name_en",
                "family_name_en",
                "sex",
                "birth_year",
                "nationality",
                "displacement_status",
                "governorate",
                "phone",
                "occupations",
                "experience_years",
                "needs_transport",
            )
        },
    ),
    "farm_visit": (
        "farm_visit",
        {
            "employer": "employer",
            "date": "visit_date",
            "purpose": "purpose",
            "findings": "findings",
            "next_steps": "next_steps",
        },
    ),
}


def path(form_id: str) -> Path:
    return FOLDER / f"{form_id}.xlsx"


def content(form_id: str) -> bytes:
    return path(form_id).read_bytes()


def write_all() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for form_id, sheets in FORMS.items():
        path(form_id).write_bytes(xlsx(sheets))


if __name__ == "__main__":
    write_all()
