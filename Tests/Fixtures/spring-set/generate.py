#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Private corpus "spring-set": French (and English, Portuguese-French) parent emails to the Espace Famille service,
spring term 2030.

Writes, next to this file: data/*.csv + data/staff.txt (the town's records in the product's import format),
messages/NN-short-name.eml (raw messages as mail clients send them) and expected.json.
Run: python3 generate.py        (stdlib only, deterministic)

Same format and label conventions as ../../../../shared/examples/parents-autumn (see its README.md); a new town
(Ville de Lavergne-sur-Dropt), a new population (12 families, 22 children) and a new "today": Tuesday 23 April 2030,
in the middle of the spring holidays (Saturday 13 - Sunday 28 April; the holiday centre is open Monday 15 - Friday 26
April except Easter Monday 22 April). Messages are dated Saturday 20 to Tuesday 23 April 2030 (Europe/Paris, CEST).
Calendar: school days Mon/Tue/Thu/Fri from 4 March to 5 July 2030 outside the spring holidays and the public holidays
(Easter Monday 22 April, Wednesday 1 May, Wednesday 8 May, Ascension Thursday 30 May with the Friday 31 May "pont"
closed, Whit Monday 10 June); the Wednesday centre on school-term Wednesdays except 1 and 8 May; the summer centre
from Monday 8 July to Friday 30 August (15 August closed).
The client builders (MIME layouts of Gmail, Outlook, iOS, ...) are those of ../winter-set/generate.py.
"""
SEED = 'private-spring-2030-04-23'

# ---------------------------------------------------------------------------
# Calendar, attachment makers, mail-client builders, output. Stdlib only.
# Deterministic: the same script writes the same bytes.
# ---------------------------------------------------------------------------
import base64
import csv
import html as htmllib
import io
import json
import random
import re
import struct
import uuid
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

from email import policy, quoprimime
from email.generator import BytesGenerator
from email.message import EmailMessage, Message
from email.parser import BytesParser, HeaderParser
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, formatdate, make_msgid


HERE = Path(__file__).resolve().parent
TODAY = date(2030, 4, 23)          # a Tuesday
YEAR = 2030
SERVICE = 'espace-famille@mairie.test'
SERVICE_NAME = 'Espace Famille'
CET = timezone(timedelta(hours=2))  # summer time (CEST): every message here is in April 2030
RNG = random.Random(0)              # reseeded by the corpus part

# ---------------------------------------------------------------- calendar
WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
          'septembre', 'octobre', 'novembre', 'décembre']
assert TODAY.weekday() == 1


def d(day, month, year=YEAR):
    return date(year, month, day)


def on(day, month, weekday):
    """A date that the message text names with its weekday; fails loudly if the text would lie."""
    x = d(day, month)
    assert WEEKDAYS[x.weekday()] == weekday, (x, WEEKDAYS[x.weekday()], weekday)
    return x


def span(a, b):
    assert a <= b, (a, b)
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


def week_of(monday):
    """'la semaine du ...', 'toute la semaine prochaine': the school week, Monday to Friday."""
    assert monday.weekday() == 0
    return span(monday, monday + timedelta(days=4))


def every(weekdays, first, last):
    """'tous les mardis et jeudis ... jusqu'au ...': those weekdays only, first..last inclusive."""
    return [x for x in span(first, last) if x.weekday() in weekdays]


TERM_START, TERM_END = d(4, 3), d(5, 7)          # back from the winter holidays Monday 4 March; summer from 6 July
SPRING = (d(13, 4), d(28, 4))                    # spring holidays, Saturday to Sunday
RENTREE = d(29, 4)
EASTER_MONDAY, ASCENSION, PONT, WHIT_MONDAY = d(22, 4), d(30, 5), d(31, 5), d(10, 6)
PUBLIC_HOLIDAYS = [EASTER_MONDAY, d(1, 5), d(8, 5), ASCENSION, WHIT_MONDAY, d(14, 7), d(15, 8)]
CLOSED = PUBLIC_HOLIDAYS + [PONT]


def in_holidays(x):
    return SPRING[0] <= x <= SPRING[1]


def activity_calendar():
    spring = [x for x in span(d(15, 4), d(26, 4)) if x.weekday() < 5 and x not in CLOSED]
    summer = [x for x in span(d(8, 7), d(30, 8)) if x.weekday() < 5 and x not in CLOSED]
    wed = [x for x in span(TERM_START, d(3, 7)) if x.weekday() == 2 and not in_holidays(x) and x not in CLOSED]
    school = [x for x in span(TERM_START, TERM_END)
              if x.weekday() in (0, 1, 3, 4) and not in_holidays(x) and x not in CLOSED]
    return {'alsh-printemps': spring, 'alsh-ete': summer, 'alsh-mercredi': wed, 'restauration': school,
            'periscolaire-matin': school, 'periscolaire-soir': school}


CALENDAR = activity_calendar()
ACTIVITIES = [
    # activity_id, name, kind, booking_deadline_days, capacity
    ('ALSH-PRIN30', 'Accueil de loisirs - vacances de printemps 2030', 'alsh-vacances', 10, 64),
    ('ALSH-ETE30', "Accueil de loisirs - vacances d'été 2030", 'alsh-vacances', 10, 120),
    ('CLSH-MER', 'Centre de loisirs du mercredi', 'alsh-mercredi', 3, 84),
    ('CANTINE', 'Restauration scolaire', 'restauration', 2, 410),
    ('GARD-MAT', 'Garderie du matin', 'periscolaire-matin', 1, 55),
    ('GARD-SOIR', 'Garderie du soir', 'periscolaire-soir', 1, 110),
]
CAL_OF = {'ALSH-PRIN30': 'alsh-printemps', 'ALSH-ETE30': 'alsh-ete', 'CLSH-MER': 'alsh-mercredi',
          'CANTINE': 'restauration', 'GARD-MAT': 'periscolaire-matin', 'GARD-SOIR': 'periscolaire-soir'}
SLOTS = ['matin-sans-repas', 'matin-avec-repas', 'apres-midi-sans-repas', 'apres-midi-avec-repas',
         'journee-avec-repas']
assert len(CALENDAR['alsh-printemps']) == 9 and d(1, 5) not in CALENDAR['alsh-mercredi']
assert ASCENSION.weekday() == 3 and WHIT_MONDAY.weekday() == 0 and EASTER_MONDAY.weekday() == 0


def school_days(first, last, weekdays=(0, 1, 3, 4)):
    return [x for x in CALENDAR['restauration'] if first <= x <= last and x.weekday() in weekdays]


def wednesdays(first, last):
    return [x for x in CALENDAR['alsh-mercredi'] if first <= x <= last]


def at(day, month, hh, mm, ss=None):
    if ss is None:  # a plausible, stable seconds field
        ss = (day * 31 + hh * 17 + mm * 7) % 60
    return datetime(YEAR, month, day, hh, mm, ss, tzinfo=CET)


def fr_long(when):
    """'lundi 13 septembre 2027 07:41' as Outlook writes it in a forwarded header block."""
    return f'{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year} {when:%H:%M}'


FR_SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.']


def fr_gmail(when):
    """'lun. 13 sept. 2027 à 07:12' as Gmail writes it."""
    short = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'][when.weekday()]
    return f'{short} {when.day} {FR_SHORT_MONTHS[when.month - 1]} {when.year} à {when:%H:%M}'


def fr_apple(when):
    """'13 sept. 2027 à 07:12' as iOS Mail writes it in an attribution line."""
    return f'{when.day} {FR_SHORT_MONTHS[when.month - 1]} {when.year} à {when:%H:%M}'


def rfc_date(when, pad=False, suffix=''):
    s = format_datetime(when)
    if not pad:
        s = re.sub(r', 0(\d) ', r', \1 ', s)
    return s + suffix


# ---------------------------------------------------------------- binary attachments
def make_pdf(lines, title='Certificat', when=None, producer='Doctolib Editions'):
    """A one-page PDF 1.4 with Helvetica text, correct xref offsets (opens in any viewer)."""
    when = when or at(23, 4, 7, 0)

    def pdf_str(s):
        b = s.encode('cp1252')
        out = []
        for c in b:
            ch = chr(c)
            if ch in '()\\':
                out.append('\\' + ch)
            elif 32 <= c < 127:
                out.append(ch)
            else:
                out.append('\\%03o' % c)
        return '(' + ''.join(out) + ')'

    ops = ['BT', '/F2 15 Tf', '72 770 Td', pdf_str(lines[0]) + ' Tj', '/F1 11 Tf', '0 -34 Td']
    for line in lines[1:]:
        ops.append(pdf_str(line) + ' Tj')
        ops.append('0 -17 Td')
    ops.append('ET')
    content = '\n'.join(ops).encode('latin-1')
    stamp = when.strftime('D:%Y%m%d%H%M%S+02\'00\'')
    objs = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        b'/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
        b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
        ('<< /Title %s /Producer %s /CreationDate (%s) >>'
         % (pdf_str(title), pdf_str(producer), stamp)).encode('latin-1'),
    ]
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    return bytes(out)


_ZIGZAG = sorted(range(64), key=lambda i: (i // 8 + i % 8, (i % 8) if (i // 8 + i % 8) % 2 else (i // 8)))
_LUMA_Q = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
           14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
           49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]


def _huffman_codes(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def make_jpeg(seed=1, blocks_w=48, blocks_h=36):
    """A baseline greyscale JFIF photo of a sheet of paper on a table, drawn at 8x8-block resolution
    (each block carries only its DC coefficient), so it decodes with any JPEG reader."""
    r = random.Random(seed)
    grid = []
    for by in range(blocks_h):
        row = []
        for bx in range(blocks_w):
            v = 58 + (bx + 2 * by) // 3 + r.randint(0, 6)                      # wooden table
            if 5 <= bx < blocks_w - 5 and 2 <= by < blocks_h - 2:
                v = 226 - (bx // 9) - r.randint(0, 4)                          # paper, a bit of shade
            row.append(v)
        grid.append(row)
    for bx in range(8, 20):                                                    # letterhead
        grid[4][bx] = 120
    for by in (8, 10, 12, 14, 16, 18, 21, 23):                                 # text lines
        end = r.randint(blocks_w - 16, blocks_w - 8)
        for bx in range(8, end):
            if r.random() < 0.85:
                grid[by][bx] = 95 + r.randint(0, 30)
    for bx in range(blocks_w - 19, blocks_w - 9):                              # signature and stamp
        grid[28 + (bx % 3 == 0)][bx] = 70
        grid[30][bx] = 150
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    dc_vals = list(range(12))
    ac_bits = [1, 1] + [0] * 14              # symbol 0x00 (end of block) and 0x01
    ac_vals = [0x00, 0x01]
    dc_codes, ac_codes = _huffman_codes(dc_bits, dc_vals), _huffman_codes(ac_bits, ac_vals)
    acc, nacc, data = 0, 0, bytearray()

    def put(value, length):
        nonlocal acc, nacc
        acc = (acc << length) | value
        nacc += length
        while nacc >= 8:
            byte = (acc >> (nacc - 8)) & 0xFF
            data.append(byte)
            if byte == 0xFF:
                data.append(0)
            nacc -= 8
    pred = 0
    for row in grid:
        for level in row:
            dc = round((level - 128) * 8 / _LUMA_Q[0])
            diff, pred = dc - pred, dc
            size = abs(diff).bit_length()
            put(*dc_codes[size])
            if size:
                put(diff if diff > 0 else diff + (1 << size) - 1, size)
            put(*ac_codes[0x00])
    if nacc:
        put((1 << (8 - nacc)) - 1, 8 - nacc)

    def seg(marker, payload):
        return bytes([0xFF, marker]) + struct.pack('>H', len(payload) + 2) + payload
    h, w = blocks_h * 8, blocks_w * 8
    out = b'\xff\xd8'
    out += seg(0xE0, b'JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00')
    out += seg(0xDB, b'\x00' + bytes(_LUMA_Q[i] for i in _ZIGZAG))
    out += seg(0xC0, b'\x08' + struct.pack('>HH', h, w) + b'\x01\x01\x11\x00')
    out += seg(0xC4, b'\x00' + bytes(dc_bits) + bytes(dc_vals))
    out += seg(0xC4, b'\x10' + bytes(ac_bits) + bytes(ac_vals))
    out += seg(0xDA, b'\x01\x01\x00\x00\x3f\x00')
    return out + bytes(data) + b'\xff\xd9'


def make_heic(seed=1):
    """An ISO-BMFF file branded 'heic' (ftyp/meta/mdat): what a phone's HEIC photo starts with.
    The image payload itself is filler; a checker must recognise the type, not decode it."""
    def box(kind, payload):
        return struct.pack('>I', 8 + len(payload)) + kind + payload
    ftyp = box(b'ftyp', b'heic' + struct.pack('>I', 0) + b'mif1heicmiaf')
    hdlr = box(b'hdlr', b'\x00\x00\x00\x00' + b'\x00' * 4 + b'pict' + b'\x00' * 12 + b'\x00')
    pitm = box(b'pitm', b'\x00\x00\x00\x00' + struct.pack('>H', 1))
    meta = box(b'meta', b'\x00\x00\x00\x00' + hdlr + pitm)
    r = random.Random(seed)
    mdat = box(b'mdat', bytes(r.getrandbits(8) for _ in range(1536)))
    return ftyp + meta + mdat


def make_docx(paragraphs, when):
    """A minimal Word document (OOXML zip) with the given paragraphs."""
    def xml_esc(s):
        return htmllib.escape(s, quote=False)
    body = ''.join(f'<w:p><w:r><w:t xml:space="preserve">{xml_esc(p)}</w:t></w:r></w:p>' for p in paragraphs)
    files = {
        '[Content_Types].xml':
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>',
        '_rels/.rels':
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>',
        'word/document.xml':
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body>{body}<w:sectPr/></w:body></w:document>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, when.hour, when.minute, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode('utf-8'))
    return buf.getvalue()


class Att:
    def __init__(self, filename, ctype, data):
        self.filename, self.ctype, self.data = filename, ctype, data

    @property
    def maintype(self):
        return self.ctype.split('/')[0]

    @property
    def subtype(self):
        return self.ctype.split('/')[1]


# ---------------------------------------------------------------- MIME building blocks (compat32)
def token(n, alphabet='0123456789abcdef'):
    return ''.join(RNG.choice(alphabet) for _ in range(n))


def uuid4(upper=False):
    u = str(uuid.UUID(int=RNG.getrandbits(128), version=4))
    return u.upper() if upper else u


def pinned_msgid(domain, when, idstring=None):
    """email.utils.make_msgid, with its clock and pid pinned to the message so reruns give the same id."""
    with mock.patch('time.time', return_value=when.timestamp()), \
            mock.patch('os.getpid', return_value=RNG.randint(1200, 65000)):
        return make_msgid(idstring=idstring, domain=domain)


def is_ascii(s):
    try:
        s.encode('ascii')
        return True
    except UnicodeEncodeError:
        return False


def ew(text, charset='UTF-8', mode='Q', maxlen=60):
    """RFC 2047 encoded words, split on character boundaries, joined by folding whitespace."""
    codec = charset.lower()

    def enc(s):
        b = s.encode(codec)
        if mode == 'B':
            return f'=?{charset}?B?{base64.b64encode(b).decode()}?='
        out = []
        for c in b:
            ch = chr(c)
            if c < 128 and (ch.isalnum() or ch in '!*+-/'):
                out.append(ch)
            elif c == 32:
                out.append('_')
            else:
                out.append('=%02X' % c)
        return f'=?{charset}?Q?{"".join(out)}?='
    words, cur = [], ''
    for ch in text:
        if cur and len(enc(cur + ch)) > maxlen:
            words.append(enc(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(enc(cur))
    return '\n '.join(words)


def hdr_text(text, charset='UTF-8', mode='Q'):
    return text if is_ascii(text) else ew(text, charset, mode)


def address(name, email, charset='UTF-8', mode='Q', quote_ascii=False):
    if not name:
        return email
    if is_ascii(name):
        return (f'"{name}" <{email}>' if quote_ascii or re.search(r'[,.;:()]', name) else f'{name} <{email}>')
    return f'{ew(name, charset, mode)} <{email}>'


def encode_body(text, charset, cte):
    raw = text.encode(charset.lower())
    if cte == 'quoted-printable':
        return quoprimime.body_encode(raw.decode('latin-1'), maxlinelen=76)
    if cte == 'base64':
        return base64.encodebytes(raw.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')).decode('ascii')
    return raw.decode('ascii', 'surrogateescape')       # 7bit / 8bit: the raw bytes


def part(headers, payload=None, parts=None):
    """A compat32 part whose headers keep exactly the order and spelling given."""
    m = Message()
    for k, v in headers:
        m[k] = v
    if parts is not None:
        m.set_payload(list(parts))
    elif payload is not None:
        m.set_payload(payload)
    return m


def text_part(text, subtype='plain', charset='UTF-8', cte='quoted-printable', ct=None, extra=()):
    ct = ct or f'text/{subtype}; charset="{charset}"'
    headers = [('Content-Type', ct)]
    if cte:
        headers.append(('Content-Transfer-Encoding', cte))
    headers += list(extra)
    return part(headers, encode_body(text, charset, cte or '7bit'))


def attach_part(att, headers):
    return part(headers, base64.encodebytes(att.data).decode('ascii'))


def multi(subtype, boundary, parts, ct=None, preamble=None, extra=()):
    m = part([('Content-Type', ct or f'multipart/{subtype}; boundary="{boundary}"')] + list(extra), parts=parts)
    if preamble is not None:
        m.preamble = preamble
    return m


CONTENT = object()   # marks where a message's content headers go among its top-level headers


def envelope(headers, body):
    """Top-level message: headers in the client's order, CONTENT standing for the body's own headers."""
    m = Message()
    for item in headers:
        if item is CONTENT:
            for k, v in body.items():
                m[k] = v
        elif item[1] is not None:
            m[item[0]] = item[1]
    # the raw payload: get_payload() would decode an 8bit body to str and the generator would then refuse it
    m.set_payload(body.get_payload() if body.is_multipart() else body._payload)
    m.preamble, m.epilogue = body.preamble, body.epilogue
    return m


def to_bytes(msg, crlf=True):
    nl = '\r\n' if crlf else '\n'
    if isinstance(msg, EmailMessage):
        pol = msg.policy.clone(linesep=nl)
    else:
        pol = policy.compat32.clone(linesep=nl, max_line_length=78)
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=pol).flatten(msg)
    return buf.getvalue()


def quoted(text, prefix='> '):
    return '\n'.join((prefix + line) if line else prefix.rstrip() for line in text.rstrip('\n').split('\n'))


def flowed(text, width=72):
    """RFC 3676 format=flowed: long lines wrapped with a trailing space (soft break), quotes kept."""
    out = []
    for line in text.split('\n'):
        if line.startswith('>') or len(line) <= width or line == '-- ':
            out.append(line)
            continue
        words, cur = line.split(' '), ''
        for w in words:
            if cur and len(cur) + len(w) + 1 > width:
                out.append(cur + ' ')
                cur = w
            else:
                cur = f'{cur} {w}' if cur else w
        out.append(cur)
    return '\n'.join(out)


def esc(s):
    return htmllib.escape(s, quote=False)


def linkify(s):
    s = esc(s)
    s = re.sub(r'(https?://[^\s<]+)', r'<a href="\1">\1</a>', s)
    return re.sub(r'(?<![\w.:/-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)', r'<a href="mailto:\1">\1</a>', s)


# ---------------------------------------------------------------- daemon mails quoted in replies
def daemon_id(when, tag):
    return f'<ef.{when:%Y%m%d%H%M%S}.{tag}@espace-famille.mairie.test>'


DAEMON_SIGNATURE = ('Le service Espace Famille\n'
                    'Ville de Lavergne-sur-Dropt - Pôle enfance et vie scolaire\n'
                    'Ce message est envoyé automatiquement, merci de ne pas modifier son objet.')


# ---------------------------------------------------------------- clients
def gmail(frm, subject, text, when, to=SERVICE, attachments=(), quote=None, reply_to_id=None,
          signature=None, forward=None, crlf=True):
    """Gmail (web or Android): multipart/alternative, UTF-8, quoted-printable only when needed.
    quote = (attribution, quoted_text); forward = (header_lines, original_text)."""
    plain = text.rstrip('\n')
    html_body = ''.join(f'<div>{linkify(l)}</div>' if l else '<div><br></div>' for l in plain.split('\n'))
    if signature:
        plain += '\n\n-- \n' + signature
        html_body += ('<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
                      '<div dir="ltr" class="gmail_signature"><div dir="ltr">'
                      + '<div>'.join(esc(l) + '</div>' for l in signature.split('\n')) + '</div></div>')
    if forward:
        head, original = forward
        plain += '\n\n' + '\n'.join(head) + '\n\n\n' + original.rstrip('\n')
        head_html = '<br>'.join(linkify(h) for h in head)
        orig_html = ''.join(f'<div>{linkify(l)}</div>' if l else '<div><br></div>' for l in original.rstrip('\n').split('\n'))
        html_body += (f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{head_html}<br></div><br><br>'
                      f'<div dir="ltr">{orig_html}</div></div>')
    if quote:
        attribution, qtext = quote
        plain += '\n\n' + attribution + '\n\n' + quoted(qtext)
        q_html = '<br>'.join(linkify(l) for l in qtext.rstrip('\n').split('\n'))
        html_body += (f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{esc(attribution)}<br></div>'
                      '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                      f'rgb(204,204,204);padding-left:1ex">{q_html}</blockquote></div>')
    plain += '\n'
    html = f'<div dir="ltr">{html_body}</div>\n'
    cte = None if is_ascii(plain + html) else 'quoted-printable'
    alt_b = '0000000000' + token(18)
    body = multi('alternative', alt_b, [text_part(plain, 'plain', 'UTF-8', cte),
                                        text_part(html, 'html', 'UTF-8', cte)])
    if attachments:
        parts = [body]
        for a in attachments:
            aid = 'f_' + token(9, 'abcdefghijklmnopqrstuvwxyz0123456789')
            name = a.filename if is_ascii(a.filename) else ew(a.filename, 'UTF-8', 'Q', maxlen=200)
            parts.append(attach_part(a, [('Content-Type', f'{a.ctype}; name="{name}"'),
                                         ('Content-Disposition', f'attachment; filename="{name}"'),
                                         ('Content-Transfer-Encoding', 'base64'),
                                         ('Content-ID', f'<{aid}>'),
                                         ('X-Attachment-Id', aid)]))
        body = multi('mixed', '0000000000' + token(18), parts)
    mid = '<CA' + token(46, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-') + '@mail.gmail.com>'
    headers = [('MIME-Version', '1.0')]
    if reply_to_id:
        headers += [('References', reply_to_id), ('In-Reply-To', reply_to_id)]
    headers += [('From', address(*frm)), ('Date', rfc_date(when)), ('Message-ID', mid),
                ('Subject', hdr_text(subject)), ('To', to), CONTENT]
    return to_bytes(envelope(headers, body), crlf)


def thunderbird(frm, subject, text, when, to=SERVICE, attachments=(), reply_to_id=None, crlf=True,
                pol=policy.SMTP, forward_attached=None):
    """Thunderbird, built with EmailMessage: text/plain format=flowed 8bit, RFC 2231 file names."""
    m = EmailMessage(policy=pol)
    plain = flowed(text.rstrip('\n')) + '\n'
    m.set_content(plain, cte='7bit' if is_ascii(plain) else '8bit')
    m.set_param('format', 'flowed')
    m.set_param('charset', 'UTF-8')
    for a in attachments:
        m.add_attachment(a.data, maintype=a.maintype, subtype=a.subtype, filename=a.filename)
        p = m.get_payload()[-1]
        del p['MIME-Version']
        p.set_param('name', a.filename)
    if forward_attached is not None:
        raw, fname = forward_attached
        from email import message_from_bytes
        inner = message_from_bytes(raw, policy=pol)
        m.add_attachment(inner, filename=fname)
        p = m.get_payload()[-1]
        del p['MIME-Version']
    if m.is_multipart():
        m.set_boundary('------------' + token(24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'))
    m['Message-ID'] = f'<{uuid4()}@{frm[1].split("@")[1]}>'
    m['Date'] = rfc_date(when)
    m['User-Agent'] = 'Mozilla Thunderbird'
    m['Content-Language'] = 'fr'
    if reply_to_id:
        m['In-Reply-To'] = reply_to_id
        m['References'] = reply_to_id
    m['To'] = to
    m['From'] = formataddr(frm)
    m['Subject'] = subject
    return to_bytes(m, crlf)


def iphone(frm, subject, text, when, to=SERVICE, attachments=(), quote=None, reply_to_id=None,
           crlf=True, signature='Envoyé de mon iPhone'):
    """iOS Mail. With attachments it nests them in the HTML branch of the alternative, as iOS does:
    alternative[ text/plain, mixed[ text/html, attachment, text/html ] ]."""
    plain = text.rstrip('\n') + '\n\n' + signature
    html_lines = '<br>'.join(esc(l) for l in text.rstrip('\n').split('\n'))
    html_sig = f'<div dir="ltr">{esc(signature)}</div>'
    if quote:
        attribution, qtext = quote
        plain += '\n\n' + quoted(attribution + '\n\n' + qtext)
        html_q = ('<div dir="ltr"><br><blockquote type="cite">' + esc(attribution) + '<br><br>'
                  + '<br>'.join(esc(l) for l in qtext.rstrip('\n').split('\n')) + '</blockquote></div>')
    else:
        html_q = ''
    plain += '\n'
    head = '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">'
    b = lambda: 'Apple-Mail-' + uuid4(upper=True)
    tp = lambda t, sub: text_part(t, sub, 'utf-8', 'quoted-printable' if not is_ascii(t) else '7bit',
                                  ct=f'text/{sub};\n\tcharset={"utf-8" if not is_ascii(t) else "us-ascii"}')
    if attachments:
        inner = [tp(f'{head}<div dir="ltr">{html_lines}</div><div dir="ltr"></div></body></html>', 'html')]
        for a in attachments:
            inner.append(attach_part(a, [('Content-Type', f'{a.ctype};\n\tname={a.filename};\n\tx-apple-part-url={uuid4(upper=True)}'),
                                         ('Content-Disposition', f'inline;\n\tfilename={a.filename}'),
                                         ('Content-Transfer-Encoding', 'base64')]))
        inner.append(tp(f'<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                        f'<body dir="auto"><div dir="ltr"></div><div dir="ltr"><br></div>{html_sig}{html_q}</body></html>', 'html'))
        mb = b()
        html_branch = multi('mixed', mb, inner, ct=f'multipart/mixed;\n\tboundary={mb}')
    else:
        html_branch = tp(f'{head}<div dir="ltr">{html_lines}</div><div dir="ltr"><br></div>{html_sig}{html_q}</body></html>', 'html')
    ab = b()
    body = multi('alternative', ab, [tp(plain, 'plain'), html_branch], ct=f'multipart/alternative; boundary={ab}',
                 extra=[('Content-Transfer-Encoding', '7bit')])
    headers = [CONTENT, ('From', address(*frm)), ('Mime-Version', '1.0 (1.0)'), ('Date', rfc_date(when)),
               ('Subject', hdr_text(subject, 'utf-8')), ('Message-Id', f'<{uuid4(upper=True)}@{frm[1].split("@")[1]}>')]
    if reply_to_id:
        headers += [('References', reply_to_id), ('In-Reply-To', reply_to_id)]
    headers += [('To', to), ('X-Mailer', 'iPhone Mail (22D82)')]
    return to_bytes(envelope(headers, body), crlf)


def apple_mail(frm, subject, text, when, to=SERVICE, forward=None, crlf=True):
    """macOS Mail; forward = (original_headers dict, original_text) as 'Début du message réexpédié'."""
    plain = text.rstrip('\n')
    html = ('<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8">'
            '</head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
            + ''.join(f'<div>{esc(l)}</div>' if l else '<div><br></div>' for l in plain.split('\n')))
    if forward:
        fh, original = forward
        plain += '\n\nDébut du message réexpédié :\n\n' + '\n'.join(f'{k}: {v}' for k, v in fh) + '\n\n' + original.rstrip('\n')
        html += ('<div><br><blockquote type="cite"><div>Début du message réexpédié&nbsp;:</div><br>'
                 + ''.join(f'<div style="margin: 0px;"><span style="font-family: -webkit-system-font, Helvetica Neue, '
                           f'Helvetica, sans-serif;"><b>{esc(k)}: </b></span><span style="font-family: -webkit-system-font, '
                           f'Helvetica Neue, Helvetica, sans-serif;">{esc(v)}<br></span></div>' for k, v in fh)
                 + '<br><div>' + ''.join(f'<div>{esc(l)}</div>' if l else '<div><br></div>'
                                         for l in original.rstrip('\n').split('\n')) + '</div></blockquote></div>')
    html += '</body></html>'
    plain += '\n'
    ab = 'Apple-Mail=_' + uuid4(upper=True)
    body = multi('alternative', ab, [
        text_part(plain, 'plain', 'utf-8', 'quoted-printable', ct='text/plain;\n\tcharset=utf-8'),
        text_part(html, 'html', 'utf-8', 'quoted-printable', ct='text/html;\n\tcharset=utf-8')],
        ct=f'multipart/alternative;\n\tboundary="{ab}"')
    headers = [('From', address(*frm)), CONTENT,
               ('Mime-Version', '1.0 (Mac OS X Mail 16.0 \\(3826.400.131.1.6\\))'),
               ('Subject', hdr_text(subject, 'utf-8')), ('Message-Id', f'<{uuid4(upper=True)}@{frm[1].split("@")[1]}>'),
               ('Date', rfc_date(when)), ('To', to), ('X-Mailer', 'Apple Mail (2.3826.400.131.1.6)')]
    return to_bytes(envelope(headers, body), crlf)


OUTLOOK_HEAD = '''<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}}
@font-face
	{{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-language:EN-US;}}
a:link, span.MsoHyperlink
	{{mso-style-priority:99;
	color:#0563C1;
	text-decoration:underline;}}
span.EmailStyle18
	{{mso-style-type:personal-reply;
	font-family:"Calibri",sans-serif;
	color:windowtext;}}
.MsoChpDefault
	{{mso-style-type:export-only;
	font-size:10.0pt;
	mso-fareast-language:EN-US;}}
@page WordSection1
	{{size:612.0pt 792.0pt;
	margin:70.85pt 70.85pt 70.85pt 70.85pt;}}
div.WordSection1
	{{page:WordSection1;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
'''


def _mso_para(line):
    if not line.strip():
        return '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
    return '<p class="MsoNormal">' + linkify(line).replace('\u00a0', '&nbsp;') + '<o:p></o:p></p>'


def outlook(frm, subject, text, when, to=SERVICE, charset='iso-8859-1', attachments=(), original=None,
            reply_to_id=None, topic=None, exchange=None, crlf=True, extra=(), cc=None):
    """Outlook for Windows (Word HTML with <o:p> and &nbsp;) plus its text/plain twin.
    original = (header_lines, text): the message below, as Outlook lays out a reply or an inline forward;
    header lines use a no-break space before the colon, as French Outlook does."""
    if exchange is None:   # the town's own Exchange server for staff, Microsoft 365 for everyone else
        exchange = 'onprem' if frm[1].endswith('@mairie.test') else 'cloud'
    plain = text.rstrip('\n')
    html = OUTLOOK_HEAD.format(charset=charset) + '\n'.join(_mso_para(l) for l in plain.split('\n'))
    if original:
        head, otext = original
        plain += '\n\n' + '\n'.join(head) + '\n\n' + otext.rstrip('\n')
        items = []
        for h in head:
            k, _, v = h.partition('\u00a0:')
            items.append(f'<b>{esc(k)}&nbsp;:</b>{linkify(v)}')
        html += ('\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n<div>\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;'
                 'padding:3.0pt 0cm 0cm 0cm">\n<p class="MsoNormal"><span lang="FR" style="mso-fareast-language:FR">'
                 + '<br>\n'.join(items) + '<o:p></o:p></span></p>\n</div>\n</div>\n'
                 + '\n'.join(_mso_para(l) for l in otext.rstrip('\n').split('\n')))
    html += '\n</div>\n</body>\n</html>\n'
    plain += '\n'
    inner_id = ('PR1P264MB' + token(4, '0123456789') + token(24, '0123456789ABCDEF')) if exchange == 'cloud' else token(32, '0123456789abcdef')
    host = (f'{inner_id[:13]}.FRAP264.PROD.OUTLOOK.COM' if exchange == 'cloud' else 'SRV-EXCH02.mairie.test')
    alt_b = f'_000_{inner_id}{host.split(".")[0].replace("-", "")}_'
    alt = multi('alternative', alt_b, [text_part(plain, 'plain', charset, 'quoted-printable'),
                                       text_part(html, 'html', charset, 'quoted-printable')],
                ct=f'multipart/alternative;\n\tboundary="{alt_b}"')
    body = alt
    if attachments:
        mix_b = f'_004_{inner_id}{host.split(".")[0].replace("-", "")}_'
        parts = [alt]
        for a in attachments:
            name = a.filename if is_ascii(a.filename) else ew(a.filename, charset, 'Q', maxlen=200)
            stamp = format_datetime(when.astimezone(timezone.utc), usegmt=True)
            if a.ctype == 'message/rfc822':   # 'forward as attachment': the message itself, never base64
                parts.append(part([('Content-Type', 'message/rfc822'),
                                   ('Content-Disposition', f'attachment;\n\tcreation-date="{stamp}";\n\tmodification-date="{stamp}"')],
                                  parts=[BytesParser(policy=policy.compat32).parsebytes(a.data)]))
                continue
            parts.append(attach_part(a, [('Content-Type', f'{a.ctype}; name="{name}"'),
                                         ('Content-Description', name),
                                         ('Content-Disposition', f'attachment; filename="{name}"; size={len(a.data)};\n\t'
                                                                 f'creation-date="{stamp}";\n\tmodification-date="{stamp}"'),
                                         ('Content-Transfer-Encoding', 'base64')]))
        body = multi('mixed', mix_b, parts, ct=f'multipart/mixed;\n\tboundary="{mix_b}"')
    topic = topic or re.sub(r'^(TR|RE|Fwd|Re)\s*:\s*', '', subject)
    headers = [('From', address(*frm, charset=charset)), ('To', to)]
    if cc:
        headers.append(('CC', cc))
    headers += [('Subject', hdr_text(subject, charset)), ('Thread-Topic', hdr_text(topic, charset)),
                ('Thread-Index', 'A' + token(2, 'QRST') + token(21, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') + '=='),
                ('Date', rfc_date(when)), ('Message-ID', f'<{inner_id}@{host}>')]
    if reply_to_id:
        headers += [('References', reply_to_id), ('In-Reply-To', reply_to_id)]
    headers += [('Accept-Language', 'fr-FR, en-US'), ('Content-Language', 'fr-FR'),
                ('X-MS-Has-Attach', 'yes' if attachments else ''), ('X-MS-TNEF-Correlator', '')]
    headers += list(extra)
    headers += [CONTENT, ('MIME-Version', '1.0')]
    return to_bytes(envelope(headers, body), crlf)


def outlook_web(frm, subject, text, when, to=SERVICE, original=None, reply_to_id=None, html_only=False, crlf=True):
    """Outlook.com / new Outlook: Aptos div markup, iso-8859-1 when it fits, '____' rule above a reply."""
    plain = text.rstrip('\n')
    style = 'font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);'
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=@CHARSET@">\n'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n'
            '<body dir="ltr">\n'
            + ''.join(f'<div class="elementToProof" style="{style}">{linkify(l) if l else "<br>"}</div>\n' for l in plain.split('\n')))
    if original:
        head, otext = original
        plain += '\n\n________________________________\n' + '\n'.join(head) + '\n\n' + otext.rstrip('\n')
        html += ('<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
                 '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
                 + '<br>\n'.join(f'<b>{esc(h.split(" :", 1)[0])}&nbsp;:</b>{linkify(h.split(" :", 1)[1])}' for h in head)
                 + '</font>\n<div>&nbsp;</div>\n</div>\n<div>\n'
                 + ''.join(f'<div>{linkify(l) if l else "<br>"}</div>\n' for l in otext.rstrip('\n').split('\n')) + '</div>\n')
    html += '</body>\n</html>\n'
    plain += '\n'
    cs = 'iso-8859-1'
    try:
        (plain + html).encode(cs)
    except UnicodeEncodeError:
        cs = 'utf-8'
    html = html.replace('@CHARSET@', cs)
    inner_id = 'AM0PR02MB' + token(4, '0123456789') + token(24, '0123456789ABCDEF')
    if html_only:
        body = text_part(html, 'html', cs, 'quoted-printable')
    else:
        b = f'_000_{inner_id}AM0PR02MB{token(4, "0123456789")}eurp_'
        body = multi('alternative', b, [text_part(plain, 'plain', cs, 'quoted-printable'),
                                        text_part(html, 'html', cs, 'quoted-printable')])
    headers = [('From', address(*frm, charset=cs)), ('To', f'"{to}" <{to}>'), ('Subject', hdr_text(subject, cs)),
               ('Thread-Topic', hdr_text(re.sub(r'^(RE|TR)\s*:\s*', '', subject), cs)),
               ('Thread-Index', 'AQH' + token(26, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')),
               ('Date', rfc_date(when)), ('Message-ID', f'<{inner_id}@{inner_id[:13]}.eurprd02.prod.outlook.com>')]
    if reply_to_id:
        headers += [('References', reply_to_id), ('In-Reply-To', reply_to_id)]
    headers += [('Accept-Language', 'fr-FR, en-US'), ('Content-Language', 'fr-FR'), ('X-MS-Has-Attach', ''),
                ('X-MS-TNEF-Correlator', ''), ('msip_labels', ''), CONTENT, ('MIME-Version', '1.0')]
    return to_bytes(envelope(headers, body), crlf)


def yahoo(frm, subject, text, when, to=SERVICE, crlf=True):
    """Yahoo Mail web: B-encoded subject, multipart/alternative with ----=_Part boundaries, UTC date."""
    plain = text.rstrip('\n') + '\n'
    cls = 'ydp' + token(8)
    html = ('<html><head></head><body><div class="' + cls + 'yahoo-style-wrap" style="font-family:Helvetica Neue, '
            'Helvetica, Arial, sans-serif;font-size:13px;">'
            + ''.join(f'<div dir="ltr" data-setdir="false">{esc(l) if l else "<br>"}</div>' for l in text.rstrip('\n').split('\n'))
            + '</div></body></html>')
    n = RNG.randint(1000000, 9999999)
    b = f'----=_Part_{n}_{RNG.randint(100000000, 999999999)}.{int(when.timestamp() * 1000)}'
    body = multi('alternative', b, [text_part(plain, 'plain', 'UTF-8', 'quoted-printable', ct='text/plain; charset=UTF-8'),
                                    text_part(html, 'html', 'UTF-8', 'quoted-printable', ct='text/html; charset=UTF-8')],
                 ct=f'multipart/alternative; \n\tboundary="{b}"')
    utc = when.astimezone(timezone.utc)
    headers = [('Date', rfc_date(utc, suffix=' (UTC)').replace('-0000', '+0000')), ('From', address(*frm, mode='B')),
               ('To', f'"{to}" <{to}>'),
               ('Message-ID', f'<{n + 1}.{RNG.randint(1000000, 9999999)}.{int(when.timestamp() * 1000)}@mail.yahoo.com>'),
               ('Subject', hdr_text(subject, 'UTF-8', 'B')), ('MIME-Version', '1.0'), CONTENT,
               ('X-Mailer', 'WebService/1.1.23040 YMailNorrin')]
    return to_bytes(envelope(headers, body), crlf)


def webmail_html_only(frm, subject, html_paragraphs, when, to=SERVICE, crlf=True):
    """An ISP webmail (Open-Xchange) that sends only text/html, UTF-8 in base64 (email.mime.text.MIMEText)."""
    html = ('<!doctype html>\n<html>\n <head>\n  <meta charset="UTF-8">\n </head>\n <body>\n'
            + ''.join(f'  <div class="default-style">\n   {p}\n  </div>\n' for p in html_paragraphs)
            + ' </body>\n</html>\n')
    body = MIMEText(html.replace('\n', '\r\n'), 'html', 'utf-8')     # utf-8 MIMEText is base64 by default
    del body['MIME-Version']
    n = RNG.randint(100000000, 999999999)
    headers = [('Date', rfc_date(when, suffix=' (CEST)')), ('From', address(*frm)), ('To', to),
               ('Message-ID', f'<{n}.{RNG.randint(10000, 99999)}.{int(when.timestamp() * 1000)}.JavaMail.open-xchange@opme11oxm02.webmail.{frm[1].split("@")[1]}>'),
               ('Subject', hdr_text(subject)), ('MIME-Version', '1.0'), CONTENT,
               ('X-Priority', '3'), ('Importance', 'Normal'), ('X-Mailer', 'Open-Xchange Mailer v7.10.6-Rev62')]
    return to_bytes(envelope(headers, body), crlf)


def samsung(frm, subject, text, when, to=SERVICE, attachments=(), crlf=True):
    """Samsung Email on Android: both alternatives UTF-8 in base64."""
    sig = 'Envoyé depuis mon smartphone Samsung Galaxy.'
    plain = text.rstrip('\n') + '\n\n\n' + sig + '\n'
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body dir="auto">'
            + ''.join(f'<div dir="auto">{esc(l) if l else "<br>"}</div>' for l in text.rstrip('\n').split('\n'))
            + f'<div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" dir="auto">'
            f'<div style="font-size:85%;color:#575757" dir="auto">{esc(sig)}</div></div></body></html>')
    b = '--_com.samsung.android.email_' + str(RNG.randint(10 ** 14, 10 ** 15))
    body = multi('alternative', b, [text_part(plain, 'plain', 'utf-8', 'base64'), text_part(html, 'html', 'utf-8', 'base64')])
    if attachments:
        parts = [body]
        for a in attachments:
            parts.append(attach_part(a, [('Content-Type', f'{a.ctype}; name="{a.filename}"'),
                                         ('Content-Transfer-Encoding', 'base64'),
                                         ('Content-Disposition', f'attachment; filename="{a.filename}"')]))
        body = multi('mixed', '--_com.samsung.android.email_' + str(RNG.randint(10 ** 14, 10 ** 15)), parts)
    headers = [('Message-ID', pinned_msgid('email.android.com', when)), ('Date', rfc_date(when)),
               ('Subject', hdr_text(subject, 'UTF-8', 'B')), ('From', address(*frm, mode='B')), ('To', to),
               ('MIME-Version', '1.0'), CONTENT]
    return to_bytes(envelope(headers, body), crlf)


def plain_client(frm, subject, text, when, to=SERVICE, charset='UTF-8', cte='quoted-printable', agent=None,
                 subject_mode='Q', msgid_domain=None, reply_to_id=None, extra=(), crlf=True,
                 date_pad=False, ct=None):
    """Any client sending a single text/plain part (K-9, Evolution, Claws, Outlook in text mode...)."""
    body = text_part(text.rstrip('\n') + '\n', 'plain', charset, cte, ct=ct)
    outlook_pop = bool(agent and 'Outlook' in agent[1])
    if outlook_pop:   # Outlook on a POP/IMAP account: <hex$hex$hex$@domain> ids, Thread-Index, Content-Language
        mid = f'<{token(12)}${token(8)}${token(8)}$@{frm[1].split("@")[1]}>'
    else:
        mid = pinned_msgid(msgid_domain or frm[1].split('@')[1], when)
    headers = [('Date', rfc_date(when, pad=date_pad)), ('From', address(*frm, charset=charset, mode=subject_mode)), ('To', to),
               ('Subject', subject if subject.startswith('=?') else hdr_text(subject, charset, subject_mode)),
               ('Message-ID', mid)]
    if reply_to_id:
        headers += [('In-Reply-To', reply_to_id), ('References', reply_to_id)]
    if agent:
        headers.append(agent)
    if outlook_pop:
        headers += [('Thread-Index', 'Adm' + token(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') + '=='),
                    ('Content-Language', 'fr')]
    headers += list(extra) + [('MIME-Version', '1.0'), CONTENT]
    return to_bytes(envelope(headers, body), crlf)


def utf8_headers_client(frm, subject, text, when, to=SERVICE, crlf=True):
    """A client on an SMTPUTF8 path: raw UTF-8 in the headers (RFC 6532), written by policy.SMTPUTF8."""
    m = EmailMessage(policy=policy.SMTPUTF8 if crlf else policy.default.clone(utf8=True))
    m['From'] = formataddr(frm)
    m['To'] = to
    m['Subject'] = subject
    m['Date'] = rfc_date(when)
    m['Message-ID'] = pinned_msgid(frm[1].split('@')[1], when)
    m['User-Agent'] = 'Mailspring/1.13.3'
    m.set_content(text.rstrip('\n') + '\n', cte='8bit')
    return to_bytes(m, crlf)


# ---------------------------------------------------------------- automated mail
def auto_reply_exchange(frm, subject, text, when, in_reply_to, to=SERVICE, crlf=True):
    cs = 'iso-8859-1'
    body = text_part(text.rstrip('\n') + '\n', 'plain', cs, 'quoted-printable')
    inner_id = 'DB9PR06MB' + token(4, '0123456789') + token(24, '0123456789ABCDEF')
    headers = [('From', address(*frm, charset=cs)), ('To', f'Espace Famille <{to}>'),
               ('Subject', ew(subject, cs, 'Q')), ('Thread-Topic', ew(subject.split('\u00a0: ', 1)[1], cs, 'Q')),
               ('Date', rfc_date(when)), ('Message-ID', f'<{inner_id}@{inner_id[:13]}.eurprd06.prod.outlook.com>'),
               ('References', in_reply_to), ('In-Reply-To', in_reply_to), ('Content-Language', 'fr-FR'),
               ('X-MS-Has-Attach', ''), ('X-MS-TNEF-Correlator', ''), ('X-MS-Exchange-Generated-Message-Source', 'Mailbox Rules Agent'),
               ('Auto-Submitted', 'auto-replied'), ('X-Auto-Response-Suppress', 'All'), CONTENT, ('MIME-Version', '1.0')]
    return to_bytes(envelope(headers, body), crlf)


def postfix_bounce(host, rcpt, original_headers, when, reason_smtp, status, diagnostic, to=SERVICE, crlf=True):
    qid = token(10, '0123456789ABCDEF')
    b = f'{qid}.{int(when.timestamp())}/{host}'
    human = (f'This is the mail system at host {host}.\n\n'
             "I'm sorry to have to inform you that your message could not\n"
             'be delivered to one or more recipients. It\'s attached below.\n\n'
             'For further assistance, please send mail to postmaster.\n\n'
             'If you do so, please include this problem report. You can\n'
             'delete your own text from the attached returned message.\n\n'
             '                   The mail system\n\n'
             f'<{rcpt}>: {reason_smtp}\n')
    arrival = rfc_date(when - timedelta(seconds=2), suffix=' (CEST)').replace(', ', ',  ', 1)
    dsn = (f'Reporting-MTA: dns; {host}\nX-Postfix-Queue-ID: {qid}\nX-Postfix-Sender: rfc822; {to}\n'
           f'Arrival-Date: {arrival}\n\n'
           f'Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: {status}\n'
           f'Diagnostic-Code: {diagnostic}\n')
    parts = [part([('Content-Description', 'Notification'), ('Content-Type', 'text/plain; charset=utf-8'),
                   ('Content-Transfer-Encoding', '8bit')], encode_body(human, 'utf-8', '8bit')),
             part([('Content-Description', 'Delivery report'), ('Content-Type', 'message/delivery-status')],
                  parts=[HeaderParser(policy=policy.compat32).parsestr(block + '\n') for block in dsn.strip('\n').split('\n\n')]),
             part([('Content-Description', 'Undelivered Message Headers'), ('Content-Type', 'text/rfc822-headers'),
                   ('Content-Transfer-Encoding', '8bit')], original_headers.rstrip('\n') + '\n')]
    body = multi('report', b, parts, ct=f'multipart/report; report-type=delivery-status;\n\tboundary="{b}"',
                 preamble='This is a MIME-encapsulated message.\n')
    headers = [('Return-Path', '<>'), ('Date', rfc_date(when, suffix=' (CEST)').replace(', ', ',  ', 1) if when.day < 10 else rfc_date(when, suffix=' (CEST)')),
               ('From', f'MAILER-DAEMON@{host} (Mail Delivery System)'),
               ('Subject', 'Undelivered Mail Returned to Sender'), ('To', to), ('Auto-Submitted', 'auto-replied'),
               ('MIME-Version', '1.0'), CONTENT, ('Content-Transfer-Encoding', '8bit'),
               ('Message-Id', f'<{when.astimezone(timezone.utc):%Y%m%d%H%M%S}.{qid}@{host}>')]
    return to_bytes(envelope(headers, body), crlf)


def mass_mailing(frm, subject, text, html, when, list_id, unsubscribe, to=SERVICE, crlf=True):
    """A newsletter from a mailing tool, built with email.mime (MIMEMultipart + MIMEText, compat32)."""
    outer = MIMEMultipart('alternative', boundary='b1_' + token(32))
    for sub, content in (('plain', text), ('html', html)):
        p = MIMEText(content, sub, 'utf-8')
        del p['MIME-Version']
        outer.attach(p)
    del outer['MIME-Version']
    headers = [('Date', formatdate(when.timestamp(), usegmt=True)), ('To', to), ('From', address(*frm)),
               ('Reply-To', 'contact@' + frm[1].split('@')[1]), ('Subject', hdr_text(subject)),
               ('Message-ID', pinned_msgid(frm[1].split('@')[1], when, 'lettre')),
               ('List-Id', list_id), ('List-Unsubscribe', unsubscribe), ('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'),
               ('Precedence', 'bulk'), ('X-Mailer', 'Sendinblue'), ('MIME-Version', '1.0'), CONTENT]
    return to_bytes(envelope(headers, outer), crlf)


def daemon_headers(rcpt, subject, when, tag):
    """The header block of one of the service's own replies (as a bounce quotes it)."""
    return (f'Return-Path: <{SERVICE}>\n'
            f'Received: from espace-famille.mairie.test (espace-famille.mairie.test [192.0.2.25])\n'
            f'\tby mx.mairie.test (Postfix) with ESMTPS id 7D1E23A0F1\n'
            f'\tfor <{rcpt}>; {rfc_date(when)}\n'
            f'From: {SERVICE_NAME} <{SERVICE}>\n'
            f'To: {rcpt}\n'
            f'Subject: {ew(subject)}\n'
            f'Date: {formatdate(when.timestamp(), usegmt=True)}\n'
            f'Message-ID: {daemon_id(when, tag)}\n'
            f'Auto-Submitted: auto-replied\n'
            f'MIME-Version: 1.0\n'
            f'Content-Type: text/plain; charset=utf-8\n'
            f'Content-Transfer-Encoding: 8bit\n')


# ---------------------------------------------------------------- expectations and output
INTENTS = {'activation', 'absence', 'reservation', 'cancellation', 'einvoice', 'invoices', 'summary', 'contact',
           'confirm', 'help', 'unknown'}
KINDS = {'alsh-vacances', 'alsh-mercredi', 'restauration', 'periscolaire-matin', 'periscolaire-soir'}


def R(intent, children=(), dates=(), activity=None, slot=None, key=None, einvoice=None, certificate=False):
    assert intent in INTENTS, intent
    assert activity is None or activity in KINDS, activity
    assert slot is None or slot in SLOTS, slot
    return {'intent': intent, 'children': list(children),
            'dates': sorted({x.isoformat() for x in dates}), 'activity': activity, 'slot': slot,
            'key': key, 'einvoice': einvoice, 'certificate': certificate}


class Corpus:
    def __init__(self):
        self.messages = {}

    def add(self, name, raw, category, sender, requests, must_not_apply=False, note='', forwarded_by=None):
        assert re.fullmatch(r'\d\d-[a-z0-9-]+\.eml', name), name
        assert name not in self.messages, name
        self.messages[name] = (raw, {
            'category': category, 'sender': sender.lower(),
            'forwarded_by': forwarded_by.lower() if forwarded_by else None,
            'requests': requests, 'must_not_apply': must_not_apply, 'note': note})

    def write(self, data):
        (HERE / 'data').mkdir(exist_ok=True)
        msgdir = HERE / 'messages'
        msgdir.mkdir(exist_ok=True)
        for old in msgdir.glob('*.eml'):
            old.unlink()
        for fname, (header, rows) in data.items():
            if fname.endswith('.txt'):
                (HERE / 'data' / fname).write_text(''.join(r + '\n' for r in rows), encoding='utf-8')
                continue
            with open(HERE / 'data' / fname, 'w', encoding='utf-8', newline='') as f:
                w = csv.writer(f, lineterminator='\n')
                w.writerow(header)
                w.writerows(rows)
        expected = {'today': TODAY.isoformat(), 'messages': {}}
        for name in sorted(self.messages):
            raw, exp = self.messages[name]
            (msgdir / name).write_bytes(raw)
            expected['messages'][name] = exp
        (HERE / 'expected.json').write_text(json.dumps(expected, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')


def build_data(families, guardians, children, reservations, invoices, staff):
    days = [(aid, x.isoformat()) for aid, _, _, _, _ in ACTIVITIES for x in CALENDAR[CAL_OF[aid]]]
    days.sort(key=lambda r: ([a[0] for a in ACTIVITIES].index(r[0]), r[1]))
    res = sorted(set(reservations), key=lambda r: (r[0], [a[0] for a in ACTIVITIES].index(r[1]), r[2]))
    return {
        'families.csv': (['family_id', 'family_name', 'address', 'postal_code', 'city', 'einvoice'], families),
        'guardians.csv': (['family_id', 'first_name', 'last_name', 'email', 'phone', 'activation_key'], guardians),
        'children.csv': (['child_id', 'family_id', 'first_name', 'last_name', 'birth_date', 'school', 'grade'], children),
        'activities.csv': (['activity_id', 'name', 'kind', 'booking_deadline_days', 'capacity'], ACTIVITIES),
        'activity_days.csv': (['activity_id', 'date'], days),
        'reservations.csv': (['child_id', 'activity_id', 'date', 'slot'], res),
        'invoices.csv': (['invoice_id', 'family_id', 'label', 'issue_date', 'due_date', 'amount', 'status'], invoices),
        'staff.txt': (None, staff),
    }


def book(child_id, aid, dates, slot=''):
    kind = CAL_OF[aid]
    assert all(x in CALENDAR[kind] for x in dates), (child_id, kind, [x for x in dates if x not in CALENDAR[kind]])
    return [(child_id, aid, x.isoformat(), slot) for x in dates]




# ---------------------------------------------------------------- more attachments and clients (this corpus)
def make_scan_pdf(jpeg, producer='Canon iR-ADV C3826 PDF', when=None, pages=1):
    """What an office multifunction scanner writes: one A4 page per JPEG image (DCTDecode XObject), no text."""
    when = when or at(22, 4, 18, 0)
    stamp = when.strftime("D:%Y%m%d%H%M%S+02'00'")
    w, h = struct.unpack('>HH', jpeg[jpeg.index(b'\xff\xc0') + 5:jpeg.index(b'\xff\xc0') + 9])[::-1]
    content = b'q\n595.32 0 0 841.92 0 0 cm\n/Im0 Do\nQ\n'
    kids = ' '.join(f'{3 + 3 * i} 0 R' for i in range(pages))
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            f'<< /Type /Pages /Kids [{kids}] /Count {pages} >>'.encode()]
    for i in range(pages):
        page, cont, img = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        objs.append(f'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.32 841.92] /Resources << /XObject << /Im0 {img} 0 R >> '
                    f'/ProcSet [/PDF /ImageB] >> /Contents {cont} 0 R >>'.encode())
        objs.append(b'<< /Length %d >>\nstream\n' % len(content) + content + b'endstream')
        objs.append(b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 '
                    b'/Filter /DCTDecode /Length %d >>\nstream\n' % (w, h, len(jpeg)) + jpeg + b'\nendstream')
    objs.append(f'<< /Producer ({producer}) /Creator (Canon) /CreationDate ({stamp}) /ModDate ({stamp}) >>'.encode('latin-1'))
    out = bytearray(b'%PDF-1.3\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, len(objs), xref)
    return bytes(out)


def roundcube(frm, subject, text, when, to=SERVICE, reply_to_id=None, crlf=True):
    """Roundcube webmail (Free, SFR and many ISPs): a single text/plain part, format=flowed, 8bit."""
    plain = flowed(text.rstrip('\n')) + '\n'
    body = text_part(plain, 'plain', 'UTF-8', '8bit' if not is_ascii(plain) else '7bit',
                     ct='text/plain; charset=US-ASCII; format=flowed' if is_ascii(plain)
                     else 'text/plain; charset=UTF-8; format=flowed')
    domain = frm[1].split('@')[1]
    headers = [('MIME-Version', '1.0'), ('Date', rfc_date(when, pad=True)), ('From', address(*frm)), ('To', to),
               ('Subject', hdr_text(subject))]
    if reply_to_id:
        headers += [('In-Reply-To', reply_to_id), ('References', reply_to_id)]
    headers += [('Message-ID', f'<{token(32)}@{domain}>'), ('X-Sender', frm[1]),
                ('User-Agent', 'Roundcube Webmail/1.6.6'), CONTENT]
    return to_bytes(envelope(headers, body), crlf)


def zimbra_html_only(frm, subject, html_lines, when, to=SERVICE, charset='utf-8', crlf=True):
    """An ISP webmail on Zimbra (Orange-like) that sends only text/html, quoted-printable."""
    bogus = '<br data-mce-bogus="1">'
    html = ('<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">'
            + ''.join(f'<div>{l or bogus}</div>' for l in html_lines)
            + '</div></body></html>')
    body = text_part(html, 'html', charset, 'quoted-printable', ct=f'text/html; charset={charset}')
    n = RNG.randint(100000000, 999999999)
    headers = [('Date', rfc_date(when, pad=True)), ('From', address(*frm, charset=charset)), ('To', to),
               ('Message-ID', f'<{n}.{RNG.randint(1000000, 9999999)}.{int(when.timestamp() * 1000)}.JavaMail.zimbra@{frm[1].split("@")[1]}>'),
               ('Subject', hdr_text(subject, charset)), ('MIME-Version', '1.0'), CONTENT,
               ('X-Originating-IP', '[90.12.' + str(RNG.randint(1, 254)) + '.' + str(RNG.randint(1, 254)) + ']'),
               ('X-Mailer', 'Zimbra 9.0.0_ZEXTRAS_20240927 (ZimbraWebClient - FF130 (Win)/9.0.0_ZEXTRAS_20240927)'),
               ('Thread-Index', token(28, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/')),
               ('Thread-Topic', hdr_text(subject, charset))]
    return to_bytes(envelope(headers, body), crlf)


def outlook_ios(frm, subject, text, when, to=SERVICE, crlf=True):
    """Outlook for iOS: multipart/alternative, UTF-8 quoted-printable, 'Obtenir Outlook pour iOS' footer."""
    sig = 'Obtenir Outlook pour iOS<https://aka.ms/o0ukef>'
    plain = text.rstrip('\n') + '\n\n' + sig + '\n'
    html = ('<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n'
            '<div dir="ltr">' + ''.join(f'<div dir="ltr">{esc(l) if l else "<br>"}</div>' for l in text.rstrip('\n').split('\n'))
            + '</div>\n<div dir="ltr"><br></div>\n<div class="ms-outlook-mobile-signature"><div dir="ltr">'
            'Obtenir <a href="https://aka.ms/o0ukef">Outlook pour iOS</a></div></div>\n</body>\n</html>\n')
    inner_id = 'PAXP193MB' + token(4, '0123456789') + token(24, '0123456789ABCDEF')
    b = f'_000_{inner_id}PAXP193MB{token(4, "0123456789")}EURP_'
    body = multi('alternative', b, [text_part(plain, 'plain', 'utf-8', 'quoted-printable'),
                                    text_part(html, 'html', 'utf-8', 'quoted-printable')])
    headers = [('From', address(*frm)), ('To', to), ('Subject', hdr_text(subject)),
               ('Thread-Topic', hdr_text(subject)),
               ('Thread-Index', 'AQH' + token(26, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')),
               ('Date', rfc_date(when)), ('Message-ID', f'<{inner_id}@{inner_id[:13]}.EURP193.PROD.OUTLOOK.COM>'),
               ('Accept-Language', 'fr-FR, en-US'), ('Content-Language', 'fr-FR'), ('X-MS-Has-Attach', ''),
               ('X-MS-TNEF-Correlator', ''), CONTENT, ('MIME-Version', '1.0')]
    return to_bytes(envelope(headers, body), crlf)


def gmail_vacation(frm, subject, text, when, in_reply_to, to=SERVICE, crlf=True):
    """Gmail's vacation responder: Auto-Submitted: auto-replied, threaded on the mail it answers."""
    plain = text.rstrip('\n') + '\n'
    html = '<div dir="ltr">' + ''.join(f'<div>{esc(l) if l else "<br>"}</div>' for l in text.rstrip('\n').split('\n')) + '</div>\n'
    cte = None if is_ascii(plain + html) else 'quoted-printable'
    body = multi('alternative', '0000000000' + token(18), [text_part(plain, 'plain', 'UTF-8', cte),
                                                         text_part(html, 'html', 'UTF-8', cte)])
    mid = '<CA' + token(46, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-') + '@mail.gmail.com>'
    headers = [('MIME-Version', '1.0'), ('From', address(*frm)), ('Date', rfc_date(when)), ('Message-ID', mid),
               ('In-Reply-To', in_reply_to), ('References', in_reply_to), ('Auto-Submitted', 'auto-replied'),
               ('Subject', hdr_text(subject)), ('To', to), CONTENT]
    return to_bytes(envelope(headers, body), crlf)


def redirected_daemon_mail(rcpt, subject, text, sent, redirected, tag, crlf=True):
    """One of our own replies sent back to us by a parent's mailbox rule ('rediriger vers'): From is still the
    service, with Resent-* headers added by the parent's provider."""
    body = text_part(text.rstrip('\n') + '\n', 'plain', 'utf-8', 'quoted-printable', ct='text/plain; charset=utf-8')
    headers = [('Resent-From', rcpt), ('Resent-Date', rfc_date(redirected)), ('Resent-To', SERVICE),
               ('Resent-Message-ID', f'<{token(16)}.{int(redirected.timestamp())}@{rcpt.split("@")[1]}>'),
               ('From', f'{SERVICE_NAME} <{SERVICE}>'), ('To', rcpt), ('Subject', ew(subject)),
               ('Date', formatdate(sent.timestamp(), usegmt=True)), ('Message-ID', daemon_id(sent, tag)),
               ('Auto-Submitted', 'auto-replied'), ('MIME-Version', '1.0'), CONTENT]
    return to_bytes(envelope(headers, body), crlf)




# ===========================================================================
# The spring set: 12 families, 22 children
# ===========================================================================
TOWN = 'Lavergne-sur-Dropt'
CP = '47120'
FAMILIES = [
    ('5101', 'Bouvier', '7 rue des Cordeliers', CP, TOWN, 'oui'),
    ('5102', 'Mercier', '22 lotissement Les Vergers', CP, TOWN, 'non'),
    ('5103', 'Gauthier', '4 chemin de la Bastide', CP, TOWN, 'oui'),
    ('5104', 'Clarke', '11 route de Duras', CP, TOWN, 'oui'),
    ('5105', 'Fournier', '36 avenue du Général-de-Gaulle', CP, TOWN, 'non'),
    ('5106', 'Oliveira', '2 résidence Le Clos, appartement 9', CP, TOWN, 'non'),
    ('5107', 'Rousseau', '15 place de la Halle', CP, TOWN, 'oui'),
    ('5108', 'Aubert', '9 impasse des Tonneliers', CP, TOWN, 'non'),
    ('5109', 'Traoré', '28 rue Jean-Jaurès, bâtiment B', CP, TOWN, 'non'),
    ('5110', 'Guillot', '3 allée des Peupliers', CP, TOWN, 'oui'),
    ('5111', 'Marchal', '19 rue du Moulin', CP, TOWN, 'oui'),
    ('5112', 'Lambert', '6 côte de Saint-Sernin', CP, TOWN, 'non'),
]
KEY_FRANCK = 'P6WQ-3KZD-H8NB'
KEY_TOM = 'X2FJ-7RLA-M4CE'
KEY_MOUSSA = 'B9TN-5GUX-Q2VK'
GUARDIANS = [
    ('5101', 'Émilie', 'Bouvier', 'emilie.bouvier@orange.test', '06 21 55 30 47', ''),
    ('5101', 'Guillaume', 'Bouvier', 'guillaume.bouvier@gmail.test', '06 21 55 30 82', ''),
    ('5102', 'Stéphanie', 'Mercier', 'stephanie.mercier@free.test', '06 73 18 42 90', ''),
    ('5102', 'Franck', 'Mercier', 'franck.mercier@gmail.test', '06 73 18 42 15', KEY_FRANCK),
    ('5103', 'Nathalie', 'Gauthier', 'nathalie.gauthier@laposte.test', '06 44 92 07 61', ''),   # Mathis's mother
    ('5103', 'Cédric', 'Leroy', 'cedric.leroy@outlook.test', '06 44 92 07 33', ''),              # Anaïs's father
    ('5104', 'Emma', 'Clarke', 'emma.clarke@gmail.test', '07 81 26 59 04', ''),
    ('5104', 'Tom', 'Clarke', 'tom.clarke@outlook.test', '07 81 26 59 38', KEY_TOM),
    ('5105', 'Laetitia', 'Fournier', 'laetitia.fournier@orange.test', '06 58 03 71 29', ''),
    ('5105', 'Sébastien', 'Fournier', 'sebastien.fournier@sfr.test', '06 12 87 45 66', ''),       # separated, lives in Marmande
    ('5106', 'Ana', 'Oliveira', 'ana.oliveira@gmail.test', '07 69 40 13 52', ''),
    ('5107', 'Marion', 'Rousseau', 'marion.rousseau@icloud.test', '06 95 21 68 70', ''),
    ('5108', 'Vincent', 'Aubert', 'vincent.aubert@free.test', '06 30 64 18 95', ''),
    ('5109', 'Aminata', 'Traoré', 'aminata.traore@yahoo.test', '07 52 38 91 06', ''),
    ('5109', 'Moussa', 'Traoré', 'moussa.traore@gmail.test', '07 52 38 91 44', KEY_MOUSSA),
    ('5110', 'Delphine', 'Guillot', 'delphine.guillot@orange.test', '06 09 47 25 13', ''),
    ('5111', 'Caroline', 'Marchal', 'caroline.marchal@gmail.test', '06 66 82 14 07', ''),
    ('5111', 'Julien', 'Marchal', 'julien.marchal@laposte.test', '06 66 82 14 58', ''),
    ('5112', 'Sarah', 'Lambert', 'sarah.lambert@sfr.test', '06 27 90 36 81', ''),
]
EL_B, MAT_B, EL_V, MAT_V = ('École élémentaire du Bourg', 'École maternelle du Bourg',
                            'École élémentaire des Vignes', 'École maternelle des Vignes')
CHILDREN = [
    ('5201', '5101', 'Jules', 'Bouvier', '2020-05-12', EL_B, 'CE2'),
    ('5202', '5101', 'Louise', 'Bouvier', '2023-02-08', EL_B, 'CP'),
    ('5203', '5102', 'Hugo', 'Mercier', '2021-09-30', EL_V, 'CE1'),            # twins, a boy and a girl
    ('5204', '5102', 'Lou', 'Mercier', '2021-09-30', EL_V, 'CE1'),
    ('5205', '5103', 'Mathis', 'Gauthier', '2019-03-22', EL_V, 'CM2'),        # blended family: two surnames
    ('5206', '5103', 'Anaïs', 'Leroy', '2024-07-04', MAT_V, 'MS'),
    ('5207', '5104', 'Oliver', 'Clarke', '2022-01-17', EL_B, 'CE1'),          # English-speaking
    ('5208', '5104', 'Amelia', 'Clarke', '2024-10-03', MAT_B, 'MS'),
    ('5209', '5105', 'Zoé', 'Fournier', '2020-11-26', EL_B, 'CM1'),           # separated parents, two sons
    ('5210', '5105', 'Nathan', 'Fournier', '2023-04-14', EL_B, 'CP'),
    ('5211', '5105', 'Arthur', 'Fournier', '2025-06-19', MAT_B, 'PS'),
    ('5212', '5106', 'Beatriz', 'Oliveira', '2021-02-02', EL_V, 'CE2'),       # Portuguese-speaking family
    ('5213', '5106', 'Tiago', 'Oliveira', '2023-08-27', EL_V, 'CP'),
    ('5214', '5107', 'Maël', 'Rousseau', '2022-06-05', EL_B, 'CE1'),
    ('5215', '5107', 'Léna', 'Rousseau', '2025-01-29', MAT_B, 'MS'),
    ('5216', '5108', 'Sacha', 'Aubert', '2023-03-11', EL_V, 'CP'),            # a girl named Sacha, only child
    ('5217', '5109', 'Idriss', 'Traoré', '2020-08-09', EL_V, 'CM1'),
    ('5218', '5109', 'Fanta', 'Traoré', '2022-12-01', EL_V, 'CE1'),
    ('5219', '5110', 'Paul', 'Guillot', '2021-04-24', EL_B, 'CE2'),           # only child
    ('5220', '5111', 'Rose', 'Marchal', '2022-10-16', EL_B, 'CE1'),           # only child
    ('5221', '5112', 'Ethan', 'Lambert', '2019-12-06', EL_V, 'CM2'),
    ('5222', '5112', 'Inès', 'Lambert', '2021-07-21', EL_V, 'CE2'),
]
STAFF = ['m.renard@mairie.test', 'enfance@mairie.test', 'accueil@mairie.test']

MON, TUE, WED, THU, FRI = 0, 1, 2, 3, 4
ALL = lambda: school_days(TERM_START, TERM_END)
WEDS = wednesdays(TERM_START, TERM_END)
SPR = CALENDAR['alsh-printemps']
RESERVATIONS = (
    book('5201', 'CANTINE', ALL()) + book('5201', 'GARD-SOIR', ALL())
    + book('5202', 'CANTINE', ALL()) + book('5202', 'GARD-SOIR', ALL())
    + book('5203', 'CANTINE', ALL()) + book('5203', 'ALSH-PRIN30', SPR, 'journee-avec-repas')
    + book('5204', 'CANTINE', ALL()) + book('5204', 'ALSH-PRIN30', SPR, 'journee-avec-repas')
    + book('5205', 'CANTINE', ALL())
    + book('5206', 'CANTINE', ALL()) + book('5206', 'CLSH-MER', WEDS, 'journee-avec-repas')
    + book('5207', 'CANTINE', ALL()) + book('5208', 'CANTINE', ALL())
    + book('5209', 'CANTINE', ALL()) + book('5209', 'GARD-SOIR', ALL()) + book('5209', 'CLSH-MER', WEDS, 'journee-avec-repas')
    + book('5210', 'CANTINE', ALL()) + book('5210', 'GARD-SOIR', ALL())
    + book('5211', 'CANTINE', ALL())
    + book('5212', 'CANTINE', ALL())
    + book('5213', 'CANTINE', ALL()) + book('5213', 'GARD-SOIR', ALL())
    + book('5214', 'CANTINE', ALL())
    + book('5215', 'CANTINE', ALL()) + book('5215', 'GARD-SOIR', ALL())
    + book('5216', 'CANTINE', ALL())
    + book('5217', 'CANTINE', ALL())
    + book('5217', 'ALSH-PRIN30', [x for x in SPR if x <= d(24, 4)], 'journee-avec-repas')
    + book('5218', 'CANTINE', ALL()) + book('5218', 'ALSH-PRIN30', [x for x in SPR if x >= d(23, 4)], 'journee-avec-repas')
    + book('5219', 'ALSH-PRIN30', [x for x in SPR if x >= d(23, 4)], 'journee-avec-repas')
    + book('5220', 'CANTINE', ALL())
    + book('5221', 'CANTINE', ALL()) + book('5222', 'CANTINE', ALL())
)

FEB, MAR = 'Restauration et périscolaire - février 2030', 'Restauration et périscolaire - mars 2030'
INVOICES = [
    ('F2030-01410', '5101', MAR, '2030-04-02', '2030-04-30', '124,70', 'unpaid'),
    ('F2030-01411', '5102', MAR, '2030-04-02', '2030-04-30', '132,00', 'paid'),
    ('F2030-01412', '5103', MAR, '2030-04-02', '2030-04-30', '118,45', 'paid'),
    ('F2030-01413', '5104', MAR, '2030-04-02', '2030-04-30', '101,20', 'unpaid'),
    ('F2030-00987', '5105', FEB, '2030-03-01', '2030-03-31', '176,30', 'unpaid'),
    ('F2030-01414', '5105', MAR, '2030-04-02', '2030-04-30', '189,10', 'unpaid'),
    ('F2030-01415', '5106', MAR, '2030-04-02', '2030-04-30', '96,60', 'paid'),
    ('F2030-01416', '5107', MAR, '2030-04-02', '2030-04-30', '115,35', 'paid'),
    ('F2030-01417', '5108', MAR, '2030-04-02', '2030-04-30', '52,80', 'paid'),
    ('F2030-01418', '5109', MAR, '2030-04-02', '2030-04-30', '104,00', 'unpaid'),
    ('F2030-01419', '5110', MAR, '2030-04-02', '2030-04-30', '0,00', 'paid'),
    ('F2030-01420', '5111', MAR, '2030-04-02', '2030-04-30', '55,90', 'paid'),
    ('F2030-01421', '5112', MAR, '2030-04-02', '2030-04-30', '110,40', 'paid'),
]


def G(first, last):
    for g in GUARDIANS:
        if g[1] == first and g[2] == last:
            return (f'{first} {last}', g[3])
    raise KeyError(first)


EMILIE, GUILLAUME = G('Émilie', 'Bouvier'), G('Guillaume', 'Bouvier')
STEPHANIE, FRANCK = G('Stéphanie', 'Mercier'), G('Franck', 'Mercier')
NATHALIE, CEDRIC = G('Nathalie', 'Gauthier'), G('Cédric', 'Leroy')
EMMA, TOM = G('Emma', 'Clarke'), G('Tom', 'Clarke')
LAETITIA, SEBASTIEN = G('Laetitia', 'Fournier'), G('Sébastien', 'Fournier')
ANA = G('Ana', 'Oliveira')
MARION = G('Marion', 'Rousseau')
VINCENT = G('Vincent', 'Aubert')
AMINATA, MOUSSA = G('Aminata', 'Traoré'), G('Moussa', 'Traoré')
DELPHINE = G('Delphine', 'Guillot')
CAROLINE, JULIEN = G('Caroline', 'Marchal'), G('Julien', 'Marchal')
SARAH = G('Sarah', 'Lambert')
RENARD = ('Marc Renard', 'm.renard@mairie.test')
ENFANCE = ('Pôle Enfance', 'enfance@mairie.test')
ACCUEIL = ('Accueil Mairie', 'accueil@mairie.test')
NB = '\u00a0'
DAEMON_SIGN = ('Espace Famille - Ville de Lavergne-sur-Dropt\n'
               'Pôle enfance et vie scolaire\n'
               'Message automatique : pour nous répondre, gardez l\'objet tel quel.')


class NumberedCorpus(Corpus):
    def add(self, short, raw, category, sender, requests, must_not_apply=False, note='', forwarded_by=None):
        super().add(f'{len(self.messages) + 1:02d}-{short}.eml', raw, category, sender, requests, must_not_apply,
                    note, forwarded_by)


def daemon_recap(line):
    return ('Bonjour,\n\nVoici ce que nous avons compris :\n  ' + line + '\n\n'
            'Si c\'est bien cela, répondez OUI à ce message. Sans réponse de votre part, rien ne sera modifié.\n\n'
            + DAEMON_SIGN)


def certificate_pdf(lines, when, title='Certificat médical', producer='Doctolib Editions'):
    return make_pdf(lines, title=title, when=when, producer=producer)


def build(c):
    # ------------------------------------------------------------------ activation
    w = at(22, 4, 21, 3)
    c.add('activation-cle',
          gmail(FRANCK, 'Activation Espace Famille',
                'Bonsoir,\n\nJ\'ai reçu le courrier de la mairie avec ma clé d\'activation : ' + KEY_FRANCK +
                '\nMerci d\'activer mon adresse, ma femme utilise déjà le service.\n\nFranck Mercier\n', w),
          'free-text', FRANCK[1], [R('activation', key=KEY_FRANCK)],
          note='Franck Mercier has a pending key on file and uses it from his own address. activation-cle-du-conjoint '
               'is his wife sending the same key from hers.')

    w = at(21, 4, 19, 40)
    c.add('activation-english',
          outlook_web(TOM, 'Activation key',
                      'Hello,\n\nI got the letter with my activation key for the Espace Famille: ' + KEY_TOM +
                      '\nCould you please link my email address to our family account? My wife Emma already uses it.'
                      '\n\nCheers,\nTom Clarke\n', w),
          'english', TOM[1], [R('activation', key=KEY_TOM)],
          note='English only. The key on file for Tom Clarke, guardian not yet activated.')

    # ------------------------------------------------------------------ absences
    w = at(21, 4, 20, 12)
    c.add('absence-centre-mardi-ecrit-dimanche',
          iphone(DELPHINE, 'Paul centre de loisirs',
                 'Bonsoir,\nPaul ne viendra pas au centre mardi ni mercredi, il a une otite et le médecin lui a donné '
                 'des antibiotiques. Il reviendra jeudi si tout va bien.\nDelphine Guillot', w),
          'relative-date', DELPHINE[1], [R('absence', ['Paul'], [on(23, 4, 'mardi'), on(24, 4, 'mercredi')])],
          note="Written on Sunday 21 April: 'mardi ni mercredi' = Tuesday 23 and Wednesday 24 April (Monday 22 is "
               "Easter Monday, the centre is closed). Illness at the holiday centre: an absence. 'jeudi' is the return.")

    w = at(23, 4, 7, 48)
    c.add('absence-jumeaux-certificat-pdf',
          gmail(STEPHANIE, 'Varicelle Hugo et Lou',
                'Bonjour,\n\nLes jumeaux ont la varicelle, ils ne pourront pas venir au centre de loisirs jusqu\'à la fin '
                'des vacances (donc à partir d\'aujourd\'hui jusqu\'à vendredi). Je joins le certificat du Dr Castagné.'
                '\n\nCordialement,\nStéphanie Mercier\n', w,
                attachments=[Att('certificat_Mercier.pdf', 'application/pdf',
                                 certificate_pdf(['Certificat médical', 'Je soussigné, Dr Hélène Castagné, certifie que',
                                                  'Hugo et Lou Mercier, nés le 30/09/2021,', 'présentent une varicelle.',
                                                  'Éviction de collectivité du 23/04/2030 au 26/04/2030 inclus.',
                                                  'Fait à Lavergne-sur-Dropt le 22/04/2030'], at(22, 4, 18, 5)))]),
          'attachment', STEPHANIE[1],
          [R('absence', ['Hugo', 'Lou'], span(d(23, 4), on(26, 4, 'vendredi')), certificate=True)],
          note="'les jumeaux' = Hugo and Lou; 'à partir d'aujourd'hui jusqu'à vendredi' written Tuesday 23 = 23-26 "
               'April at the holiday centre. PDF certificate.')

    w = at(22, 4, 10, 30)
    c.add('absence-portugais-photo',
          samsung(ANA, 'Beatriz operation',
                  'Bom dia,\nBeatriz vai fazer operação das amygdales. Elle sera absente de l\'école du lundi 29 avril '
                  'au vendredi 3 mai, o médico diz une semaine de repos. Je envoie photo do certificado.\n'
                  'Tiago vai à escola normal.\nObrigada\nAna Oliveira', w,
                  attachments=[Att('IMG_20300422_102611.jpg', 'image/jpeg', make_jpeg(422))]),
          'attachment', ANA[1],
          [R('absence', ['Beatriz'], span(on(29, 4, 'lundi'), on(3, 5, 'vendredi')), certificate=True)],
          note="Portuguese mixed with imperfect French. 29 April - 3 May as written (Wednesday 1 May included). "
               'Photo of the certificate (JPEG, Samsung). Tiago is not concerned.')

    w = at(20, 4, 11, 5)
    c.add('absence-lundi-en-huit-samedi',
          plain_client(LAETITIA, 'Nathan absent',
                       'Bonjour,\n\nNathan sera absent lundi en huit toute la journée : il a son bilan chez '
                       'l\'orthophoniste à Bergerac puis un rendez-vous à l\'hôpital.\n\nLaetitia Fournier\n', w,
                       charset='UTF-8', cte='8bit', agent=('User-Agent', 'K-9 Mail for Android')),
          'relative-date', LAETITIA[1], [R('absence', ['Nathan'], [on(29, 4, 'lundi')])],
          note="'lundi en huit' written on Saturday 20 April: the coming Monday is 22 (Easter Monday), 'en huit' is "
               'Monday 29 April, the first day back at school.')

    w = at(23, 4, 9, 2)
    c.add('absence-english-first-monday',
          gmail(EMMA, 'Oliver - absence',
                'Hi,\n\nJust to let you know Oliver won\'t be in school on the first Monday of May: we are flying back '
                'from Bristol that morning after a family wedding. Amelia will be with us too, so she will miss '
                'nursery that day as well.\n\nMany thanks,\nEmma Clarke\n', w),
          'english', EMMA[1], [R('absence', ['Oliver', 'Amelia'], [on(6, 5, 'lundi')])],
          note="English. 'the first Monday of May' = Monday 6 May 2030. Both children away that day.")

    w = at(22, 4, 15, 20)
    c.add('absence-date-en-lettres',
          roundcube(GUILLAUME, 'absence Louise',
                    'Bonjour,\n\nLouise sera absente le jeudi seize mai, nous allons au mariage de sa tante en '
                    'Bretagne.\nJules ira à l\'école normalement.\n\nGuillaume Bouvier\n', w),
          'date-set', GUILLAUME[1], [R('absence', ['Louise'], [on(16, 5, 'jeudi')])],
          note="A date in words: 'le jeudi seize mai' = Thursday 16 May 2030.")

    w = at(23, 4, 8, 55)
    c.add('absence-objet-seul',
          iphone(VINCENT, 'Absence Sacha lundi 29 avril (dentiste à Agen)', '', w),
          'subject-only', VINCENT[1], [R('absence', ['Sacha'], [on(29, 4, 'lundi')])],
          note='The request is only in the subject; the body is the iOS signature. Sacha is a girl, the only child.')

    w = at(23, 4, 6, 10)
    c.add('absence-yahoo-utc',
          yahoo(AMINATA, 'Idriss',
                'Bonjour,\nIdriss a de la fièvre depuis cette nuit, il ne viendra pas au centre aujourd\'hui.\nFanta '
                'vient quand même.\nAminata Traoré\n', w),
          'relative-date', AMINATA[1], [R('absence', ['Idriss'], [d(23, 4)])],
          note="Yahoo writes the Date in UTC (04:10 +0000 = 06:10 in Paris): 'aujourd'hui' = Tuesday 23 April. "
               'Idriss is booked at the holiday centre that day; Fanta comes.')

    w = at(22, 4, 22, 31)
    c.add('absence-beau-pere-long',
          plain_client(CEDRIC, 'Mathis vendredi 10 mai',
                       'Bonsoir,\n\nJe suis le compagnon de Mme Gauthier et le papa d\'Anaïs, qui est en moyenne section. '
                       'Je vous écris pour Mathis, le fils de Nathalie : comme vous le savez peut-être il fait du rugby '
                       'au club de Miramont et son équipe est qualifiée pour le tournoi régional qui a lieu à Périgueux. '
                       'Nous partons le jeudi 9 mai au soir et nous rentrons le samedi, donc Mathis ne sera pas à '
                       'l\'école le vendredi 10 mai. Anaïs, elle, va à l\'école normalement avec sa mamie.\n\n'
                       'En vous remerciant et en vous souhaitant de bonnes vacances de Pâques,\n\nCédric Leroy\n', w,
                       charset='iso-8859-1', agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'free-text', CEDRIC[1], [R('absence', ['Mathis'], [on(10, 5, 'vendredi')])],
          note="Long-winded. The stepfather writes about his stepson, another surname. 'jeudi 9 mai au soir' is the "
               'departure, not an absence; only Friday 10 May.')

    # ------------------------------------------------------------------ periods, bridges, weekday sets
    w = at(22, 4, 18, 40)
    c.add('cantine-semaine-ascension',
          gmail(CAROLINE, 'Cantine Rose semaine de l\'Ascension',
                'Bonjour,\n\nRose ne mangera pas à la cantine toute la semaine de l\'Ascension, sa grand-mère vient '
                'à la maison et la prendra tous les midis.\n\nMerci,\nCaroline Marchal\n', w),
          'date-set', CAROLINE[1], [R('cancellation', ['Rose'], week_of(on(27, 5, 'lundi')), 'restauration')],
          note="'toute la semaine de l'Ascension' = Monday 27 to Friday 31 May (Ascension Thursday 30 and the pont 31 "
               'are closed; the system cancels 27 and 28).')

    w = at(23, 4, 12, 14)
    c.add('garderie-soir-jusquau-pont',
          gmail(EMILIE, 'garderie du soir Jules et Louise',
                'Bonjour,\n\nÀ compter du lundi 20 mai et jusqu\'au pont de l\'Ascension, Jules et Louise n\'iront plus '
                'à la garderie du soir : je change d\'horaires et je les récupère à 16h30.\n\nÉmilie Bouvier\n', w),
          'date-set', EMILIE[1],
          [R('cancellation', ['Jules', 'Louise'], span(on(20, 5, 'lundi'), PONT), 'periscolaire-soir')],
          note="'à compter du lundi 20 mai et jusqu'au pont de l'Ascension' = 20 May to Friday 31 May (the pont) "
               'inclusive. The system cancels the open days 20, 21, 23, 24, 27 and 28 May.')

    w = at(21, 4, 17, 25)
    c.add('centre-les-mercredis-de-mai',
          gmail(MARION, 'Centre de loisirs Léna mai',
                'Bonjour,\n\nJe voudrais inscrire Léna au centre de loisirs les mercredis de mai, le matin avec le '
                'repas (je la récupère à 13h30).\n\nMerci,\nMarion Rousseau\n', w),
          'date-set', MARION[1],
          [R('reservation', ['Léna'], every((WED,), d(1, 5), d(31, 5)), 'alsh-mercredi', 'matin-avec-repas')],
          note="'les mercredis de mai' = the five Wednesdays 1, 8, 15, 22, 29 May as written; 1 and 8 May are public "
               'holidays and the centre is closed, so the system books 15, 22 and 29.')

    w = at(22, 4, 9, 37)
    c.add('garderie-matin-rentree-mardis-jeudis',
          gmail(AMINATA, 'garderie matin Fanta',
                'Bonjour,\n\nÀ partir de la rentrée des vacances de printemps et jusqu\'à la fin de l\'année scolaire, '
                'pouvez-vous inscrire Fanta à la garderie du matin tous les mardis et jeudis ? Je commence à 7h30 à '
                'l\'usine.\n\nMerci\nAminata Traoré\n', w),
          'date-set', AMINATA[1],
          [R('reservation', ['Fanta'], every((TUE, THU), RENTREE, TERM_END), 'periscolaire-matin')],
          note="Tuesdays and Thursdays from Monday 29 April (the rentrée) to Friday 5 July (the last "
               'school day); Ascension Thursday 30 May is written over and closed.')

    w = at(23, 4, 10, 2)
    c.add('cantine-des-le-lundi-et-jeudi',
          outlook(DELPHINE, 'Inscription cantine Paul',
                  'Bonjour,\n\nDès le lundi 6 mai et jusqu\'aux grandes vacances, Paul mangera à la cantine le lundi et '
                  'le jeudi (je reprends le travail à mi-temps).\n\nBien cordialement,\nDelphine Guillot\n', w),
          'date-set', DELPHINE[1],
          [R('reservation', ['Paul'], every((MON, THU), on(6, 5, 'lundi'), TERM_END), 'restauration')],
          note="'dès le lundi 6 mai et jusqu'aux grandes vacances' = Mondays and Thursdays from 6 May to the last "
               'school day, Friday 5 July. Ascension (30 May) and Whit Monday (10 June) are written over and closed.')

    w = at(22, 4, 20, 48)
    c.add('cantine-semaine-du-3-juin-sauf-jeudi',
          thunderbird(STEPHANIE, 'Cantine jumeaux juin',
                      'Bonsoir,\n\nHugo et Lou ne mangeront pas à la cantine la semaine du 3 juin, sauf le jeudi (ce '
                      'jour-là ils restent à l\'école). Ils sont chez leurs grands-parents à midi.\n\nStéphanie Mercier\n',
                      w),
          'date-set', STEPHANIE[1],
          [R('cancellation', ['Hugo', 'Lou'], [x for x in week_of(on(3, 6, 'lundi')) if x != d(6, 6)], 'restauration')],
          note="'la semaine du 3 juin' = Monday 3 to Friday 7 June; 'sauf le jeudi' removes Thursday 6 June.")

    w = at(23, 4, 11, 40)
    c.add('correction-deux-phrases',
          gmail(SARAH, 'cantine Inès',
                'Bonjour,\n\nInès ne mangera pas à la cantine le mardi 14 mai, elle a un rendez-vous chez '
                'l\'orthodontiste à midi. Enfin non, je me trompe de jour. C\'est le lundi 13 mai ; le mardi elle mange '
                'bien à la cantine.\n\nSarah Lambert\n', w),
          'correction', SARAH[1], [R('cancellation', ['Inès'], [on(13, 5, 'lundi')], 'restauration')],
          note='A correction spread over two sentences: only Monday 13 May remains; Tuesday 14 is taken back.')

    w = at(22, 4, 14, 3)
    c.add('finalement-le-mercredi-22',
          outlook(NATHALIE, 'Centre Anaïs',
                  'Bonjour,\n\nAnaïs n\'ira pas au centre le mercredi 15 mai.\nJe me suis mal exprimée : ce n\'est pas '
                  'le 15 mais le mercredi 22 mai qu\'elle n\'ira pas, elle va chez sa marraine.\n\nNathalie Gauthier\n',
                  w, charset='iso-8859-1'),
          'correction', NATHALIE[1], [R('cancellation', ['Anaïs'], [on(22, 5, 'mercredi')], 'alsh-mercredi')],
          note="Correction in a second sentence: 'pas le 15 mais le mercredi 22 mai'. Outlook, ISO-8859-1.")

    w = at(23, 4, 13, 10)
    c.add('sms-sans-accents-mael',
          samsung(MARION, 'cantine',
                  'bjr mael mange pa a la cantine jeudi 2 mai on va chez le dentiste a midi merci marion', w),
          'writing-style', MARION[1], [R('cancellation', ['Maël'], [on(2, 5, 'jeudi')], 'restauration')],
          note="SMS style, no accents: 'mael' = Maël. Thursday 2 May is 9 days ahead: within the deadline.")

    w = at(21, 4, 21, 50)
    c.add('majuscules-centre-arthur',
          plain_client(('SEBASTIEN FOURNIER', SEBASTIEN[1]), 'INSCRIPTION CENTRE ARTHUR',
                       'BONSOIR\nMERCI D INSCRIRE ARTHUR AU CENTRE DE LOISIRS LE MERCREDI 22 MAI ET LE MERCREDI 5 JUIN '
                       'EN JOURNEE AVEC REPAS. C EST MOI QUI L AI CES MERCREDIS LA.\nSEBASTIEN FOURNIER\n', w,
                       charset='us-ascii', cte='7bit', agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'writing-style', SEBASTIEN[1],
          [R('reservation', ['Arthur'], [on(22, 5, 'mercredi'), on(5, 6, 'mercredi')], 'alsh-mercredi',
             'journee-avec-repas')],
          note='All capitals, no accents. The separated father is a guardian on file.')

    w = at(22, 4, 16, 44)
    c.add('english-breakfast-club-except-wednesday',
          gmail(EMMA, 'Breakfast club 13-17 May',
                'Hello,\n\nCould you please book the breakfast club (garderie du matin) for Oliver and Amelia from '
                'Monday 13 to Friday 17 May, except Wednesday of course? I start at the hospital at 7am that week.\n\n'
                'Thanks a lot,\nEmma\n', w),
          'english', EMMA[1],
          [R('reservation', ['Oliver', 'Amelia'], [x for x in span(d(13, 5), d(17, 5)) if x != d(15, 5)],
             'periscolaire-matin')],
          note="English with the French name in brackets. 'except Wednesday' removes 15 May from 13-17 May.")

    w = at(23, 4, 7, 15)
    c.add('franglais-fridays-in-may',
          gmail(EMMA, 'Amelia cantine',
                'Bonjour,\n\nAmelia ne va pas manger à la cantine on Fridays in May, sa granny est chez nous et elle '
                'veut la prendre pour le lunch. Sorry for my French!\n\nEmma\n', w),
          'english', EMMA[1], [R('cancellation', ['Amelia'], every((FRI,), d(1, 5), d(31, 5)), 'restauration')],
          note="Franglais: 'on Fridays in May' = 3, 10, 17, 24 and 31 May (31 is the pont, closed). Not illness.")

    w = at(22, 4, 11, 12)
    c.add('multi-enfants-jours-differents',
          outlook_ios(LAETITIA, 'garderie du soir',
                      'Bonjour,\nZoé n\'ira pas à la garderie du soir le mardi 30 avril, et Nathan pas le jeudi 2 mai '
                      '(anniversaire d\'un copain).\nMerci\nLaetitia Fournier', w),
          'multi-child', LAETITIA[1],
          [R('cancellation', ['Zoé'], [on(30, 4, 'mardi')], 'periscolaire-soir'),
           R('cancellation', ['Nathan'], [on(2, 5, 'jeudi')], 'periscolaire-soir')],
          note='Two children, each with a different day: two requests.')

    w = at(23, 4, 9, 50)
    c.add('vacances-ete-jumeaux-deuxieme-semaine',
          gmail(STEPHANIE, 'centre été',
                'Bonjour,\n\nEst-ce qu\'on peut inscrire les jumeaux au centre de loisirs la deuxième semaine des '
                'grandes vacances, en journée avec repas ?\n\nStéphanie Mercier\n', w),
          'multi-child', STEPHANIE[1],
          [R('reservation', ['Hugo', 'Lou'], week_of(on(15, 7, 'lundi')), 'alsh-vacances', 'journee-avec-repas')],
          note="'la deuxième semaine des grandes vacances' = Monday 15 to Friday 19 July (the summer holidays start "
               "Saturday 6 July; week one is 8-12 July).")

    # ------------------------------------------------------------------ several requests
    w = at(22, 4, 13, 33)
    c.add('absence-et-factures',
          gmail(LAETITIA, 'Absence Zoé + factures',
                'Bonjour,\n\nZoé sera absente le vendredi 24 mai, sortie avec sa chorale à Bordeaux.\n\nEt pouvez-vous '
                'me renvoyer les factures qui ne sont pas encore réglées ? Je ne les trouve plus.\n\nMerci\n'
                'Laetitia Fournier\n', w),
          'multi-request', LAETITIA[1], [R('absence', ['Zoé'], [on(24, 5, 'vendredi')]), R('invoices')],
          note='An absence (not illness) and the unpaid invoices.')

    w = at(23, 4, 14, 2)
    c.add('question-kermesse-et-cantine',
          gmail(SEBASTIEN, 'Nathan cantine 17 mai',
                'Bonjour,\n\nNathan ne mangera pas à la cantine le vendredi 17 mai, je le prends ce week-end-là et je '
                'passe le chercher à midi.\n\nAu fait, la kermesse de l\'école c\'est bien le samedi 22 juin ?\n\n'
                'Sébastien Fournier\n', w),
          'multi-request', SEBASTIEN[1], [R('cancellation', ['Nathan'], [on(17, 5, 'vendredi')], 'restauration')],
          note="The school fair question is outside the service: not a request; 'samedi 22 juin' is no date to act on.")

    w = at(21, 4, 10, 18)
    c.add('uniquement-le-matin-garderie',
          gmail(LAETITIA, 'garderie Arthur',
                'Bonjour,\n\nPour le vendredi 3 mai, pouvez-vous inscrire Arthur à la garderie, uniquement le matin ? '
                'Le soir son père le récupère.\n\nLaetitia\n', w),
          'free-text', LAETITIA[1], [R('reservation', ['Arthur'], [on(3, 5, 'vendredi')], 'periscolaire-matin')],
          note="'à la garderie, uniquement le matin' = the morning garderie on Friday 3 May (a booking, not a half-day "
               'absence).')

    # ------------------------------------------------------------------ third parties
    w = at(22, 4, 17, 5)
    c.add('grand-pere-adresse-famille',
          webmail_html_only(VINCENT, 'Sacha cantine',
                            ['Bonjour,', 'Je suis le grand-père de Sacha, j\'utilise la messagerie de mon fils. Mardi 30 '
                             'avril je viens chercher Sacha à midi pour l\'emmener déjeuner chez nous, elle ne mangera '
                             'donc pas à la cantine ce jour-là.', 'Bien à vous,', 'Bernard Aubert (papi de Sacha)'], w),
          'third-party', VINCENT[1], [R('cancellation', ['Sacha'], [on(30, 4, 'mardi')], 'restauration')],
          note="The grandfather writes from the father's address (on file), HTML only base64: act for that address.")

    w = at(23, 4, 16, 30)
    c.add('nounou-garderie-soir',
          gmail(EMILIE, 'garderie lundi 29',
                'Bonjour,\n\nJe suis Inès, la nounou de Jules et Louise. Leur maman m\'a demandé d\'écrire depuis sa '
                'boîte : le lundi 29 avril je viens les chercher à la sortie de l\'école, ils ne vont pas à la '
                'garderie du soir.\n\nMerci,\nInès\n', w),
          'third-party', EMILIE[1],
          [R('cancellation', ['Jules', 'Louise'], [on(29, 4, 'lundi')], 'periscolaire-soir')],
          note="The nanny writes from the mother's address. Her first name 'Inès' is also a Lambert child's: not "
               'concerned.')

    w = at(21, 4, 15, 47)
    c.add('parents-separes-pere-annule',
          outlook_web(SEBASTIEN, 'Centre Zoé mercredi 15 mai',
                      'Bonjour,\n\nLa maman de Zoé l\'a laissée inscrite au centre le mercredi 15 mai, mais ce mercredi '
                      'c\'est ma garde et je m\'occupe de ma fille. Merci d\'annuler le centre pour ce jour-là.\n\n'
                      'Sébastien Fournier\n', w),
          'free-text', SEBASTIEN[1], [R('cancellation', ['Zoé'], [on(15, 5, 'mercredi')], 'alsh-mercredi')],
          note="Separated father, a guardian on file, cancels the Wednesday centre for his custody day; 'ma fille' = "
               'Zoé (the only daughter). See separes-mere-ne-changez-rien for the mother.')

    # ------------------------------------------------------------------ staff forwards
    w = at(23, 4, 9, 12)
    c.add('transfert-gmail-ete-paul',
          gmail(ENFANCE, 'Fwd: Centre été Paul',
                'Bonjour,\n\nReçu sur la boîte du pôle enfance, pour l\'Espace Famille.\n\nPôle Enfance\n'
                'Mairie de Lavergne-sur-Dropt\n', w,
                forward=(['---------- Forwarded message ---------',
                          'From: Delphine Guillot <delphine.guillot@orange.test>',
                          'Date: Sun, Apr 21, 2030 at 8:55 PM', 'Subject: Centre été Paul',
                          'To: <enfance@mairie.test>'],
                         'Bonjour,\n\nJe souhaite inscrire Paul au centre de loisirs cet été du lundi 8 au vendredi 12 '
                         'juillet, les après-midis sans repas.\n\nMerci,\nDelphine Guillot\n')),
          'forward', DELPHINE[1],
          [R('reservation', ['Paul'], span(on(8, 7, 'lundi'), on(12, 7, 'vendredi')), 'alsh-vacances',
             'apres-midi-sans-repas')],
          forwarded_by=ENFANCE[1], note='Gmail inline forward from a staff address. Summer centre 8-12 July.')

    w = at(23, 4, 8, 20)
    orig = at(22, 4, 19, 4)
    c.add('transfert-outlook-absence-traore',
          outlook(RENARD, 'TR: absence des enfants vendredi 3 mai',
                  'Bonjour,\n\nMail de Mme Traoré reçu sur ma boîte, je vous le transmets.\n\nMarc Renard\n'
                  'Pôle enfance et vie scolaire - 05 53 94 27 10\n', w,
                  original=([f'De{NB}: Aminata Traoré <aminata.traore@yahoo.test> ', f'Envoyé{NB}: {fr_long(orig)}',
                             f'À{NB}: Renard Marc <m.renard@mairie.test>',
                             f'Objet{NB}: absence des enfants vendredi 3 mai'],
                            'Bonjour Monsieur Renard,\n\nIdriss et Fanta ne seront pas à l\'école le vendredi 3 mai, nous '
                            'allons à un baptême à Toulouse.\n\nAminata Traoré\n')),
          'forward', AMINATA[1], [R('absence', ['Idriss', 'Fanta'], [on(3, 5, 'vendredi')])],
          forwarded_by=RENARD[1], note='Outlook FR inline forward (De / Envoyé / À / Objet).')

    w = at(22, 4, 11, 58)
    c.add('transfert-apple-mail-rose',
          apple_mail(ACCUEIL, 'Fwd: cantine Rose mardi 14 mai',
                     'Bonjour,\nUn mail de Mme Marchal arrivé à l\'accueil.\nL\'accueil de la mairie', w,
                     forward=([('De', 'Caroline Marchal <caroline.marchal@gmail.test>'), ('Objet', 'cantine Rose mardi 14 mai'),
                               ('Date', '21 avril 2030 à 18:22:40 UTC+2'), ('À', 'accueil@mairie.test')],
                              'Bonjour,\nRose ne mangera pas à la cantine le mardi 14 mai, sortie scolaire avec '
                              'pique-nique.\nCaroline Marchal\n')),
          'forward', CAROLINE[1], [R('cancellation', ['Rose'], [on(14, 5, 'mardi')], 'restauration')],
          forwarded_by=ACCUEIL[1], note="Apple Mail forward ('Début du message réexpédié').")

    # ------------------------------------------------------------------ formats, quotes
    w = at(22, 4, 12, 26)
    c.add('html-seul-zimbra',
          zimbra_html_only(SARAH, 'cantine Ethan',
                           ['Bonjour,', '', 'Ethan ne mangera pas à la cantine le lundi 6 mai ni le mardi 7, il est en '
                            'stage découverte au collège.', '', 'Sarah Lambert'], w),
          'html', SARAH[1],
          [R('cancellation', ['Ethan'], [on(6, 5, 'lundi'), on(7, 5, 'mardi')], 'restauration')],
          note="HTML only (Zimbra, quoted-printable). 'le lundi 6 mai ni le mardi 7' = 6 and 7 May.")

    w = at(20, 4, 16, 9)
    c.add('latin1-cantine-deux-enfants',
          plain_client(CEDRIC, 'Cantine jeudi 23 mai',
                       'Bonjour,\n\nMathis et Anaïs ne mangeront pas à la cantine le jeudi 23 mai, ils déjeunent chez '
                       'leur grand-mère à Eymet.\n\nCédric Leroy\n', w, charset='iso-8859-1', cte='quoted-printable',
                       agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'encoding', CEDRIC[1], [R('cancellation', ['Mathis', 'Anaïs'], [on(23, 5, 'jeudi')], 'restauration')],
          note='ISO-8859-1 quoted-printable, written on Saturday 20 April. Both children of the blended family.')

    w = at(22, 4, 9, 5)
    prev = at(19, 4, 14, 40)
    c.add('reponse-citee-nouvelle-demande',
          outlook_web(MARION, 'RE: Espace Famille : votre demande est enregistrée',
                      'Bonjour,\n\nMerci. Autre chose : Léna n\'ira pas à la garderie du soir le vendredi 3 mai, sa '
                      'tante la récupère.\n\nMarion Rousseau\n', w, reply_to_id=daemon_id(prev, 'r7k2'),
                      original=(['De : Espace Famille <espace-famille@mairie.test>', f'Envoyé : {fr_long(prev)}',
                                 'À : Marion Rousseau <marion.rousseau@icloud.test>',
                                 'Objet : Espace Famille : votre demande est enregistrée'],
                                'Bonjour,\n\nVotre demande a bien été enregistrée :\n- Annulation de la cantine de Maël '
                                'Rousseau le lundi 29/04/2030\n\n' + DAEMON_SIGN)),
          'quote-or-signature', MARION[1], [R('cancellation', ['Léna'], [on(3, 5, 'vendredi')], 'periscolaire-soir')],
          note='A new request above a quoted service reply; the quoted cancellation is history.')

    w = at(23, 4, 10, 45)
    asked = at(23, 4, 9, 58)
    c.add('confirmation-oui-outlook',
          outlook(SARAH, 'RE: Espace Famille : merci de confirmer votre demande',
                  'OUI c\'est bien ça merci\n\nSarah Lambert\n', w, reply_to_id=daemon_id(asked, 'x3p9'),
                  original=([f'De{NB}: Espace Famille <espace-famille@mairie.test> ', f'Envoyé{NB}: {fr_long(asked)}',
                             f'À{NB}: Sarah Lambert <sarah.lambert@sfr.test>',
                             f'Objet{NB}: Espace Famille : merci de confirmer votre demande'],
                            daemon_recap('Annulation de la cantine d\'Ethan Lambert le lundi 13/05/2030'))),
          'confirm', SARAH[1], [R('confirm')],
          note='Outlook reply quoting our confirmation request; confirms the pending request (In-Reply-To).')

    w = at(22, 4, 19, 30)
    c.add('factures-par-mail-portugais',
          gmail(ANA, 'factura por email',
                'Bonjour, je quero recevoir les factures par email et non plus par la poste, é mais fácil pour moi. '
                'Obrigada. Ana Oliveira\n', w),
          'free-text', ANA[1], [R('einvoice', einvoice=True)],
          note='Imperfect French with Portuguese words. The Oliveira family is on paper invoices.')

    w = at(21, 4, 11, 2)
    c.add('nouveau-telephone-signature',
          thunderbird(JULIEN, 'Nouveau numéro',
                      'Bonjour,\n\nJ\'ai changé de numéro de portable, voici le nouveau : 07 58 21 96 40. Merci de '
                      'mettre à jour notre dossier.\n\nJulien Marchal\n--\nJulien Marchal - Plomberie Marchal\n'
                      '06 66 82 14 58\nFermé du 27/05 au 31/05\n', w),
          'quote-or-signature', JULIEN[1], [R('contact')],
          note="New phone; the signature's old number and closure 'du 27/05 au 31/05' are no request.")

    # ------------------------------------------------------------------ must not apply
    w = at(22, 4, 21, 40)
    c.add('activation-cle-du-conjoint',
          iphone(STEPHANIE, 'Clé de mon mari',
                 'Bonsoir, mon mari n\'a pas le temps alors je vous envoie sa clé : ' + KEY_FRANCK + '\nStéphanie Mercier',
                 w),
          'invalid', STEPHANIE[1], [R('activation', key=KEY_FRANCK)], must_not_apply=True,
          note="The key is Franck's; Stéphanie's address is already active. Refuse and link nothing.")

    w = at(23, 4, 12, 52)
    c.add('activation-cle-erronee',
          gmail(MOUSSA, 'code activation', 'Bonjour voici mon code : B9TN-5GVX-Q2VK\nMoussa Traoré\n', w),
          'invalid', MOUSSA[1], [R('activation', key='B9TN-5GVX-Q2VK')], must_not_apply=True,
          note=f'Wrong key: on file {KEY_MOUSSA} (U read as V). Refuse and count the attempt.')

    w = at(23, 4, 8, 5)
    c.add('mon-fils-ambigu',
          plain_client(LAETITIA, 'cantine 14 mai', 'Bonjour,\nmon fils ne mangera pas à la cantine le mardi 14 mai.\n'
                                                   'Laetitia Fournier\n', w, charset='UTF-8', cte='8bit',
                       agent=('User-Agent', 'K-9 Mail for Android')),
          'ambiguous', LAETITIA[1], [R('cancellation', [], [on(14, 5, 'mardi')], 'restauration')], must_not_apply=True,
          note="'mon fils' with two sons (Nathan, Arthur): ask which one.")

    w = at(22, 4, 17, 48)
    c.add('enfant-autre-famille',
          samsung(ANA, 'Fanta garderie',
                  'Bonjour, le vendredi 17 mai je recupère Fanta Traoré avec Beatriz a la sortie, elle va pas a la '
                  'garderie. Combinado com a mãe dela. Ana', w),
          'ambiguous', ANA[1], [R('cancellation', ['Fanta'], [on(17, 5, 'vendredi')], 'periscolaire-soir')],
          must_not_apply=True,
          note="Fanta is a Traoré child (and not even booked at the evening garderie); the sender is the Oliveira "
               'mother. Never change another family\'s records.')

    w = at(22, 4, 8, 42)
    c.add('un-mercredi-sur-deux',
          gmail(NATHALIE, 'Centre Anaïs juin',
                'Bonjour,\n\nEn juin, Anaïs n\'ira au centre de loisirs qu\'un mercredi sur deux, son papa sera en congé '
                'parental les autres mercredis. Merci d\'annuler les mercredis où elle ne vient pas.\n\nNathalie\n', w),
          'ambiguous', NATHALIE[1], [R('cancellation', ['Anaïs'], [], 'alsh-mercredi')], must_not_apply=True,
          note="'un mercredi sur deux' in June does not say which ones (5 and 19, or 12 and 26?): ask. No dates written.")

    w = at(23, 4, 13, 30)
    c.add('absence-uniquement-le-matin',
          gmail(NATHALIE, 'Mathis mardi 14 mai',
                'Bonjour,\n\nMathis sera absent le mardi 14 mai uniquement le matin, il a rendez-vous chez '
                'l\'orthodontiste à Marmande. Il sera à l\'école l\'après-midi.\n\nNathalie Gauthier\n', w),
          'ambiguous', NATHALIE[1], [R('absence', ['Mathis'], [on(14, 5, 'mardi')])], must_not_apply=True,
          note="A half-day absence ('uniquement le matin'): the records hold whole days and the canteen is at noon; "
               'ask whether he eats at the canteen.')

    w = at(21, 4, 18, 15)
    c.add('vacances-ete-sans-creneau',
          gmail(VINCENT, 'centre juillet',
                'Bonsoir,\nPouvez-vous inscrire Sacha au centre de loisirs du lundi 15 au vendredi 19 juillet ?\n'
                'Merci\nVincent Aubert\n', w),
          'ambiguous', VINCENT[1],
          [R('reservation', ['Sacha'], span(on(15, 7, 'lundi'), on(19, 7, 'vendredi')), 'alsh-vacances')],
          must_not_apply=True, note='No slot for a holiday-centre booking: ask.')

    w = at(23, 4, 11, 8)
    c.add('jour-et-date-incoherents',
          plain_client(JULIEN, 'Rose absente',
                       'Bonjour,\n\nRose sera absente mardi 16 mai (spectacle de danse à Bordeaux).\n\nJulien Marchal\n',
                       w, charset='iso-8859-1', cte='quoted-printable', agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'ambiguous', JULIEN[1], [R('absence', ['Rose'], [d(16, 5)])], must_not_apply=True,
          note="'mardi 16 mai': 16 May 2030 is a Thursday (Tuesday is the 14th or 21st). Ask; dates holds the number.")

    w = at(22, 4, 21, 12)
    c.add('hesitation-a-confirmer',
          gmail(DELPHINE, 'cantine Paul 24 mai ?',
                'Bonjour,\n\nIl se peut que Paul ne mange pas à la cantine le vendredi 24 mai, ça dépend si sa '
                'grand-mère est là. Je vous redis ça.\n\nDelphine\n', w),
          'ambiguous', DELPHINE[1], [R('cancellation', ['Paul'], [on(24, 5, 'vendredi')], 'restauration')],
          must_not_apply=True, note='Tentative: change nothing until confirmed (Paul is not even booked yet).')

    w = at(23, 4, 15, 3)
    c.add('oui-sans-reference',
          samsung(MOUSSA, 'oui', 'OUI', w),
          'ambiguous', MOUSSA[1], [R('confirm')], must_not_apply=True,
          note='A bare OUI with no In-Reply-To/References: ask what it confirms.')

    w = at(22, 4, 10, 5)
    c.add('date-passee',
          gmail(GUILLAUME, 'cantine 12 avril',
                'Bonjour,\n\nLouise n\'a pas mangé à la cantine le vendredi 12 avril, je l\'avais récupérée à 11h30. '
                'Pouvez-vous annuler le repas pour qu\'il ne soit pas facturé ?\n\nGuillaume Bouvier\n', w),
          'invalid', GUILLAUME[1], [R('cancellation', ['Louise'], [on(12, 4, 'vendredi')], 'restauration')],
          must_not_apply=True, note='Friday 12 April is past: a billing question for the staff.')

    w = at(23, 4, 9, 33)
    c.add('centre-vacances-trop-tard',
          gmail(AMINATA, 'centre jeudi vendredi',
                'Bonjour,\n\nEst-ce qu\'Idriss peut venir au centre jeudi et vendredi de cette semaine, en journée avec '
                'repas ? Sa sœur y est déjà.\n\nAminata Traoré\n', w),
          'invalid', AMINATA[1],
          [R('reservation', ['Idriss'], [on(25, 4, 'jeudi'), on(26, 4, 'vendredi')], 'alsh-vacances',
             'journee-avec-repas')],
          must_not_apply=True, note='Holiday centre bookings close 10 days ahead: 25 and 26 April are too late.')

    w = at(22, 4, 18, 1)
    c.add('garderie-le-pont',
          gmail(ANA, 'garderie 31 mai',
                'Bonjour, Tiago pode ir à garderie du matin le dernier vendredi de mai ? Eu trabalho ce jour. Obrigada '
                'Ana', w),
          'invalid', ANA[1], [R('reservation', ['Tiago'], [on(31, 5, 'vendredi')], 'periscolaire-matin')],
          must_not_apply=True,
          note="'le dernier vendredi de mai' = Friday 31 May, the Ascension pont: school and garderie are closed. Refuse.")

    w = at(21, 4, 16, 20)
    c.add('centre-1er-mai-ferie',
          gmail(MARION, 'centre 1er mai',
                'Bonjour,\n\nJe voudrais inscrire Maël au centre de loisirs le mercredi 1er mai, en journée avec repas. '
                'Je travaille ce jour-là.\n\nMarion Rousseau\n', w),
          'invalid', MARION[1],
          [R('reservation', ['Maël'], [on(1, 5, 'mercredi')], 'alsh-mercredi', 'journee-avec-repas')],
          must_not_apply=True, note='1 May is a public holiday: the centre is closed. Refuse.')

    w = at(21, 4, 12, 40)
    c.add('separes-mere-ne-changez-rien',
          gmail(LAETITIA, 'Zoé centre 15 mai - ne rien changer',
                'Bonjour,\n\nLe père de Zoé va sûrement vous écrire pour annuler le centre du mercredi 15 mai. Je ne suis '
                'pas d\'accord, le jugement me donne ce mercredi-là. Merci de ne rien modifier tant que nous ne nous '
                'sommes pas mis d\'accord.\n\nLaetitia Fournier\n', w),
          'ambiguous', LAETITIA[1], [], must_not_apply=True,
          note='Separated parents disagreeing (see parents-separes-pere-annule): the mother asks to change nothing. No request to '
               'apply; the conflict is for the staff.')

    w = at(22, 4, 14, 50)
    c.add('inconnu-grand-mere',
          gmail(('Josiane Fournier', 'josiane.fournier47@orange.test'), 'Nathan et Arthur',
                'Bonjour,\n\nJe suis la grand-mère de Nathan et Arthur Fournier. Ils ne mangeront pas à la cantine le '
                'jeudi 2 mai, je les prends chez moi.\n\nJosiane Fournier\n', w),
          'unknown-sender', 'josiane.fournier47@orange.test',
          [R('cancellation', ['Nathan', 'Arthur'], [on(2, 5, 'jeudi')], 'restauration')], must_not_apply=True,
          note='The grandmother from her own address, not on file: change nothing, give no personal data.')

    w = at(23, 4, 11, 25)
    orig = at(22, 4, 17, 13)
    c.add('transfert-auteur-inconnu',
          outlook(RENARD, 'TR: absence Ethan',
                  'Bonjour,\n\nPour traitement.\n\nMarc Renard\n', w,
                  original=([f'De{NB}: Kevin Lambert <k.lambert.pro@entreprise.test> ', f'Envoyé{NB}: {fr_long(orig)}',
                             f'À{NB}: Renard Marc <m.renard@mairie.test>', f'Objet{NB}: absence Ethan'],
                            'Bonjour,\n\nJe suis l\'oncle d\'Ethan Lambert. Ethan sera absent le lundi 13 mai, je '
                            'l\'emmène au salon de l\'aéronautique.\n\nKevin Lambert\n')),
          'unknown-sender', 'k.lambert.pro@entreprise.test', [R('absence', ['Ethan'], [on(13, 5, 'lundi')])],
          forwarded_by=RENARD[1], must_not_apply=True,
          note='A real staff forward of an author who is not a guardian on file.')

    w = at(22, 4, 3, 44)
    c.add('hameconnage-faux-service',
          gmail(('Mairie Lavergne - Pôle Enfance', 'pole.enfance.lavergne@gmail.test'), 'TR: changement coordonnées',
                'Bonjour,\n\nSuite à l\'appel de M. Bouvier, merci de modifier ses coordonnées avec celles ci-dessous, '
                'c\'est urgent.\n\nPôle Enfance\n', w,
                forward=(['---------- Forwarded message ---------',
                          'From: Guillaume Bouvier <guillaume.bouvier@gmail.test>',
                          'Date: Sun, Apr 21, 2030 at 11:40 PM', 'Subject: changement coordonnées',
                          'To: <pole.enfance.lavergne@gmail.test>'],
                         'Bonjour, merci d\'envoyer désormais les factures et les courriers à '
                         'g.bouvier.famille@mailbox-secure.test et de noter le 07 00 42 18 90.\nGuillaume Bouvier\n')),
          'phishing', 'pole.enfance.lavergne@gmail.test', [R('contact')], must_not_apply=True,
          note='Look-alike staff Gmail address, not in staff.txt: not a staff forward. Never apply.')

    w = at(23, 4, 10, 1, 12)
    sent = at(23, 4, 10, 1, 5)
    c.add('reponse-automatique-outlook',
          auto_reply_exchange(CEDRIC, f'Réponse automatique{NB}: Espace Famille : votre demande est enregistrée',
                              'Bonjour,\n\nJe suis en congé du lundi 22 avril au vendredi 3 mai inclus. Pour toute '
                              'urgence, contactez Nathalie Gauthier.\n\nCédric Leroy\n', w, daemon_id(sent, 'v5n1')),
          'automated', CEDRIC[1], [], must_not_apply=True,
          note='Outlook out-of-office (Auto-Submitted): never answer; its dates are no request.')

    sent = at(22, 4, 8, 12, 30)
    w = at(22, 4, 12, 40, 2)
    c.add('notre-propre-message',
          redirected_daemon_mail('vincent.aubert@free.test', 'Espace Famille : votre demande est enregistrée',
                                 'Bonjour,\n\nVotre demande a bien été enregistrée :\n- Absence de Sacha Aubert le lundi '
                                 '29/04/2030\n\n' + DAEMON_SIGN, sent, w, 'a9d4'),
          'automated', SERVICE, [], must_not_apply=True,
          note="One of our own replies sent back by a parent's redirect rule: never read it as a new absence.")


def main():
    random.seed(SEED)
    RNG.seed(SEED)
    c = NumberedCorpus()
    build(c)
    c.write(build_data(FAMILIES, GUARDIANS, CHILDREN, RESERVATIONS, INVOICES, STAFF))
    n_mna = sum(1 for _, e in c.messages.values() if e['must_not_apply'])
    print(f'wrote {len(c.messages)} messages ({len(c.messages) - n_mna} to apply, {n_mna} not) to {HERE / "messages"}')


if __name__ == '__main__':
    main()
