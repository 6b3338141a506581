"""Frirum as production runs it: `frirum serve` (gunicorn + uvicorn) with DEBUG=False, a real
SECRET_KEY and ALLOWED_HOSTS, collected static files, on PostgreSQL, driven over HTTP."""

import datetime as dt
import re

import pytest

from tests.production.http import Client, parse
from tests.production.pages import PageChecker, login
from tests.production.stack import DEMO_PASSWORD

pytestmark = pytest.mark.production

COUNSELLOR = "raadgiver1.ballerup@demo.frirum.example"
CHIEF = "chef.ballerup@demo.frirum.example"
SECRETARIAT = "sekretariat@demo.frirum.example"
SITE = "hs-ballerup"


@pytest.fixture(scope="module")
def checker():
    return PageChecker()


def register_conversation(client: Client, checker: PageChecker, nickname: str):
    form_page = checker.check(client, client.get(f"/s/{SITE}/contacts/new/"))
    choices = parse(form_page.text).forms
    themes = next(f.choices["themes"] for f in choices if "themes" in f.choices)
    response = client.submit(
        form_page,
        "/contacts/new/",
        {
            "date": dt.date.today().isoformat(),
            "time": "14:30",
            "kind": "counselling",
            "channel": "in_person",
            "youth_mode": "new",
            "new_nickname": nickname,
            "new_gender": "female",
            "age": "17",
            "education_status": "in_education",
            "dropout_risk": "low",
            "duration_minutes": "45",
            "themes": [themes[0]],
            "action": "save",
        },
    )
    checker.check(client, response)
    assert re.search(r"/contacts/[^/]+/$", response.url), f"not saved: {response.url}"
    return response


def test_it_serves_a_counsellors_day(stack, checker):
    client = stack.servers[0].client()
    checker.check(client, login(client, COUNSELLOR, DEMO_PASSWORD, stack.second_factor))
    checker.check(client, client.get(f"/s/{SITE}/dashboard/"))
    detail = register_conversation(client, checker, "Smokey")
    assert "Smokey" in detail.text

    # The young person's questionnaire: the counsellor makes a code, the young person answers.
    code_page = checker.check(client, client.submit(detail, "/code/", {}))
    code = re.search(r'class="q-code-value"[^>]*>([^<]+)<', code_page.text).group(1).strip()
    young = stack.servers[0].client()
    start = checker.check(young, young.get("/q/"))
    answer_page = checker.check(young, young.submit(start, "/q/", {"code": code}))
    form = next(f for f in parse(answer_page.text).forms if f.choices)
    answers = {name: values[0] for name, values in form.choices.items() if values}
    thanks = checker.check(young, young.submit(answer_page, "/q/", answers))
    assert "/q/tak/" in thanks.url, thanks.url
    assert code.replace("-", "") not in thanks.text.replace("-", "")


def test_it_serves_a_chiefs_reports(stack, checker):
    client = stack.servers[0].client()
    login(client, CHIEF, DEMO_PASSWORD, stack.second_factor)
    year = dt.date.today().year - 1
    checker.check(client, client.get(f"/reports/annual/{SITE}/?year={year}"))
    pdf = checker.check(client, client.get(f"/reports/annual/{SITE}/download.pdf?year={year}"))
    assert pdf.body.startswith(b"%PDF"), pdf.header("Content-Type")
    xlsx = checker.check(client, client.get(f"/reports/annual/{SITE}/download.xlsx?year={year}"))
    assert xlsx.body.startswith(b"PK"), xlsx.header("Content-Type")


def test_it_serves_the_secretariats_import_page(stack, checker):
    client = stack.servers[0].client()
    login(client, SECRETARIAT, DEMO_PASSWORD, stack.second_factor)
    checker.check(client, client.get("/imports/"))
    checker.check(client, client.get("/admin/"))


def test_it_answers_errors_with_its_own_pages(stack, checker):
    client = stack.servers[0].client()
    missing = checker.check(client, client.get("/findes-ikke/"), status=404)
    assert "Siden findes ikke" in missing.text
    login_page = client.get("/login/")
    # A form posted without its CSRF token: Frirum's page, not Django's English one.
    client.cookies.clear()
    refused = client.post("/login/", {"username": "x@example.org", "password": "x"})
    checker.check(client, refused, status=403)
    assert "Formularen er udløbet" in refused.text
    assert login_page.status == 200


def test_it_answers_health_and_readiness(stack):
    client = stack.servers[0].client()
    health = client.get("/healthz")
    assert health.status == 200 and health.text == '{"status": "ok"}'
    ready = client.get("/readyz")
    assert ready.status == 200, ready.text
    assert '"database": {"ok": true}' in ready.text


def test_it_keeps_addresses_and_codes_out_of_the_access_log(stack, checker):
    client = stack.servers[0].client()
    client.get("/q/ABCD-EFGH/")
    log = stack.servers[0].log_text()
    access = [line for line in log.splitlines() if "frirum.access" in line]
    assert len(access) > 10, log[-2000:]
    assert any("/s/<str:site_code>/dashboard/" in line for line in access)
    for line in access:
        assert "127.0.0.1" not in line
        assert "ABCD" not in line and "EFGH" not in line


def test_it_restarts_and_stops_gracefully(stack):
    import signal
    import time

    server = stack.start_server()
    pids_before = set(re.findall(r"Booting worker with pid: (\d+)", server.log_text()))
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = set(re.findall(r"Booting worker with pid: (\d+)", server.log_text()))
        if len(pids - pids_before) >= 2:
            break
        time.sleep(0.2)  # polling the server's log for the new workers
    assert len(pids - pids_before) >= 2, server.log_text()
    server.wait_ready()
    assert server.client().get("/healthz").status == 200
    assert server.stop() == 0
    assert "Shutting down: Master" in server.log_path.read_text()
