from django.urls import path

from xarxa.screening import views

app_name = "screening"
urlpatterns = [
    path("person/<uuid:person_public_id>/", views.person_assessments, name="person"),
    path("person/<uuid:person_public_id>/new/", views.assessment_new, name="new"),
    path("person/<uuid:person_public_id>/social-risk/", views.older_person, name="older_person"),
    path("<uuid:public_id>/", views.assessment, name="assessment"),
    path("segmentation/", views.segmentation, name="segmentation"),
    path("segmentation/cases/", views.segment_cases, name="segment_cases"),
]
