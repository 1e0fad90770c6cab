from django.urls import path

from xarxa.referrals import views

app_name = "referrals"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("sent/", views.outbox, name="outbox"),
    path("figures/", views.dashboard, name="dashboard"),
    path("waiting/<uuid:service_public_id>/", views.waiting_list, name="waiting_list"),
    path("answer/<str:token>/", views.partner_answer, name="partner_answer"),
    path("from/<uuid:case_public_id>/", views.referral_new, name="new"),
    path("<uuid:public_id>/", views.referral_detail, name="detail"),
    path("<uuid:public_id>/move/", views.referral_move, name="move"),
    path("<uuid:public_id>/messages/", views.message_post, name="message"),
    path("<uuid:public_id>/fhir.json", views.referral_fhir, name="fhir"),
]
