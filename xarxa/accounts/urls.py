from django.urls import path

from xarxa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/second-factor/", views.second_factor, name="second_factor"),
    path("sign-in/confirm/", views.reauthenticate, name="reauthenticate"),
    path("sign-out/", views.sign_out, name="logout"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("account/tokens/new/", views.token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<str:username>/", views.staff_detail, name="staff_detail"),
    path(
        "staff/<str:username>/activation-code/",
        views.activation_code_issue,
        name="activation_code_issue",
    ),
    path(
        "staff/<str:username>/password-reset/",
        views.password_reset_issue,
        name="password_reset_issue",
    ),
]
