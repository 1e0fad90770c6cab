from django.urls import path

from xarxa.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.register, name="register"),
    path("emergency-access/", views.emergency_reviews, name="emergency_reviews"),
    path(
        "emergency-access/<int:grant_id>/reviewed/",
        views.emergency_review,
        name="emergency_review",
    ),
    path("emergency-access/approvals/", views.emergency_approvals, name="emergency_approvals"),
    path(
        "emergency-access/<int:grant_id>/approve/",
        views.emergency_approve,
        name="emergency_approve",
    ),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
    path("households/<uuid:public_id>/", views.household, name="household"),
    path(
        "households/<uuid:public_id>/members/",
        views.household_member_add,
        name="household_member_add",
    ),
    path(
        "households/<uuid:public_id>/members/<int:membership_id>/end/",
        views.household_member_end,
        name="household_member_end",
    ),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/contacts/", views.contacts, name="contacts"),
    path("<uuid:public_id>/household/", views.household_create, name="household_create"),
    path("<uuid:public_id>/consents/", views.consent_add, name="consent_add"),
    path(
        "<uuid:public_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:public_id>/merge/", views.merge, name="merge"),
    path("<uuid:public_id>/emergency-access/", views.emergency_access, name="emergency_access"),
    path("<uuid:public_id>/restriction/", views.restrict, name="restrict"),
    path("<uuid:public_id>/protection/", views.protection, name="protection"),
    path("<uuid:public_id>/access-log/", views.access_log, name="access_log"),
]
