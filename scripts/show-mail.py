#!/usr/bin/env python3
"""Prints a received mail the way a parent reads it: sender, subject, and the plain-text part.

With --serve, decodes many mails over one process (the test suite): each request on stdin is a line with the
mail's length in bytes followed by the mail; each answer on stdout is a line with the text's length in bytes
followed by the text (UTF-8)."""
import io
import sys
from email import policy
from email.parser import BytesParser


def render(raw: bytes) -> str:
    # parse() reads through a text wrapper that turns CRLF into LF, as a mail client shows the text.
    msg = BytesParser(policy=policy.default).parse(io.BytesIO(raw))
    part = msg.get_body(preferencelist=('plain',))
    text = part.get_content().rstrip() if part else '(pas de texte)'
    return f"--- De : {msg['From']}\n--- Objet : {msg['Subject']}\n\n{text}\n\n"


def serve() -> None:
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = inp.readline()
        if not header:
            return
        raw = inp.read(int(header))
        try:
            text = render(raw).encode('utf-8', 'surrogateescape')
        except Exception as e:  # one broken mail must not stop the others
            text = f"(erreur de décodage : {e})\n".encode()
        out.write(b"%d\n" % len(text) + text)
        out.flush()


if __name__ == '__main__':
    if sys.argv[1:] == ['--serve']:
        serve()
    else:
        sys.stdout.write(render(sys.stdin.buffer.read()))
