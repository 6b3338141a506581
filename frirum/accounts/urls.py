from django.contrib.auth import views as auth_views
from django.urls import path

from frirum.accounts import views, views_signin

app_name = "accounts"
urlpatterns = [
    path("login/", views_signin.LoginView.as_view(), name="login"),
    path("login/code/", views_signin.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", views_signin.two_factor, name="two_factor"),
    path("account/two-factor/set-up/", views_signin.two_factor_enrol, name="two_factor_enrol"),
    path(
        "account/two-factor/recovery-codes/",
        views_signin.two_factor_change,
        {"what": "codes"},
        name="two_factor_codes",
    ),
    path(
        "account/two-factor/remove/",
        views_signin.two_factor_change,
        {"what": "remove"},
        name="two_factor_remove",
    ),
    path("password/reset/", views_signin.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views_signin.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("s/<str:site_code>/team/", views.team, name="team"),
    path(
        "s/<str:site_code>/team/<int:user_id>/two-factor/reset/",
        views.reset_member_two_factor,
        name="reset_two_factor",
    ),
]
