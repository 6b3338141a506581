from django.urls import path

from frirum.rosters import views, views_manage, views_personal

app_name = "rosters"
urlpatterns = [
    path("s/<str:site_code>/roster/", views.month, name="month"),
    path("s/<str:site_code>/roster/<int:year>/<int:month>/", views.month, name="month"),
    path("s/<str:site_code>/roster/shift/<int:shift_id>/", views.shift_detail, name="shift"),
    path("s/<str:site_code>/roster/shift/<int:shift_id>/sign-up/", views.sign_up, name="sign_up"),
    path(
        "s/<str:site_code>/roster/assignment/<int:assignment_id>/<slug:what>/",
        views.change,
        name="change",
    ),
    path("s/<str:site_code>/roster/templates/", views_manage.templates, name="templates"),
    path(
        "s/<str:site_code>/roster/templates/<int:template_id>/delete/",
        views_manage.delete_template,
        name="delete_template",
    ),
    path("s/<str:site_code>/roster/weeks/", views_manage.weeks, name="weeks"),
    path("s/<str:site_code>/roster/hours/", views_manage.hours, name="hours"),
    path("roster/mine/", views_personal.mine, name="mine"),
    path("roster/mine/hours/", views_personal.my_hours, name="my_hours"),
    path("roster/hours/", views_manage.hours_all, name="hours_all"),
    path("roster/feed/<str:token>.ics", views_personal.personal_feed, name="feed"),
    path("roster/feed/<str:token>/<str:site_code>.ics", views_personal.site_feed, name="site_feed"),
]
