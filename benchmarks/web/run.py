"""One scale of the web benchmark: database, servers, sign-in, checks, wrk runs, the table."""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RESULTS = ROOT / ".benchmarks"
NOOP = "benchmarks.noop.settings"


@dataclass
class Page:
    name: str
    requests: list  # (method, path, cookie header, csrf token, body)
    queries: int | None = None


# The database and the servers ------------------------------------------------------------------


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark's database needs 'bench' in its name.")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def empty_cache(url):
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


def setup_django():
    import django
    from django.db import connections

    if not getattr(setup_django, "done", False):
        django.setup()
        setup_django.done = True
    connections.close_all()


def start_server(module, port, env):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        module,
        "--workers=2",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    log = open(RESULTS / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log)
    for _ in range(100):
        try:
            status, _, _ = fetch(port, "GET", "/", "")
            if status:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn for {module} did not start on port {port}; see {log.name}.")


# HTTP, as a browser behind the school's HTTPS proxy sends it ------------------------------------


def fetch(port, method, path, cookie, csrf="", body=""):
    conn = HTTPConnection("127.0.0.1", port, timeout=300)  # a busy shared machine is slow
    headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"
        headers["X-CSRFToken"] = csrf
        headers["X-Requested-With"] = "XMLHttpRequest"
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    cookies = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        cookies.load(header)
    conn.close()
    return response.status, {k: v.value for k, v in cookies.items()}, text


def cookie_header(jar):
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port, usernames, password):
    """Everyone submits the login form at the same moment. Returns jars, seconds, latencies."""
    forms = {}
    for username in usernames:
        _, jar, text = fetch(port, "GET", "/accounts/login/", "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        forms[username] = (jar, token)
    jars, latencies, barrier = {}, [], threading.Barrier(len(usernames) + 1)

    def one(username):
        jar, token = forms[username]
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        barrier.wait()
        start = time.perf_counter()
        status, new, _ = fetch(port, "POST", "/accounts/login/", cookie_header(jar), token, body)
        latencies.append(time.perf_counter() - start)
        if status != 302 or "sessionid" not in new:
            raise SystemExit(f"{username} could not sign in (HTTP {status}).")
        jars[username] = {**jar, **new}

    threads = [threading.Thread(target=one, args=(name,)) for name in usernames]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    if len(jars) != len(usernames):
        sys.exit("Not everyone could sign in; see above.")
    return jars, time.perf_counter() - start, latencies


# The pages -------------------------------------------------------------------------------------


def pages(scene, jars):
    students = [jars[name] for name in scene.students]
    teacher = jars[scene.teacher]

    def each_student(path):
        return [("GET", path, cookie_header(jar), "", "") for jar in students]

    def as_teacher(path):
        return [("GET", path, cookie_header(teacher), "", "")]

    number, question = scene.true_false
    live = scene.live_homework
    answer = [
        ("POST", f"/homework/{live}/answer/", cookie_header(jar), jar["csrftoken"],
         urlencode({"question": question, f"q{question}": "true"}))
        for jar in students
    ]  # fmt: skip
    question_page = f"/homework/{live}/questions/"
    results = f"/homework/{scene.results_homework}/results"
    return [
        Page("a bare signed-in page", each_student("/accounts/password/done/")),
        Page("homework question (true/false)", each_student(f"{question_page}{number}/")),
        Page("homework question (matching)", each_student(f"{question_page}{scene.matching}/")),
        Page("answer autosave POST", answer),
        Page("student dashboard", each_student("/my-work/")),
        Page("topic page (a section)", each_student(f"/course/topics/{scene.section}/")),
        Page("practice page", each_student("/practice/")),
        Page("results, 30 students x 20 questions", as_teacher(f"{results}/")),
        Page("results CSV", as_teacher(f"{results}.csv")),
        Page("class overview (30 students)", as_teacher(f"/classes/{scene.class30}/overview/")),
        Page(
            "class overview, 25 students x 34 homeworks",
            as_teacher(f"/classes/{scene.year_class}/overview/"),
        ),
    ]


def check(port, page):
    """Every cookie signs in and every request answers 200 (a redirect to login is a failure)."""
    for method, path, cookie, csrf, body in page.requests:
        status, _, text = fetch(port, method, path, cookie, csrf, body)
        if status != 200:
            sys.exit(f"{page.name}: {method} {path} answered {status}, not 200.")
        if 'name="password"' in text and "/accounts/login/" in text:
            sys.exit(f"{page.name}: {path} shows the login form: the cookie did not sign in.")


def count_queries(page):
    """Queries of one request, after a first one has warmed what a real server keeps warm."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    method, path, cookie, _csrf, body = page.requests[0]
    client = Client()
    for part in cookie.split("; "):
        name, _, value = part.partition("=")
        client.cookies[name] = value
    send = client.get if method == "GET" else client.post
    extra = {"content_type": "application/x-www-form-urlencoded"} if method == "POST" else {}
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = send(path, data=body or None, secure=True, **extra)
        assert response.status_code == 200, (page.name, response.status_code)
    return len(captured.captured_queries)


# wrk ------------------------------------------------------------------------------------------


def wrk(port, requests, args):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as file:
        for request in requests:
            file.write("\t".join(str(part) for part in request) + "\n")
    env = {
        **os.environ,
        "BENCH_REQUESTS": file.name,
        "BENCH_ORIGIN": f"https://127.0.0.1:{port}",
    }
    command = [
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout=30s",
        "-s",
        str(HERE / "requests.lua"),
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    os.unlink(file.name)
    drain(port)
    found = dict(re.findall(r"(\w+)=(\d+)", output.split("RESULT", 1)[1]))
    numbers = {key: int(value) for key, value in found.items()}
    numbers["rps"] = numbers["requests"] / (numbers["duration_us"] / 1e6)
    return numbers


def drain(port):
    """Wait for the requests wrk left queued when it stopped: gunicorn still serves them, and
    they would eat into the next run's time. Two requests, one per worker, join the queue last."""
    request = (port, "GET", "/accounts/login/", "")
    threads = [threading.Thread(target=fetch, args=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# One scale ------------------------------------------------------------------------------------


def one_scale(scale, args, env):
    RESULTS.mkdir(exist_ok=True)
    recreate_database(args.database)
    empty_cache(args.redis)
    setup_django()
    from django.core.management import call_command
    from django.db import connections

    from benchmarks.web import data

    started = time.perf_counter()
    scene = data.build(school=scale == "school")
    built = time.perf_counter() - started
    print(f"[{scale}] built in {built:.0f} s: {scene.counts}", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()

    noop_port = args.port + 1
    servers = [
        start_server("ussr_revision.wsgi", args.port, env),
        start_server("benchmarks.noop.wsgi", noop_port, {"DJANGO_SETTINGS_MODULE": NOOP}),
    ]
    try:
        rows, baseline = drive(scale, scene, args, noop_port)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    results = {"scale": scale, "built_seconds": built, "counts": scene.counts, "rows": rows,
               "baseline_rps": baseline}  # fmt: skip
    (RESULTS / f"web-{scale}.json").write_text(json.dumps(results, indent=2))
    return table(results)


def drive(scale, scene, args, noop_port):
    port = args.port
    jars, everyone_in, latencies = sign_in(port, scene.students, data_password())
    teacher, _, _ = sign_in(port, [scene.teacher], data_password())
    jars.update(teacher)
    all_pages = pages(scene, jars)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        all_pages = [page for page in all_pages if any(w in page.name for w in wanted)]
    for page in all_pages:
        check(port, page)
        page.queries = count_queries(page)
    print(f"[{scale}] every cookie signs in and every page answers 200", flush=True)

    noop = [("GET", "/", "", "", "")]
    before = wrk(noop_port, noop, args)
    baselines, rows = [before["rps"]], []
    for page in all_pages:
        measured = wrk(port, page.requests, args)
        after = wrk(noop_port, noop, args)
        yardstick = (before["rps"] + after["rps"]) / 2
        baselines.append(after["rps"])
        rows.append({
            "page": page.name,
            "ratio": measured["rps"] / yardstick,
            "rps": measured["rps"],
            "p50_ms": measured["p50_us"] / 1000,
            "p95_ms": measured["p95_us"] / 1000,
            "queries": page.queries,
            "not_ok": measured["not_ok"] + measured["socket_errors"],
        })  # fmt: skip
        print(f"[{scale}] {page.name}: {rows[-1]['ratio']:.3f}x", flush=True)
        before = after
    yardstick = statistics.fmean(baselines)
    latencies.sort()
    rows.append({
        "page": f"login POST ({len(latencies)} students at once: all in after {everyone_in:.1f} s)",
        "ratio": len(scene.students) / everyone_in / yardstick,
        "rps": len(scene.students) / everyone_in,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, round(0.95 * len(latencies)) - 1)] * 1000,
        "queries": None,
        "not_ok": 0,
    })  # fmt: skip
    return rows, yardstick


def data_password():
    from benchmarks.web.data import PASSWORD

    return PASSWORD


def table(results):
    counts = results["counts"]
    lines = [
        f"{results['scale'].title()} scale: {counts['students']} students in {counts['classes']} "
        f"classes, {counts['homeworks']} homeworks, {counts['responses']:,} responses "
        f"(built in {results['built_seconds']:.0f} s); the do-nothing view: "
        f"{results['baseline_rps']:.0f} requests/s",
        "",
        "| page | ratio to the do-nothing view | p50 | p95 | queries |",
        "|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        failed = f" ({row['not_ok']} not 200!)" if row["not_ok"] else ""
        queries = "-" if row["queries"] is None else row["queries"]
        lines.append(
            f"| {row['page']} | {row['ratio']:.4f}x{failed} | {_ms(row['p50_ms'])} | "
            f"{_ms(row['p95_ms'])} | {queries} |"
        )
    return "\n".join(lines)


def _ms(value):
    return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


if shutil.which("wrk") is None:
    sys.exit("wrk is missing: apt-get install wrk (make bench-web installs it).")
