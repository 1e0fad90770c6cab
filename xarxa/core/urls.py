from django.urls import path

from xarxa.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("i18n/set-language/", views.set_language, name="set_language"),
    path("audit/", views.audit_log, name="audit_log"),
]
