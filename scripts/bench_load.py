"""Open-loop load benchmark (issue 16; not part of CI): requests at a fixed offered rate against a running
deployment, latency percentiles and errors per endpoint.

    TRUSTED_PROXY_COUNT=1 .venv/bin/python scripts/smoke_production.py --seed --serve &   # production, :8765
    .venv/bin/python scripts/bench_load.py --rate 50 --seconds 15 --clients 25          # one endpoint after another

Endpoints: the employer's vacancy list (API: default page and page size 100), the candidates released to one
vacancy, the caseworker queue (API), and the occupation search as autocomplete sends it (anonymous: the prefixes
people type, then every query new to the server). Open loop: a request is sent every 1/rate seconds
whether or not the earlier ones have answered (a thread pool wide enough never to queue), so a slow server shows
as latency and errors, not as a politely lower rate.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

# What autocomplete sends as people type a title (French, German, English, Romanian, Arabic transliterated): the
# same short prefixes come from every user, so the server's query cache serves most of them.
WORDS = ["inf", "infi", "infirm", "nur", "nurs", "pfleg", "kran", "soud", "elec", "cuis", "recep", "serv", "chauf"]


def token(base: str, email: str, password: str) -> str:
    request = urllib.request.Request(
        base + "/api/v1/auth/token/",
        data=json.dumps({"email": email, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(json.loads(response.read())["token"])


def fetch(url: str, headers: dict[str, str]) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
        return bytes(response.read())


def one(url: str, headers: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return (time.perf_counter() - started) * 1000, status


def run(
    name: str, urls: list[str], headers: dict[str, str], rate: float, seconds: float, clients: int = 1
) -> dict[str, object]:
    """`clients` > 1 sends each request as one of that many client addresses (X-Forwarded-For, which the deployment
    reads when it trusts one proxy: TRUSTED_PROXY_COUNT=1), as many users behind a load balancer would."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    total = int(rate * seconds)

    def task(i: int) -> None:
        sent = headers if clients <= 1 else {**headers, "X-Forwarded-For": f"198.51.100.{i % clients + 1}"}
        outcome = one(urls[i % len(urls)], sent)
        with lock:
            results.append(outcome)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=256) as pool:
        for i in range(total):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(task, i)
    elapsed = time.perf_counter() - started
    ok = sorted(ms for ms, status in results if status == 200)
    errors: dict[int, int] = {}
    for _ms, status in results:
        if status != 200:
            errors[status] = errors.get(status, 0) + 1

    def pct(p: float) -> float:
        return ok[min(len(ok) - 1, int(p * len(ok)))] if ok else float("nan")

    return {
        "endpoint": name,
        "offered": f"{rate:g}/s",
        "served": f"{len(ok) / elapsed:.1f}/s",
        "p50": f"{statistics.median(ok):.0f}" if ok else "-",
        "p95": f"{pct(0.95):.0f}",
        "p99": f"{pct(0.99):.0f}",
        "errors": ", ".join(f"{count}× {status or 'no answer'}" for status, count in sorted(errors.items())) or "0",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--password", default="demo-pass-2026")
    parser.add_argument("--clients", type=int, default=1, help="client addresses for the search (see run())")
    args = parser.parse_args()
    employer = {"Authorization": "Token " + token(args.base, "employer@demo.talentpool.eu", args.password)}
    caseworker = {"Authorization": "Token " + token(args.base, "caseworker@demo.talentpool.eu", args.password)}
    listed = json.loads(fetch(args.base + "/api/v1/vacancies/?page_size=100", employer))
    first = min(row["id"] for row in listed["results"])
    released = json.loads(fetch(f"{args.base}/api/v1/vacancies/{first}/candidates/?page_size=50", employer))
    queue = json.loads(fetch(args.base + "/api/v1/review/items/", caseworker))
    print(f"world: {listed['count']} vacancies, {released['count']} released to vacancy {first}, "
          f"{queue['count']} queue items")  # fmt: skip
    run_id = int(time.time()) % 100000  # a second run must not find the first run's "new" queries cached
    rows = [
        run("GET /api/v1/vacancies/ (employer, default page: 25 rows)",
            [args.base + "/api/v1/vacancies/"], employer, args.rate, args.seconds),
        run(f"GET /api/v1/vacancies/?page_size=100 (employer, {len(listed['results'])} rows)",
            [args.base + "/api/v1/vacancies/?page_size=100"], employer, args.rate, args.seconds),
        run(f"GET /api/v1/vacancies/{first}/candidates/?page_size=50 (employer, "
            f"{len(released['results'])} rows)",
            [f"{args.base}/api/v1/vacancies/{first}/candidates/?page_size=50"], employer, args.rate, args.seconds),
        run("GET /api/v1/review/items/ (caseworker)", [args.base + "/api/v1/review/items/"],
            caseworker, args.rate, args.seconds),
        run(f"GET /api/v1/occupations/?q=… (anonymous autocomplete, {len(WORDS)} prefixes, {args.clients} "
            "client(s))",
            [f"{args.base}/api/v1/occupations/?q={w}" for w in WORDS], {}, args.rate, args.seconds, args.clients),
        # The worst case for the query cache: every request a text the server has never seen (a prefix and a
        # number), so each one runs the sentence model.
        run(f"GET /api/v1/occupations/?q=… (every query new, {args.clients} client(s))",
            [f"{args.base}/api/v1/occupations/?q={WORDS[i % len(WORDS)]}+{run_id}{i}"
             for i in range(int(args.rate * args.seconds))], {}, args.rate, args.seconds, args.clients),
    ]  # fmt: skip
    print("| endpoint | offered | served | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            "| "
            + " | ".join(str(row[key]) for key in ("endpoint", "offered", "served", "p50", "p95", "p99", "errors"))
            + " |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
