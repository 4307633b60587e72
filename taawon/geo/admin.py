from django.contrib import admin

from .models import District, Governorate


@admin.register(Governorate)
class GovernorateAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "country", "iso_code", "pcode"]
    list_filter = ["country"]
    search_fields = ["name_en", "name_ar", "pcode", "iso_code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "governorate", "pcode"]
    list_filter = ["governorate__country", "governorate"]
    search_fields = ["name_en", "name_ar", "pcode"]
