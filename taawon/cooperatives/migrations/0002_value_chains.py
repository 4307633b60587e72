"""The value chains the programme works in (reference data, both scripts)."""

from django.db import migrations

VALUE_CHAINS = [
    ("vegetables", "Vegetables", "الخضروات"),
    ("fruit_olives", "Fruit and olives", "الفواكه والزيتون"),
    ("dairy", "Dairy", "الألبان ومشتقاتها"),
    ("livestock", "Livestock", "الثروة الحيوانية"),
    ("poultry", "Poultry", "الدواجن"),
    ("honey", "Honey", "العسل"),
    ("dates", "Dates", "التمور"),
    ("herbs", "Herbs", "الأعشاب"),
    ("food_processing", "Food processing", "التصنيع الغذائي"),
    ("handicrafts", "Handicrafts", "الحرف اليدوية"),
    ("construction", "Construction", "الإنشاءات"),
    ("other", "Other", "أخرى"),
]


def load(apps, schema_editor):
    ValueChain = apps.get_model("cooperatives", "ValueChain")
    for position, (code, name_en, name_ar) in enumerate(VALUE_CHAINS, start=1):
        ValueChain.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_ar": name_ar, "position": position}
        )


def unload(apps, schema_editor):
    ValueChain = apps.get_model("cooperatives", "ValueChain")
    ValueChain.objects.filter(code__in=[code for code, _en, _ar in VALUE_CHAINS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
