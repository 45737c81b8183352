#!/usr/bin/env python3
"""Crash drill: does a 201 of POST /api/requests survive a kill -9 of the app?

Starts the packaged jar (demo profile) on a fresh database, registers requests from several parallel clients
(each with its own externalId), kills the JVM with SIGKILL mid-way, starts it again on the same database and
checks, over the API and the engine REST API:
  - every request answered 201 before the crash exists, exactly once, with its process at the first task
    (核实研判, VerifyRequest);
  - no tracking number is given to two requests (before and after the crash);
  - sending every request again (same externalId, same body) creates nothing new: 200 for each one answered
    before the crash; 201 only for requests that were never answered.
Prints a short report and exits non-zero when any of that fails.

  python3 .ci/crash-drill.py --db h2        # the embedded default: a fresh working directory, ./data/gridcase
  python3 .ci/crash-drill.py --db mariadb   # database gridcase_drill on 127.0.0.1:3306 (root, no password)

Python 3 standard library only.
"""
import argparse
import collections
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from drillhttp import call  # the drills' shared HTTP helpers

FIRST_TASK = "VerifyRequest"
CLERK = "chenxiaoyan"  # a dispatcher registers the requests
ADMIN = "admin"
MARIADB_DB = "gridcase_drill"
MARIADB_URL = ("jdbc:mysql://127.0.0.1:3306/" + MARIADB_DB
               + "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8")


def log(msg):
    print(msg, flush=True)


class App:
    """The packaged jar as a child process, killed by its pid only. It stays in the drill's process group, so the
    CI step's timeout stops it too."""

    def __init__(self, jar, port, workdir, db):
        self.jar, self.port, self.workdir, self.db = jar, port, workdir, db
        self.proc = None
        self.starts = 0

    def start(self, timeout):
        self.starts += 1
        args = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8", "-jar", self.jar,
                "--server.port=%d" % self.port, "--gridcase.demo.sample-tasks=false"]
        if self.db == "h2":
            # the default URL (./data/gridcase) in a fresh working directory: the setting under test is the default
            args.append("--spring.profiles.active=demo")
        else:
            args += ["--spring.profiles.active=mysql,demo", "--spring.datasource.url=" + MARIADB_URL,
                     "--spring.datasource.username=root", "--spring.datasource.password="]
        out = open(os.path.join(self.workdir, "app-%d.log" % self.starts), "wb")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(args, cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit("the app stopped during start (exit %s), see %s" % (self.proc.returncode, out.name))
            try:
                status, body = call("GET", self.url("/actuator/health"), None, None, timeout=2)
                if status == 200 and body.get("status") == "UP":
                    return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit("the app was not up within %ds, see %s" % (timeout, out.name))

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill9()


def request_body(run, i):
    return {
        "category": "SANITATION",
        "description": "演练诉求 %d：东湖小区%d号楼门口垃圾堆放" % (i, i % 12 + 1),
        "channel": "HOTLINE", "urgency": "NORMAL",
        "location": {"lat": 41.1035, "lng": 122.0060},
        "reporter": {"name": "演练居民", "phone": "1370000%04d" % (i % 10000)},
        "externalId": "drill-%s-%04d" % (run, i),
    }


def send_all(app, bodies, clients, stop_after=None, on_stop=None):
    """POSTs every body from `clients` threads; returns {externalId: (status, trackingNumber or None)}.
    With stop_after: calls on_stop() once, from the thread that saw the stop_after-th 201."""
    results = {}
    lock = threading.Lock()
    queue = collections.deque(bodies)
    created = [0]
    fired = [False]

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                body = queue.popleft()
            try:
                status, answer = call("POST", app.url("/api/requests"), CLERK, body)
                tn = (answer or {}).get("trackingNumber")
            except OSError:
                status, tn = None, None  # no answer: refused, reset or cut off by the crash
            fire = False
            with lock:
                results[body["externalId"]] = (status, tn)
                if status == 201:
                    created[0] += 1
                    if stop_after is not None and created[0] >= stop_after and not fired[0]:
                        fired[0] = fire = True
            if fire:
                on_stop()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def case_total(app):
    status, page = call("GET", app.url("/api/cases?size=1"), ADMIN, None)
    if status != 200:
        raise SystemExit("GET /api/cases answered %s" % status)
    return page["totalItems"]


def check_case(app, external_id, tn):
    """None when the case exists with that externalId and one task at the first step, else what is wrong."""
    status, view = call("GET", app.url("/api/cases/" + tn), ADMIN, None)
    if status == 404:
        return "lost"
    if status != 200:
        return "case answered %s" % status
    if view.get("externalId") != external_id:
        return "tracking number now belongs to %s" % view.get("externalId")
    status, tasks = call("GET", app.url("/engine-rest/task?processInstanceBusinessKey=" + tn), ADMIN, None)
    if status != 200:
        return "task query answered %s" % status
    keys = sorted(t.get("taskDefinitionKey") for t in tasks)
    if keys != [FIRST_TASK]:
        return "tasks %s instead of [%s]" % (keys, FIRST_TASK)
    return None


def prepare_database(db, workdir):
    if db == "mariadb":
        subprocess.run(["mariadb", "-uroot", "-e",
                        "drop database if exists %s; create database %s character set utf8mb4 "
                        "collate utf8mb4_unicode_ci" % (MARIADB_DB, MARIADB_DB)], check=True)


def stop_on_term(signum, frame):
    raise SystemExit("stopped by signal %d" % signum)


def main():
    signal.signal(signal.SIGTERM, stop_on_term)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=["h2", "mariadb"], required=True)
    p.add_argument("--jar", help="default: target/gridcase-*.jar")
    p.add_argument("--port", type=int, default=8383)
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--kill-after", type=int, default=120, help="kill -9 when this many 201s came back")
    p.add_argument("--start-timeout", type=int, default=150)
    p.add_argument("--keep", action="store_true", help="keep the working directory (logs, H2 files)")
    a = p.parse_args()

    jar = a.jar or next((j for j in sorted(glob.glob("target/gridcase-*.jar")) if not j.endswith(".original")), None)
    if not jar:
        raise SystemExit("no target/gridcase-*.jar: run ./mvnw package (or the verify step) first")
    jar = os.path.abspath(jar)
    workdir = tempfile.mkdtemp(prefix="gridcase-drill-%s-" % a.db)
    prepare_database(a.db, workdir)
    app = App(jar, a.port, workdir, a.db)
    run = "%s%d" % (a.db, int(time.time()))
    bodies = [request_body(run, i) for i in range(a.requests)]
    problems = []
    t_start = time.monotonic()
    try:
        took = app.start(a.start_timeout)
        log("[%s] started in %.0fs (%s, work dir %s)" % (a.db, took, os.path.basename(jar), workdir))
        baseline = case_total(app)

        # 1. parallel intake, kill -9 once kill_after requests were answered 201
        t0 = time.monotonic()
        first = send_all(app, bodies, a.clients, stop_after=a.kill_after, on_stop=app.kill9)
        if app.proc.poll() is None:
            app.kill9()
            problems.append("the crash came only after all requests (raise --requests or lower --kill-after)")
        answered = {x: tn for x, (s, tn) in first.items() if s == 201}
        others = collections.Counter(str(s) for s, _ in first.values() if s != 201)
        log("[%s] intake: %d requests from %d clients in %.1fs, kill -9 after the %dth 201: answered 201: %d, "
            "other: %s" % (a.db, a.requests, a.clients, time.monotonic() - t0, a.kill_after, len(answered),
                           dict(others) or "none"))
        bad = [x for x, (s, _) in first.items() if s is not None and s not in (200, 201)]
        if bad:
            problems.append("%d requests answered neither 200 nor 201 before the crash" % len(bad))
        reused = [tn for tn, n in collections.Counter(answered.values()).items() if n > 1]

        # 2. restart on the same database
        took = app.start(a.start_timeout)
        log("[%s] restarted in %.0fs" % (a.db, took))

        # 3. every 201 is there, once, at its first task
        faults = {}
        for x, tn in sorted(answered.items()):
            fault = check_case(app, x, tn)
            if fault:
                faults[x] = (tn, fault)
        lost = [tn for tn, f in faults.values() if f == "lost"]
        log("[%s] after restart: answered %d, found %d, lost %d%s, other faults %d, duplicate tracking numbers %d"
            % (a.db, len(answered), len(answered) - len(faults), len(lost),
               " (" + ", ".join(sorted(lost)[:8]) + (" …" if len(lost) > 8 else "") + ")" if lost else "",
               len(faults) - len(lost), len(reused)))
        for x, (tn, f) in sorted(faults.items()):
            if f != "lost":
                log("    %s %s: %s" % (tn, x, f))
        if lost:
            problems.append("%d requests answered 201 before the crash are lost" % len(lost))
        if len(faults) > len(lost):
            problems.append("%d answered requests are not as registered" % (len(faults) - len(lost)))
        if reused:
            problems.append("tracking numbers given twice before the crash: %s" % reused)

        # 4. resend everything: nothing new for what was answered, 201 only for what never was
        second = send_all(app, bodies, a.clients)
        again = collections.Counter()
        reissued = []
        for x, (s, tn) in second.items():
            before = answered.get(x)
            if before is not None:
                again["201 before → %s" % s] += 1
                if s != 200:
                    problems.append("%s (201 %s before the crash) answered %s on resend" % (x, before, s))
                elif tn != before:
                    problems.append("%s answered %s before the crash, %s on resend" % (x, before, tn))
            else:
                again["no 201 before → %s" % s] += 1
                if s not in (200, 201):
                    problems.append("%s (unanswered before the crash) answered %s on resend" % (x, s))
            if s == 201 and tn in set(answered.values()):
                reissued.append(tn)
        log("[%s] resend of all %d: %s; tracking numbers of answered requests given again: %d"
            % (a.db, a.requests, ", ".join("%s: %d" % kv for kv in sorted(again.items())), len(reissued)))
        if reissued:
            problems.append("tracking numbers reused after the crash: %s" % sorted(reissued)[:8])

        # 5. the end state: one case per externalId, unique tracking numbers, each at its first task
        final = {x: tn for x, (s, tn) in second.items() if s in (200, 201)}
        dup = [tn for tn, n in collections.Counter(final.values()).items() if n > 1]
        total = case_total(app) - baseline
        final_faults = sum(1 for x, tn in final.items() if check_case(app, x, tn))
        log("[%s] end state: %d cases for %d externalIds, duplicate tracking numbers %d, not at the first task %d"
            % (a.db, total, a.requests, len(dup), final_faults))
        if total != a.requests or dup or final_faults or len(final) != a.requests:
            problems.append("end state: %d cases, %d duplicates, %d faults" % (total, len(dup), final_faults))
    finally:
        app.stop()
    log("[%s] drill took %.0fs" % (a.db, time.monotonic() - t_start))
    if problems:
        log("[%s] CRASH DRILL FAILED:" % a.db)
        for pr in problems[:20]:
            log("  - " + pr)
        log("  (logs in %s)" % workdir)
        return 1
    log("[%s] CRASH DRILL PASSED" % a.db)
    if not a.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
