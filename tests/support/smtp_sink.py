#!/usr/bin/python3
"""An SMTP sink for the alert tests: usage: smtp_sink.py PORT FOLDER

Listens on 127.0.0.1:PORT (aiosmtpd, Debian's python3-aiosmtpd) and writes each message it
accepts to FOLDER as one file NNNN.eml: the envelope first ("MAIL FROM: ...", "RCPT TO: ..."),
when it was accepted ("RECEIVED-NS: " nanoseconds since the epoch, for the latency bench), a
blank line, then the message as received. Written to a .tmp name and renamed, so a reader
never sees half a message. Runs until SIGTERM.
"""
import os
import pathlib
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = len(list(self.folder.glob("*.eml"))) + 1
            name = self.folder / f"{number:04d}.eml"
            temporary = self.folder / f"{number:04d}.tmp"
            head = (f"MAIL FROM: {envelope.mail_from}\nRCPT TO: {','.join(envelope.rcpt_tos)}\n"
                    f"RECEIVED-NS: {time.time_ns()}\n\n")
            temporary.write_bytes(head.encode() + envelope.original_content)
            os.rename(temporary, name)
        return "250 Message accepted for delivery"


def main(port, folder):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname="127.0.0.1", port=int(port))
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
