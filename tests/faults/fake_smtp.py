# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A real SMTP server on 127.0.0.1 for the fault tests, that can fail.

It delivers (records) ``accept`` messages, then, depending on ``failure``:

- ``"hang"``: holds the next message after its data, without answering, as
  a server that died mid-transaction; a message held is never delivered;
- ``"refuse"``: answers ``451`` (try again later) to every later message.

``accept = None`` delivers everything.
"""

import email
import socketserver
import threading


class FakeSmtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.port = self.server_address[1]
        self.delivered = []  # (recipient, Message-Id, subject)
        self.accept = None
        self.failure = "refuse"
        self.holding = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def heal(self):
        """Deliver everything from now on."""
        with self.lock:
            self.accept = None

    def _may_deliver(self):
        with self.lock:
            return self.accept is None or len(self.delivered) < self.accept

    def deliver(self, recipients, data):
        message = email.message_from_bytes(data)
        with self.lock:
            for recipient in recipients:
                self.delivered.append(
                    (recipient, message["Message-Id"], message["Subject"])
                )


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write(f"{text}\r\n".encode())
        self.wfile.flush()

    def handle(self):
        server = self.server
        self.reply("220 fake-smtp ready")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-fake-smtp\r\n250-8BITMIME\r\n250 SMTPUTF8")
            elif verb == "MAIL":
                recipients = []
                if server.failure == "refuse" and not server._may_deliver():
                    self.reply("451 4.3.0 Mail server temporarily unavailable")
                else:
                    self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data()
                if data is None:
                    return
                if not server._may_deliver():
                    # "hang": the client waits for an answer that never comes.
                    server.holding.set()
                    while self.rfile.readline():
                        pass
                    return
                server.deliver(recipients, data)
                self.reply("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_data(self):
        lines = []
        while line := self.rfile.readline():
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)
        return None
