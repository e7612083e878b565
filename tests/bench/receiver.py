#!/usr/bin/env python3
"""A local receiver for the benchmark's destinations: answers every POST at once, as a webhook endpoint (200) or
Elasticsearch's _bulk (200, errors false), and counts requests and bytes in COUNT_FILE when it stops.

    receiver.py PORT_FILE COUNT_FILE     (writes the port it listens on, 127.0.0.1 only, to PORT_FILE)
"""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, count_file = sys.argv[1], sys.argv[2]
counts = {"requests": 0, "bytes": 0}


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        counts["requests"] += 1
        counts["bytes"] += len(body)
        reply = b'{"took":0,"errors":false,"items":[]}' if self.path.endswith("/_bulk") else b'{"received":true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)


def stop(*_):
    with open(count_file, "w") as f:
        json.dump(counts, f)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
