from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("inbound/sms", views.inbound_sms, name="inbound_sms"),
]
