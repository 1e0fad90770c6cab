from django.urls import path

from xarxa.territory import views

app_name = "territory"
urlpatterns = [
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("municipalities/<str:ine_code>/", views.municipality_detail, name="municipality_detail"),
    path("abss/", views.abss_list, name="abss_list"),
]
