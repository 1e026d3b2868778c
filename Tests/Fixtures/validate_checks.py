"""The checks shared by the team's evaluation corpora (winter-set, spring-set). Each validate.py runs this file in
its own namespace after defining HERE, MONTHS, PARIS, FIRST_DAY, LAST_DAY, INTENTIONAL and year_of(month)."""

problems = []


def problem(where, what):
    problems.append(f'{where}: {what}')


def read_csv(name):
    with open(HERE / 'data' / name, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def sniff(data):
    if data.startswith(b'%PDF-'):
        return 'pdf'
    if data.startswith(b'\xff\xd8\xff'):
        return 'jpeg'
    if data.startswith(b'\x89PNG\r\n\x1a\n'):
        return 'png'
    if data[4:8] == b'ftyp' and data[8:12] in (b'heic', b'heix', b'mif1', b'heif'):
        return 'heic'
    if data.startswith(b'PK\x03\x04'):
        return 'zip'
    return 'other'


def walk(msg, texts, attachments, where):
    """Decoded text of every text part and the bytes of every attachment, message/rfc822 included."""
    for p in msg.walk():
        ctype = p.get_content_type()
        if p.is_multipart():
            continue
        if ctype == 'message/rfc822':
            continue  # walk() already descends into it
        disp = p.get_content_disposition()
        if ctype.startswith('text/') and disp != 'attachment' and not p.get_filename():
            try:
                text = p.get_content()
            except Exception as e:  # noqa: BLE001 - report and go on
                problem(where, f'cannot decode {ctype}: {e!r}')
                continue
            if ctype == 'text/html':
                text = re.sub(r'<style.*?</style>', ' ', text, flags=re.S | re.I)
                text = re.sub(r'<br\s*/?>|</p>|</div>', '\n', text, flags=re.I)
                text = re.sub(r'<[^>]+>', ' ', text)
                text = text.replace('&nbsp;', ' ').replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')
            texts.append(text)
        elif ctype in ('message/delivery-status', 'text/rfc822-headers'):
            continue
        else:
            data = p.get_payload(decode=True) or b''
            attachments.append((p.get_filename(), ctype, data))


def check_weekday_phrases(where, text, sent):
    allowed = INTENTIONAL.get(where.split('-', 1)[1].rsplit('.', 1)[0], set())
    rx = re.compile(r'\b(' + '|'.join(WEEKDAYS) + r')\s+(\d{1,2})(?:er)?(?:\s*(?:/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?|\s+('
                    + '|'.join(MONTHS) + r')))?', re.I)
    for m in rx.finditer(text):
        wd, day = m.group(1).lower(), int(m.group(2))
        if re.sub(r'\s+', ' ', m.group(0).lower()) in allowed:
            continue
        if m.group(3):
            month = int(m.group(3))
        elif m.group(5):
            month = MONTHS[m.group(5).lower()]
        else:  # 'le mercredi 22 et le mercredi 29 septembre': the month may come a little later
            ahead = re.search(r'\b(' + '|'.join(MONTHS) + r')\b', text[m.end():m.end() + 40], re.I)
            if ahead:
                month = MONTHS[ahead.group(1).lower()]
            else:       # the message's month, or the next one when that day is already well past
                month = sent.month if day >= sent.day - 10 else sent.month + 1
        try:
            x = date(year_of(month), (month - 1) % 12 + 1, day)
        except ValueError:
            problem(where, f'impossible date in text: {m.group(0)!r}')
            continue
        if WEEKDAYS[x.weekday()] != wd:
            problem(where, f'text says {m.group(0)!r} but {x} is a {WEEKDAYS[x.weekday()]}')


def fold(s):
    return unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()


def main():
    exp = json.loads((HERE / 'expected.json').read_text(encoding='utf-8'))
    today = date.fromisoformat(exp['today'])
    families = {r['family_id']: r for r in read_csv('families.csv')}
    guardians = read_csv('guardians.csv')
    children = read_csv('children.csv')
    activities = {r['activity_id']: r for r in read_csv('activities.csv')}
    kind_of = {aid: r['kind'] for aid, r in activities.items()}
    deadline = {r['kind']: int(r['booking_deadline_days']) for r in activities.values()}
    open_days = {}
    for r in read_csv('activity_days.csv'):
        open_days.setdefault(kind_of[r['activity_id']], set()).add(date.fromisoformat(r['date']))
    booked = {}
    for r in read_csv('reservations.csv'):
        booked.setdefault((r['child_id'], kind_of[r['activity_id']]), set()).add(date.fromisoformat(r['date']))
        if r['slot'] and kind_of[r['activity_id']] not in ('alsh-vacances', 'alsh-mercredi'):
            problem('reservations.csv', f'slot on a non-ALSH reservation: {r}')
    for r in read_csv('invoices.csv'):
        if not re.fullmatch(r'\d+,\d\d', r['amount']) or r['status'] not in ('paid', 'unpaid'):
            problem('invoices.csv', f'bad row {r}')
    staff = {l.strip().lower() for l in (HERE / 'data' / 'staff.txt').read_text(encoding='utf-8').splitlines() if l.strip()}
    family_of = {g['email'].lower(): g['family_id'] for g in guardians}
    guardian_of = {g['email'].lower(): g for g in guardians}
    kids = {}
    for ch in children:
        kids.setdefault(ch['family_id'], {})[ch['first_name']] = ch

    files = {p.name for p in (HERE / 'messages').glob('*')}
    listed = set(exp['messages'])
    for n in sorted(files - listed):
        problem(n, 'file has no entry in expected.json')
    for n in sorted(listed - files):
        problem(n, 'expected.json entry has no file')
    for n in sorted(files):
        if not re.fullmatch(r'\d\d-[a-z0-9-]+\.eml', n):
            problem(n, 'name is not NN-short-name.eml')

    for name in sorted(files & listed):
        e = exp['messages'][name]
        raw = (HERE / 'messages' / name).read_bytes()
        try:
            msg = BytesParser(policy=policy.default).parsebytes(raw)
        except Exception as ex:  # noqa: BLE001
            problem(name, f'does not parse: {ex!r}')
            continue
        for hdr in ('From', 'Date', 'Message-ID'):
            if msg[hdr] is None and not (hdr == 'Message-ID' and msg['Message-Id']):
                problem(name, f'no {hdr} header')
        sent = today
        try:
            when = parsedate_to_datetime(str(msg['Date']))
            sent = when.astimezone(PARIS).date()
            if sent > today:
                problem(name, f'dated after today: {when}')
            if not FIRST_DAY <= sent <= LAST_DAY:
                problem(name, f'dated {sent}, outside {FIRST_DAY} .. {LAST_DAY}')
        except Exception as ex:  # noqa: BLE001
            problem(name, f'bad Date: {ex!r}')
        texts, atts = [], []
        walk(msg, texts, atts, name)
        if not texts and not e['must_not_apply']:
            problem(name, 'no readable text part')
        for t in texts:
            check_weekday_phrases(name, t, sent)
        for f_name, ctype, data in atts:
            kind = sniff(data)
            if ctype == 'application/pdf' and kind != 'pdf' or ctype == 'image/jpeg' and kind != 'jpeg' \
                    or ctype == 'image/heic' and kind != 'heic':
                problem(name, f'attachment {f_name} ({ctype}) has {kind} content')
            if ctype == 'application/pdf' and b'%%EOF' not in data[-16:]:
                problem(name, f'attachment {f_name}: PDF without trailer')
        cert_attached = any(sniff(d) in ('pdf', 'jpeg', 'png', 'heic') for _, _, d in atts)

        # ---- shape
        if set(e) != EXP_KEYS:
            problem(name, f'keys {sorted(e)}')
            continue
        if not isinstance(e['category'], str) or not e['category']:
            problem(name, 'category')
        if not isinstance(e['must_not_apply'], bool) or not isinstance(e['note'], str):
            problem(name, 'must_not_apply/note types')
        if e['sender'] != e['sender'].lower() or '@' not in e['sender']:
            problem(name, f'sender {e["sender"]!r}')
        from_addr = parseaddr(str(msg['From']))[1].lower()
        if e['forwarded_by'] is None and from_addr != e['sender']:
            problem(name, f'sender {e["sender"]} is not the From address {from_addr}')
        if e['forwarded_by'] is not None and from_addr != e['forwarded_by']:
            problem(name, f'forwarded_by {e["forwarded_by"]} is not the From address {from_addr}')
        if not isinstance(e['requests'], list):
            problem(name, 'requests not a list')
            continue
        mna = e['must_not_apply']
        fam = family_of.get(e['sender'])
        if not mna:
            if fam is None:
                problem(name, f'sender {e["sender"]} not on file but must_not_apply is false')
            if e['forwarded_by'] is not None and e['forwarded_by'] not in staff:
                problem(name, f'forwarder {e["forwarded_by"]} not in staff.txt but must_not_apply is false')
            if not e['requests']:
                problem(name, 'no request but must_not_apply is false')
        for i, r in enumerate(e['requests']):
            w = f'{name} request {i}'
            if set(r) != REQ_KEYS:
                problem(w, f'keys {sorted(r)}')
                continue
            if r['intent'] not in INTENTS:
                problem(w, f'intent {r["intent"]}')
            if r['activity'] is not None and r['activity'] not in KINDS:
                problem(w, f'activity {r["activity"]}')
            if r['slot'] is not None and r['slot'] not in SLOTS:
                problem(w, f'slot {r["slot"]}')
            if r['einvoice'] not in (True, False, None) or not isinstance(r['certificate'], bool):
                problem(w, 'einvoice/certificate types')
            if r['key'] is not None and not isinstance(r['key'], str):
                problem(w, 'key type')
            try:
                ds = [date.fromisoformat(x) for x in r['dates']]
            except (TypeError, ValueError):
                problem(w, f'dates not ISO: {r["dates"]}')
                continue
            if [x.isoformat() for x in ds] != r['dates'] or ds != sorted(set(ds)):
                problem(w, 'dates not ISO YYYY-MM-DD, sorted and unique')
            own = kids.get(fam, {})
            for child in r['children']:
                if child not in own and not mna:
                    problem(w, f'child {child} is not in the family of {e["sender"]}')
            if mna:
                continue
            r = dict(r, children=[ch for ch in r['children'] if ch in own])   # unknown ones already reported
            # ---- the request must be applicable as it stands
            intent, kind = r['intent'], r['activity']
            if intent == 'activation':
                g = guardian_of.get(e['sender'])
                if not g or g['activation_key'] != r['key']:
                    problem(w, 'activation key does not match the one on file')
            elif r['key'] is not None:
                problem(w, 'key on a non-activation request')
            if intent == 'einvoice':
                want = 'oui' if r['einvoice'] else 'non'
                if r['einvoice'] is None or families[fam]['einvoice'] == want:
                    problem(w, f'einvoice request changes nothing (family has {families[fam]["einvoice"]})')
            elif r['einvoice'] is not None:
                problem(w, 'einvoice value on another intent')
            if r['certificate'] and (intent != 'absence' or not cert_attached):
                problem(w, 'certificate=true without an absence and a PDF/image attachment')
            if intent == 'absence' and cert_attached and not r['certificate']:
                problem(w, 'an absence with a PDF/image attached says certificate=false')
            if intent == 'absence' and kind is not None:
                problem(w, 'absence with an activity (this corpus writes absences with activity null)')
            if intent == 'cancellation' and r['slot'] is not None:
                problem(w, 'cancellation with a slot')
            subject = str(msg['Subject'] or '')
            for child in r['children']:
                if not re.search(r'\b' + re.escape(fold(child)) + r'\b', fold(' '.join(texts) + ' ' + subject)):
                    print(f'check: {w}: {child} is not written in the message (note: {e["note"][:90]})')
            if intent in ('reservation', 'cancellation', 'absence'):
                if not r['children'] or not ds:
                    problem(w, 'children and dates are required')
            if intent == 'reservation':
                if kind is None:
                    problem(w, 'reservation without activity')
                    continue
                if (kind in ('alsh-vacances', 'alsh-mercredi')) != (r['slot'] is not None):
                    problem(w, 'slot must be given for ALSH bookings and only for them')
                days = [x for x in ds if x in open_days[kind]]
                if not days:
                    problem(w, f'no {kind} day in {r["dates"]}')
                for x in days:
                    if (x - today).days < deadline[kind]:
                        problem(w, f'{x} is past the {kind} deadline')
                    for child in r['children']:
                        if x in booked.get((own[child]['child_id'], kind), set()):
                            problem(w, f'{child} already booked for {kind} on {x}')
            if intent == 'cancellation':
                if kind is None:
                    problem(w, 'cancellation without activity')
                    continue
                days = [x for x in ds if x in open_days[kind]]
                if not days:
                    problem(w, f'no {kind} day in {r["dates"]}')
                for x in days:
                    if (x - today).days < deadline[kind]:
                        problem(w, f'{x} is past the {kind} deadline')
                    for child in r['children']:
                        if x not in booked.get((own[child]['child_id'], kind), set()):
                            problem(w, f'{child} has no {kind} booking on {x} to cancel')
            if intent == 'absence':
                if min(ds) < today:
                    problem(w, 'absence in the past')
                for child in r['children']:
                    cid = own[child]['child_id']
                    kinds = [kind] if kind else list(KINDS)
                    if not any(x in booked.get((cid, k), set()) for k in kinds for x in ds):
                        problem(w, f'{child} has no booking on {r["dates"]} ({kind or "any activity"})')
            if intent in ('invoices', 'summary', 'contact', 'confirm', 'help') and (r['children'] or ds or kind or r['slot']):
                problem(w, f'{intent} request carries children/dates/activity')

    # requests that apply must not touch the same child and day as another message: each expectation then holds
    # whatever order the messages are processed in
    seen = {}
    for name in sorted(files & listed):
        e = exp['messages'][name]
        if e['must_not_apply']:
            continue
        for r in e['requests']:
            if r['intent'] in ('absence', 'reservation', 'cancellation'):
                fam_id = family_of.get(e['sender'])
                for child in r['children']:
                    for x in r['dates']:
                        for other, intent, kind in seen.get((fam_id, child, x), []):
                            if other != name and ('absence' in (intent, r['intent']) or kind == r['activity']):
                                problem(name, f'{child} on {x} is also touched by {other}')
                        seen.setdefault((fam_id, child, x), []).append((name, r['intent'], r['activity']))
    for p in problems:
        print(p)
    n = len(files & listed)
    print(f'{HERE.name}: {n} messages checked, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
