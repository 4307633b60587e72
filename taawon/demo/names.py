"""Name tables for the demo registry: Jordanian and Syrian names in Arabic with Latin spellings.

Each name has its Arabic form and one to three Latin spellings as they appear on real forms,
the most common first. Registration desks write the same name many ways (Mohammad, Mohammed,
Muhammad; Al-Khalil, Elkhalil), and the demo must carry that variety or name search and
duplicate detection would look better on demo data than on the field's.

Tables are ordered roughly by how common a name is; the generator weights by rank.
The names are common ones; any resemblance of a generated person to a real one is chance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    ar: str
    latin: tuple[str, ...]


def _n(ar: str, *latin: str) -> Name:
    return Name(ar, latin)


# Given names shared across the border are in both countries' tables; the order differs.
MALE_GIVEN_JO = (
    _n("محمد", "Mohammad", "Mohammed", "Muhammad"),
    _n("أحمد", "Ahmad", "Ahmed"),
    _n("عبدالله", "Abdullah", "Abdallah", "Abd Allah"),
    _n("خالد", "Khaled", "Khalid"),
    _n("عمر", "Omar", "Umar"),
    _n("علي", "Ali"),
    _n("حسين", "Hussein", "Husain", "Hussain"),
    _n("يوسف", "Yousef", "Yusuf", "Youssef"),
    _n("إبراهيم", "Ibrahim", "Ebrahim"),
    _n("محمود", "Mahmoud", "Mahmud"),
    _n("عبدالرحمن", "Abdelrahman", "Abdulrahman", "Abd Al-Rahman"),
    _n("مصطفى", "Mustafa", "Moustafa", "Mostafa"),
    _n("زيد", "Zaid", "Zeid", "Zayd"),
    _n("حمزة", "Hamza", "Hamzah"),
    _n("أنس", "Anas"),
    _n("معاذ", "Moath", "Muath", "Muadh"),
    _n("ليث", "Laith", "Layth"),
    _n("سليمان", "Suleiman", "Sulaiman", "Sleiman"),
    _n("صالح", "Saleh", "Salih"),
    _n("بلال", "Bilal", "Belal"),
    _n("عماد", "Imad", "Emad"),
    _n("فراس", "Firas", "Feras"),
    _n("زياد", "Ziad", "Ziyad"),
    _n("قاسم", "Qasem", "Kassem", "Qasim"),
    _n("طارق", "Tareq", "Tarek", "Tariq"),
    _n("وليد", "Walid", "Waleed"),
    _n("نضال", "Nidal", "Nedal"),
    _n("ماهر", "Maher"),
    _n("منصور", "Mansour", "Mansur"),
    _n("فيصل", "Faisal", "Faysal"),
    _n("سعيد", "Saeed", "Said"),
    _n("رامي", "Rami"),
    _n("هاني", "Hani"),
    _n("مازن", "Mazen"),
    _n("باسل", "Basel", "Basil"),
    _n("عدنان", "Adnan"),
    _n("فادي", "Fadi"),
    _n("ياسر", "Yaser", "Yasser"),
    _n("عيسى", "Issa", "Eisa"),
    _n("جمال", "Jamal"),
    _n("سامر", "Samer"),
    _n("عودة", "Odeh", "Audeh", "Ouda"),
    _n("سلامة", "Salameh", "Salama"),
    _n("نايف", "Nayef", "Naif"),
    _n("مشهور", "Mashhour", "Mashhur"),
    _n("عبدالكريم", "Abdelkarim", "Abdulkarim"),
)

MALE_GIVEN_SY = (
    _n("محمد", "Mohammad", "Muhammad", "Mohamed"),
    _n("أحمد", "Ahmad", "Ahmed"),
    _n("خالد", "Khaled", "Khalid"),
    _n("حسن", "Hasan", "Hassan"),
    _n("عمر", "Omar", "Umar"),
    _n("عبدالله", "Abdullah", "Abdallah"),
    _n("محمود", "Mahmoud", "Mahmud"),
    _n("علي", "Ali"),
    _n("مصطفى", "Mustafa", "Mostafa"),
    _n("إبراهيم", "Ibrahim", "Ebrahim"),
    _n("يوسف", "Yousef", "Youssef", "Yusuf"),
    _n("عبدالرزاق", "Abdulrazzaq", "Abdel Razzak"),
    _n("مروان", "Marwan"),
    _n("أيمن", "Ayman", "Aiman"),
    _n("عمار", "Ammar"),
    _n("غياث", "Ghiath", "Ghayath", "Ghiyath"),
    _n("وائل", "Wael", "Wa'el"),
    _n("إياد", "Iyad", "Eyad"),
    _n("فواز", "Fawaz", "Fawwaz"),
    _n("رياض", "Riad", "Riyad"),
    _n("مهند", "Muhannad", "Mohannad"),
    _n("حازم", "Hazem", "Hazim"),
    _n("عبدالحميد", "Abdulhamid", "Abdelhamid"),
    _n("جهاد", "Jihad", "Jehad"),
    _n("ضياء", "Diaa", "Dia'a", "Diya"),
    _n("بشار", "Bashar"),
    _n("أسامة", "Osama", "Usama"),
    _n("حمزة", "Hamza", "Hamzeh"),
    _n("سامر", "Samer"),
    _n("زكريا", "Zakaria", "Zakariya"),
    _n("عبدالرحمن", "Abdulrahman", "Abdelrahman"),
    _n("قاسم", "Kassem", "Qasem"),
    _n("نزار", "Nizar", "Nezar"),
    _n("عدنان", "Adnan"),
    _n("طلال", "Talal"),
    _n("حسين", "Hussein", "Hussain"),
)

FEMALE_GIVEN_JO = (
    _n("فاطمة", "Fatima", "Fatma", "Fatmeh"),
    _n("مريم", "Maryam", "Mariam"),
    _n("نور", "Nour", "Noor"),
    _n("هبة", "Heba", "Hiba"),
    _n("رنا", "Rana"),
    _n("سارة", "Sara", "Sarah"),
    _n("دعاء", "Duaa", "Doaa", "Dua'a"),
    _n("إسراء", "Israa", "Esraa", "Isra'a"),
    _n("آلاء", "Alaa", "Ala'a"),
    _n("أسماء", "Asmaa", "Asma"),
    _n("رغد", "Raghad"),
    _n("ريم", "Reem", "Rim"),
    _n("لينا", "Lina", "Leena"),
    _n("ولاء", "Walaa", "Wala'a"),
    _n("منى", "Mona", "Muna"),
    _n("هيفاء", "Haifa", "Haifaa"),
    _n("رانيا", "Rania", "Ranya"),
    _n("بشرى", "Bushra", "Boushra"),
    _n("ياسمين", "Yasmin", "Yasmeen"),
    _n("هالة", "Hala"),
    _n("سمر", "Samar"),
    _n("حنان", "Hanan"),
    _n("أمل", "Amal"),
    _n("ختام", "Khitam", "Khetam"),
    _n("إيمان", "Iman", "Eman"),
    _n("نسرين", "Nisreen", "Nesreen"),
    _n("رشا", "Rasha"),
    _n("ابتسام", "Ibtisam", "Ebtisam"),
    _n("وفاء", "Wafaa", "Wafa"),
    _n("روان", "Rawan"),
    _n("عبير", "Abeer", "Abir"),
    _n("سناء", "Sanaa", "Sana'a"),
)

FEMALE_GIVEN_SY = (
    _n("فاطمة", "Fatima", "Fatmeh", "Fatma"),
    _n("آمنة", "Amna", "Amneh", "Amina"),
    _n("خديجة", "Khadija", "Khadijeh"),
    _n("مريم", "Maryam", "Mariam"),
    _n("زينب", "Zainab", "Zeinab"),
    _n("عائشة", "Aisha", "Aysha", "Aesha"),
    _n("نور", "Nour", "Noor"),
    _n("رهف", "Rahaf"),
    _n("هبة", "Hiba", "Heba"),
    _n("سهام", "Siham", "Seham"),
    _n("نادية", "Nadia", "Nadiya"),
    _n("سعاد", "Suad", "Souad"),
    _n("لمى", "Lama"),
    _n("ميساء", "Maysaa", "Maysa"),
    _n("فدوى", "Fadwa", "Fadoua"),
    _n("رشا", "Rasha"),
    _n("غدير", "Ghadeer", "Ghadir"),
    _n("بيان", "Bayan"),
    _n("إسراء", "Israa", "Esraa"),
    _n("ولاء", "Walaa", "Wala'a"),
    _n("هدى", "Huda", "Houda", "Hoda"),
    _n("صفاء", "Safaa", "Safa"),
    _n("رزان", "Razan"),
    _n("سلمى", "Salma", "Selma"),
)

FAMILY_JO = (
    _n("الزعبي", "Al-Zoubi", "Alzoubi", "Al-Zu'bi"),
    _n("العمري", "Al-Omari", "Alomari", "Al Omari"),
    _n("المومني", "Al-Momani", "Almomani", "Al-Momany"),
    _n("الخوالدة", "Al-Khawaldeh", "Khawaldeh", "Alkhawaldeh"),
    _n("بني هاني", "Bani Hani", "Bani-Hani"),
    _n("العبادي", "Al-Abbadi", "Alabbadi", "Abbadi"),
    _n("الطراونة", "Al-Tarawneh", "Altarawneh", "Tarawneh"),
    _n("المجالي", "Al-Majali", "Al-Majaly", "Majali"),
    _n("العدوان", "Al-Adwan", "Aladwan", "Adwan"),
    _n("العزام", "Al-Azzam", "Alazzam"),
    _n("الغرايبة", "Al-Gharaibeh", "Gharaibeh", "Gharaybeh"),
    _n("الخصاونة", "Al-Khasawneh", "Khasawneh"),
    _n("الشديفات", "Al-Shdeifat", "Shdeifat"),
    _n("السرحان", "Al-Sarhan", "Alsarhan", "Sarhan"),
    _n("المساعيد", "Al-Masaeed", "Masaeid"),
    _n("الحباشنة", "Al-Habashneh", "Habashneh"),
    _n("الكركي", "Al-Karaki", "Karaki"),
    _n("العضايلة", "Al-Adaileh", "Al-Adayleh", "Adaileh"),
    _n("الرواشدة", "Al-Rawashdeh", "Rawashdeh"),
    _n("الشوابكة", "Al-Shawabkeh", "Shawabkeh"),
    _n("بني ياسين", "Bani Yaseen", "Bani Yassin"),
    _n("العتوم", "Al-Otoum", "Alatoum", "Al-Atoum"),
    _n("الربابعة", "Al-Rababah", "Rababah", "Rababa"),
    _n("الشرع", "Al-Sharaa", "Alshara"),
    _n("الخلايلة", "Al-Khalayleh", "Khalayleh"),
    _n("الدعجة", "Al-Daajeh", "Da'jeh"),
    _n("الحياري", "Al-Hyari", "Hayari"),
    _n("الفايز", "Al-Fayez", "Alfayez"),
    _n("الشياب", "Al-Shiyab", "Alshiyyab"),
    _n("الخطيب", "Al-Khatib", "Alkhateeb", "El-Khatib"),
    _n("النعيمات", "Al-Nuaimat", "Nuaimat"),
    _n("العمرو", "Al-Amro", "Alamro"),
    _n("القرعان", "Al-Quraan", "Alqur'an", "Quraan"),
    _n("البطاينة", "Al-Batayneh", "Batayneh", "Bataineh"),
    _n("العكور", "Al-Akour", "Akour"),
    _n("الشبول", "Al-Shboul", "Shboul"),
    _n("الصمادي", "Al-Smadi", "Alsmadi", "Smadi"),
    _n("الفريحات", "Al-Freihat", "Frehat"),
    _n("المحاسنة", "Al-Mahasneh", "Mahasneh"),
    _n("الضمور", "Al-Dmour", "Aldmour", "Dmour"),
    _n("الجعافرة", "Al-Jaafreh", "Jaafreh"),
    _n("الحجايا", "Al-Hajaya", "Hajaya"),
    _n("الصرايرة", "Al-Sarayreh", "Sarayreh"),
    _n("القضاة", "Al-Qudah", "Alqudah", "Qudah"),
    _n("الحمود", "Al-Hmoud", "Hmoud"),
    _n("الخليل", "Al-Khalil", "Elkhalil", "Alkhalil"),
    _n("أبو رمان", "Abu Rumman", "Aburumman"),
    _n("الحوامدة", "Al-Hawamdeh", "Hawamdeh"),
    _n("الزيود", "Al-Zyoud", "Alzyoud", "Zyoud"),
    _n("الدباس", "Al-Dabbas", "Dabbas"),
)

FAMILY_SY = (
    _n("الحريري", "Al-Hariri", "Alhariri", "Hariri"),
    _n("المسالمة", "Al-Masalmeh", "Masalmeh", "Al-Masalma"),
    _n("المحاميد", "Al-Mahameed", "Mahamid", "Al-Mahamid"),
    _n("الزعبي", "Al-Zoubi", "Alzoubi", "Al-Zoebi"),
    _n("أبازيد", "Abazeed", "Abazid", "Abazaid"),
    _n("الرفاعي", "Al-Rifai", "Alrifai", "Rifaie"),
    _n("الحوراني", "Al-Hourani", "Hourani", "Al-Horani"),
    _n("الخليل", "Al-Khalil", "Elkhalil", "Alkhalil"),
    _n("الحمصي", "Al-Homsi", "Homsi", "Al-Humsi"),
    _n("الأحمد", "Al-Ahmad", "Alahmad", "Al-Ahmed"),
    _n("الحلبي", "Al-Halabi", "Halabi"),
    _n("العلي", "Al-Ali", "Alali"),
    _n("الشامي", "Al-Shami", "Shami", "Elshami"),
    _n("القداح", "Al-Qaddah", "Kaddah"),
    _n("الجهماني", "Al-Jahmani", "Jahmani"),
    _n("البردان", "Al-Bardan", "Bardan"),
    _n("الصياصنة", "Al-Siyasneh", "Siyasneh"),
    _n("الأتاسي", "Al-Atassi", "Atassi"),
    _n("الدروبي", "Al-Droubi", "Droubi"),
    _n("السباعي", "Al-Sibai", "Sibaei"),
    _n("حمادة", "Hamadeh", "Hamada"),
    _n("العبدالله", "Al-Abdallah", "Al-Abdullah"),
    _n("الحسين", "Al-Hussein", "Alhussein", "Al-Hussain"),
    _n("المصري", "Al-Masri", "Elmasri", "Almasri"),
    _n("البكور", "Al-Bakour", "Bakour"),
    _n("الحمد", "Al-Hamad", "Alhamad"),
    _n("شحادة", "Shehadeh", "Shehada", "Chehade"),
    _n("عثمان", "Othman", "Osman", "Uthman"),
    _n("عبيد", "Obeid", "Ubaid", "Obeed"),
    _n("النعسان", "Al-Nassan", "Nassan"),
    _n("السويدان", "Al-Swidan", "Swedan"),
    _n("الخطيب", "Al-Khatib", "Alkhateeb", "El-Khatib"),
    _n("الكردي", "Al-Kurdi", "Kurdi", "Al-Kordi"),
    _n("الإدلبي", "Al-Idlibi", "Idlibi"),
    _n("الدرويش", "Al-Darwish", "Darwish", "Derwich"),
)

# Spelling variation in Arabic that registration desks produce for the same name: hamza on
# alef written or not, ta marbuta written as ha, final ya without dots, compound names split.
_ARABIC_VARIANTS = (
    ("عبدال", "عبد ال"),
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ة", "ه"),
    ("ى", "ي"),
)


def arabic_variant(text: str) -> str:
    """The same Arabic name as another desk would likely write it (unchanged if none applies)."""
    for written, other in _ARABIC_VARIANTS:
        if written in text:
            return text.replace(written, other, 1)
    return text


def latin_variant(name: Name, used: str) -> str:
    """Another common Latin spelling of `name` than `used`, or `used` if it has only one."""
    others = [spelling for spelling in name.latin if spelling != used]
    return others[0] if others else used
