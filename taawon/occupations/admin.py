from django.contrib import admin

from .models import Occupation


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_ar", "level"]
    list_filter = ["level"]
    search_fields = ["code", "title_en", "title_ar"]
    raw_id_fields = ["parent"]
