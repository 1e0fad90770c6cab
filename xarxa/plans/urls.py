from django.urls import path

from xarxa.plans import views

app_name = "plans"
urlpatterns = [
    path("worklist/", views.worklist, name="worklist"),
    path("case/<uuid:case_public_id>/", views.case_plans, name="case"),
    path("<uuid:public_id>/", views.plan_detail, name="detail"),
    path("<uuid:public_id>/words/", views.plan_words, name="words"),
    path("<uuid:public_id>/close/", views.plan_close, name="close"),
    path("<uuid:public_id>/goals/", views.goal_add, name="goal_add"),
    path("<uuid:public_id>/actions/", views.action_add, name="action_add"),
    path("<uuid:public_id>/reviews/", views.review_add, name="review_add"),
    path("goals/<int:goal_id>/", views.goal_update, name="goal_update"),
    path("actions/<int:action_id>/", views.action_update, name="action_update"),
]
