#!/usr/bin/env python3
"""Prints a received mail the way a parent reads it: sender, subject, and the plain-text part."""
import sys
from email import policy
from email.parser import BytesParser

msg = BytesParser(policy=policy.default).parse(sys.stdin.buffer)
print(f"--- De : {msg['From']}\n--- Objet : {msg['Subject']}\n")
part = msg.get_body(preferencelist=('plain',))
print(part.get_content().rstrip() if part else '(pas de texte)')
print()
