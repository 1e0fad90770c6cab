from django.urls import path

from xarxa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/second-factor/", views.second_factor, name="second_factor"),
    path("sign-out/", views.sign_out, name="logout"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("account/", views.account, name="account"),
    path("staff/", views.staff_list, name="staff_list"),
]
