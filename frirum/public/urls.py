from django.urls import path, register_converter

from frirum.public import professional, views


class LanguageConverter:
    """The page's language is in its address, so a page is the same for every visitor and
    caches well, and switching language is a plain link: no cookie, no form."""

    regex = "da|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

app_name = "public"
urlpatterns = [
    path("<lang:lang>/", views.index, name="index"),
    path("<lang:lang>/find/", views.finder, name="finder"),
    path("<lang:lang>/sites/<str:site_code>/", views.site_page, name="site"),
    path("<lang:lang>/sites/<str:site_code>/poster/", professional.poster, name="poster"),
    path("<lang:lang>/sites/<str:site_code>/embed/", professional.embed, name="embed"),
    path("<lang:lang>/accessibility/", views.accessibility, name="accessibility"),
]
