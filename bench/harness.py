"""The reusable parts of the benchmarks: a fresh database, gunicorn on loopback, a load driver
and a report.

A benchmark lists its pages and calls `run()`:

    from bench.harness import Page, run

    def main(argv=None):
        return run([Page("home", "/")], name="pages", argv=argv)

`run()` creates a fresh PostgreSQL database (dropped and recreated every run), migrates it,
loads the seed content, runs collectstatic into a temporary directory, starts gunicorn on
127.0.0.1 with `bench.settings` (production settings, DEBUG off, no HTTPS redirect), loads
/bench/constant/ and every page from this process (warm-up, then the measured requests in
interleaved rounds, every response must be 200), prints a table with the ratios to the
constant view and one line of JSON, and always stops gunicorn and drops the database, also
on failure. Every step has a time bound.
Pages can also be added from the command line with `--page [NAME=]PATH`.
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "bench.settings"
WSGI_APPLICATION = "hok.wsgi:application"
HOST = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hok_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class BenchError(Exception):
    """The benchmark cannot go on; the message says why."""


@dataclass(frozen=True)
class Page:
    """One URL to load. `headers` are sent with every request (e.g. a session cookie)."""

    name: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()


CONSTANT = Page("constant", "/bench/constant/")


# --- time bounds -------------------------------------------------------------------------


class Deadline:
    """The total time bound of a run; every step takes its timeout from what is left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self, at_most: float | None = None) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise BenchError(f"The time limit of {self.seconds:.0f} s was reached.")
        return left if at_most is None else min(left, at_most)


def _raise_system_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


# --- database ----------------------------------------------------------------------------


def database_name(database_url: str) -> str:
    name = conninfo_to_dict(database_url).get("dbname")
    if not name:
        raise BenchError(f"The database URL {database_url!r} names no database.")
    return str(name)


def _maintenance(database_url: str) -> psycopg.Connection:
    conninfo = make_conninfo(database_url, dbname="postgres", connect_timeout=10)
    return psycopg.connect(conninfo, autocommit=True)


def _drop_database(database_url: str, name: str) -> None:
    with _maintenance(database_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextlib.contextmanager
def fresh_database(database_url: str) -> Iterator[str]:
    """Drop and recreate the database of `database_url`, and drop it again at the end.

    As a guard against a stray environment variable, the name must contain "bench".
    """
    name = database_name(database_url)
    if "bench" not in name:
        raise BenchError(
            f"Refusing to drop and recreate the database {name!r}: "
            f"a benchmark database's name must contain 'bench'."
        )
    try:
        _drop_database(database_url, name)
        with _maintenance(database_url) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise BenchError(f"Could not create the database {name!r}: {error}") from error
    try:
        yield database_url
    finally:
        try:
            _drop_database(database_url, name)
            log(f"Dropped the database {name}.")
        except psycopg.Error as error:
            log(f"WARNING: could not drop the database {name!r}: {error}")


# --- the project: environment and manage.py ----------------------------------------------


@dataclass
class BenchEnv:
    """The environment manage.py and gunicorn run with."""

    database_url: str
    workdir: Path
    env: dict[str, str]
    deadline: Deadline

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run `manage.py *args` with the bench settings; fail loudly if it fails."""
        command = [sys.executable, str(PROJECT_DIR / "manage.py"), *args]
        log(f"manage.py {' '.join(args)}")
        try:
            done = subprocess.run(
                command,
                cwd=PROJECT_DIR,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=self.deadline.remaining(timeout),
            )
        except subprocess.TimeoutExpired as error:
            raise BenchError(f"manage.py {' '.join(args)} timed out.") from error
        if done.returncode != 0:
            raise BenchError(
                f"manage.py {' '.join(args)} failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        return done.stdout


def bench_env(
    database_url: str, workdir: Path, deadline: Deadline, args: argparse.Namespace
) -> BenchEnv:
    env = dict(os.environ)
    for name in ("DJANGO_DEBUG", "CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        BENCH_STATIC_ROOT=str(workdir / "static"),
        EMAIL_FILE_PATH=str(workdir / "mail"),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["CACHE_KEY_PREFIX"] = f"hok-bench-{secrets.token_hex(4)}"
    if args.conn_max_age is not None:
        env["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
    return BenchEnv(database_url=database_url, workdir=workdir, env=env, deadline=deadline)


def server_settings(benv: BenchEnv) -> dict[str, object]:
    """What the server runs with, read from its own settings (not guessed from the environment:
    production settings default CONN_MAX_AGE to 60 when DATABASE_CONN_MAX_AGE is unset)."""
    output = benv.manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; print(json.dumps({"
        "'conn_max_age': settings.DATABASES['default']['CONN_MAX_AGE'], "
        "'page_cache': settings.PAGE_CACHE, "
        "'cache': settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}))",
    )
    return json.loads(output.strip().splitlines()[-1])


def prepare_project(benv: BenchEnv) -> None:
    """Migrate the fresh database, load the seed content, collect the static files."""
    benv.manage("migrate", "--noinput")
    benv.manage("load_seed_content")
    benv.manage("collectstatic", "--noinput")


# --- gunicorn ----------------------------------------------------------------------------


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen
    log_path: Path
    command: list[str] = field(default_factory=list)

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_until_ready(server: Server, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.process.poll() is not None:
            raise BenchError(
                f"gunicorn exited ({server.process.returncode}) while starting:\n"
                f"{server.log_tail()}"
            )
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _ = fetch(server.host, server.port, CONSTANT, timeout=2)
            if status == 200:
                return
        time.sleep(0.1)
    raise BenchError(f"gunicorn did not answer within {timeout:.0f} s:\n{server.log_tail()}")


@contextlib.contextmanager
def gunicorn_server(
    benv: BenchEnv, *, workers: int, threads: int, startup_timeout: float = 60
) -> Iterator[Server]:
    """gunicorn (gthread workers) serving the project on a free loopback port."""
    log_path = benv.workdir / "gunicorn.log"
    for attempt in range(3):
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            WSGI_APPLICATION,
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--timeout=30",
            "--graceful-timeout=5",
            "--no-control-socket",
            "--error-logfile=-",
        ]
        log(f"Starting gunicorn on {HOST}:{port} ({workers} workers x {threads} threads)")
        with log_path.open("ab") as log_file:
            process = subprocess.Popen(
                command,
                cwd=PROJECT_DIR,
                env=benv.env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        server = Server(HOST, port, process, log_path, command)
        try:
            _wait_until_ready(server, benv.deadline.remaining(startup_timeout))
        except BenchError:
            _stop(process)
            # Another process may have taken the port between free_port() and the bind.
            if attempt < 2 and "Address already in use" in server.log_tail():
                continue
            raise
        except BaseException:
            _stop(process)
            raise
        break
    try:
        yield server
    finally:
        _stop(server.process)
        log("Stopped gunicorn.")


# --- load --------------------------------------------------------------------------------


def fetch(host: str, port: int, page: Page, timeout: float) -> tuple[int, bytes]:
    """One GET on a new connection (closed after the response), the body read to the end."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", page.path, headers={"Connection": "close", **dict(page.headers)})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Result:
    page: Page
    wanted: int
    seconds: float
    latencies: list[float]
    sizes: list[int]

    @property
    def body_bytes(self) -> int:
        """The mean size of the response bodies."""
        return round(statistics.fmean(self.sizes))

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def truncated(self) -> bool:
        return self.requests < self.wanted

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile_ms(self.latencies, 0.95)


def percentile_ms(seconds: Sequence[float], share: float) -> float:
    """Nearest rank, in milliseconds: the smallest latency that `share` of them stay within."""
    ordered = sorted(seconds)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] * 1000


def run_threads(threads: list[threading.Thread], timeout: float | None = None) -> float:
    """Start the load threads together, wait for them (each at most `timeout` s), return seconds."""
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return time.perf_counter() - started


def load(
    server: Server,
    page: Page,
    *,
    count: int,
    concurrency: int,
    time_limit: float,
    request_timeout: float,
) -> Result:
    """`count` GETs of `page` from `concurrency` threads, stopping after `time_limit` seconds.

    Every response must be 200; the first one that is not stops the load and fails the run.
    """
    lock = threading.Lock()
    stop = threading.Event()
    issued = 0
    latencies: list[float] = []
    sizes: list[int] = []
    failures: list[str] = []
    end = time.monotonic() + time_limit

    def worker() -> None:
        nonlocal issued
        while True:
            with lock:
                if stop.is_set() or issued >= count or time.monotonic() >= end:
                    return
                issued += 1
            started = time.perf_counter()
            try:
                status, body = fetch(server.host, server.port, page, request_timeout)
            except (OSError, http.client.HTTPException) as error:
                failures.append(f"GET {page.path}: {type(error).__name__}: {error}")
                stop.set()
                return
            elapsed = time.perf_counter() - started
            if status != 200:
                text = body[:1500].decode(errors="replace")
                failures.append(f"GET {page.path} answered {status}, not 200:\n{text}")
                stop.set()
                return
            latencies.append(elapsed)
            sizes.append(len(body))

    threads = [
        threading.Thread(target=worker, name=f"load-{i}", daemon=True) for i in range(concurrency)
    ]
    seconds = run_threads(threads)
    if failures:
        raise BenchError(f"{failures[0]}\n--- gunicorn log (tail) ---\n{server.log_tail()}")
    if not latencies:
        raise BenchError(f"No request to {page.path} finished within {time_limit:.0f} s.")
    return Result(page=page, wanted=count, seconds=seconds, latencies=latencies, sizes=sizes)


def measure(
    server: Server, pages: Sequence[Page], args: argparse.Namespace, deadline: Deadline
) -> list[Result]:
    """Warm every page up, then measure them in interleaved rounds.

    Each round loads every page with its share of the measured requests, so a change in the
    machine's load during the run (other processes, CPU frequency) weighs on every page
    alike and the ratios to the constant view stay fair. A page's req/s is its requests
    divided by the time spent loading it.
    """
    common = {"concurrency": args.concurrency, "request_timeout": args.request_timeout}
    if args.warmup:
        for page in pages:
            load(
                server,
                page,
                count=args.warmup,
                time_limit=deadline.remaining(args.page_time_limit),
                **common,
            )
    results = {page: Result(page, args.requests, 0.0, [], []) for page in pages}
    rounds = min(args.rounds, args.requests)
    for round_number in range(rounds):
        count = args.requests // rounds + (round_number < args.requests % rounds)
        for page in pages:
            part = load(
                server,
                page,
                count=count,
                time_limit=deadline.remaining(args.page_time_limit / rounds),
                **common,
            )
            result = results[page]
            result.seconds += part.seconds
            result.latencies += part.latencies
            result.sizes += part.sizes
    for result in results.values():
        note = f" (TRUNCATED by the time limit, {result.requests}/{result.wanted})"
        log(
            f"{result.page.name:<12} {result.page.path:<28} {result.rps:8.1f} req/s  "
            f"p50 {result.p50_ms:6.1f} ms  p95 {result.p95_ms:6.1f} ms"
            f"{note if result.truncated else ''}"
        )
    return list(results.values())


# --- report ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def report(name: str, results: Sequence[Result], meta: dict[str, object]) -> dict[str, object]:
    """Print a table (ratios against the constant view) and one line of JSON; return the JSON."""
    baseline = next(r for r in results if r.page == CONSTANT)
    rows = []
    for r in results:
        rows.append(
            {
                "name": r.page.name,
                "path": r.page.path,
                "requests": r.requests,
                "truncated": r.truncated,
                "body_bytes": r.body_bytes,
                "seconds": round(r.seconds, 3),
                "rps": round(r.rps, 1),
                "p50_ms": round(r.p50_ms, 2),
                "p95_ms": round(r.p95_ms, 2),
                "rps_ratio": round(r.rps / baseline.rps, 3),
                "p50_ratio": round(r.p50_ms / baseline.p50_ms, 2),
            }
        )
    header = (
        f"{'page':<12} {'path':<28} {'reqs':>5} {'bytes':>7} {'req/s':>8} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'rps ratio':>9} {'p50 ratio':>9}"
    )
    print()
    print(f"{name}: {meta['concurrency']} concurrent clients, {meta['server']}")
    print(
        f"conn_max_age {meta['conn_max_age']}, cache {meta['cache']}, "
        f"page cache {'on' if meta['page_cache'] else 'off'}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        mark = "*" if row["truncated"] else ""
        print(
            f"{row['name']:<12} {row['path']:<28} {row['requests']:>5}{mark:1} "
            f"{row['body_bytes']:>6} {row['rps']:>8.1f} "
            f"{row['p50_ms']:>7.2f} {row['p95_ms']:>7.2f} {row['rps_ratio']:>9.3f} "
            f"{row['p50_ratio']:>9.2f}"
        )
    print("rps ratio = page req/s / constant req/s; p50 ratio = page p50 / constant p50.")
    if any(row["truncated"] for row in rows):
        print("* stopped by the time limit before the requested number of requests.")
    summary = {"bench": name, **meta, "pages": rows}
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")), flush=True)
    return summary


# --- command line ------------------------------------------------------------------------


def _page_argument(value: str) -> Page:
    name, sep, path = value.partition("=")
    if not sep:
        name, path = value, value
    if not path.startswith("/"):
        raise argparse.ArgumentTypeError(f"A page's path must start with '/': {value!r}")
    return Page(name, path)


def parse_args(description: str | None, argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--page",
        dest="extra_pages",
        action="append",
        default=[],
        type=_page_argument,
        metavar="[NAME=]PATH",
        help="also load this page (repeatable)",
    )
    parser.add_argument("--requests", type=int, default=500, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=50, help="warm-up requests per page")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="interleaved rounds the measured requests are split in",
    )
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--page-time-limit",
        type=float,
        default=60,
        help="seconds per page for its warm-up, and for its measured requests, at most",
    )
    parser.add_argument(
        "--time-limit", type=float, default=600, help="seconds for the whole run, at most"
    )
    parser.add_argument("--request-timeout", type=float, default=10, help="seconds per request")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="the database to drop and recreate (env BENCH_DATABASE_URL); "
        "its name must contain 'bench'",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="cache (env BENCH_REDIS_URL; empty: the database cache)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="DATABASE_CONN_MAX_AGE for the server (default: as the environment/settings say)",
    )
    args = parser.parse_args(argv)
    for option in ("requests", "rounds", "concurrency", "workers", "threads"):
        if getattr(args, option) < 1:
            parser.error(f"--{option} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup cannot be negative")
    return args


def run(
    pages: Sequence[Page],
    *,
    name: str,
    argv: Sequence[str] | None = None,
    description: str | None = None,
    prepare: Callable[[BenchEnv], None] | None = None,
) -> int:
    """Benchmark /bench/constant/ and `pages` (plus any `--page`); return the exit code.

    `prepare`, if given, runs after the seed content is loaded and before gunicorn starts
    (e.g. `benv.manage("create_demo_accounts")`).
    """
    args = parse_args(description, argv)
    all_pages = [CONSTANT, *pages, *args.extra_pages]
    deadline = Deadline(args.time_limit)
    # `make` or a CI runner stopping us with SIGTERM must still stop gunicorn and drop the db.
    previous = signal.signal(signal.SIGTERM, _raise_system_exit)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="hok-bench-") as tmp,
            fresh_database(args.database_url) as database_url,
        ):
            benv = bench_env(database_url, Path(tmp), deadline, args)
            log(f"Database {database_name(database_url)} created.")
            prepare_project(benv)
            if prepare is not None:
                prepare(benv)
            server = server_settings(benv)
            with gunicorn_server(benv, workers=args.workers, threads=args.threads) as gunicorn:
                log(
                    f"{args.warmup} warm-up + {args.requests} measured requests per page "
                    f"in {args.rounds} rounds, {args.concurrency} clients"
                )
                results = measure(gunicorn, all_pages, args, deadline)
    except BenchError as error:
        print(f"\nBENCH FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    meta: dict[str, object] = {
        "concurrency": args.concurrency,
        "warmup": args.warmup,
        "rounds": args.rounds,
        "server": (
            f"gunicorn {args.workers} workers x {args.threads} threads (gthread), "
            f"settings {SETTINGS_MODULE}, DEBUG off"
        ),
        "conn_max_age": server["conn_max_age"],
        "cache": server["cache"],
        "page_cache": server["page_cache"],
        "connection": "new TCP connection per request",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    report(name, results, meta)
    return 0
