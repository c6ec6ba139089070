#!/usr/bin/python3
"""A webhook receiver for the alert tests: usage: webhook_receiver.py PORT FOLDER SECRET

Listens on 127.0.0.1:PORT for POSTs and checks each as a receiver should (docs/quality.md
"Alerts"): X-CellJourney-Signature must be "sha256=" + hex HMAC-SHA256(SECRET, timestamp + "." +
body) with the timestamp of X-CellJourney-Timestamp, and that timestamp within 5 minutes of now.
Answers 204 when both hold, 401 otherwise, and writes every request to FOLDER as NNNN.json:
{"valid": bool, "reason": str, "timestamp": str, "signature": str, "delivery": str, "body": str}.
Written independently of the server's code (Python's hmac), so it checks the server's signing.
"""
import hashlib
import hmac
import http.server
import json
import os
import pathlib
import signal
import sys
import threading
import time


def make_handler(folder, secret):
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            timestamp = self.headers.get("X-CellJourney-Timestamp", "")
            signature = self.headers.get("X-CellJourney-Signature", "")
            expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            valid, reason = True, "ok"
            if not hmac.compare_digest(signature, expected):
                valid, reason = False, "signature does not match"
            elif not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
                valid, reason = False, "timestamp missing or older than 5 minutes"
            record = {"valid": valid, "reason": reason, "timestamp": timestamp, "signature": signature,
                      "delivery": self.headers.get("X-CellJourney-Delivery", ""),
                      "content_type": self.headers.get("Content-Type", ""), "body": body.decode("utf-8", "replace")}
            with lock:
                number = len(list(folder.glob("*.json"))) + 1
                temporary = folder / f"{number:04d}.tmp"
                temporary.write_text(json.dumps(record))
                os.rename(temporary, folder / f"{number:04d}.json")
            self.send_response(204 if valid else 401)
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def main(port, folder, secret):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), make_handler(folder, secret.encode()))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
