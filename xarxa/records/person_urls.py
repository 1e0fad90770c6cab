"""Pages of the records app that live under /persons/: the subject-access export gathers
a person's whole record, case files included, so records serves it (people sits below
records and cannot)."""

from django.urls import path

from xarxa.records import subject_access_views as views

app_name = "subject_access"
urlpatterns = [
    path("<uuid:public_id>/export.<str:fmt>", views.person_export, name="export"),
    path("<uuid:public_id>/export/prepare/", views.person_export_prepare, name="prepare"),
    path(
        "<uuid:public_id>/export/<uuid:export_id>/release/",
        views.person_export_release,
        name="release",
    ),
]
