from django.urls import path

from xarxa.screening import views

app_name = "screening"
urlpatterns = [
    path("person/<uuid:person_public_id>/", views.person_assessments, name="person"),
    path("person/<uuid:person_public_id>/new/", views.assessment_new, name="new"),
    path("<uuid:public_id>/", views.assessment, name="assessment"),
]
