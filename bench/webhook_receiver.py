"""A local webhook receiver for bench/warnings.sh: counts POSTs, keeps each message's answer
token (the last path segment of ack_url) in a file, and answers /count with
"<messages> <distinct idempotency keys> <seconds since the first> <seconds since the last>"."""
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
keys, first, last = set(), [None], [None]
count = [0]
tokens = open(sys.argv[2], "w")

class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        msg = json.loads(body)
        with lock:
            now = time.time()
            first[0] = first[0] or now
            last[0] = now
            count[0] += 1
            keys.add(self.headers.get("Idempotency-Key"))
            tokens.write(msg["ack_url"].rsplit("/", 1)[1] + "\n")
            tokens.flush()
        self.send_response(202); self.send_header("Content-Length", "0"); self.end_headers()
    def do_GET(self):
        with lock:
            out = "%d %d %.3f %.6f" % (count[0], len(keys), (last[0] or 0) - (first[0] or 0), last[0] or 0)
        data = out.encode()
        self.send_response(200); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
