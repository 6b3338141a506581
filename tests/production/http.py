"""A small HTTP client for driving a running Frirum over the network as a browser would:
cookies (kept even though they are Secure: TLS ends at the proxy this client stands in for),
CSRF tokens from forms, and the proxy's X-Forwarded-Proto header."""

import http.client
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    url: str

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # name -> list of (value, checked) for radios and checkboxes; name -> options for selects
    choices: dict[str, list[str]] = field(default_factory=dict)


class PageParser(HTMLParser):
    """Collects forms (with their default values) and every referenced asset."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.assets: set[str] = set()
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and "stylesheet" in (a.get("rel") or ""):
            self.assets.add(a["href"])
        if tag == "link" and a.get("rel") in ("icon", "shortcut icon") and a.get("href"):
            self.assets.add(a["href"])
        if tag in ("script", "img") and a.get("src") and not a["src"].startswith("data:"):
            self.assets.add(a["src"])
        if tag == "form":
            self.forms.append(
                Form(action=a.get("action") or "", method=(a.get("method") or "get").lower())
            )
        if not self.forms or (a.get("name") is None and tag != "option"):
            return
        form = self.forms[-1]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            name = a["name"]
            if kind in ("checkbox", "radio"):
                form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form.fields.append((name, a.get("value") or ""))
        elif tag == "select":
            self._select, self._select_value = a["name"], None
            self._select_multiple = "multiple" in a
            form.choices[self._select] = []
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.choices[self._select].append(value)
            if "selected" in a:
                self._select_value = value
                if self._select_multiple:
                    form.fields.append((self._select, value))
            elif self._select_value is None and not self._select_multiple:
                self._select_value = value  # a single select sends its first option
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if self._select_value is not None and not self._select_multiple:
                self.forms[-1].fields.append((self._select, self._select_value))
            self._select = None
        if tag == "textarea" and self._textarea:
            self.forms[-1].fields.append((self._textarea, "".join(self._text).strip("\n")))
            self._textarea = None


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


class Client:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"

    def request(self, method: str, url: str, body: bytes | None = None, headers=None) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        all_headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "da",
        }
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            all_headers["Origin"] = self.origin
            all_headers["Referer"] = self.origin + url
        all_headers.update(headers or {})
        connection.request(method, url, body=body, headers=all_headers)
        raw = connection.getresponse()
        response = Response(raw.status, raw.getheaders(), raw.read(), url)
        connection.close()
        for key, value in response.headers:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ("", '""') or "max-age=0" in value.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie_value
        return response

    def get(self, url: str, follow: bool = True) -> Response:
        response = self.request("GET", url)
        return self._follow(response) if follow else response

    def post(self, url: str, data, follow: bool = True) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        response = self.request(
            "POST", url, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        return self._follow(response) if follow else response

    def _follow(self, response: Response) -> Response:
        for _ in range(10):
            if response.status not in (301, 302, 303, 307):
                return response
            location = response.header("Location")
            parsed = urllib.parse.urlsplit(location)
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            response = self.request("GET", urllib.parse.urljoin(response.url, path))
        raise AssertionError("too many redirects")

    def submit(self, page: Response, action_contains: str, overrides: dict) -> Response:
        """Post the first POST form on the page whose action contains the text, with its
        defaults (hidden fields, CSRF token, checked boxes, selected options) and overrides."""
        forms = [
            f
            for f in parse(page.text).forms
            if f.method == "post" and action_contains in (f.action or page.url)
        ]
        assert forms, f"no form posting to {action_contains!r} on {page.url}"
        form = forms[0]
        data = [(k, v) for k, v in form.fields if k not in overrides]
        for key, value in overrides.items():
            for item in value if isinstance(value, list) else [value]:
                data.append((key, item))
        action = form.action or page.url
        return self.post(urllib.parse.urljoin(page.url, action), data)
