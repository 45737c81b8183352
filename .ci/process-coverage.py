#!/usr/bin/env python3
"""Process test coverage per BPMN, over every test class's report (target/process-test-coverage/*/report.json):
an element counts as covered when any process test passed it. Fails when a BPMN under processes/ is below the
threshold (default 95 %) or no test ran it. Prints what each model misses."""
import glob
import json
import os
import re
import sys

THRESHOLD = float(os.environ.get("PROCESS_COVERAGE_MIN", "0.95"))
SKIP = {"process", "definitions", "message", "error", "escalation", "documentation", "extensionElements",
        "incoming", "outgoing", "conditionExpression", "timerEventDefinition", "timeDate",
        "messageEventDefinition", "errorEventDefinition", "escalationEventDefinition", "terminateEventDefinition"}

covered, totals, xml = {}, {}, {}
for report in glob.glob("target/process-test-coverage/*/report.json"):
    data = json.load(open(report))
    for model in data["models"]:
        totals[model["key"]] = model["totalElementCount"]
        xml[model["key"]] = model["xml"]
        covered.setdefault(model["key"], set())
    for suite in data["suites"]:
        for run in suite["runs"]:
            for event in run.get("events", []):
                covered.setdefault(event["modelKey"], set()).add(event["definitionKey"])

failed = False
for path in sorted(glob.glob("processes/*.bpmn")):
    key = re.search(r'<bpmn:process id="([^"]+)"', open(path, encoding="utf-8").read()).group(1)
    if key not in totals:
        print(f"FAIL {key}: no process test ran it")
        failed = True
        continue
    hit = covered[key]
    ratio = len(hit) / totals[key]
    ids = [i for t, i in re.findall(r'<bpmn:(\w+) id="([^"]+)"', xml[key]) if t not in SKIP]
    missing = [i for i in ids if i not in hit]
    ok = ratio >= THRESHOLD
    failed |= not ok
    print(f"{'ok  ' if ok else 'FAIL'} {key}: {len(hit)}/{totals[key]} = {ratio:.1%}"
          + (f"  not passed: {', '.join(missing)}" if missing else ""))
sys.exit(1 if failed else 0)
