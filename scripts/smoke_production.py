"""Production smoke: deploy with `config.settings.production` the way the README's production section says, on a
scratch PostgreSQL database and loopback port, and check what a first visitor gets.

    .venv/bin/python scripts/smoke_production.py        # run by .ci/run; about a minute
    .venv/bin/python scripts/smoke_production.py --demo --serve   # also load_demo, then keep serving (benchmarks)
    .venv/bin/python scripts/smoke_production.py --seed --serve   # load_demo, then scripts/seed_load.py (load figures)

Steps (as in the README): migrate, collectstatic, import_esco, build_search_index, then gunicorn with
config/gunicorn.py. Checks, each on its first request: the home page with its stylesheet, the public directory,
the API schema docs with their (self-hosted) Swagger UI script, /healthz, a login and one page behind it, an API
token. Exits non-zero naming the first check that failed; gunicorn is stopped by its process id either way.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PORT = int(os.environ.get("SMOKE_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DB = "talentpool_smoke"
PG = os.environ.get("SMOKE_PG", "postgres://postgres@127.0.0.1:5432")
STAFF, PASSWORD = "smoke-staff@example.org", "smoke-pass-2026-long"


class CookiesOverHttp(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; this smoke speaks plain HTTP on loopback, so send them anyway."""

    def return_ok_secure(self, cookie, request):  # type: ignore[no-untyped-def]
        return True


def step(*args: str, env: dict[str, str]) -> None:
    print("$", " ".join(args[1:] if args[0] == PY else args), flush=True)
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def fetch(opener, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(BASE + path, data=body, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.geturl()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), BASE + path


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise SystemExit(f"production smoke failed: {what}")


def main() -> int:
    demo, serve, seed = "--demo" in sys.argv, "--serve" in sys.argv, "--seed" in sys.argv
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise SystemExit(f"production smoke: port {PORT} is already taken (a server left running?)")
    subprocess.run(["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", f"CREATE DATABASE {DB}"], check=True)
    media = tempfile.mkdtemp(prefix="smoke-media-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "smoke-secret-key-not-for-use-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": BASE,
        "CSRF_TRUSTED_ORIGINS": BASE,
        "DATABASE_URL": f"{PG}/{DB}",
        "SECURE_SSL_REDIRECT": "false",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
        "CACHE_URL": "redis://127.0.0.1:6379/11",
        "PRIVATE_MEDIA_ROOT": media,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": "2",
        "DJANGO_SUPERUSER_EMAIL": STAFF,
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    env.pop("DEBUG", None)
    started = time.monotonic()
    step(PY, "manage.py", "migrate", "--noinput", env=env)
    step(PY, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)
    step(PY, "manage.py", "import_esco", env=env)
    step(PY, "manage.py", "build_search_index", env=env)
    step(PY, "manage.py", "createsuperuser", "--noinput", env=env)
    if demo or seed:
        step(PY, "manage.py", "load_demo", env=env)
    if seed:
        step(PY, "scripts/seed_load.py", env=env)
    web = subprocess.Popen(
        [GUNICORN, "-c", "config/gunicorn.py", "config.wsgi:application"], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=5)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or web.poll() is not None:
                    check(False, "gunicorn answers on its port")
                time.sleep(0.5)
        jar = http.cookiejar.CookieJar(policy=CookiesOverHttp())
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        status, body, _ = fetch(opener, "/healthz")
        check(status == 200 and json.loads(body)["status"] == "ok", f"/healthz answers 200 ok ({status} {body[:120]})")
        status, home, _ = fetch(opener, "/")
        check(status == 200, f"home page answers 200 ({status})")
        css = re.search(r'href="(/static/[^"]+\.css)"', home)
        check(css is not None, "home page links a hashed stylesheet from the static manifest")
        check(fetch(opener, css.group(1))[0] == 200, f"its stylesheet {css.group(1)} answers 200")  # type: ignore[union-attr]
        status, body, _ = fetch(opener, "/programmes/directory/")
        check(status == 200, f"public programme directory answers 200 ({status})")
        status, docs, _ = fetch(opener, "/api/v1/docs/")
        script = re.search(r'src="(/static/[^"]*swagger[^"]*\.js)"', docs)
        check(status == 200 and script is not None, "API docs answer 200 and load Swagger UI from this server")
        check(fetch(opener, script.group(1))[0] == 200, "the Swagger UI script answers 200")  # type: ignore[union-attr]
        begun = time.monotonic()
        status, body, _ = fetch(opener, "/api/v1/occupations/?q=infirmi%C3%A8re")
        took = time.monotonic() - begun
        check(status == 200 and "nurse" in body.lower(), f"first occupation search answers ({status}, {took:.1f} s)")
        status, form, _ = fetch(opener, "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        check(status == 200 and token is not None, "login page answers 200 with a CSRF token")
        status, _body, landed = fetch(
            opener,
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.group(1), "username": STAFF, "password": PASSWORD},  # type: ignore[union-attr]
            headers={"Referer": BASE + "/accounts/login/"},
        )
        check(status == 200 and "/accounts/login/" not in landed, f"staff login lands on a page ({status} {landed})")
        status, _body, _ = fetch(opener, "/review/queue/")
        check(status == 200, f"the caseworker area answers 200 after login ({status})")
        request = urllib.request.Request(
            BASE + "/api/v1/auth/token/",
            data=json.dumps({"email": STAFF, "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            api_token = json.loads(response.read()).get("token")
        check(bool(api_token), "the API hands out a token")
        status, body, _ = fetch(
            urllib.request.build_opener(), "/api/v1/me/", headers={"Authorization": f"Token {api_token}"}
        )
        check(status == 200 and STAFF in body, f"/api/v1/me/ answers with the token ({status})")
        if serve:
            print(f"serving {BASE} until interrupted", flush=True)
            web.wait()
    except KeyboardInterrupt:
        pass
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
        subprocess.run(["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=False)
    print(f"production smoke passed in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
