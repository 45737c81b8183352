"""What the drills (.ci/crash-drill.py, .ci/two-node-drill.py) share: JSON over HTTP with a demo login.
Python 3 standard library only; imported from the drill's own directory."""
import base64
import json
import urllib.error
import urllib.request

PASSWORD = "demo"  # every demo login's password (demo profile only)


def auth(login):
    return "Basic " + base64.b64encode(("%s:%s" % (login, PASSWORD)).encode()).decode()


def call(method, url, login, body, timeout=30, raw=None, content_type=None):
    """(status, parsed JSON or None); a JSON body, or raw bytes of content_type."""
    data = raw if raw is not None else None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method)
    if login:
        req.add_header("Authorization", auth(login))
    if data is not None:
        req.add_header("Content-Type", content_type or "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            answer = resp.read()
            return resp.status, json.loads(answer) if answer else None
    except urllib.error.HTTPError as e:
        answer = e.read()
        try:
            return e.code, json.loads(answer) if answer else None
        except ValueError:
            return e.code, None
