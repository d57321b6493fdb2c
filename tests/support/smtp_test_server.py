#!/usr/bin/python3
"""A loopback SMTP server for lbtrack's email tests (started by smtp_test_server.cpp).

Listens on 127.0.0.1 on a port the OS picks and writes that port to --port-file once it
accepts connections. Every message received is parsed with Python's own email package (an
implementation independent of ours) and written to --dir as msg-NNNN.json:
    {"mail_from", "rcpt_tos", "subject" (decoded), "from", "to" (addresses), "content_type",
     "headers": [[name, raw value]...], "parts": [{"content_type", "charset",
     "transfer_encoding", "content" (decoded text)}...], "defects": [...]}
plus the raw bytes as msg-NNNN.eml. With --user and --password, AUTH is required (over plain
text: it is loopback) and only that pair is accepted.

Stops on SIGTERM, when its parent process goes away, or after --lifetime seconds, so a test
that crashed cannot leave it running.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def write_atomically(path, data):
    temp = path + ".tmp"
    with open(temp, "wb") as out:
        out.write(data)
    os.replace(temp, path)


class Recorder:
    def __init__(self, directory):
        self.directory = directory
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        defects = [repr(d) for d in message.defects]
        for part in message.walk():
            defects += [repr(d) for d in part.defects]
            if part.is_multipart():
                continue
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset() or "",
                "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
                "content": part.get_content(),
            })
        to = message["to"]
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(message["subject"] or ""),
            "from": str(message["from"] or ""),
            "to": [a.addr_spec for a in to.addresses] if to is not None else [],
            "content_type": message.get_content_type(),
            "headers": [[k, v] for k, v in message.raw_items()],
            "parts": parts,
            "defects": defects,
        }
        stem = os.path.join(self.directory, "msg-%04d" % self.received)
        write_atomically(stem + ".eml", raw)
        write_atomically(stem + ".json", json.dumps(record).encode("ascii"))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        # handled=False: aiosmtpd then answers 535 itself; its default (True) means "the
        # authenticator already replied" and leaves the client waiting.
        return AuthResult(success=ok, handled=False)

    handler = Recorder(args.dir)
    with_auth = bool(args.user)

    def factory():
        # hostname given: the default asks DNS for our FQDN, which can take seconds.
        return SMTP(handler, hostname="lbtrack-test", auth_required=with_auth,
                    auth_require_tls=False,
                    authenticator=authenticator if with_auth else None)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    write_atomically(args.port_file, str(port).encode())

    parent = os.getppid()

    def watch_parent():
        if os.getppid() != parent:
            loop.stop()
        else:
            loop.call_later(1.0, watch_parent)

    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.call_later(1.0, watch_parent)
    loop.call_later(args.lifetime, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
