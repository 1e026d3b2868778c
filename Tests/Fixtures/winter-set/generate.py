#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Private corpus "winter-set": French (and English) parent emails to the Espace Famille service, winter term 2029.

Writes, next to this file: data/*.csv + data/staff.txt (the town's records in the product's import format),
messages/NN-short-name.eml (raw messages as mail clients send them) and expected.json.
Run: python3 generate.py        (stdlib only, deterministic)

Same format and label conventions as ../../../../shared/examples/parents-autumn (see its README.md); a new town
(Ville de Bréval-les-Étangs), a new population (12 families, 22 children) and a new "today": Thursday 25 January 2029.
Messages are dated Tuesday 23 to Thursday 25 January 2029 (Europe/Paris, CET, +01:00).
Calendar: school days Mon/Tue/Thu/Fri from 8 January to 6 April 2029 outside the winter holidays (Saturday 10 -
Sunday 25 February; the holiday centre is open Monday 12 - Friday 23 February, mardi gras = Tuesday 13 February) and
Easter Monday (2 April); the Wednesday centre on school-term Wednesdays.
The client builders (MIME layouts of Gmail, Outlook, iOS, ...) are in ../mail_builders.py (first written after parents-autumn/generate.py).
"""
SEED = 'private-winter-2029-01-25'

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
TODAY = date(2029, 1, 25)          # a Thursday
YEAR = 2029
SERVICE = 'espace-famille@mairie.test'
SERVICE_NAME = 'Espace Famille'
CET = timezone(timedelta(hours=1))  # winter time: every message here is in January 2029
RNG = random.Random(0)              # reseeded by the corpus part

# ---------------------------------------------------------------- calendar
WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
          'septembre', 'octobre', 'novembre', 'décembre']
assert TODAY.weekday() == 3


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


TERM_START, TERM_END = d(8, 1), d(6, 4)          # back from Christmas Monday 8 January; spring holidays from 7 April
WINTER = (d(10, 2), d(25, 2))                    # winter holidays, Saturday to Sunday; the centre is open 12 - 23 February
PUBLIC_HOLIDAYS = [d(2, 4)]                      # Easter Monday
MARDI_GRAS = d(13, 2)                            # Easter 2029 is 1 April
LAST_DAY_BEFORE_WINTER = d(9, 2)
RENTREE = d(26, 2)


def in_holidays(x):
    return WINTER[0] <= x <= WINTER[1]


def activity_calendar():
    vac = [x for x in span(d(12, 2), d(23, 2)) if x.weekday() < 5 and x not in PUBLIC_HOLIDAYS]
    wed = [x for x in span(d(10, 1), d(4, 4)) if x.weekday() == 2 and not in_holidays(x)]
    school = [x for x in span(TERM_START, TERM_END)
              if x.weekday() in (0, 1, 3, 4) and not in_holidays(x) and x not in PUBLIC_HOLIDAYS]
    return {'alsh-vacances': vac, 'alsh-mercredi': wed, 'restauration': school,
            'periscolaire-matin': school, 'periscolaire-soir': school}


CALENDAR = activity_calendar()
ACTIVITIES = [
    # activity_id, name, kind, booking_deadline_days, capacity
    ('ALSH-HIV29', "Accueil de loisirs - vacances d'hiver 2029", 'alsh-vacances', 10, 72),
    ('ALSH-MER', 'Accueil de loisirs du mercredi', 'alsh-mercredi', 3, 90),
    ('REST', 'Restauration scolaire', 'restauration', 2, 380),
    ('PERI-MAT', 'Accueil périscolaire du matin', 'periscolaire-matin', 1, 60),
    ('PERI-SOIR', 'Accueil périscolaire du soir', 'periscolaire-soir', 1, 120),
]
ACTIVITY_ID = {kind: aid for aid, _, kind, _, _ in ACTIVITIES}
DEADLINE = {kind: days for _, _, kind, days, _ in ACTIVITIES}
SLOTS = ['matin-sans-repas', 'matin-avec-repas', 'apres-midi-sans-repas', 'apres-midi-avec-repas',
         'journee-avec-repas']
assert CALENDAR['alsh-vacances'][0] == d(12, 2) and len(CALENDAR['alsh-vacances']) == 10
assert d(2, 4) not in CALENDAR['restauration'] and MARDI_GRAS.weekday() == 1


DEFAULT_SENT = (25, 1, 7, 0)
TOWN_LINE = 'Ville de Bréval-les-Étangs - Service des affaires scolaires et de la jeunesse'
TZ_SUFFIX = ' (CET)'
# The helpers and mail-client layouts shared with ../spring-set, run in this module's namespace.
SCAN_SENT = (24, 1, 18, 0)
PDF_OFFSET = "+01'00'"
exec((HERE.parent / 'mail_builders.py').read_text(encoding='utf-8'), globals())


def build_data(families, guardians, children, reservations, invoices, staff):
    days = [(ACTIVITY_ID[k], x.isoformat()) for k in KINDS for x in CALENDAR[k]]
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


def book(child_id, kind, dates, slot=''):
    assert all(x in CALENDAR[kind] for x in dates), (child_id, kind, [x for x in dates if x not in CALENDAR[kind]])
    return [(child_id, ACTIVITY_ID[kind], x.isoformat(), slot) for x in dates]






# ===========================================================================
# The autumn set: 16 families, 28 children
# ===========================================================================


# ===========================================================================
# The winter set: 12 families, 22 children
# ===========================================================================
TOWN = 'Bréval-les-Étangs'
CP = '37390'
FAMILIES = [
    ('8401', 'Lefebvre', '14 rue des Tanneurs', CP, TOWN, 'oui'),
    ('8402', 'Benali', '6 résidence Les Tilleuls, appartement 22', CP, TOWN, 'non'),
    ('8403', 'Chevalier', '31 chemin du Moulin-Neuf', CP, TOWN, 'oui'),
    ('8404', 'Thompson', '9 allée des Charmes', CP, TOWN, 'oui'),
    ('8405', 'Perrin', '48 avenue de la Gare', CP, TOWN, 'non'),
    ('8406', 'Da Silva', '3 impasse des Lavandières', CP, TOWN, 'non'),
    ('8407', 'Moreau', '17 rue Victor-Hugo', CP, TOWN, 'oui'),
    ('8408', 'Diallo', '2 place du Marché, bâtiment C', CP, TOWN, 'non'),
    ('8409', 'Lemaire', '25 route de Chinon', CP, TOWN, 'oui'),
    ('8410', 'Caron', '8 rue de la Fontaine-aux-Loups', CP, TOWN, 'non'),
    ('8411', 'Schmitt', '12 lotissement Les Hauts de Brenne', CP, TOWN, 'oui'),
    ('8412', 'Fabre', '5 rue Pasteur', CP, TOWN, 'non'),
]
KEY_YOUSSEF = 'R8NV-4HQZ-T2LC'
KEY_DAVID = 'M3XE-9JWB-K5PA'
KEY_STEPHANE = 'K7PM-2WQD-9XRT'
GUARDIANS = [
    ('8401', 'Aurélie', 'Lefebvre', 'aurelie.lefebvre@orange.test', '06 11 42 87 30', ''),
    ('8401', 'Damien', 'Lefebvre', 'damien.lefebvre@gmail.test', '06 11 42 87 64', ''),
    ('8402', 'Karima', 'Benali', 'karima.benali@free.test', '07 62 30 19 48', ''),
    ('8402', 'Youssef', 'Benali', 'youssef.benali@gmail.test', '07 62 30 19 05', KEY_YOUSSEF),
    ('8403', 'Hélène', 'Chevalier', 'helene.chevalier@outlook.test', '06 58 27 93 14', ''),     # Lucas's mother, Eva's mother
    ('8403', 'Olivier', 'Marchand', 'olivier.marchand@laposte.test', '06 58 71 02 46', ''),     # Eva's father, Lucas's stepfather
    ('8404', 'Rachel', 'Thompson', 'rachel.thompson@gmail.test', '07 83 15 62 90', ''),
    ('8404', 'David', 'Thompson', 'david.thompson@outlook.test', '07 83 15 62 17', KEY_DAVID),
    ('8405', 'Sandrine', 'Perrin', 'sandrine.perrin@wanadoo.test', '06 24 90 51 73', ''),       # mother, family address
    ('8405', 'Frédéric', 'Perrin', 'fred.perrin@sfr.test', '06 24 90 51 28', ''),               # father, lives in Tours
    ('8406', 'Patricia', 'Da Silva', 'patricia.dasilva@hotmail.test', '06 73 48 26 01', ''),
    ('8407', 'Céline', 'Moreau', 'celine.moreau@gmail.test', '06 35 17 84 52', ''),
    ('8407', 'Arnaud', 'Moreau', 'arnaud.moreau@orange.test', '06 35 17 84 09', ''),
    ('8408', 'Fatoumata', 'Diallo', 'fatoumata.diallo@yahoo.test', '07 51 86 23 40', ''),
    ('8408', 'Mamadou', 'Diallo', 'mamadou.diallo@gmail.test', '07 51 86 23 77', ''),
    ('8409', 'Anne', 'Lemaire', 'anne.lemaire@free.test', '06 47 03 68 21', ''),
    ('8409', 'Stéphane', 'Lemaire', 'stephane.lemaire@icloud.test', '06 47 03 68 95', KEY_STEPHANE),
    ('8410', 'Virginie', 'Caron', 'virginie.caron@icloud.test', '06 82 59 14 36', ''),
    ('8411', 'Julie', 'Schmitt', 'julie.schmitt@gmail.test', '06 19 75 40 83', ''),
    ('8411', 'Bertrand', 'Schmitt', 'bertrand.schmitt@laposte.test', '06 19 75 40 12', ''),
    ('8412', 'Xavier', 'Fabre', 'xavier.fabre@sfr.test', '06 90 26 37 58', ''),
]
EL_CH, MAT_CH, EL_PRE, MAT_PRE = ('École élémentaire Jules-Ferry', 'École maternelle Jules-Ferry',
                                  'École élémentaire des Prés', 'École maternelle des Prés')
CHILDREN = [
    ('9001', '8401', 'Milo', 'Lefebvre', '2020-03-14', EL_CH, 'CE2'),           # Milo / Mila: one letter apart
    ('9002', '8401', 'Mila', 'Lefebvre', '2023-06-02', MAT_CH, 'GS'),
    ('9003', '8402', 'Nour', 'Benali', '2021-10-08', EL_PRE, 'CE1'),            # twins, a girl and a boy
    ('9004', '8402', 'Rayan', 'Benali', '2021-10-08', EL_PRE, 'CE1'),
    ('9005', '8403', 'Lucas', 'Chevalier', '2018-02-19', EL_PRE, 'CM2'),        # blended family: two surnames
    ('9006', '8403', 'Eva', 'Marchand', '2024-05-27', MAT_PRE, 'MS'),
    ('9007', '8404', 'Harry', 'Thompson', '2020-09-03', EL_CH, 'CE2'),          # English-speaking
    ('9008', '8404', 'Sophie', 'Thompson', '2022-04-21', EL_CH, 'CP'),
    ('9009', '8405', 'Manon', 'Perrin', '2018-07-30', EL_CH, 'CM2'),            # three children, two sons, separated parents
    ('9010', '8405', 'Théo', 'Perrin', '2021-01-12', EL_CH, 'CE1'),             # Théo / Timéo
    ('9011', '8405', 'Timéo', 'Perrin', '2025-02-05', MAT_CH, 'PS'),
    ('9012', '8406', 'Lina', 'Da Silva', '2020-11-17', EL_PRE, 'CE2'),          # only child
    ('9013', '8407', 'Gabin', 'Moreau', '2022-03-09', EL_CH, 'CP'),
    ('9014', '8407', 'Jeanne', 'Moreau', '2024-08-15', MAT_CH, 'MS'),
    ('9015', '8408', 'Mariama', 'Diallo', '2019-05-06', EL_PRE, 'CM1'),
    ('9016', '8408', 'Ousmane', 'Diallo', '2020-12-22', EL_PRE, 'CE2'),
    ('9017', '8409', 'Baptiste', 'Lemaire', '2019-09-25', EL_CH, 'CM1'),        # twin boys
    ('9018', '8409', 'Victor', 'Lemaire', '2019-09-25', EL_CH, 'CM1'),
    ('9019', '8410', 'Romane', 'Caron', '2023-01-31', MAT_PRE, 'GS'),           # only child
    ('9020', '8411', 'Elsa', 'Schmitt', '2019-04-11', EL_PRE, 'CM1'),
    ('9021', '8411', 'Noé', 'Schmitt', '2021-08-29', EL_PRE, 'CE1'),
    ('9022', '8412', 'Camille', 'Fabre', '2020-06-18', EL_CH, 'CE2'),           # a boy named Camille, only child
]
STAFF = ['s.guerin@mairie.test', 'scolaire@mairie.test', 'p.oger@mairie.test']

P1 = (TERM_START, TERM_END)
WED1 = wednesdays(*P1)
MON, TUE, WED, THU, FRI = 0, 1, 2, 3, 4
ALL = lambda: school_days(*P1)
RESERVATIONS = (
    book('9001', 'restauration', ALL())
    + book('9001', 'periscolaire-soir', school_days(*P1, weekdays=(MON, TUE, THU)))
    + book('9001', 'alsh-mercredi', WED1, 'journee-avec-repas')
    + book('9002', 'restauration', ALL())
    + book('9002', 'periscolaire-soir', school_days(*P1, weekdays=(MON, TUE, THU)))
    + book('9003', 'restauration', ALL())
    + book('9003', 'periscolaire-matin', ALL())
    + book('9004', 'restauration', ALL())
    + book('9004', 'periscolaire-matin', ALL())
    + book('9005', 'restauration', ALL())
    + book('9006', 'restauration', ALL())
    + book('9006', 'alsh-mercredi', WED1, 'journee-avec-repas')
    + book('9007', 'restauration', ALL())
    + book('9008', 'restauration', school_days(*P1, weekdays=(MON, TUE, THU)))
    + book('9009', 'restauration', ALL())
    + book('9010', 'restauration', ALL())
    + book('9011', 'restauration', ALL())
    + book('9011', 'periscolaire-soir', ALL())
    + book('9012', 'restauration', ALL())
    + book('9013', 'restauration', ALL())
    + book('9013', 'periscolaire-matin', ALL())
    + book('9014', 'restauration', ALL())
    + book('9014', 'periscolaire-soir', ALL())
    + book('9015', 'restauration', ALL())
    + book('9015', 'periscolaire-soir', ALL())
    + book('9016', 'restauration', ALL())
    + book('9016', 'periscolaire-soir', ALL())
    + book('9017', 'restauration', ALL())
    + book('9017', 'periscolaire-matin', ALL())
    + book('9017', 'alsh-vacances', span(d(12, 2), d(16, 2)), 'journee-avec-repas')
    + book('9018', 'restauration', ALL())
    + book('9018', 'periscolaire-matin', ALL())
    + book('9019', 'restauration', ALL())
    + book('9019', 'periscolaire-soir', school_days(*P1, weekdays=(FRI,)))
    + book('9019', 'alsh-mercredi', WED1, 'matin-avec-repas')
    + book('9020', 'restauration', ALL())
    + book('9021', 'restauration', ALL())
    + book('9022', 'restauration', school_days(*P1, weekdays=(MON, THU)))
)


def _inv(n, fam, label, issue, due, amount, status):
    return (f'F2029-0{n}', fam, label, issue, due, amount, status)


NOV, DEC, NOEL = ('Restauration et périscolaire - novembre 2028', 'Restauration et périscolaire - décembre 2028',
                  'Accueil de loisirs - vacances de Noël 2028')
INVOICES = [
    ('F2028-05210', '8401', NOV, '2028-12-01', '2028-12-31', '118,40', 'paid'),
    _inv(112, '8401', DEC, '2029-01-03', '2029-01-31', '96,20', 'unpaid'),
    ('F2028-05211', '8402', NOV, '2028-12-01', '2028-12-31', '142,60', 'paid'),
    _inv(113, '8402', DEC, '2029-01-03', '2029-01-31', '121,00', 'unpaid'),
    _inv(114, '8403', DEC, '2029-01-03', '2029-01-31', '88,75', 'paid'),
    _inv(115, '8404', DEC, '2029-01-03', '2029-01-31', '74,30', 'unpaid'),
    _inv(140, '8404', NOEL, '2029-01-05', '2029-02-04', '62,00', 'unpaid'),
    _inv(116, '8405', DEC, '2029-01-03', '2029-01-31', '131,85', 'paid'),
    _inv(117, '8406', DEC, '2029-01-03', '2029-01-31', '43,20', 'paid'),
    _inv(118, '8407', DEC, '2029-01-03', '2029-01-31', '109,50', 'paid'),
    ('F2028-05216', '8408', NOV, '2028-12-01', '2028-12-31', '126,90', 'unpaid'),
    _inv(119, '8408', DEC, '2029-01-03', '2029-01-31', '104,40', 'unpaid'),
    _inv(120, '8409', DEC, '2029-01-03', '2029-01-31', '138,00', 'paid'),
    _inv(141, '8409', NOEL, '2029-01-05', '2029-02-04', '155,00', 'paid'),
    _inv(121, '8410', DEC, '2029-01-03', '2029-01-31', '57,15', 'paid'),
    _inv(122, '8411', DEC, '2029-01-03', '2029-01-31', '92,80', 'unpaid'),
    _inv(123, '8412', DEC, '2029-01-03', '2029-01-31', '31,60', 'paid'),
]


def G(first, last):
    for g in GUARDIANS:
        if g[1] == first and g[2] == last:
            return (f'{first} {last}', g[3])
    raise KeyError(first)


AURELIE, DAMIEN = G('Aurélie', 'Lefebvre'), G('Damien', 'Lefebvre')
KARIMA, YOUSSEF = G('Karima', 'Benali'), G('Youssef', 'Benali')
HELENE, OLIVIER = G('Hélène', 'Chevalier'), G('Olivier', 'Marchand')
RACHEL, DAVID = G('Rachel', 'Thompson'), G('David', 'Thompson')
SANDRINE, FRED = G('Sandrine', 'Perrin'), G('Frédéric', 'Perrin')
PATRICIA = G('Patricia', 'Da Silva')
CELINE, ARNAUD = G('Céline', 'Moreau'), G('Arnaud', 'Moreau')
FATOUMATA, MAMADOU = G('Fatoumata', 'Diallo'), G('Mamadou', 'Diallo')
ANNE, STEPHANE = G('Anne', 'Lemaire'), G('Stéphane', 'Lemaire')
VIRGINIE = G('Virginie', 'Caron')
JULIE, BERTRAND = G('Julie', 'Schmitt'), G('Bertrand', 'Schmitt')
XAVIER = G('Xavier', 'Fabre')
GUERIN = ('Sylvie Guérin', 's.guerin@mairie.test')
SCOLAIRE = ('Service Scolaire', 'scolaire@mairie.test')
OGER = ('Pascal Oger', 'p.oger@mairie.test')
NB = '\u00a0'
DAEMON_SIGN = ('Espace Famille - Ville de Bréval-les-Étangs\n'
               'Service enfance, jeunesse et vie scolaire\n'
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
    w = at(23, 1, 20, 41)
    c.add('activation-cle',
          gmail(YOUSSEF, 'activation compte',
                'Bonsoir,\n\nj\'ai bien recu le courrier avec ma clé pour l\'espace famille, la voici : '
                f'{KEY_YOUSSEF}\nest ce que vous pouvez activer mon compte svp ? ma femme a deja le sien.\n\n'
                'Cdt\nYoussef Benali\n', w),
          'free-text', YOUSSEF[1], [R('activation', key=KEY_YOUSSEF)],
          note='Youssef Benali has a pending key on file and uses it from his own address. Message 42 is his wife '
               'trying the same key.')

    w = at(24, 1, 21, 17)
    c.add('activation-english',
          outlook_web(DAVID, 'Activation code - Thompson family',
                      'Good evening,\n\nMy wife already uses your email service and I would like to be able to write to '
                      'you too. The letter from the town hall gives me this code: ' + KEY_DAVID + '\n\nThanks a lot,\n'
                      'David Thompson\n', w),
          'english', DAVID[1], [R('activation', key=KEY_DAVID)],
          note='English only. The key on file for David Thompson, guardian not yet activated.')

    # ------------------------------------------------------------------ absences
    w = at(25, 1, 7, 2)
    c.add('absence-aujourdhui-demain',
          iphone(AURELIE, 'Milo malade',
                 'Bonjour,\nMilo s\'est réveillé avec 38,7 et mal à la gorge. Je le garde à la maison aujourd\'hui et '
                 'sûrement demain aussi, je préfère ne pas le renvoyer avant lundi.\nMila va à l\'école normalement.\n'
                 'Aurélie Lefebvre', w),
          'relative-date', AURELIE[1], [R('absence', ['Milo'], [d(25, 1), d(26, 1)])],
          note="'aujourd'hui et sûrement demain' written Thursday 25 = 25 and 26 January; 'lundi' is the return day. "
               'Mila is not concerned.')

    w = at(25, 1, 8, 14)
    c.add('absence-gastro-pdf',
          gmail(PATRICIA, 'Absence de Lina + certificat',
                'Bonjour Madame, Monsieur,\n\nJe vous informe que ma fille Lina a une gastro-entérite, elle ne pourra pas '
                'venir à l\'école ni manger à la cantine à partir d\'aujourd\'hui jusqu\'à vendredi inclus.\n\n'
                'Je vous joins le certificat médical du Dr Renaud.\n\nBien à vous,\nPatricia Da Silva\n', w,
                attachments=[Att('certificat_Lina_DaSilva.pdf', 'application/pdf',
                                 certificate_pdf(['Certificat médical', 'Je soussigné, Dr Antoine Renaud, certifie avoir '
                                                  'examiné', 'Lina Da Silva, née le 17/11/2020.',
                                                  'Son état nécessite une éviction scolaire', 'du 25/01/2029 au '
                                                  '26/01/2029 inclus.', 'Fait à Bréval-les-Étangs le 25/01/2029'],
                                                 at(25, 1, 7, 51)))]),
          'attachment', PATRICIA[1], [R('absence', ['Lina'], [d(25, 1), on(26, 1, 'vendredi')], certificate=True)],
          note="Thursday 25 to Friday 26 inclusive; illness, so an absence (the canteen is covered). PDF certificate "
               'attached (Gmail).')

    w = at(25, 1, 7, 48)
    c.add('absence-photo-samsung',
          samsung(MAMADOU, 'Ousmane absent',
                  'Bonjour\nOusmane a de la fièvre et une bronchite, il reste à la maison aujourd\'hui. Photo du '
                  'certificat du médecin en pièce jointe.\nMariama va à l\'école.\nMerci\nMamadou Diallo', w,
                  attachments=[Att('20290125_074402.jpg', 'image/jpeg', make_jpeg(125))]),
          'attachment', MAMADOU[1], [R('absence', ['Ousmane'], [d(25, 1)], certificate=True)],
          note='Samsung Email with a JPEG photo of the certificate. Only Ousmane, today.')

    w = at(25, 1, 18, 3)
    c.add('absence-jumeaux-semaine-prochaine',
          thunderbird(KARIMA, 'Grippe - Nour et Rayan',
                      'Bonjour,\n\nLes jumeaux ont attrapé la grippe tous les deux, le pédiatre les arrête pour une '
                      'bonne semaine. Ils ne viendront donc pas toute la semaine prochaine (cantine et garderie du '
                      'matin comprises). Ils devraient reprendre le lundi 5 février.\n\nMerci d\'avance,\n'
                      'Karima Benali\n', w),
          'multi-child', KARIMA[1], [R('absence', ['Nour', 'Rayan'], week_of(d(29, 1)))],
          note="'les jumeaux' = Nour and Rayan; 'toute la semaine prochaine' written on Thursday 25 = Monday 29 January "
               "to Friday 2 February. 'lundi 5 février' is the return day.")

    w = at(25, 1, 7, 31)
    c.add('absence-grand-mere-adresse-famille',
          iphone(CELINE, 'Gabin',
                 'Bonjour,\nC\'est la grand-mère de Gabin, j\'écris avec le téléphone de ma fille. Gabin a vomi cette '
                 'nuit, il reste avec moi à la maison aujourd\'hui. Sa petite sœur Jeanne va à l\'école comme d\'habitude.'
                 '\nMerci beaucoup\nMonique (mamie de Gabin)', w),
          'third-party', CELINE[1], [R('absence', ['Gabin'], [d(25, 1)])],
          note='The grandmother writes from the mother\'s address (on file): act for that address. Gabin today; Jeanne '
               'goes to school.')

    w = at(24, 1, 21, 52)
    c.add('sms-sans-accents-theo',
          samsung(SANDRINE, 'theo',
                  'bonsoir theo a de la fievre il reste a la maison demain je previens la maitresse. merci sandrine perrin',
                  w),
          'writing-style', SANDRINE[1], [R('absence', ['Théo'], [d(25, 1)])],
          note="No accents, lower case: 'theo' = Théo, not Timéo. 'demain' written on Wednesday 24 = Thursday 25.")

    w = at(24, 1, 17, 36)
    c.add('absence-english-tomorrow',
          gmail(RACHEL, 'Sophie - absent tomorrow',
                'Hi,\n\nSophie has a bad cold and a cough, so she will stay home tomorrow (Thursday). Harry will be at school '
                'as usual.\n\nKind regards,\nRachel Thompson\n', w),
          'english', RACHEL[1], [R('absence', ['Sophie'], [d(25, 1)])],
          note="English only: 'tomorrow (Thursday)' written on Wednesday 24 = 25 January. Harry is not absent.")

    w = at(24, 1, 12, 20)
    c.add('absence-franglais-dentist',
          gmail(RACHEL, 'Harry lundi',
                'Bonjour,\n\nHarry sera absent next Monday toute la journée, on a un rendez-vous chez le orthodontist à '
                'Tours le matin et ensuite c\'est trop loin pour revenir. Sorry for my French!\n\nRachel\n', w),
          'english', RACHEL[1], [R('absence', ['Harry'], [on(29, 1, 'lundi')])],
          note="French and English mixed: 'next Monday' written on Wednesday 24 = Monday 29 January. A reason that is "
               'no illness is still an absence (the child is away the whole day).')

    w = at(24, 1, 13, 5)
    c.add('absence-date-dictee',
          roundcube(JULIE, 'absence Elsa',
                    'Bonjour,\n\nElsa sera absente le mardi six février, elle passe la journée avec sa classe de danse au '
                    'concours régional à Blois (sortie organisée par le conservatoire, pas par l\'école).\n\nMerci,\n'
                    'Julie Schmitt\n', w),
          'date-set', JULIE[1], [R('absence', ['Elsa'], [on(6, 2, 'mardi')])],
          note="A date spelled out in words ('le mardi six février') = Tuesday 6 February 2029. Roundcube, format=flowed.")

    w = at(25, 1, 9, 40)
    c.add('absence-correction-1er-fevrier',
          gmail(DAMIEN, 'Absence Mila',
                'Bonjour,\n\nMila sera absente vendredi 2 février pour un rendez-vous chez l\'ORL à Tours.\n\n'
                'Pardon je me suis trompé, le rendez-vous est le jeudi 1er février, pas le vendredi. Donc absente '
                'uniquement jeudi 1er.\n\nDamien Lefebvre\n', w),
          'correction', DAMIEN[1], [R('absence', ['Mila'], [on(1, 2, 'jeudi')])],
          note='Self-correction in the same mail: only Thursday 1 February remains; Friday 2 is withdrawn.')

    w = at(24, 1, 19, 12)
    c.add('absence-objet-seul',
          iphone(VIRGINIE, 'Romane absente demain (rdv médecin)', '', w, signature='Envoyé de mon iPhone'),
          'subject-only', VIRGINIE[1], [R('absence', ['Romane'], [d(25, 1)])],
          note="The whole request is the subject; the body holds only the iOS signature. 'demain' written on "
               'Wednesday 24 = Thursday 25.')

    w = at(24, 1, 10, 2)
    c.add('absence-formulaire',
          plain_client(XAVIER, 'Demande Espace Famille',
                       'Objet : Absence\nEnfant : Camille Fabre\nDu : 05/02/2029\nAu : 07/02/2029\n'
                       'Motif : séjour chez ses grands-parents en Bretagne\n', w,
                       agent=('User-Agent', 'Mozilla/5.0 (Espace Famille help page form)')),
          'structured', XAVIER[1], [R('absence', ['Camille'], span(d(5, 2), d(7, 2)))],
          note='Help-page form: 5 to 7 February (Monday to Wednesday, the Wednesday included: Camille is not booked at '
               'the centre). Camille is a boy here; the only child.')

    w = at(25, 1, 6, 22)
    c.add('absence-yahoo-utc',
          yahoo(FATOUMATA, 'Mariama',
                'Bonjour,\nMariama a mal au ventre depuis hier soir, elle ne va pas à l\'école aujourd\'hui.\n'
                'Fatoumata Diallo\n', w),
          'relative-date', FATOUMATA[1], [R('absence', ['Mariama'], [d(25, 1)])],
          note="Yahoo writes the Date in UTC (05:22 +0000 = 06:22 in Paris): 'aujourd'hui' = Thursday 25.")

    w = at(24, 1, 22, 47)
    c.add('absence-beau-pere-long',
          plain_client(OLIVIER, 'Lucas - mardi prochain',
                       'Bonsoir,\n\nJe me permets de vous écrire au sujet de Lucas, le fils de ma compagne Hélène Chevalier '
                       '(je suis le papa d\'Eva Marchand, en moyenne section). Hélène est en déplacement toute la semaine '
                       'et c\'est moi qui gère les enfants jusqu\'à dimanche. Lucas a rendez-vous à l\'hôpital Clocheville '
                       'pour le suivi de son asthme, c\'est un rendez-vous que nous attendons depuis le mois d\'octobre, '
                       'et comme c\'est à Tours à 10h30 il ne sera pas à l\'école mardi, ni le matin ni l\'après-midi. '
                       'Il reprendra normalement mercredi... enfin jeudi puisqu\'il n\'y a pas école le mercredi. Eva ne '
                       'change rien à son planning.\n\nEn vous remerciant pour votre compréhension et pour tout ce que '
                       'vous faites,\n\nOlivier Marchand\n', w, charset='iso-8859-1',
                       agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'free-text', OLIVIER[1], [R('absence', ['Lucas'], [on(30, 1, 'mardi')])],
          note="Long-winded. The stepfather (on file) writes about his stepson, who has another surname. 'mardi' "
               'written on Wednesday 24 = Tuesday 30 January. Eva is context; the return day is not an absence.')

    w = at(25, 1, 11, 30)
    c.add('absence-lundi-en-huit',
          outlook_ios(FRED, 'Manon - absence',
                      'Bonjour,\nManon sera absente lundi en huit, elle m\'accompagne à un mariage en Alsace et nous '
                      'rentrons le lundi soir.\nFrédéric Perrin (papa de Manon, Théo et Timéo)', w),
          'relative-date', FRED[1], [R('absence', ['Manon'], [on(5, 2, 'lundi')])],
          note="'lundi en huit' written on Thursday 25 = Monday 5 February (the Monday after the coming one, 29 "
               'January). The separated father is a guardian on file.')

    # ------------------------------------------------------------------ holidays, periods
    w = at(24, 1, 9, 15)
    c.add('vacances-deux-semaines-sauf-mardi-gras',
          outlook(SANDRINE, 'Inscription centre vacances de février',
                  'Bonjour,\n\nJe souhaite inscrire Manon et Théo au centre de loisirs les deux semaines des vacances '
                  'd\'hiver, sauf le mardi gras (ils vont au carnaval de leur tante ce jour-là), à la journée avec '
                  'repas.\n\nTiméo reste chez sa nounou.\n\nCordialement,\nSandrine Perrin\n', w, charset='iso-8859-1',
                  exchange='cloud'),
          'date-set', SANDRINE[1],
          [R('reservation', ['Manon', 'Théo'], [x for x in week_of(d(12, 2)) + week_of(d(19, 2)) if x != MARDI_GRAS],
             'alsh-vacances', 'journee-avec-repas')],
          note="'les deux semaines des vacances d'hiver' = Monday 12 to Friday 16 and Monday 19 to Friday 23 February "
               "(two school weeks, as 'la première semaine des vacances' in ../parents-autumn); 'sauf le mardi gras' "
               'removes Tuesday 13 February (Easter 2029 = 1 April). 9 days.')

    w = at(23, 1, 20, 30)
    c.add('cantine-semaine-de-la-rentree',
          plain_client(BERTRAND, 'cantine Noé',
                       'Bonjour,\n\nNoé ne mangera pas à la cantine toute la semaine de la rentrée des vacances : il '
                       'rentre déjeuner à la maison, c\'est moi qui serai en congé cette semaine-là.\n\n'
                       'Bertrand Schmitt\n', w, charset='UTF-8', cte='8bit',
                       agent=('User-Agent', 'Evolution 3.50.2')),
          'date-set', BERTRAND[1], [R('cancellation', ['Noé'], week_of(RENTREE), 'restauration')],
          note="'la semaine de la rentrée des vacances' = the week school resumes after the winter holidays, Monday 26 "
               'February to Friday 2 March (Wednesday 28 included as written; no canteen that day). Not illness: a '
               'canteen cancellation.')

    w = at(25, 1, 12, 47)
    c.add('garderie-soir-les-enfants-demain',
          gmail(MAMADOU, 'garderie',
                'Bonjour, demain soir je récupère les enfants à 16h30, ils ne vont pas à la garderie.\nMerci\n'
                'M. Diallo\n', w),
          'multi-child', MAMADOU[1], [R('cancellation', ['Mariama', 'Ousmane'], [d(26, 1)], 'periscolaire-soir')],
          note="'les enfants' = Mariama and Ousmane (both booked on the evening garderie). 'demain soir' written on "
               'Thursday 25 = Friday 26, within the one-day deadline.')

    w = at(23, 1, 18, 44)
    c.add('annulation-mercredi-eva-outlook',
          outlook(HELENE, 'Annulation centre de loisirs mercredi 7 février',
                  'Bonjour,\n\nPourriez-vous annuler la réservation d’Eva Marchand au centre de loisirs du mercredi 7 '
                  'février ? Son papa sera en congé et la garde ce jour-là.\n\nMerci par avance.\n\nHélène Chevalier\n',
                  w, charset='windows-1252', exchange='cloud'),
          'free-text', HELENE[1], [R('cancellation', ['Eva'], [on(7, 2, 'mercredi')], 'alsh-mercredi')],
          note="Outlook, windows-1252 (’ 0x92). Wednesday 7 February is 13 days ahead: within the 3-day deadline. The "
               'mother has another surname than Eva.')

    w = at(24, 1, 16, 55)
    c.add('garderie-soir-liste-de-jours',
          gmail(PATRICIA, 'garderie du soir',
                'Bonjour,\n\nJe commence un nouveau travail la semaine prochaine. Pouvez-vous inscrire Lina à la garderie '
                'du soir les 29, 30 janvier et le 1er février svp ?\n\nMerci beaucoup\nPatricia Da Silva\n', w),
          'date-set', PATRICIA[1],
          [R('reservation', ['Lina'], [on(29, 1, 'lundi'), on(30, 1, 'mardi'), on(1, 2, 'jeudi')], 'periscolaire-soir')],
          note='A list of three days across two months: 29 and 30 January, 1 February.')

    w = at(25, 1, 10, 12)
    c.add('garderie-matin-mardis-jeudis',
          iphone(VIRGINIE, 'Garderie du matin Romane',
                 'Bonjour,\nÀ partir de la semaine prochaine et jusqu\'aux vacances, je voudrais inscrire Romane à la '
                 'garderie du matin tous les mardis et jeudis.\nBonne journée\nVirginie Caron', w),
          'date-set', VIRGINIE[1],
          [R('reservation', ['Romane'], every((TUE, THU), d(29, 1), LAST_DAY_BEFORE_WINTER), 'periscolaire-matin')],
          note="Weekday set: Tuesdays and Thursdays from Monday 29 January to the last school day before the winter "
               'holidays (Friday 9 February): 30 January, 1, 6 and 8 February.')

    w = at(23, 1, 21, 5)
    c.add('centre-mercredis-majuscules',
          plain_client(('FREDERIC PERRIN', FRED[1]), 'INSCRIPTION CENTRE TIMEO',
                       'BONSOIR\nMERCI D INSCRIRE TIMEO AU CENTRE DE LOISIRS LE MERCREDI 31 JANVIER ET LE MERCREDI 7 '
                       'FEVRIER LE MATIN AVEC LE REPAS. JE LE RECUPERE A 13H30.\nFREDERIC PERRIN\n', w,
                       charset='us-ascii', cte='7bit', agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'writing-style', FRED[1],
          [R('reservation', ['Timéo'], [on(31, 1, 'mercredi'), on(7, 2, 'mercredi')], 'alsh-mercredi',
             'matin-avec-repas')],
          note="All capitals, no accents: 'TIMEO' = Timéo (not Théo). 'LE MATIN AVEC LE REPAS' = matin-avec-repas.")

    w = at(24, 1, 8, 30)
    c.add('vacances-jumeaux-deuxieme-semaine',
          gmail(KARIMA, 'Centre vacances février',
                'Bonjour,\n\nJe voudrais inscrire mes jumeaux au centre de loisirs la deuxième semaine des vacances de '
                'février, en journée complète avec le repas.\n\nMerci\nKarima Benali\n', w),
          'multi-child', KARIMA[1],
          [R('reservation', ['Nour', 'Rayan'], week_of(d(19, 2)), 'alsh-vacances', 'journee-avec-repas')],
          note="'mes jumeaux' = Nour and Rayan; 'la deuxième semaine des vacances' = Monday 19 to Friday 23 February.")

    w = at(24, 1, 14, 9)
    c.add('mercredi-finalement-le-7',
          gmail(AURELIE, 'Centre mercredi Mila',
                'Bonjour,\n\nJe voulais inscrire Mila au centre le mercredi 31 janvier l\'après-midi avec le repas, '
                'mais finalement ce sera plutôt le mercredi 7 février (même formule). Donc pas le 31.\n\nMerci !\n'
                'Aurélie\n', w),
          'correction', AURELIE[1],
          [R('reservation', ['Mila'], [on(7, 2, 'mercredi')], 'alsh-mercredi', 'apres-midi-avec-repas')],
          note="'finalement': only Wednesday 7 February; the 31st is explicitly not asked.")

    w = at(24, 1, 19, 58)
    c.add('english-after-school-next-week',
          gmail(RACHEL, 'After-school club next week',
                'Hello,\n\nCould you please book the after-school club for Harry and Sophie on Tuesday and Thursday next '
                'week? I have a training course in Orléans and will be back late.\n\nThank you!\nRachel Thompson\n', w),
          'english', RACHEL[1],
          [R('reservation', ['Harry', 'Sophie'], [d(30, 1), d(1, 2)], 'periscolaire-soir')],
          note="English only. 'Tuesday and Thursday next week' written on Wednesday 24 = Tuesday 30 January and Thursday 1 February. 'after-school "
               "club' = the evening garderie.")

    # ------------------------------------------------------------------ several requests
    w = at(24, 1, 11, 26)
    c.add('absence-et-factures',
          yahoo(FATOUMATA, 'Absence Ousmane et factures',
                'Bonjour,\n\nOusmane sera absent le lundi 5 février, il a une compétition de judo à Orléans avec son '
                'club.\n\nEt pouvez-vous me renvoyer les factures pas encore payées ? Je n\'arrive plus à retrouver le '
                'mail.\n\nMerci\nFatoumata Diallo\n', w),
          'multi-request', FATOUMATA[1],
          [R('absence', ['Ousmane'], [on(5, 2, 'lundi')]), R('invoices')],
          note='An absence (not illness: a competition) and the unpaid invoices.')

    w = at(23, 1, 17, 10)
    c.add('classe-de-neige-cantine-et-garderie',
          outlook_web(ANNE, 'Classe de neige des jumeaux',
                      'Bonjour,\n\nBaptiste et Victor partent en classe de neige avec l\'école du lundi 5 au vendredi 9 '
                      'février. Merci d\'annuler la cantine et la garderie du matin pour les deux pendant cette '
                      'période.\n\nBonne soirée,\nAnne Lemaire\n', w),
          'multi-request', ANNE[1],
          [R('cancellation', ['Baptiste', 'Victor'], span(d(5, 2), d(9, 2)), 'restauration'),
           R('cancellation', ['Baptiste', 'Victor'], span(d(5, 2), d(9, 2)), 'periscolaire-matin')],
          note="'du lundi 5 au vendredi 9 février' = 5-9 February (Wednesday 7 included as written); two activities, "
               'so two requests, each for both twins. A school trip is not an absence reported by the parent: the '
               'parent asks to cancel named activities.')

    # ------------------------------------------------------------------ staff forwards
    w = at(25, 1, 9, 5)
    orig = at(23, 1, 21, 48)
    c.add('transfert-gmail-vacances-elsa',
          gmail(SCOLAIRE, 'Fwd: Vacances février Elsa',
                'Bonjour,\n\nReçu sur la boîte du service scolaire, pour l\'Espace Famille.\n\nService Scolaire\n'
                'Mairie de Bréval-les-Étangs\n', w,
                forward=(['---------- Forwarded message ---------',
                          'From: Julie Schmitt <julie.schmitt@gmail.test>',
                          'Date: Tue, Jan 23, 2029 at 9:48 PM', 'Subject: Vacances février Elsa',
                          'To: <scolaire@mairie.test>'],
                         'Bonjour,\n\nEst-ce qu\'Elsa pourrait aller au centre de loisirs du lundi 12 au vendredi 16 '
                         'février, les après-midis avec le repas ? Le matin elle est au stage de poney.\n\n'
                         'Merci,\nJulie Schmitt\n')),
          'forward', JULIE[1],
          [R('reservation', ['Elsa'], span(on(12, 2, 'lundi'), on(16, 2, 'vendredi')), 'alsh-vacances',
             'apres-midi-avec-repas')],
          forwarded_by=SCOLAIRE[1],
          note='Gmail inline forward (English UI header block). Act for the parent in the forwarded From line.')

    w = at(25, 1, 8, 40)
    orig = at(24, 1, 18, 17)
    c.add('transfert-outlook-absence-gabin',
          outlook(GUERIN, 'TR: Gabin absent 5 et 6 février',
                  'Bonjour,\n\nMail de M. Moreau arrivé chez moi, je vous le transmets.\n\nSylvie Guérin\n'
                  'Service enfance, jeunesse et vie scolaire\nMairie de Bréval-les-Étangs - 02 47 58 30 12\n', w,
                  original=([f'De{NB}: Arnaud Moreau <arnaud.moreau@orange.test> ', f'Envoyé{NB}: {fr_long(orig)}',
                             f'À{NB}: Guérin Sylvie <s.guerin@mairie.test>', f'Objet{NB}: Gabin absent 5 et 6 février'],
                            'Bonjour Madame Guérin,\n\nGabin ne sera pas à l\'école le lundi 5 et le mardi 6 février, '
                            'nous partons voir son arrière-grand-mère à Lyon.\n\nCordialement,\nArnaud Moreau\n')),
          'forward', ARNAUD[1], [R('absence', ['Gabin'], [on(5, 2, 'lundi'), on(6, 2, 'mardi')])],
          forwarded_by=GUERIN[1],
          note='Outlook FR inline forward (De / Envoyé / À / Objet with no-break spaces).')

    w = at(25, 1, 14, 20)
    orig = at(23, 1, 12, 36)
    inner = samsung(PATRICIA, 'Cantine Lina vendredi',
                    'Bonjour Monsieur Oger,\nLina ne mangera pas à la cantine le vendredi 2 février, je la prends pour '
                    'déjeuner avec sa marraine.\nMerci\nPatricia Da Silva', orig, to=OGER[1])
    c.add('transfert-piece-jointe-eml',
          outlook(OGER, 'TR: Cantine Lina vendredi',
                  'Bonjour,\n\nCi-joint le mail de Mme Da Silva pour la cantine.\n\nPascal Oger\nAccueil mairie\n', w,
                  attachments=[Att('Cantine Lina vendredi.eml', 'message/rfc822', inner)]),
          'forward', PATRICIA[1], [R('cancellation', ['Lina'], [on(2, 2, 'vendredi')], 'restauration')],
          forwarded_by=OGER[1],
          note="Outlook 'forward as attachment': the parent's Samsung mail is a message/rfc822 part.")

    # ------------------------------------------------------------------ formats, quotes, styles
    w = at(24, 1, 12, 2)
    c.add('html-seul-zimbra',
          zimbra_html_only(HELENE, 'cantine Lucas',
                           ['Bonjour,', '', 'Lucas ne déjeunera pas à la cantine le vendredi 2 février : sortie au '
                            'musée avec le centre social, il emporte un pique-nique.', '',
                            'Merci,', 'Hélène Chevalier'], w),
          'html', HELENE[1], [R('cancellation', ['Lucas'], [on(2, 2, 'vendredi')], 'restauration')],
          note='HTML only (Zimbra webmail, quoted-printable). A canteen cancellation, no illness.')

    w = at(23, 1, 13, 50)
    c.add('latin1-cantine-deux-enfants',
          plain_client(SANDRINE, 'Cantine jeudi 8 février',
                       'Bonjour,\n\nManon et Théo ne mangeront pas à la cantine le jeudi 8 février, ils déjeunent chez '
                       'leur grand-mère. Timéo mange à la cantine comme d\'habitude.\n\nSandrine Perrin\n', w,
                       charset='iso-8859-1', cte='quoted-printable', subject_mode='Q',
                       agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'encoding', SANDRINE[1], [R('cancellation', ['Manon', 'Théo'], [on(8, 2, 'jeudi')], 'restauration')],
          note='ISO-8859-1 quoted-printable body and encoded-word subject. Two of the three children, one day.')

    w = at(25, 1, 12, 5)
    c.add('tutoiement-question-hors-sujet',
          gmail(XAVIER, 'cantine jeudi',
                'Salut Sylvie,\n\nTu peux enlever Camille de la cantine jeudi 1er février stp ? Il mange chez son '
                'copain Lucas ce midi-là.\n\nAu fait tu sais si l\'école organise le carnaval cette année ? Mon fils '
                'demande tous les jours...\n\nMerci, bonne journée\nXavier\n', w),
          'multi-request', XAVIER[1], [R('cancellation', ['Camille'], [on(1, 2, 'jeudi')], 'restauration')],
          note="Tutoiement. 'Camille' is a boy here (only child); 'Lucas' is a friend (a Chevalier child) and not "
               'concerned. The carnival question is outside the service: not a request.')

    w = at(24, 1, 13, 25)
    prev = at(22, 1, 16, 2)
    c.add('reponse-citee-nouvelle-demande',
          outlook_web(VIRGINIE, 'RE: Espace Famille : votre demande est enregistrée',
                      'Bonjour,\n\nMerci. Autre chose : Romane n\'ira pas au centre de loisirs le mercredi 28 février, '
                      'elle sera chez son père.\n\nVirginie Caron\n', w, reply_to_id=daemon_id(prev, 'c4m1'),
                      original=(['De : Espace Famille <espace-famille@mairie.test>', f'Envoyé : {fr_long(prev)}',
                                 'À : Virginie Caron <virginie.caron@icloud.test>',
                                 'Objet : Espace Famille : votre demande est enregistrée'],
                                'Bonjour,\n\nVotre demande a bien été enregistrée :\n- Absence de Romane Caron du lundi '
                                '22/01/2029 au mardi 23/01/2029\n\n' + DAEMON_SIGN)),
          'quote-or-signature', VIRGINIE[1], [R('cancellation', ['Romane'], [on(28, 2, 'mercredi')], 'alsh-mercredi')],
          note='A new request written above a quoted service mail (Outlook.com rule). The quoted absence and its dates '
               'are history.')

    w = at(25, 1, 16, 10)
    c.add('nounou-garderie-soir',
          gmail(AURELIE, 'garderie mardi',
                'Bonjour,\n\nJe suis Léa, la nounou de Milo et Mila. Leur maman m\'a demandé de vous écrire depuis sa '
                'boîte mail : mardi 30 janvier je viens les chercher à la sortie de l\'école, ils n\'iront pas à la '
                'garderie du soir.\n\nMerci,\nLéa\n', w),
          'third-party', AURELIE[1], [R('cancellation', ['Milo', 'Mila'], [on(30, 1, 'mardi')], 'periscolaire-soir')],
          note='The nanny writes from the mother\'s address (on file). Both children, evening garderie, Tuesday 30.')

    # ------------------------------------------------------------------ other intents
    w = at(24, 1, 10, 44)
    c.add('facture-par-mail-oui',
          gmail(PATRICIA, 'factures par mail',
                'Bonjour, je voudrais recevoir les factures par mail à partir de maintenant et plus par courrier. Merci. '
                'Patricia Da Silva\n', w),
          'free-text', PATRICIA[1], [R('einvoice', einvoice=True)],
          note='The Da Silva family is on paper invoices (einvoice = non).')

    w = at(25, 1, 20, 14)
    c.add('invoice-english',
          gmail(RACHEL, 'Invoices',
                'Hello,\n\nCould you send me our unpaid bills please, including the Christmas holiday club one? I would '
                'like to pay them online this weekend.\n\nThanks,\nRachel\n', w),
          'english', RACHEL[1], [R('invoices')],
          note="English only: the invoices request. 'Christmas holiday club' names an invoice, not a date.")

    w = at(23, 1, 12, 15)
    c.add('nouveau-telephone-signature',
          thunderbird(XAVIER, 'Changement de numéro',
                      'Bonjour,\n\nMon numéro de portable a changé, le nouveau est le 07 44 18 92 60. Merci de mettre à '
                      'jour mon dossier.\n\nXavier Fabre\n--\nXavier Fabre - Menuiserie Fabre\n06 90 26 37 58\n'
                      'Fermeture annuelle du 12/02 au 16/02\n', w),
          'quote-or-signature', XAVIER[1], [R('contact')],
          note="New phone in the body; the signature still shows the old number and a shop closure 'du 12/02 au 16/02' "
               'that is not a request.')

    w = at(25, 1, 10, 30)
    asked = at(25, 1, 9, 12)
    c.add('confirmation-oui',
          gmail(JULIE, 'Re: Espace Famille : merci de confirmer votre demande', 'Oui c\'est bien ça, merci !\n', w,
                reply_to_id=daemon_id(asked, 'h8w3'),
                quote=(f'Le {fr_gmail(asked)}, Espace Famille <espace-famille@mairie.test> a écrit :',
                       daemon_recap("Inscription de Noé Schmitt à l'accueil périscolaire du soir le lundi 05/02/2029"))),
          'confirm', JULIE[1], [R('confirm')],
          note=f'Confirms the pending request of {daemon_id(asked, "h8w3")} (In-Reply-To). The quoted recap is not a '
               'new request.')

    w = at(24, 1, 18, 2)
    c.add('recapitulatif-fevrier',
          webmail_html_only(ARNAUD, 'Récapitulatif',
                            ['Bonjour,', 'Pourriez-vous m\'envoyer le récapitulatif de ce qui est réservé pour Gabin et '
                             'Jeanne (cantine, garderie) ? Je ne sais plus ce que ma femme a inscrit.', 'Merci',
                             'Arnaud Moreau'], w),
          'html', ARNAUD[1], [R('summary')],
          note='A summary request (HTML only, UTF-8 base64). The summary is family-wide: the children named are not part '
               'of the request.')

    # ------------------------------------------------------------------ must not apply
    w = at(24, 1, 7, 55)
    c.add('activation-cle-du-conjoint',
          gmail(KARIMA, 'clé espace famille',
                'Bonjour,\n\nMon mari a reçu une clé, je vous l\'envoie depuis mon adresse car il n\'a jamais le temps : '
                f'{KEY_YOUSSEF}\n\nKarima Benali\n', w),
          'invalid', KARIMA[1], [R('activation', key=KEY_YOUSSEF)], must_not_apply=True,
          note="The key belongs to Youssef's guardian record; Karima's address is already active. A key is tied to one "
               'guardian: refuse and link nothing.')

    w = at(24, 1, 20, 10)
    c.add('activation-cle-erronee',
          iphone(STEPHANE, 'Clé', 'Bonsoir, ma clé : K7PM-2WQO-9XRT\nMerci\nStéphane Lemaire', w),
          'invalid', STEPHANE[1], [R('activation', key='K7PM-2WQO-9XRT')], must_not_apply=True,
          note=f'Wrong key: the key on file is {KEY_STEPHANE} (D read as O in the second group). Refuse and count the '
               'attempt.')

    w = at(25, 1, 8, 2)
    c.add('mon-fils-ambigu',
          plain_client(SANDRINE, 'cantine lundi', 'Bonjour,\nmon fils ne mangera pas à la cantine lundi 29.\n'
                                                  'Sandrine Perrin\n', w, charset='UTF-8', cte='8bit',
                       agent=('User-Agent', 'K-9 Mail for Android')),
          'ambiguous', SANDRINE[1], [R('cancellation', [], [on(29, 1, 'lundi')], 'restauration')], must_not_apply=True,
          note="'Mon fils' with two sons (Théo, Timéo) and a daughter: ask which one.")

    w = at(25, 1, 13, 15)
    c.add('enfant-autre-famille',
          gmail(PATRICIA, 'garderie vendredi 2',
                'Bonjour,\n\nVendredi 2 février je récupère Romane Caron avec Lina à la sortie de l\'école (arrangement '
                'entre mamans), Romane n\'ira donc pas à la garderie du soir.\n\nPatricia Da Silva\n', w),
          'ambiguous', PATRICIA[1], [R('cancellation', ['Romane'], [on(2, 2, 'vendredi')], 'periscolaire-soir')],
          must_not_apply=True,
          note='Romane is a Caron child; the sender is the Da Silva mother. Never change another family\'s records: '
               'the Caron mother must write herself.')

    w = at(24, 1, 21, 30)
    c.add('vacances-sans-creneau',
          gmail(CELINE, 'vacances',
                'Bonsoir,\nEst-ce que vous pouvez inscrire Gabin et Jeanne au centre la première semaine des vacances '
                'de février ?\nMerci\nCéline\n', w),
          'ambiguous', CELINE[1],
          [R('reservation', ['Gabin', 'Jeanne'], week_of(d(12, 2)), 'alsh-vacances')], must_not_apply=True,
          note='No slot given for a holiday-centre booking (five possible): ask.')

    w = at(24, 1, 9, 3)
    c.add('jour-et-date-incoherents',
          plain_client(OLIVIER, 'Eva absente',
                       'Bonjour,\n\nEva sera absente mercredi 1er février (vaccin).\n\nOlivier Marchand\n', w,
                       charset='iso-8859-1', cte='quoted-printable', agent=('X-Mailer', 'Microsoft Outlook 16.0')),
          'ambiguous', OLIVIER[1], [R('absence', ['Eva'], [d(1, 2)])], must_not_apply=True,
          note="'mercredi 1er février': 1 February 2029 is a Thursday and the Wednesday is the 31st (or the 7th). Ask "
               'which day; dates holds the numbered day.')

    w = at(25, 1, 19, 40)
    c.add('hesitation-a-confirmer',
          outlook(HELENE, 'Lucas cantine lundi 5 ?',
                  'Bonjour,\n\nIl est possible que Lucas ne mange pas à la cantine le lundi 5 février, ça dépend de '
                  'l\'horaire de son rendez-vous chez l\'orthodontiste. Je vous redis ça dès que j\'ai la '
                  'confirmation.\n\nHélène Chevalier\n', w, charset='iso-8859-1', exchange='cloud'),
          'ambiguous', HELENE[1], [R('cancellation', ['Lucas'], [on(5, 2, 'lundi')], 'restauration')],
          must_not_apply=True,
          note="Tentative ('il est possible', 'je vous redis'): change nothing until the mother confirms.")

    w = at(25, 1, 21, 3)
    c.add('oui-sans-reference',
          iphone(MAMADOU, 'oui', 'Oui', w),
          'ambiguous', MAMADOU[1], [R('confirm')], must_not_apply=True,
          note='A bare Oui with no In-Reply-To/References: it cannot be tied to a pending request. Ask what it '
               'confirms.')

    w = at(23, 1, 9, 12)
    c.add('date-passee',
          gmail(KARIMA, 'cantine lundi',
                'Bonjour,\n\nRayan n\'a pas mangé à la cantine hier lundi 22 janvier, il était rentré à la maison à midi. '
                'Est-ce que vous pouvez annuler le repas pour qu\'il ne soit pas facturé ?\n\nKarima Benali\n', w),
          'invalid', KARIMA[1], [R('cancellation', ['Rayan'], [on(22, 1, 'lundi')], 'restauration')],
          must_not_apply=True,
          note='Monday 22 January is past: no booking change; a billing question for the staff.')

    w = at(25, 1, 7, 40)
    c.add('sms-cantine-demain-trop-tard',
          samsung(DAMIEN, 'cantine', 'milo mange pa a la cantine demain on va chez le kine a midi', w),
          'invalid', DAMIEN[1], [R('cancellation', ['Milo'], [d(26, 1)], 'restauration')], must_not_apply=True,
          note="SMS style. 'demain' written on Thursday 25 = Friday 26: canteen changes close 2 days ahead. Refuse and "
               'explain the deadline.')

    w = at(25, 1, 15, 2)
    c.add('english-canteen-tomorrow',
          gmail(RACHEL, 'Lunch tomorrow',
                'Hi,\n\nCould Sophie have lunch at the canteen tomorrow? She usually comes home on Fridays but I am '
                'stuck at work.\n\nThanks,\nRachel\n', w),
          'invalid', RACHEL[1], [R('reservation', ['Sophie'], [d(26, 1)], 'restauration')], must_not_apply=True,
          note="English. 'tomorrow' written on Thursday 25 = Friday 26: canteen bookings close 2 days ahead. Refuse.")

    w = at(24, 1, 11, 48)
    c.add('cantine-un-mercredi',
          gmail(CELINE, 'cantine mercredi 31',
                'Bonjour,\n\nJe voudrais inscrire Gabin à la cantine le mercredi 31 janvier, je travaille toute la '
                'journée.\n\nCéline Moreau\n', w),
          'invalid', CELINE[1], [R('reservation', ['Gabin'], [on(31, 1, 'mercredi')], 'restauration')],
          must_not_apply=True,
          note='No school canteen on Wednesdays (four-day week); the Wednesday centre is another activity and needs a '
               'slot: refuse or ask, never book the centre instead.')

    w = at(23, 1, 22, 6)
    c.add('date-inexistante',
          plain_client(BERTRAND, 'cantine Elsa', 'Bonjour,\n\nElsa ne mangera pas à la cantine le vendredi 30 février.\n\n'
                                                 'Bertrand Schmitt\n', w, charset='UTF-8', cte='8bit',
                       agent=('User-Agent', 'Evolution 3.50.2')),
          'invalid', BERTRAND[1], [R('cancellation', ['Elsa'], [], 'restauration')], must_not_apply=True,
          note="'vendredi 30 février' does not exist: ask. dates is empty because no valid day is written.")

    w = at(25, 1, 9, 55)
    c.add('inconnu-beau-pere',
          gmail(('Sébastien Roy', 'sebastien.roy@gmail.test'), 'Lina cantine',
                'Bonjour,\n\nJe suis le compagnon de Mme Da Silva. Lina ne mangera pas à la cantine le jeudi 8 février.'
                '\n\nSébastien Roy\n', w),
          'unknown-sender', 'sebastien.roy@gmail.test',
          [R('cancellation', ['Lina'], [on(8, 2, 'jeudi')], 'restauration')], must_not_apply=True,
          note='Address not on file (the mother\'s partner is not a guardian): change nothing, give no personal data.')

    w = at(25, 1, 11, 10)
    orig = at(24, 1, 17, 33)
    c.add('transfert-auteur-inconnu',
          outlook(GUERIN, 'TR: absence Victor',
                  'Bonjour,\n\nPour traitement.\n\nSylvie Guérin\n', w,
                  original=([f'De{NB}: Martine Lemaire <martine.lemaire@wanadoo.test> ', f'Envoyé{NB}: {fr_long(orig)}',
                             f'À{NB}: Guérin Sylvie <s.guerin@mairie.test>', f'Objet{NB}: absence Victor'],
                            'Bonjour,\n\nJe suis la tante de Victor Lemaire. Victor sera absent le vendredi 2 février, je '
                            'l\'emmène chez l\'ophtalmologue.\n\nMartine Lemaire\n')),
          'unknown-sender', 'martine.lemaire@wanadoo.test', [R('absence', ['Victor'], [on(2, 2, 'vendredi')])],
          forwarded_by=GUERIN[1], must_not_apply=True,
          note='A real staff forward, but the original author (an aunt with the family name) is not a guardian on '
               'file: a forward acts for a parent, never for an unknown address.')

    w = at(24, 1, 3, 12)
    c.add('hameconnage-faux-service',
          gmail(('Mairie de Bréval - Service Scolaire', 'scolaire.breval.mairie@gmail.test'), 'TR: nouvelle adresse',
                'Bonjour,\n\nSuite à l\'appel de Mme Lefebvre, merci de modifier son adresse de contact et son téléphone '
                'avec ceux ci-dessous, c\'est urgent.\n\nService Scolaire\n', w,
                forward=(['---------- Forwarded message ---------',
                          'From: Aurélie Lefebvre <aurelie.lefebvre@orange.test>',
                          'Date: Tue, Jan 23, 2029 at 11:58 PM', 'Subject: nouvelle adresse',
                          'To: <scolaire.breval.mairie@gmail.test>'],
                         'Bonjour, merci d\'envoyer désormais tout le courrier et les factures à '
                         'a.lefebvre.famille@secure-mailbox.test et de noter le 07 00 13 66 52.\nAurélie Lefebvre\n')),
          'phishing', 'scolaire.breval.mairie@gmail.test', [R('contact')], must_not_apply=True,
          note='Look-alike staff address (a gmail account, not in staff.txt): not a staff forward, so the sender is '
               'that address. Redirecting a family\'s mail is an account takeover: never apply, send no personal data.')

    w = at(25, 1, 9, 31, 20)
    sent = at(25, 1, 9, 31, 14)
    c.add('reponse-automatique-outlook',
          auto_reply_exchange(HELENE, f'Réponse automatique{NB}: Espace Famille : votre demande est enregistrée',
                              'Bonjour,\n\nJe suis absente du lundi 29 janvier au vendredi 2 février inclus. En cas '
                              'd\'urgence, contactez Olivier Marchand.\n\nHélène Chevalier\n', w, daemon_id(sent, 'q2z6')),
          'automated', HELENE[1], [], must_not_apply=True,
          note="Outlook out-of-office (Auto-Submitted: auto-replied): never answer; its dates are no request.")

    sent = at(24, 1, 8, 3, 10)
    w = at(24, 1, 12, 16, 40)
    c.add('notre-propre-message',
          redirected_daemon_mail('arnaud.moreau@orange.test', 'Espace Famille : votre demande est enregistrée',
                                 'Bonjour,\n\nVotre demande a bien été enregistrée :\n- Absence de Gabin Moreau le lundi '
                                 '29/01/2029\n\n' + DAEMON_SIGN, sent, w, 'm5t8'),
          'automated', SERVICE, [], must_not_apply=True,
          note="One of our own replies, sent back by a parent's redirect rule (Resent-From: the parent; From: the "
               'service; Auto-Submitted): never answer, never read it as a new absence.')


def main():
    random.seed(SEED)
    RNG.seed(SEED)
    c = NumberedCorpus()
    build(c)
    c.write(build_data(FAMILIES, GUARDIANS, CHILDREN, RESERVATIONS, INVOICES, STAFF))
    print(f'wrote {len(c.messages)} messages to {HERE / "messages"}')


if __name__ == '__main__':
    main()
