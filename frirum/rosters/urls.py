app_name = "rosters"
urlpatterns = []
