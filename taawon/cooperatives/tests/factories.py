"""Factories for the cooperative registry, with Arabic and Latin names."""

import factory

from taawon.geo.models import District, Governorate

from ..models import Cooperative, CooperativeType, ValueChain

# Codes that real reference data (loaded by geo's migrations) never uses, so the two never
# collide.
GOVERNORATES = [
    ("Mafraq", "المفرق"),
    ("Irbid", "إربد"),
    ("Balqa", "البلقاء"),
    ("Karak", "الكرك"),
]
COOPERATIVE_NAMES = [
    ("Al-Khair Agricultural Cooperative", "جمعية الخير التعاونية الزراعية"),
    ("Women of the Valley Cooperative", "جمعية نساء الغور التعاونية"),
    ("Al-Nour Livestock Cooperative", "جمعية النور التعاونية لمربي المواشي"),
    ("Olive Growers' Cooperative", "الجمعية التعاونية لمزارعي الزيتون"),
    ("Al-Amal Multipurpose Cooperative", "جمعية الأمل التعاونية متعددة الأغراض"),
]


class GovernorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Governorate

    country = "JO"
    pcode = factory.Sequence(lambda n: f"TEST-G{n:04d}")
    iso_code = factory.Sequence(lambda n: f"Z{n:05d}")
    name_en = factory.Iterator([en for en, _ar in GOVERNORATES])
    name_ar = factory.Iterator([ar for _en, ar in GOVERNORATES])
    latitude = "32.34000"
    longitude = "36.20000"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    governorate = factory.SubFactory(GovernorateFactory)
    pcode = factory.Sequence(lambda n: f"TEST-D{n:04d}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_ar = factory.Sequence(lambda n: f"لواء {n}")
    latitude = "32.30000"
    longitude = "36.10000"


class CooperativeFactory(factory.django.DjangoModelFactory):
    """A registry row written directly; tests of the services call the services instead."""

    class Meta:
        model = Cooperative
        skip_postgeneration_save = True

    registration_number = factory.Sequence(lambda n: f"{1000 + n}/2015")
    country = "JO"
    name_en = factory.Iterator([en for en, _ar in COOPERATIVE_NAMES])
    name_ar = factory.Iterator([ar for _en, ar in COOPERATIVE_NAMES])
    type = CooperativeType.AGRICULTURAL
    governorate = factory.SubFactory(GovernorateFactory)
    phone = "+962791234567"

    @factory.post_generation
    def value_chains(self, create, codes, **kwargs):
        if create and codes:
            self.value_chains.set(ValueChain.objects.filter(code__in=codes))
