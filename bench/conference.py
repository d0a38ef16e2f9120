"""Benchmark: a conference dialogue with 300 phones behind one venue address.

Run from the project directory:

    uv run python -m bench.conference [--phones N] [--requests N] [--help]

Like the other benchmarks (see bench/harness.py) it creates its own PostgreSQL database
(default postgres://postgres@127.0.0.1:5432/hok_bench_conference; BENCH_DATABASE_URL names
the server, the database is always hok_bench_conference unless --database-url is given),
migrates it, loads the seed content and serves the project with gunicorn on 127.0.0.1 with
production settings. The cache, which holds the per-device note counters, must be shared by
the gunicorn workers: Redis database 13 by default (--redis-url, or --redis-url "" for the
database cache).

Before gunicorn starts, `prepare` adds GENERATED data, clearly marked as such: a conference
"Genererad benchkonferens" with two open dialogues, BENCHA (the conference, default cap of
notes) and BENCHB (the throughput measurement, a cap out of reach).

Then, all from 127.0.0.1, i.e. one IP address:
1. the conference: 300 phones arrive within 15 s; each opens the dialogue page (its device
   cookie and CSRF token) and sends 3 notes a few seconds apart, all within 60 s. Two phones
   in three send as the outbox script does (JSON, a client key per note, and the first note
   sent twice as if its confirmation was lost); every third phone sends as a phone without
   JavaScript (form POST, redirect, the page again). Prints notes sent, notes stored (read
   from the database: they must be equal, and each stored once), refusals and the p50, p95
   and p99 latency of the submits;
2. one device floods 200 notes: prints how many were refused (the device limit);
3. throughput: the constant view of bench/pages.py, the home page (for scale), the attendee
   page and note submits
   (JSON, fresh devices so the device limit does not apply), in interleaved rounds; prints
   req/s and the ratios to the constant view.
The run fails (exit 1) when a stored count differs from what was sent, or a phone is refused.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NotRequired, TypedDict
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

from bench.harness import (
    CONSTANT,
    DEFAULT_DATABASE_URL,
    BenchEnv,
    BenchError,
    Deadline,
    Page,
    Server,
    bench_env,
    database_name,
    fresh_database,
    gunicorn_server,
    load,
    log,
    parse_args,
    percentile_ms,
    prepare_project,
    run_threads,
)

DATABASE_NAME = "hok_bench_conference"
REDIS_URL = "redis://127.0.0.1:6379/13"
CONFERENCE_CODE = "BENCHA"
THROUGHPUT_CODE = "BENCHB"
FLOOD_NOTES = 200

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CLIENT_KEY = re.compile(r'name="client_key" value="([^"]+)"')


# --- generated data ------------------------------------------------------------------------


def generate() -> None:
    """The bench's conference and dialogues. Runs inside `manage.py shell` (Django is set up)."""
    import datetime

    from django.utils import timezone

    from dialogues.models import Conference, Dialogue, DialogueQuestion

    conference = Conference.objects.create(
        name="Genererad benchkonferens",
        slug="genererad-benchkonferens",
        date=timezone.localdate() + datetime.timedelta(days=1),
        place="Genererad plats",
        description="Genererad testdata för prestandamätning (bench/conference.py).",
    )
    for position, (code, cap) in enumerate(
        [(CONFERENCE_CODE, None), (THROUGHPUT_CODE, 10_000_000)], start=1
    ):
        dialogue = Dialogue.objects.create(
            conference=conference,
            position=position,
            title=f"Genererad dialog {code}",
            introduction="Genererad dialog för prestandamätning.",
            short_code=code,
            manual_state=Dialogue.ManualState.OPEN,
            **({"note_cap": cap} if cap else {}),
        )
        for n in (1, 2, 3):
            DialogueQuestion.objects.create(
                dialogue=dialogue, position=n, text=f"Genererad fråga {n}?"
            )
    print(f"Generated the conference with dialogues {CONFERENCE_CODE} and {THROUGHPUT_CODE}.")  # noqa: T201


def prepare(benv: BenchEnv) -> None:
    output = benv.manage("shell", "-c", "from bench.conference import generate; generate()")
    log(output.strip().splitlines()[-1] if output.strip() else "generated")


def stored_notes(database_url: str, code: str) -> tuple[int, int]:
    """How many notes the dialogue holds, and how many distinct client keys they have."""
    with psycopg.connect(database_url, connect_timeout=10) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT n.client_key) FROM dialogues_note n "
            "JOIN dialogues_dialogue d ON d.id = n.dialogue_id WHERE d.short_code = %s",
            (code,),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


# --- one phone -------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes
    location: str
    seconds: float


@dataclass
class Phone:
    """A browser: its cookies, and the token and client key of the page it shows."""

    server: Server
    timeout: float
    cookies: dict[str, str] = field(default_factory=dict)
    token: str = ""
    client_key: str = ""

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Reply:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=self.timeout)
        all_headers = {"Connection": "close", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.coded_value
            return Reply(
                response.status,
                data,
                response.getheader("Location") or "",
                time.perf_counter() - started,
            )
        finally:
            conn.close()

    def open(self, path: str) -> Reply:
        reply = self.request("GET", path)
        if reply.status != 200:
            raise BenchError(f"GET {path} answered {reply.status}:\n{reply.body[:800]!r}")
        html = reply.body.decode()
        token, key = _TOKEN.search(html), _CLIENT_KEY.search(html)
        if not token or not key:
            raise BenchError(f"GET {path}: no form on the page.")
        self.token, self.client_key = token.group(1), key.group(1)
        return reply

    def submit(self, path: str, text: str, *, client_key: str, json_reply: bool) -> Reply:
        form = {
            "csrfmiddlewaretoken": self.token,
            "question": "hela",
            "table_group": "Genererat bord",
            "text": text,
            "client_key": client_key,
            "webbplats": "",
        }
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if json_reply:
            headers["Accept"] = "application/json"
        return self.request("POST", path, urlencode(form).encode(), headers)


def page_path(code: str) -> str:
    return f"/dialog/{code}/"


# --- the conference ----------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0
    retries_confirmed: int = 0
    refusals: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    submit_latencies: list[float] = field(default_factory=list)
    page_latencies: list[float] = field(default_factory=list)


def run_phone(
    number: int, server: Server, args: argparse.Namespace, tally: Tally, rng: random.Random
) -> None:
    path = page_path(CONFERENCE_CODE)
    javascript = number % 3 != 2
    start = rng.uniform(0, args.arrival)
    gaps = [rng.uniform(2, args.gap) for _ in range(args.notes_each)]
    phone = Phone(server, args.request_timeout)
    time.sleep(start)
    try:
        reply = phone.open(path)
        with tally.lock:
            tally.page_latencies.append(reply.seconds)
        for k, gap in enumerate(gaps):
            time.sleep(gap)
            text = f"Genererad anteckning {k + 1} från telefon {number + 1}."
            key = str(uuid.uuid4()) if javascript else phone.client_key
            reply = phone.submit(path, text, client_key=key, json_reply=javascript)
            with tally.lock:
                tally.sent += 1
                tally.submit_latencies.append(reply.seconds)
            if reply.status not in (201, 302):
                with tally.lock:
                    tally.refusals[reply.status] += 1
                continue
            if javascript and k == 0:
                # The confirmation got lost on the way: the outbox sends the same note again.
                again = phone.submit(path, text, client_key=key, json_reply=True)
                with tally.lock:
                    tally.submit_latencies.append(again.seconds)
                    if again.status == 200 and json.loads(again.body)["status"] == "already_stored":
                        tally.retries_confirmed += 1
                    else:
                        tally.refusals[again.status] += 1
            if not javascript:
                # A browser follows the redirect: the fresh page has the next client key.
                page = phone.open(reply.location.split("#")[0])
                with tally.lock:
                    tally.page_latencies.append(page.seconds)
    except (OSError, http.client.HTTPException, BenchError) as error:
        with tally.lock:
            tally.errors.append(f"phone {number + 1}: {type(error).__name__}: {error}")


def conference(server: Server, args: argparse.Namespace) -> tuple[Tally, float]:
    tally = Tally()
    threads = [
        threading.Thread(
            target=run_phone,
            args=(n, server, args, tally, random.Random(n)),  # noqa: S311 - load pattern only
            name=f"phone-{n}",
            daemon=True,
        )
        for n in range(args.phones)
    ]
    seconds = run_threads(threads, timeout=args.arrival + args.gap * args.notes_each + 120)
    return tally, seconds


def flood(server: Server, args: argparse.Namespace) -> Counter:
    phone = Phone(server, args.request_timeout)
    path = page_path(CONFERENCE_CODE)
    phone.open(path)
    statuses: Counter = Counter()
    for n in range(FLOOD_NOTES):
        reply = phone.submit(
            path, f"Genererad flod {n + 1}.", client_key=str(uuid.uuid4()), json_reply=True
        )
        statuses[reply.status] += 1
    return statuses


# --- throughput --------------------------------------------------------------------------------


def submit_load(
    server: Server, args: argparse.Namespace, count: int, phones: list[Phone]
) -> tuple[float, list[float]]:
    """`count` JSON submits to the throughput dialogue from `args.concurrency` threads."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    failures: list[str] = []
    path = page_path(THROUGHPUT_CODE)

    def worker() -> None:
        nonlocal issued
        while True:
            with lock:
                if failures or issued >= count:
                    return
                phone = phones[issued % len(phones)]
                issued += 1
            try:
                reply = phone.submit(
                    path, "Genererad anteckning.", client_key=str(uuid.uuid4()), json_reply=True
                )
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    failures.append(f"{type(error).__name__}: {error}")
                return
            with lock:
                if reply.status != 201:
                    failures.append(f"POST {path} answered {reply.status}: {reply.body[:300]!r}")
                    return
                latencies.append(reply.seconds)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.concurrency)]
    seconds = run_threads(threads)
    if failures:
        raise BenchError(f"{failures[0]}\n--- gunicorn log (tail) ---\n{server.log_tail()}")
    return seconds, latencies


class Totals(TypedDict):
    """One page's throughput: its time, its latencies and (at the end) requests per second."""

    seconds: float
    latencies: list[float]
    rps: NotRequired[float]


def throughput(server: Server, args: argparse.Namespace, deadline: Deadline) -> dict[str, Totals]:
    page = Page("attendee", page_path(THROUGHPUT_CODE))
    # Enough devices that none reaches its limit of notes (20 per 10 minutes).
    phones = [Phone(server, args.request_timeout) for _ in range(args.requests // 10 + 1)]
    for phone in phones:
        phone.open(page.path)
    pages = (("constant", CONSTANT), ("home", Page("home", "/")), ("attendee", page))
    common = {"concurrency": args.concurrency, "request_timeout": args.request_timeout}
    if args.warmup:
        for _name, target in pages:
            load(server, target, count=args.warmup, time_limit=deadline.remaining(60), **common)
        submit_load(server, args, args.warmup, phones)
    names = ("constant", "home", "attendee", "submit")
    totals: dict[str, Totals] = {name: {"seconds": 0.0, "latencies": []} for name in names}
    rounds = min(args.rounds, args.requests)
    for round_number in range(rounds):
        count = args.requests // rounds + (round_number < args.requests % rounds)
        for name, target in pages:
            result = load(
                server,
                target,
                count=count,
                time_limit=deadline.remaining(args.page_time_limit / rounds),
                **common,
            )
            totals[name]["seconds"] += result.seconds
            totals[name]["latencies"] += result.latencies
        seconds, latencies = submit_load(server, args, count, phones)
        totals["submit"]["seconds"] += seconds
        totals["submit"]["latencies"] += latencies
    for values in totals.values():
        values["rps"] = len(values["latencies"]) / values["seconds"]
    return totals


# --- command line ------------------------------------------------------------------------------


def _database_url(explicit: bool, url: str) -> str:
    """The server of `url` with the conference bench's own database, unless given outright."""
    if explicit:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{DATABASE_NAME}"))


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    own = argparse.ArgumentParser(add_help=False)
    own.add_argument("--phones", type=int, default=300, help="phones at the conference")
    own.add_argument("--notes-each", type=int, default=3, help="notes each phone sends")
    own.add_argument("--arrival", type=float, default=15, help="seconds over which phones arrive")
    own.add_argument("--gap", type=float, default=10, help="most seconds between two notes")
    known, rest = own.parse_known_args(argv)
    if "-h" in rest or "--help" in rest:
        own.print_help()
    explicit_db = any(a.startswith("--database-url") for a in rest)
    explicit_redis = any(a.startswith("--redis-url") for a in rest)
    args = parse_args(__doc__, rest)
    args.database_url = _database_url(explicit_db, args.database_url or DEFAULT_DATABASE_URL)
    if not explicit_redis:
        args.redis_url = REDIS_URL
    for name, value in vars(known).items():
        setattr(args, name, value)
    if args.phones < 1 or args.notes_each < 1:
        raise SystemExit("--phones and --notes-each must be at least 1")
    return args


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    deadline = Deadline(args.time_limit)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    problems: list[str] = []
    try:
        with (
            tempfile.TemporaryDirectory(prefix="hok-bench-") as tmp,
            fresh_database(args.database_url) as database_url,
        ):
            benv = bench_env(database_url, Path(tmp), deadline, args)
            log(f"Database {database_name(database_url)} created.")
            prepare_project(benv)
            prepare(benv)
            with gunicorn_server(benv, workers=args.workers, threads=args.threads) as server:
                log(f"Conference: {args.phones} phones x {args.notes_each} notes, one address")
                tally, seconds = conference(server, args)
                stored, distinct = stored_notes(database_url, CONFERENCE_CODE)
                log(f"Flood: one device sends {FLOOD_NOTES} notes")
                flood_statuses = flood(server, args)
                log(
                    f"Throughput: {args.requests} requests each in {args.rounds} rounds, "
                    f"{args.concurrency} clients"
                )
                totals = throughput(server, args, deadline)
    except BenchError as error:
        print(f"\nBENCH FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)

    wanted = args.phones * args.notes_each
    if tally.errors:
        problems.append(f"{len(tally.errors)} phones failed, the first: {tally.errors[0]}")
    if tally.sent != wanted:
        problems.append(f"{tally.sent} notes were sent of the {wanted} planned")
    if stored != tally.sent:
        problems.append(f"{tally.sent} notes sent but {stored} stored")
    if distinct != stored:
        problems.append(f"{stored - distinct} notes stored twice")
    if tally.refusals:
        problems.append(f"phones were refused: {dict(tally.refusals)}")
    flood_refused = flood_statuses[429]
    lat = tally.submit_latencies
    submit, constant, attendee = totals["submit"], totals["constant"], totals["attendee"]
    summary = {
        "bench": "conference",
        "phones": args.phones,
        "notes_each": args.notes_each,
        "one_ip_address": True,
        "notes_sent": tally.sent,
        "notes_stored": stored,
        "stored_twice": stored - distinct,
        "retries_confirmed_once": tally.retries_confirmed,
        "refusals": sum(tally.refusals.values()),
        "conference_seconds": round(seconds, 1),
        "conference_within_60_s": seconds <= 60,
        "submit_p50_ms": round(percentile_ms(lat, 0.50), 1) if lat else None,
        "submit_p95_ms": round(percentile_ms(lat, 0.95), 1) if lat else None,
        "submit_p99_ms": round(percentile_ms(lat, 0.99), 1) if lat else None,
        "page_p95_ms": round(percentile_ms(tally.page_latencies, 0.95), 1)
        if tally.page_latencies
        else None,
        "flood_notes": FLOOD_NOTES,
        "flood_refused": flood_refused,
        "flood_statuses": {str(k): v for k, v in sorted(flood_statuses.items())},
        "constant_rps": round(constant["rps"], 1),
        "home_rps": round(totals["home"]["rps"], 1),
        "attendee_page_rps": round(attendee["rps"], 1),
        "submit_rps": round(submit["rps"], 1),
        "attendee_page_rps_ratio": round(attendee["rps"] / constant["rps"], 3),
        "submit_rps_ratio": round(submit["rps"] / constant["rps"], 3),
        "submit_throughput_p50_ms": round(statistics.median(submit["latencies"]) * 1000, 2),
        "server": f"gunicorn {args.workers} workers x {args.threads} threads (gthread), "
        f"bench.settings, DEBUG off",
        "cache": "redis" if args.redis_url else "database",
        "concurrency": args.concurrency,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "ok": not problems,
    }
    print()
    print(
        f"conference: {args.phones} phones on one IP address, {args.notes_each} notes each, "
        f"in {seconds:.1f} s"
    )
    print(f"  notes sent      {tally.sent}")
    print(f"  notes stored    {stored}  (stored twice: {stored - distinct})")
    print(f"  retries         {tally.retries_confirmed} resent notes confirmed as already stored")
    print(f"  refusals        {sum(tally.refusals.values())}")
    if lat:
        print(
            f"  submit latency  p50 {summary['submit_p50_ms']} ms  p95 {summary['submit_p95_ms']} "
            f"ms  p99 {summary['submit_p99_ms']} ms  ({len(lat)} submits)"
        )
    print(
        f"flood: one device, {FLOOD_NOTES} notes: {flood_refused} refused ({dict(flood_statuses)})"
    )
    print(f"throughput ({args.concurrency} clients, {args.requests} requests each):")
    for name, values in totals.items():
        print(
            f"  {name:<9} {values['rps']:8.1f} req/s  ratio to constant "
            f"{values['rps'] / constant['rps']:.3f}"
        )
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")), flush=True)
    if problems:
        for problem in problems:
            print(f"BENCH FAILED: {problem}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
