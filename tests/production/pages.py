"""Checks every page of the smoke test passes: no server error, no debug trace, and every
stylesheet, script, image and font it references answers 200."""

import re
import urllib.parse

from tests.production.http import Client, Response, parse

DEBUG_MARKS = ("Traceback (most recent call last)", "DEBUG = True", "technical_500")
CSS_URL = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")


def login(client: Client, email: str, password: str, second_factor=None) -> Response:
    """Sign in through the forms: password, then (when asked) the code from
    `second_factor(email)`: an authenticator's code or a recovery code."""
    page = client.get("/login/")
    assert page.status == 200, page.status
    response = client.submit(page, "/login/", {"username": email, "password": password})
    assert response.status == 200, response.status
    if "/login/code/" in response.url:
        assert second_factor, f"{email} is asked for a second factor"
        response = client.submit(response, "/login/code/", {"code": second_factor(email)})
        assert response.status == 200, response.status
    assert "/login/" not in response.url, f"{email} was not signed in: {response.url}"
    assert "sessionid" in client.cookies, f"{email} was not signed in"
    return response


class PageChecker:
    def __init__(self):
        self.checked_assets: dict[str, int] = {}

    def check(self, client: Client, response: Response, *, status: int = 200) -> Response:
        assert response.status == status, (
            f"{response.url}: {response.status}\n{response.text[:500]}"
        )
        for mark in DEBUG_MARKS:
            assert mark not in response.text, f"{response.url} shows a debug trace"
        content_type = response.header("Content-Type") or ""
        if content_type.startswith("text/html"):
            for asset in parse(response.text).assets:
                self._asset(client, urllib.parse.urljoin(response.url, asset))
        return response

    def _asset(self, client: Client, url: str) -> None:
        path = urllib.parse.urlsplit(url).path
        if path in self.checked_assets:
            return
        response = client.get(path)
        self.checked_assets[path] = response.status
        assert response.status == 200, f"missing static file {path}: {response.status}"
        cache_control = response.header("Cache-Control") or ""
        assert "max-age" in cache_control, f"{path} is served without caching"
        if path.endswith(".css"):
            for _, ref in CSS_URL.findall(response.body.decode("utf-8", "replace")):
                if not ref.startswith(("data:", "#")):
                    self._asset(client, urllib.parse.urljoin(url, ref.split("#")[0].split("?")[0]))
