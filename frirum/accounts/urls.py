from django.contrib.auth import views as auth_views
from django.urls import path

from frirum.accounts import views
from frirum.accounts.forms import EmailLoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=EmailLoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("s/<str:site_code>/team/", views.team, name="team"),
    path(
        "s/<str:site_code>/team/<int:user_id>/training/", views.edit_training, name="edit_training"
    ),
]
