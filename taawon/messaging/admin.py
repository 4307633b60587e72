from django.contrib import admin

from .models import OutboundMessage


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "purpose", "to", "language", "status", "attempts", "sent_at")
    list_filter = ("status", "purpose", "language")
    search_fields = ("dedupe_key", "to")
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
