"""The helpers shared by the team's evaluation corpora (winter-set, spring-set): calendar look-ups, stable ids and
times, and the MIME layouts of the mail clients parents use (Gmail, Outlook, iOS, Thunderbird, webmails, staff
forwards, bounces). Each generate.py runs this file in its own namespace after defining its calendar and town
(CALENDAR, TODAY, CET, ...) and DEFAULT_SENT (day, month, hour, minute), TOWN_LINE and TZ_SUFFIX."""

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
    when = when or at(*DEFAULT_SENT)

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


DAEMON_SIGNATURE = ('Le service Espace Famille\n' + TOWN_LINE + '\n'
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
    headers = [('Date', rfc_date(when, suffix=TZ_SUFFIX)), ('From', address(*frm)), ('To', to),
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
    arrival = rfc_date(when - timedelta(seconds=2), suffix=TZ_SUFFIX).replace(', ', ',  ', 1)
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
    headers = [('Return-Path', '<>'), ('Date', rfc_date(when, suffix=TZ_SUFFIX).replace(', ', ',  ', 1) if when.day < 10 else rfc_date(when, suffix=TZ_SUFFIX)),
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


# ---------------------------------------------------------------- more attachments and clients (the team's corpora)
def make_scan_pdf(jpeg, producer='Canon iR-ADV C3826 PDF', when=None, pages=1):
    """What an office multifunction scanner writes: one A4 page per JPEG image (DCTDecode XObject), no text."""
    when = when or at(*SCAN_SENT)
    stamp = when.strftime("D:%Y%m%d%H%M%S") + PDF_OFFSET
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
