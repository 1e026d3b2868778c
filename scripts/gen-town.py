#!/usr/bin/env python3
"""Writes a synthetic town in the `maildaemon import` CSV format (see README « Import format »).

Deterministic (fixed seed): the same arguments always give the same bytes. Semicolons and French dates like an
Excel export; UTF-8. Used by scripts/bench-import.sh.

    python3 scripts/gen-town.py OUT_DIR [--families 10000] [--reservations 1000000]

Two children per family, one or two guardians (half with an activation key), five invoices per family;
reservations are spread over the school year's canteen, after-school and ALSH days (about 4,000 a day).
"""
import argparse
import datetime as dt
import os
import random

FIRST = ["Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé", "Gabriel", "Manon", "Noé", "Éloïse", "Raphaël",
         "Camille", "Sacha", "Anaïs", "Théo", "Maëlle", "Adam", "Lucie", "Nathan"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Nguyen", "Moreau", "Laurent", "Garcia", "Roux", "Fournier",
        "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Faure", "André"]
STREETS = ["rue des Écoles", "avenue Pasteur", "allée des Chênes", "rue de la Gare", "impasse des Lilas",
           "chemin de Bréjet", "rue Émile Zola", "avenue de Magudas"]
SCHOOLS = [("École élémentaire du Centre", ["CP", "CE1", "CE2", "CM1", "CM2"]),
           ("École maternelle du Centre", ["PS", "MS", "GS"]),
           ("École élémentaire Las Lilas", ["CP", "CE1", "CE2", "CM1", "CM2"])]
ACTIVITIES = [  # id, name, kind, deadline days, capacity, reservations per child
    ("CANTINE", "Restauration scolaire", "restauration", 2, 6000, 30),
    ("GARD-SOIR", "Accueil périscolaire du soir", "periscolaire-soir", 1, 3000, 10),
    ("GARD-MATIN", "Accueil périscolaire du matin", "periscolaire-matin", 1, 2000, 5),
    ("ALSH-MER", "Accueil de loisirs du mercredi", "alsh-mercredi", 3, 500, 3),
    ("ALSH-VAC", "Accueil de loisirs – vacances", "alsh-vacances", 7, 800, 2),
]
SLOTS = ["matin-sans-repas", "matin-avec-repas", "apres-midi-sans-repas", "apres-midi-avec-repas", "journee-avec-repas"]
HOLIDAYS = [(dt.date(2026, 10, 17), dt.date(2026, 11, 1)), (dt.date(2026, 12, 19), dt.date(2027, 1, 3)),
            (dt.date(2027, 2, 13), dt.date(2027, 2, 28)), (dt.date(2027, 4, 10), dt.date(2027, 4, 25))]


def school_year():
    d, end = dt.date(2026, 9, 1), dt.date(2027, 7, 3)
    while d <= end:
        yield d
        d += dt.timedelta(days=1)


def days_by_activity():
    days = {a[0]: [] for a in ACTIVITIES}
    for d in school_year():
        if d.weekday() >= 5:
            continue
        holiday = any(a <= d <= b for a, b in HOLIDAYS)
        if holiday:
            days["ALSH-VAC"].append(d)
        elif d.weekday() == 2:
            days["ALSH-MER"].append(d)
        else:
            for a in ("CANTINE", "GARD-SOIR", "GARD-MATIN"):
                days[a].append(d)
    return days


def french(d):
    return d.strftime("%d/%m/%Y")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--families", type=int, default=10_000)
    ap.add_argument("--reservations", type=int, default=1_000_000)
    args = ap.parse_args()
    rnd = random.Random(12)
    os.makedirs(args.out, exist_ok=True)

    def open_csv(name, header):
        f = open(os.path.join(args.out, name), "w", encoding="utf-8", newline="")
        f.write(";".join(header) + "\r\n")
        return f

    def row(f, *values):
        f.write(";".join(str(v) for v in values) + "\r\n")

    families = [str(100000 + i) for i in range(args.families)]
    children = []
    with open_csv("families.csv", ["family_id", "family_name", "address", "postal_code", "city", "einvoice"]) as f:
        for fid in families:
            row(f, fid, rnd.choice(LAST), f"{rnd.randint(1, 120)} {rnd.choice(STREETS)}", "33185", "Le Haillan",
                rnd.choice(["oui", "non"]))
    with open_csv("guardians.csv", ["family_id", "first_name", "last_name", "email", "phone", "activation_key"]) as f:
        for i, fid in enumerate(families):
            for g in range(1 + i % 2):
                key = "" if rnd.random() < 0.5 else "-".join(
                    "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4)) for _ in range(3))
                row(f, fid, rnd.choice(FIRST), rnd.choice(LAST), f"parent{g}.{fid}@familles.test",
                    f"06 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)}", key)
    with open_csv("children.csv", ["child_id", "family_id", "first_name", "last_name", "birth_date", "school",
                                   "grade"]) as f:
        for fid in families:
            for c in range(2):
                cid = f"{fid}{c}"
                children.append(cid)
                school, grades = rnd.choice(SCHOOLS)
                row(f, cid, fid, rnd.choice(FIRST), rnd.choice(LAST),
                    french(dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randint(0, 2900))), school, rnd.choice(grades))
    days = days_by_activity()
    with open_csv("activities.csv", ["activity_id", "name", "kind", "booking_deadline_days", "capacity"]) as f:
        for a in ACTIVITIES:
            row(f, *a[:5])
    with open_csv("activity_days.csv", ["activity_id", "date"]) as f:
        for a in ACTIVITIES:
            for d in days[a[0]]:
                row(f, a[0], d.isoformat())
    per_child = sum(a[5] for a in ACTIVITIES)
    written = 0
    with open_csv("reservations.csv", ["child_id", "activity_id", "date", "slot"]) as f:
        while written < args.reservations:
            for cid in children:
                for a in ACTIVITIES:
                    take = min(a[5], args.reservations - written)
                    if take <= 0:
                        break
                    slot = a[2].startswith("alsh")
                    for d in rnd.sample(days[a[0]], take):
                        row(f, cid, a[0], d.isoformat(), rnd.choice(SLOTS) if slot else "")
                    written += take
                if written >= args.reservations:
                    break
            if written < args.reservations and written == per_child * len(children):
                raise SystemExit(f"at most {written} distinct reservations for {len(children)} children")
    with open_csv("invoices.csv", ["invoice_id", "family_id", "label", "issue_date", "due_date", "amount",
                                   "status"]) as f:
        for fid in families:
            for m in range(5):
                issue = dt.date(2026, 10 + m, 1) if m < 3 else dt.date(2027, m - 2, 1)
                row(f, f"FAC-{fid}-{m + 1}", fid, f"Restauration et périscolaire – facture {m + 1}", french(issue),
                    french(issue + dt.timedelta(days=30)), f"{rnd.randint(5, 180)},{rnd.randint(0, 99):02d}",
                    "paid" if m < 4 or rnd.random() < 0.3 else "unpaid")


if __name__ == "__main__":
    main()
