"""Response headers: a strict Content-Security-Policy, Permissions-Policy, no-store on every
page and download with records or figures, and Django's HSTS, frame and referrer settings."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from frirum.reports.charts import bar_chart
from tests.base import BaseTestCase
from tests.core.test_settings import run_frirum

ROOT = Path(__file__).resolve().parents[2] / "frirum"
# Rendered only into PDFs by WeasyPrint (a report, the planning memo), never sent to a browser: its styles are inlined
# so that the standalone file needs nothing else.
NOT_SERVED = {
    "reports/templates/reports/print_base.html",
    "planning/templates/planning/print_base.html",
}
INLINE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event-handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class HeadersTestCase(BaseTestCase):
    def test_it_sends_a_strict_content_security_policy(self):
        policy = csp(self.client.get(reverse("accounts:login")))
        self.assertEqual(policy["default-src"], ["'none'"])
        for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
            self.assertEqual(policy[directive], ["'self'"], directive)
        self.assertEqual(policy["frame-ancestors"], ["'none'"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["base-uri"], ["'none'"])
        self.assertEqual(policy["form-action"], ["'self'"])
        joined = " ".join(value for values in policy.values() for value in values)
        self.assertNotIn("unsafe", joined)

    def test_it_denies_browser_features_nobody_needs(self):
        header = self.client.get(reverse("accounts:login"))["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            self.assertIn(f"{feature}=()", header)

    def test_it_keeps_pages_with_records_out_of_every_cache(self):
        self.login(self.chief_a)
        for url in (
            reverse("core:home"),
            reverse("contacts:dashboard", args=[self.site_a.code]),
            reverse("reports:index"),
            reverse("reports:annual", args=[self.site_a.code]),
            reverse("reports:annual_download", args=[self.site_a.code, "csv"]),
            reverse("reports:annual_download", args=[self.site_a.code, "xlsx"]),
            reverse("accounts:team", args=[self.site_a.code]),
        ):
            response = self.client.get(url)
            self.assertIn(response.status_code, (200, 302), url)
            self.assertIn("no-store", response["Cache-Control"], url)

    def test_it_keeps_the_questionnaire_out_of_every_cache(self):
        for url in (reverse("questionnaires:start"), reverse("questionnaires:thanks")):
            self.assertIn("no-store", self.client.get(url)["Cache-Control"], url)

    def test_it_lets_static_files_be_cached(self):
        self.login(self.chief_a)
        response = self.client.get("/static/frirum/frirum.css")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("no-store", response.get("Cache-Control", ""))

    def test_it_keeps_the_frame_and_referrer_settings(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(settings.SECURE_REFERRER_POLICY, "same-origin")


def test_it_keeps_hsts_in_production(tmp_path):
    r = run_frirum(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
        DEBUG="False",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="frirum.example.org",
        FRIRUM_DATA_DIR=str(tmp_path),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1].split() == ["31536000", "True", "True"]


def test_it_has_no_inline_script_or_style_in_any_template():
    found = []
    for template in sorted(ROOT.glob("**/templates/**/*.html")):
        name = str(template.relative_to(ROOT))
        if name in NOT_SERVED:
            continue
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                found.append(f"{name}: {what}: {match.group(0)[:60]}")
    assert not found, "\n".join(found)
    assert len(list(ROOT.glob("**/templates/**/*.html"))) > 50


def test_it_draws_charts_without_style_attributes():
    svg = bar_chart(chart_id="c", title="T", desc="D", items=[("a", 1, "1"), ("b", None, "<5")])
    assert "style=" not in svg
    assert 'font-family="' in svg
