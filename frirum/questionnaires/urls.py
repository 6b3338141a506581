from django.urls import path

from frirum.questionnaires import views

app_name = "questionnaires"
urlpatterns = [
    # The young person's pages: short, public, no login.
    path("q/", views.youth_start, name="start"),
    path("q/svar/", views.youth_answer, name="answer"),
    path("q/tak/", views.youth_thanks, name="thanks"),
    path("q/<str:code>/", views.youth_old_link, name="old_link"),
    path("questionnaires/contacts/<str:code>/code/", views.issue_code, name="issue_code"),
    path("questionnaires/sites/<str:site_code>/", views.site_instruments, name="site_instruments"),
]
