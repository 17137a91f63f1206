"""Latency of live map updates across two servers: edits through A, event streams on B.

usage: live_events.py BASE_A BASE_B TOKEN EDITS STREAMS
Opens STREAMS Server-Sent-Event streams on B (GET /api/events), then PATCHes one hazard point
through A EDITS times, 50 ms apart, and times each edit's event on every stream: from the PATCH
being sent and from its 200 (the commit). Prints percentiles over EDITS x STREAMS arrivals.
"""
import http.client, json, sys, threading, time
from urllib.parse import urlparse

base_a, base_b, token, edits, streams = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
POINT = "LIVEBENCH"


def conn(base):
    u = urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=60)


arrivals = [[] for _ in range(streams)]
ready = threading.Barrier(streams + 1)


def listen(k):
    c = conn(base_b)
    c.request("GET", "/api/events", headers={"Accept": "text/event-stream"})
    r = c.getresponse()
    name = ""
    while True:
        line = r.fp.readline()
        if not line:
            return
        line = line.decode().rstrip("\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            if name == "ready":
                ready.wait()
            elif name == "change" and json.loads(line[5:]).get("id") == POINT:
                arrivals[k].append(time.perf_counter())
                if len(arrivals[k]) == edits:
                    return


def send(c, method, path, body, headers):
    c.request(method, path, body=body, headers={"Authorization": "Bearer " + token, "Content-Type": "application/geo+json", **headers})
    r = c.getresponse()
    r.read()
    return r


a = conn(base_a)
feature = {"type": "Feature", "id": POINT, "properties": {"category": "landslide", "name": "实时更新测试点", "risk_level": 2,
           "status": "monitoring", "admin_code": "500101"}, "geometry": {"type": "Point", "coordinates": [108.38, 30.81]}}
r = send(a, "POST", "/api/hazards", json.dumps(feature), {})
assert r.status == 201, r.status
etag = r.getheader("ETag")

threads = [threading.Thread(target=listen, args=(k,), daemon=True) for k in range(streams)]
for t in threads:
    t.start()
ready.wait()
sent, committed = [], []
for i in range(edits):
    t0 = time.perf_counter()
    r = send(a, "PATCH", "/api/hazards/" + POINT, json.dumps({"type": "Feature", "properties": {"risk_level": 1 + i % 4}}), {"If-Match": etag})
    t1 = time.perf_counter()
    assert r.status == 200, r.status
    etag = r.getheader("ETag")
    sent.append(t0)
    committed.append(t1)
    time.sleep(0.05)
for t in threads:
    t.join(timeout=10)

missing = sum(edits - len(x) for x in arrivals)
after_send = sorted((arr[i] - sent[i]) * 1000 for arr in arrivals for i in range(len(arr)))
after_commit = sorted((arr[i] - committed[i]) * 1000 for arr in arrivals for i in range(len(arr)))


def pct(xs, p):
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))]


print(f"{edits} edits through A x {streams} streams on B = {len(after_send)} events, {missing} missing")
for label, xs in (("from the PATCH sent", after_send), ("from the PATCH's 200", after_commit)):
    print(f"  {label:22s} p50 {pct(xs, 50):7.1f} ms  p95 {pct(xs, 95):7.1f} ms  p99 {pct(xs, 99):7.1f} ms  max {xs[-1]:7.1f} ms")
