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
The client builders (MIME layouts of Gmail, Outlook, iOS, ...) are in ../mail_builders.py, shared with winter-set.
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


DEFAULT_SENT = (23, 4, 7, 0)
TOWN_LINE = 'Ville de Lavergne-sur-Dropt - Pôle enfance et vie scolaire'
TZ_SUFFIX = ' (CEST)'
# The helpers and mail-client layouts shared with ../winter-set, run in this module's namespace.
SCAN_SENT = (22, 4, 18, 0)
PDF_OFFSET = "+02'00'"
exec((HERE.parent / 'mail_builders.py').read_text(encoding='utf-8'), globals())


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
