#!/usr/bin/env python3
"""Two-node drill: two app instances on one MariaDB database lose nothing and do nothing twice.

Starts the packaged jar twice (demo profile, ports --port and --port+1) on one fresh MariaDB database: Camunda's
homogeneous cluster, both job executors on, both outbox dispatchers on, each node with its own engine hostname
(node-1, node-2, written into the job log). A small SMTP sink of this script (a thread on --port+4) is both
nodes' mail server. Then:
  1. like a process owner rehearsing on a test server (README, "Changing deadlines"), deploys case-sla.dmn with
     the ordinary row's response limit (核实时限) set to --due-minutes MINUTES instead of 1 working day;
  2. registers --cases requests through POST /api/requests, half on each node, each at its first task
     (核实研判): each one's response deadline falls due --due-minutes after its intake;
  3. meanwhile imports a new area on node 1 (POST /api/registry/areas/import) and asks node 2
     (GET /api/registry/locate) until it answers with the new area: node 2 rebuilt its spatial index from the
     registry_change table;
  4. waits until every deadline escalated (case event OVERDUE; the verifying group is reminded, the first rung
     of the ladder, the grid leader, is told) and every notification is SENT, then checks on the database and
     at the SMTP sink that
       - every response timer ran exactly once (ACT_HI_JOB_LOG), on both nodes between them, no incident;
       - every case has exactly one OVERDUE event;
       - every case has its notifications once per template and recipient, each SENT after one attempt;
       - the SMTP sink received each SENT mail exactly once (no mail twice, none missing), and the two nodes'
         logs report each notification sent once.
Prints a short report (counts, times, duplicates) and exits non-zero on any failure.

  python3 .ci/two-node-drill.py                  # 5,000 cases on database gridcase_twonode (dropped, created)
  python3 .ci/two-node-drill.py --cases 500      # a quicker run

Python 3 standard library only; MariaDB at 127.0.0.1:3306 (root, no password) through the mariadb client.
"""
import argparse
import collections
import email
import email.header
import email.policy
import glob
import os
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time

from drillhttp import call  # the drills' shared HTTP helpers

CLERKS = ["chenxiaoyan", "liuting"]  # dispatchers register the requests
ADMIN = "admin"
PROCESS_OWNER = "zhongwen"
FIRST_TASK = "VerifyRequest"
DUE_TIMER = "VerifyLate"  # the response limit's timer on 核实研判
SLA_RULE_OUTPUT = "case-sla_r7_o2"  # the ordinary row's response limit ("1 WORKING_DAYS")
DRILL_AREA = "SFS-SFQ-DRILL"  # a new town of the district, outside 示范镇
DRILL_POINT = (41.07, 121.97)  # in the district, outside every town before the import


def log(msg):
    print(msg, flush=True)


class Drill(Exception):
    pass


# ------------------------------------------------------------------------------------------------ SMTP sink

class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for JavaMail: accepts every message and keeps (recipient, subject) of each."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), SmtpHandler)
        self.lock = threading.Lock()
        self.received = []  # (recipient, subject)

    def keep(self, recipients, data):
        message = email.message_from_bytes(data, policy=email.policy.default)
        subject = str(message.get("Subject", ""))
        with self.lock:
            for r in recipients:
                self.received.append((r.lower(), subject))

    def count(self):
        with self.lock:
            return len(self.received)


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        self.reply("220 gridcase-drill-sink ESMTP")
        recipients = []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-gridcase-drill-sink")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                m = re.search(r"<([^>]*)>", command)
                recipients.append(m.group(1) if m else command[8:].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                chunks = []
                while True:
                    part = self.rfile.readline(1 << 20)
                    if not part or part in (b".\r\n", b".\n"):
                        break
                    chunks.append(part[1:] if part.startswith(b"..") else part)
                self.server.keep(recipients, b"".join(chunks))
                recipients = []
                self.reply("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


# ------------------------------------------------------------------------------------------------ the app

class Node:
    """One app instance as a child process, stopped by its pid only. It stays in the drill's process group, so the
    CI step's timeout stops it too."""

    def __init__(self, name, jar, port, workdir, db_url, smtp_port):
        self.name, self.jar, self.port, self.workdir = name, jar, port, workdir
        self.db_url, self.smtp_port = db_url, smtp_port
        self.proc = None
        self.log_path = os.path.join(workdir, "%s.log" % name)
        self.t0 = None

    def start(self):
        args = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-Duser.timezone=Asia/Shanghai", "-Dfile.encoding=UTF-8", "-jar", self.jar,
                "--server.port=%d" % self.port, "--gridcase.demo.sample-tasks=false",
                "--spring.profiles.active=mysql,demo", "--spring.datasource.url=" + self.db_url,
                "--spring.datasource.username=root", "--spring.datasource.password=",
                # the job log's HOSTNAME_ tells the nodes apart (both run on this machine)
                "--camunda.bpm.generic-properties.properties.hostname=" + self.name,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=%d" % self.smtp_port,
                # the outbox and the registry poll more often than in production, to bound the drill's time;
                # the claim of each row is what is under test, not the pause between runs
                "--gridcase.notify.poll-millis=500", "--gridcase.registry.index-poll-millis=2000"]
        self.t0 = time.monotonic()
        out = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)

    def wait_up(self, timeout):
        while time.monotonic() - self.t0 < timeout:
            if self.proc.poll() is not None:
                raise Drill("%s stopped during start (exit %s), see %s" % (self.name, self.proc.returncode,
                                                                            self.log_path))
            try:
                status, body = call("GET", self.url("/actuator/health"), None, None, timeout=2)
                if status == 200 and body.get("status") == "UP":
                    return time.monotonic() - self.t0
            except OSError:
                pass
            time.sleep(0.5)
        raise Drill("%s was not up within %ds, see %s" % (self.name, timeout, self.log_path))

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def cpu_seconds(self):
        """CPU time the JVM used so far (all its threads): what the drill costs whatever else the machine runs."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# ------------------------------------------------------------------------------------------------ database

class Db:
    def __init__(self, name):
        self.name = name

    def run(self, sql, database=True):
        args = ["mariadb", "-uroot", "-h127.0.0.1", "-N", "-B", "-e", sql]
        if database:
            args.insert(1, self.name)
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Drill("SQL failed (%s): %s" % (sql[:80], done.stderr.strip()))
        return [line.split("\t") for line in done.stdout.splitlines()]

    def value(self, sql):
        rows = self.run(sql)
        return int(rows[0][0]) if rows and rows[0][0] not in ("NULL", "") else 0

    def recreate(self):
        self.run("drop database if exists %s; create database %s character set utf8mb4 collate utf8mb4_unicode_ci"
                 % (self.name, self.name), database=False)


# ------------------------------------------------------------------------------------------------ steps

def deploy_rehearsal_table(node, minutes):
    """The process owner's way to shorten a limit on a test server: a new version of case-sla.dmn."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "processes", "case-sla.dmn"), encoding="utf-8") as f:
        table = f.read()
    pattern = r'(<outputEntry id="%s"><text>)&quot;[^&]*&quot;' % SLA_RULE_OUTPUT
    table, n = re.subn(pattern, r"\g<1>&quot;%d MINUTES&quot;" % minutes, table)
    if n != 1:
        raise Drill("case-sla.dmn has no output %s to rehearse with" % SLA_RULE_OUTPUT)
    boundary = "----gridcase-drill-%d" % time.time_ns()
    parts = []
    for name, value in (("deployment-name", "two-node drill: response in %d minutes" % minutes),
                        ("deployment-source", "two-node-drill")):
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, name, value))
    parts.append('--%s\r\nContent-Disposition: form-data; name="case-sla.dmn"; filename="case-sla.dmn"\r\n'
                 'Content-Type: application/xml\r\n\r\n%s\r\n--%s--\r\n' % (boundary, table, boundary))
    status, answer = call("POST", node.url("/engine-rest/deployment/create"), PROCESS_OWNER, None,
                          raw="".join(parts).encode("utf-8"),
                          content_type="multipart/form-data; boundary=" + boundary)
    if status != 200:
        raise Drill("deploying the rehearsal table answered %s: %s" % (status, answer))
    return answer.get("id")


def request_body(run, i):
    return {
        "category": "SANITATION",
        "description": "两节点演练 %d：东湖小区%d号楼门口垃圾堆放" % (i, i % 12 + 1),
        "channel": "HOTLINE", "urgency": "NORMAL",
        "location": {"lat": 41.1035, "lng": 122.0060},
        "reporter": {"name": "演练居民", "phone": "1370000%04d" % (i % 10000)},
        "externalId": "twonode-%s-%05d" % (run, i),
    }


class Intake:
    """POSTs `count` requests from one shared queue: `clients` threads per node, a node's threads from the moment it
    is up (node 1 registers while node 2 still starts). Collects {trackingNumber: node name} and other statuses."""

    def __init__(self, count, clients, run):
        self.clients, self.run = clients, run
        self.queue = collections.deque(range(count))
        self.lock = threading.Lock()
        self.created = {}
        self.others = collections.Counter()
        self.threads = []
        self.t0 = None

    def join_in(self, node):
        if self.t0 is None:
            self.t0 = time.monotonic()
        for c in range(self.clients):
            t = threading.Thread(target=self.worker, args=(node, CLERKS[c % len(CLERKS)]), daemon=True)
            t.start()
            self.threads.append(t)

    def worker(self, node, login):
        while True:
            with self.lock:
                if not self.queue:
                    return
                i = self.queue.popleft()
            try:
                status, answer = call("POST", node.url("/api/requests"), login, request_body(self.run, i),
                                      timeout=60)
            except OSError as e:
                status, answer = "no answer (%s)" % type(e).__name__, None
            with self.lock:
                if status == 201:
                    self.created[answer["trackingNumber"]] = node.name
                else:
                    self.others[str(status)] += 1

    def finish(self):
        for t in self.threads:
            t.join()
        return time.monotonic() - self.t0


def registry_import(node1, node2, timeout):
    """A new town on node 1; returns (seconds until node 2 located the point in it, what node 2 answered before)."""
    lat, lng = DRILL_POINT
    where = "/api/registry/locate?lat=%s&lng=%s" % (lat, lng)
    status, before = call("GET", node2.url(where), ADMIN, None)
    if status != 200 or before.get("code") == DRILL_AREA:
        raise Drill("before the import node 2 located the drill point as %s %s" % (status, before))
    square = [[lng - 0.01, lat - 0.01], [lng + 0.01, lat - 0.01], [lng + 0.01, lat + 0.01],
              [lng - 0.01, lat + 0.01], [lng - 0.01, lat - 0.01]]
    collection = {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "properties": {"code": DRILL_AREA, "name": "演练镇", "level": "TOWN", "parentCode": "SFS-SFQ"},
        "geometry": {"type": "Polygon", "coordinates": [square]}}]}
    t0 = time.monotonic()
    status, answer = call("POST", node1.url("/api/registry/areas/import"), ADMIN, collection)
    if status != 200:
        raise Drill("the area import on node 1 answered %s: %s" % (status, answer))
    while time.monotonic() - t0 < timeout:
        status, now = call("GET", node2.url(where), ADMIN, None)
        if status == 200 and now.get("code") == DRILL_AREA:
            return time.monotonic() - t0, before.get("code")
        time.sleep(0.2)
    raise Drill("node 2 did not locate the point in the area imported on node 1 within %ds" % timeout)


def wait_for(what, probe, target, timeout, every=1.0):
    """Polls probe() until it reaches target; returns (seconds, last value). Bounded by timeout."""
    t0 = time.monotonic()
    value = probe()
    while value < target and time.monotonic() - t0 < timeout:
        time.sleep(every)
        value = probe()
    return time.monotonic() - t0, value


def sent_lines(nodes):
    """{notification id: [node, …]} from the nodes' 'Notification N (T) sent to' log lines."""
    seen = collections.defaultdict(list)
    pattern = re.compile(r"Notification (\d+) \(\w+\) sent to")
    for node in nodes:
        with open(node.log_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = pattern.search(line)
                if m:
                    seen[int(m.group(1))].append(node.name)
    return seen


# ------------------------------------------------------------------------------------------------ checks

def check(db, nodes, sink, created, problems):
    n = len(created)
    report = {}
    # the engine: every response timer ran once, and only once, and the two job executors shared them
    per_host = dict((h, int(c)) for h, c in db.run(
        "select hostname_, count(*) from ACT_HI_JOB_LOG where act_id_ = '%s' and job_state_ = 2 "
        "group by hostname_" % DUE_TIMER))
    report["timer runs per node"] = per_host
    runs = sum(per_host.values())
    twice = db.value("select count(*) from (select job_id_ from ACT_HI_JOB_LOG where act_id_ = '%s' "
                     "and job_state_ = 2 group by job_id_ having count(*) > 1) t" % DUE_TIMER)
    failed = db.value("select count(*) from ACT_HI_JOB_LOG where job_state_ = 1")
    left = db.value("select count(*) from ACT_RU_JOB j join ACT_RU_EXECUTION e on j.execution_id_ = e.id_ "
                    "where e.act_id_ = '%s'" % DUE_TIMER)
    incidents = db.value("select count(*) from ACT_RU_INCIDENT")
    report["timer jobs run twice"] = twice
    report["failed job runs (retried)"] = failed
    if runs != n:
        problems.append("%d response timers ran successfully for %d cases" % (runs, n))
    if twice:
        problems.append("%d timer jobs ran successfully more than once" % twice)
    if left:
        problems.append("%d response timers still waiting" % left)
    if incidents:
        problems.append("%d incidents" % incidents)
    if len([h for h, c in per_host.items() if c > 0]) < 2:
        problems.append("the response timers ran on %s only: not both job executors worked" % sorted(per_host))

    # the cases: one OVERDUE event each, every case still at its first task
    cases = db.value("select count(*) from case_file")
    if cases != n:
        problems.append("%d cases in the database for %d answered 201" % (cases, n))
    events = collections.Counter(int(c) for (c,) in db.run(
        "select count(e.id) from case_file f left join case_event e on e.case_id = f.id and e.type = 'OVERDUE' "
        "group by f.id"))
    report["cases by OVERDUE events"] = dict(sorted(events.items()))
    if events.get(1, 0) != n:
        problems.append("cases by number of OVERDUE events: %s (expected %d with 1)" % (dict(events), n))
    at_first = db.value("select count(*) from ACT_RU_TASK where task_def_key_ = '%s'" % FIRST_TASK)
    if at_first != n:
        problems.append("%d tasks %s open for %d cases" % (at_first, FIRST_TASK, n))

    # the outbox: each case's notification once per template and recipient, SENT after one attempt
    rows = db.run("select status, attempts, count(*) from notification group by status, attempts")
    by_status = {"%s/%s" % (s, a): int(c) for s, a, c in rows}
    report["notifications by status/attempts"] = by_status
    total = sum(by_status.values())
    sent = sum(c for k, c in by_status.items() if k.startswith("SENT/"))
    if sent != total:
        # a second attempt after a failed one is no duplicate by itself: the SMTP sink's count below tells
        problems.append("notifications not all SENT: %s" % by_status)
    dup_rows = db.value("select count(*) from (select case_ref, template, recipient from notification "
                        "group by case_ref, template, recipient having count(*) > 1) t")
    report["duplicate notifications (case, template, recipient)"] = dup_rows
    if dup_rows:
        problems.append("%d notifications queued twice for the same case, template and recipient" % dup_rows)
    per_case = collections.Counter(int(c) for (c,) in db.run(
        "select count(*) from notification group by case_ref"))
    report["cases by notifications"] = dict(sorted(per_case.items()))
    if sum(per_case.values()) != n or len(per_case) != 1:
        problems.append("cases by number of notifications: %s (expected the same number for all %d)"
                        % (dict(per_case), n))
    templates = dict((t, int(c)) for t, c in db.run(
        "select template, count(*) from notification group by template"))
    report["notifications by template"] = templates
    if not templates.get("ESCALATED"):
        problems.append("no ESCALATED notification: the ladder's first rung was never told")

    # the mail server: every SENT mail arrived once
    received = collections.Counter(sink.received)
    mails_twice = sum(1 for c in received.values() if c > 1)
    report["mails received"] = sum(received.values())
    report["mails received twice"] = mails_twice
    all_sent = db.value("select count(*) from notification where status = 'SENT' and channel = 'EMAIL'")
    if sum(received.values()) != all_sent:
        problems.append("the SMTP sink received %d mails for %d SENT email notifications"
                        % (sum(received.values()), all_sent))
    if mails_twice:
        problems.append("%d mails arrived more than once" % mails_twice)

    # the nodes' logs: each notification sent once, by one node
    lines = sent_lines(nodes)
    by_node = collections.Counter(names[0] for names in lines.values())
    sent_twice = sum(1 for names in lines.values() if len(names) > 1)
    report["notifications sent per node"] = dict(sorted(by_node.items()))
    report["notifications sent twice (logs)"] = sent_twice
    if sent_twice:
        problems.append("%d notifications sent more than once (node logs)" % sent_twice)
    if len(by_node) < 2:
        problems.append("notifications were sent by %s only: not both dispatchers worked" % sorted(by_node))
    return report


# ------------------------------------------------------------------------------------------------ main

def stop_on_term(signum, frame):
    raise SystemExit("stopped by signal %d" % signum)


def main():
    signal.signal(signal.SIGTERM, stop_on_term)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=5000, help="requests registered, half on each node")
    p.add_argument("--clients", type=int, default=3, help="parallel clients per node during intake")
    p.add_argument("--due-minutes", type=int, default=1, help="the rehearsed response limit")
    p.add_argument("--db", default="gridcase_twonode", help="MariaDB database (dropped and created)")
    p.add_argument("--jar", help="default: target/gridcase-*.jar")
    p.add_argument("--port", type=int, default=8420, help="node 1; node 2 on port+1, the SMTP sink on port+4")
    p.add_argument("--start-timeout", type=int, default=180)
    p.add_argument("--escalation-timeout", type=int, default=300,
                   help="seconds after the last deadline until everything escalated and was sent")
    p.add_argument("--index-timeout", type=int, default=30,
                   help="seconds for node 2 to locate a point in an area imported on node 1")
    p.add_argument("--keep", action="store_true", help="keep the working directory (logs)")
    a = p.parse_args()

    jar = a.jar or next((j for j in sorted(glob.glob("target/gridcase-*.jar")) if not j.endswith(".original")), None)
    if not jar:
        raise SystemExit("no target/gridcase-*.jar: run ./mvnw package (or the verify step) first")
    jar = os.path.abspath(jar)
    workdir = tempfile.mkdtemp(prefix="gridcase-two-node-")
    db = Db(a.db)
    db.recreate()
    db_url = ("jdbc:mysql://127.0.0.1:3306/" + a.db
              + "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8")
    sink = SmtpSink(a.port + 4)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    nodes = [Node("node-%d" % (k + 1), jar, a.port + k, workdir, db_url, a.port + 4) for k in range(2)]
    problems = []
    report = {}
    t_start = time.monotonic()
    try:
        # node 1 creates the schema and deploys; node 2 starts on the ready database (as a second node does) while
        # node 1 already registers requests
        nodes[0].start()
        took = nodes[0].wait_up(a.start_timeout)
        nodes[1].start()
        log("[two-node] node-1 up in %.0fs (%s, database %s, work dir %s); node-2 starting"
            % (took, os.path.basename(jar), a.db, workdir))
        deployment = deploy_rehearsal_table(nodes[0], a.due_minutes)
        log("[two-node] case-sla.dmn rehearsed with a %d-minute response limit (deployment %s)"
            % (a.due_minutes, deployment))
        cpu0 = sum(node.cpu_seconds() for node in nodes)
        intake = Intake(a.cases, a.clients, "%d" % int(time.time()))
        intake.join_in(nodes[0])
        took = nodes[1].wait_up(a.start_timeout)
        intake.join_in(nodes[1])
        log("[two-node] node-2 up in %.0fs, %d requests were registered on node-1 meanwhile"
            % (took, len(intake.created)))
        took = intake.finish()
        created = intake.created
        per_node = collections.Counter(created.values())
        log("[two-node] intake: %d requests in %.1fs (%.1f/s), %d clients per node: 201 %d (%s), other %s"
            % (a.cases, took, a.cases / took, a.clients, len(created),
               ", ".join("%s %d" % kv for kv in sorted(per_node.items())), dict(intake.others) or "none"))
        report["intake (requests/s)"] = round(a.cases / took, 1)
        cpu1 = sum(node.cpu_seconds() for node in nodes)
        # from node 2's start to the last 201: node 2's start-up, the intakes, and the escalations and mails of the
        # deadlines that fell due meanwhile (all but the last minute's)
        report["CPU seconds of both JVMs per 1,000 cases, node 2's start to the last intake"] = round(
            (cpu1 - cpu0) * 1000 / a.cases, 1)
        if len(created) != a.cases:
            problems.append("%d of %d requests answered 201" % (len(created), a.cases))
        if not created:
            raise Drill("no case was created")

        took, before = registry_import(nodes[0], nodes[1], a.index_timeout)
        report["index rebuilt on node 2 after an import on node 1 (s)"] = round(took, 1)
        log("[two-node] registry: area %s imported on node 1; node 2 located (%s, %s) in it after %.1fs "
            "(before: %s)" % (DRILL_AREA, DRILL_POINT[0], DRILL_POINT[1], took, before))

        # the database holds the drill's cases only (it was created for the drill)
        last_due = db.run("select timestampdiff(microsecond, utc_timestamp(6), max(response_due_at)) / 1e6 "
                          "from case_file")[0][0]
        wait_due = max(0.0, float(last_due))
        log("[two-node] the last response deadline falls due in %.0fs" % wait_due)
        time.sleep(wait_due)
        t_due = time.monotonic()
        took, done = wait_for("escalations", lambda: db.value(
            "select count(distinct case_id) from case_event where type = 'OVERDUE'"), len(created),
            a.escalation_timeout)
        report["last deadline -> all escalated (s)"] = round(took, 1)
        log("[two-node] last deadline → %d of %d cases escalated after %.1fs" % (done, len(created), took))
        if done < len(created):
            problems.append("only %d of %d cases escalated within %ds of the last deadline"
                            % (done, len(created), a.escalation_timeout))
        rest = max(5, a.escalation_timeout - int(time.monotonic() - t_due))
        took2, unsent = wait_for("sent", lambda: -db.value(
            "select count(*) from notification where status <> 'SENT'"), 0, rest)
        report["last deadline -> all notifications sent (s)"] = round(time.monotonic() - t_due, 1)
        log("[two-node] last deadline → every notification SENT after %.1fs (%d not sent)"
            % (time.monotonic() - t_due, -unsent))
        if unsent:
            problems.append("%d notifications not SENT within the bound" % -unsent)
        time.sleep(1.5)  # the SMTP sink and the logs catch up with the last markSent
        report["after intake: CPU seconds of both JVMs (timers, outbox, idle)"] = round(
            sum(node.cpu_seconds() for node in nodes) - cpu1, 1)
        report["machine load (1 min) at the end"] = round(os.getloadavg()[0], 1)
        report.update(check(db, nodes, sink, created, problems))
    except Drill as e:
        problems.append(str(e))
    finally:
        for node in reversed(nodes):
            node.stop()
        sink.shutdown()
    for key, value in report.items():
        log("[two-node]   %s: %s" % (key, value))
    log("[two-node] drill took %.0fs" % (time.monotonic() - t_start))
    if problems:
        log("[two-node] TWO-NODE DRILL FAILED:")
        for pr in problems[:20]:
            log("  - " + pr)
        log("  (logs in %s)" % workdir)
        return 1
    log("[two-node] TWO-NODE DRILL PASSED")
    if not a.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
