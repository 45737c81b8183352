#!/usr/bin/env python3
"""Counts the lines of a case process's BPMN (the process part, before BPMNDI) that wire in the shared escalation
blocks: the case-clock call activity and its branch end, the parallel fork beside it, the LADDER_TOP error boundary
(and the error definition), the leader-signoff call, the gateway on its decision (with the merge and check in front
of it, SPINE rule 6, and the terminate end of a case the leader closed), the supervision and withdrawal event sub-processes (and their messages), and every sequence
flow from or to one of them. Usage: python3 .ci/plumbing-lines.py processes/risk-report.bpmn"""
import re
import sys

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
proc = lines[:next(i for i, l in enumerate(lines) if "<bpmndi:BPMNDiagram" in l)]


def block(i):
    tag = re.match(r'\s*<bpmn:(\w+)\b', proc[i]).group(1)
    if proc[i].rstrip().endswith("/>"):
        return i, i
    depth = 0
    for j in range(i, len(proc)):
        depth += len(re.findall(r'<bpmn:%s\b(?![^>]*/>)' % tag, proc[j])) - proc[j].count("</bpmn:%s>" % tag)
        if depth == 0:
            return i, j
    raise SystemExit("unclosed " + tag)


elements, flows = {}, {}
for i, l in enumerate(proc):
    m = re.match(r'\s*<bpmn:(\w+) id="([^"]+)"', l)
    if m:
        a, b = block(i)
        elements[m.group(2)] = (m.group(1), a, b, "\n".join(proc[a:b + 1]))
        if m.group(1) == "sequenceFlow":
            flows[m.group(2)] = (re.search(r'sourceRef="([^"]+)"', l).group(1), re.search(r'targetRef="([^"]+)"', l).group(1))


def ids(pred):
    return [e for e, (tag, a, b, text) in elements.items() if pred(tag, text)]


clock = ids(lambda t, x: t == "callActivity" and 'calledElement="case-clock"' in x)
signoff = ids(lambda t, x: t == "callActivity" and 'calledElement="leader-signoff"' in x)
decision = [flows[f][1] for f in flows if flows[f][0] in signoff]
decision += [flows[f][1] for f in flows if flows[f][0] in decision and elements[flows[f][1]][0] == "exclusiveGateway"]
gateway = [d for d in decision if 'default="' in elements[d][3]]
decision += [flows[f][1] for f in flows if flows[f][0] in gateway and elements[flows[f][1]][0] == "endEvent"]
groups = {
    "clock call activity and its branch end": clock + [flows[f][1] for f in flows if flows[f][0] in clock],
    "parallel fork beside it": [flows[f][0] for f in flows if flows[f][1] in clock],
    "LADDER_TOP error boundary and error": ids(lambda t, x: t == "boundaryEvent" and "Error_LadderTop" in x)
    + ids(lambda t, x: t == "error"),
    "leader-signoff call": signoff,
    "decision gateway with its merge, check and closing end": decision + [e for g in gateway for e in (g + "Unexpected",) if e in elements],
    "supervision and withdrawal event sub-processes and messages":
        ids(lambda t, x: t == "subProcess" and 'triggeredByEvent="true"' in x) + ids(lambda t, x: t == "message"),
}
members = {e for g in groups.values() for e in g}
groups["their sequence flows"] = [f for f, (s, t) in flows.items() if s in members or t in members]
counted, total = set(), 0
for name, group in groups.items():
    n = 0
    for e in dict.fromkeys(group):
        rng = set(range(elements[e][1], elements[e][2] + 1)) - counted
        counted |= rng
        n += len(rng)
    total += n
    print(f"{n:4d}  {name}: {', '.join(dict.fromkeys(group))}")
print(f"{total:4d}  lines of plumbing, of {len(proc)} lines before BPMNDI in {sys.argv[1]}")
