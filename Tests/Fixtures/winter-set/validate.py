#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Checks this corpus folder (data/, messages/, expected.json): stdlib only. Adapted from parents-autumn/validate.py (CET, January 2029).

- every messages/*.eml parses with email.policy.default, every text part decodes, attachments are walked;
- messages/ and expected.json list the same files; fields have the spec's types and values; dates are ISO;
- children named in a request belong to the sender's family (unless must_not_apply says otherwise);
- for requests that must apply: sender on file, forwarder in staff.txt, key on file, booking days open and within
  the deadline and not already booked, cancelled days booked, certificates really attached;
- weekday + day phrases in the decoded texts ('jeudi 16', 'lundi 20 septembre', 'vendredi 24/09/2027') match 2029
  (a phrase without a month takes the message's month, or the next one when the day is already well past), except
  the deliberate mismatches listed in INTENTIONAL;
- top-level messages are dated 23-25 January 2029 in Europe/Paris;
- label conventions: no slot on cancellations, no activity on absences, an absence with a certificate-like
  attachment says certificate=true;
- children named in applicable requests appear in the texts or subject (or the note says how they are meant):
  printed as 'check:' lines, to re-read by hand, not counted as problems.
Exit status 0 when all is well; prints one line per problem otherwise.
"""
import csv
import json
import re
import sys
import unicodedata
from datetime import date, timedelta, timezone
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTENTS = {'activation', 'absence', 'reservation', 'cancellation', 'einvoice', 'invoices', 'summary', 'contact',
           'confirm', 'help', 'unknown'}
KINDS = {'alsh-vacances', 'alsh-mercredi', 'restauration', 'periscolaire-matin', 'periscolaire-soir'}
SLOTS = {'matin-sans-repas', 'matin-avec-repas', 'apres-midi-sans-repas', 'apres-midi-avec-repas', 'journee-avec-repas'}
REQ_KEYS = {'intent', 'children', 'dates', 'activity', 'slot', 'key', 'einvoice', 'certificate'}
EXP_KEYS = {'category', 'sender', 'forwarded_by', 'requests', 'must_not_apply', 'note'}
WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
MONTHS = {'janvier': 1, 'février': 2, 'fevrier': 2, 'mars': 3, 'avril': 4, 'mai': 5, 'juin': 6, 'juillet': 7,
          'août': 8, 'aout': 8, 'septembre': 9, 'octobre': 10, 'novembre': 11, 'décembre': 12, 'decembre': 12}
PARIS = timezone(timedelta(hours=1))   # CET: every message of this corpus is in January 2029
FIRST_DAY, LAST_DAY = date(2029, 1, 23), date(2029, 1, 25)
# Weekday/day phrases that are wrong on purpose (the message is a must-not-apply about exactly that).
INTENTIONAL = {'jour-et-date-incoherents': {'mercredi 1er février', 'mercredi 1 février'}, 'date-inexistante': {'vendredi 30 février'}}


def year_of(month):
    return 2029 if month <= 8 else 2028


# The checks shared with ../spring-set, run in this module's namespace.
exec((Path(__file__).resolve().parent.parent / 'validate_checks.py').read_text(encoding='utf-8'), globals())
