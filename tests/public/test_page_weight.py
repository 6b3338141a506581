"""Issue 15, point 5: every public page under 100 KB compressed on a first visit.

A first visit downloads the HTML and everything it references: stylesheets, scripts, images
and icons, the images the stylesheets use on this page's elements, and the web fonts the
page actually renders with. Each is counted gzip-compressed (woff2 is already compressed, so
fonts count as they are). The browser's own cache is empty; nothing is shared between pages.
"""

import datetime as dt
import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from frirum.sites.models import OpeningHours, Site
from tests.base import BaseTestCase

BUDGET = 100 * 1024
URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
FAMILY = re.compile(r"font-family:\s*([^;}]+)")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.files, self.classes, self.root_classes = [], set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.classes.update((attrs.get("class") or "").split())
        if tag == "html":
            self.root_classes.update((attrs.get("class") or "").split())
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.files.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.files.append(attrs["src"])


def _static_path(url: str) -> str:
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of our static files"
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is missing"
    return path


def _compressed(path: str) -> int:
    with open(path, "rb") as handle:
        data = handle.read()
    if path.endswith((".woff2", ".woff", ".png", ".jpg")):
        return len(data)
    return len(gzip.compress(data, 9))


def _screen_rules(css: str):
    """(selector, declarations) of every rule a screen may apply: not those in @media print."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    stack, start = [], 0
    for index, char in enumerate(css):
        if char == "{":
            stack.append(css[start:index].strip().split(";")[-1].strip())
            start = index + 1
        elif char == "}":
            prelude = stack.pop() if stack else ""
            if not prelude.startswith("@media") and not any("print" in p for p in stack):
                yield prelude, css[start:index]
            start = index + 1


def _first_family(value: str) -> str:
    return value.split(",")[0].strip().strip("'\"")


def _applies(selector: str, classes: set[str]) -> bool:
    """Whether some selector of a rule may match this page: all its classes are used."""
    return any(set(re.findall(r"\.([\w-]+)", part)) <= classes for part in selector.split(","))


def _css_extras(css_url: str, references: _References, root: str | None) -> set[str]:
    """The images and fonts a stylesheet makes a browser download for this page."""
    with open(_static_path(css_url), encoding="utf-8") as handle:
        css = handle.read()
    base = PurePosixPath(css_url).parent
    extras, faces, families = set(), {}, set()
    for selector, body in _screen_rules(css):
        urls = [u for u in URL.findall(body) if not u.startswith("data:")]
        if selector.endswith("@font-face"):
            family = _first_family(FAMILY.search(body).group(1))
            woff2 = [u for u in urls if u.endswith(".woff2")] or urls[:1]
            faces.setdefault(family, set()).update(woff2)
            continue
        if not _applies(selector, references.classes):
            continue
        match = FAMILY.search(body)
        if match and not re.fullmatch(r"html(\.[\w-]+)*", selector):
            families.add(_first_family(match.group(1)))
        extras.update(urls)
    for family in (families | {root}) & faces.keys():
        extras.update(faces[family])
    return {url if url.startswith("/") else posixpath.normpath(str(base / url)) for url in extras}


def _root_family(references: _References, stylesheets: list[str]) -> str | None:
    """The family the page's root element ends up with: the last html rule that matches."""
    family = None
    for css_url in stylesheets:
        with open(_static_path(css_url), encoding="utf-8") as handle:
            css = handle.read()
        for selector, body in _screen_rules(css):
            match = FAMILY.search(body)
            if match and re.fullmatch(r"html(\.[\w-]+)*", selector):
                if set(re.findall(r"\.([\w-]+)", selector)) <= references.root_classes:
                    family = _first_family(match.group(1))
    return family


def page_weight(content: bytes) -> tuple[int, dict[str, int]]:
    references = _References()
    references.feed(content.decode())
    sizes = {"(html)": len(gzip.compress(content, 9))}
    stylesheets = [url for url in references.files if url.endswith(".css")]
    for url in references.files:
        sizes[url] = _compressed(_static_path(url))
    root = _root_family(references, stylesheets)
    for css_url in stylesheets:
        for url in _css_extras(css_url, references, root):
            sizes.setdefault(url, _compressed(_static_path(url)))
    return sum(sizes.values()), sizes


class PageWeightTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for weekday in range(7):
            for hour in (9, 13, 17):
                OpeningHours.objects.create(
                    site=cls.site_a, weekday=weekday, opens=dt.time(hour), closes=dt.time(hour + 2)
                )
        Site.objects.filter(pk=cls.site_a.pk).update(booking_enabled=True, address="Vej 1")

    def pages(self):
        yield reverse("public:index", args=["da"])
        yield reverse("public:finder", args=["da"]) + "?municipality=151"
        for code in ("alpha", "chat", "fam"):
            yield reverse("public:site", args=["da", code])
        yield reverse("public:accessibility", args=["en"])
        yield reverse("public:poster", args=["da", "alpha"])
        yield reverse("public:embed", args=["da", "alpha"])
        yield reverse("bookings:book", args=["da", "alpha"])
        yield reverse("bookings:cancel", args=["en"])
        yield reverse("bookings:show", args=["da"])

    def test_it_keeps_every_public_page_under_100_kb_on_a_first_visit(self):
        for url in self.pages():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            total, sizes = page_weight(response.content)
            self.assertLess(total, BUDGET, f"{url}: {sorted(sizes.items(), key=lambda s: -s[1])}")

    def test_it_renders_the_public_pages_without_web_fonts(self):
        response = self.client.get(reverse("public:index", args=["da"]))
        _total, sizes = page_weight(response.content)
        self.assertEqual([url for url in sizes if ".woff" in url], [])

    def test_it_would_count_the_web_fonts_of_a_page_that_used_them(self):
        content = response_without_override(self.client.get(reverse("public:index", args=["da"])))
        total, sizes = page_weight(content)
        self.assertIn(
            "/static/vendor/dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
            sizes,
        )
        self.assertGreater(total, BUDGET)


def response_without_override(response) -> bytes:
    return response.content.replace(b'class="public"', b"", 1)
