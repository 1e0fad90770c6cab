from django.urls import path  # noqa: F401

from xarxa.records import views  # noqa: F401

app_name = "records"
urlpatterns: list = []
