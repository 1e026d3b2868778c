#!/usr/bin/env python3
"""Writes a big town that holds an example set's own town unchanged: its families, children, activities and days,
plus filler families up to --families and filler reservations up to --reservations on the example's own activity
days. Used by scripts/bench-store-size.sh to compare a mail's cost on the example's store and on a real-size one.

Every open activity-day gets the same number F of filler children, and each activity's capacity is raised by F:
the places left on every day are those of the example's town, so a mail decides the same on both stores (the bench
checks it). F is --reservations divided by the number of activity days (about 4,000 a day, like scripts/gen-town.py).
Deterministic; the example's CSV format (commas, ISO dates).

    python3 scripts/merge-town.py EXAMPLE_DATA_DIR OUT_DIR [--families 10000] [--reservations 1000000]
"""
import argparse
import csv
import os
import random
import shutil

FIRST = ["Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé", "Gabriel", "Manon", "Noé", "Éloïse", "Raphaël"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garcia", "Fournier", "Bonnet", "Lambert"]


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("example")
    ap.add_argument("out")
    ap.add_argument("--families", type=int, default=10_000)
    ap.add_argument("--reservations", type=int, default=1_000_000)
    a = ap.parse_args()
    rnd = random.Random(7)
    os.makedirs(a.out, exist_ok=True)
    for name in os.listdir(a.example):
        if not name.endswith(".csv"):
            shutil.copy(os.path.join(a.example, name), os.path.join(a.out, name))

    def write(name, header, rows):
        with open(os.path.join(a.out, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(header)
            w.writerows(rows)

    def copy_plus(name, extra):
        header, rows = read(os.path.join(a.example, name))
        write(name, header, rows + [[r.get(c, "") for c in header] for r in extra])
        return header, rows

    _, own = read(os.path.join(a.example, "families.csv"))
    fillers = [f"9{i:06d}" for i in range(max(0, a.families - len(own)))]
    copy_plus("families.csv", [{"family_id": f, "family_name": rnd.choice(LAST), "address": f"{rnd.randint(1, 120)} rue des Écoles",
                                "postal_code": "33185", "city": "Le Haillan", "einvoice": rnd.choice(["oui", "non"])}
                               for f in fillers])
    copy_plus("guardians.csv", [{"family_id": f, "first_name": rnd.choice(FIRST), "last_name": rnd.choice(LAST),
                                 "email": f"parent{g}.{f}@remplissage.test", "phone": "06 00 00 00 00",
                                 "activation_key": ""}
                                for i, f in enumerate(fillers) for g in range(1 + i % 2)])
    children = [f"{f}{c}" for f in fillers for c in range(2)]
    copy_plus("children.csv", [{"child_id": c, "family_id": c[:-1], "first_name": rnd.choice(FIRST),
                                "last_name": rnd.choice(LAST), "birth_date": "2018-05-04",
                                "school": "École élémentaire du Centre", "grade": "CE1"} for c in children])
    copy_plus("invoices.csv", [{"invoice_id": f"FAC-{f}-{m}", "family_id": f, "label": f"Restauration – facture {m}",
                                "issue_date": f"2027-0{m}-01", "due_date": f"2027-0{m}-28",
                                "amount": f"{rnd.randint(5, 180)},{rnd.randint(0, 99):02d}",
                                "status": "paid" if m < 5 else "unpaid"} for f in fillers for m in range(1, 6)])

    _, days = copy_plus("activity_days.csv", [])
    per_day = min(len(children), a.reservations // max(1, len(days))) if children else 0
    header, activities = read(os.path.join(a.example, "activities.csv"))
    kind = {r[0]: r[header.index("kind")] for r in activities}
    cap = header.index("capacity")
    for r in activities:
        r[cap] = str(int(r[cap]) + per_day)
    write("activities.csv", header, activities)
    extra = []
    for i, (activity, date) in enumerate(days):
        slot = "journee-avec-repas" if kind[activity].startswith("alsh") else ""
        start = (i * 7919) % len(children) if children else 0
        for k in range(per_day):
            extra.append({"child_id": children[(start + k) % len(children)], "activity_id": activity, "date": date, "slot": slot})
    copy_plus("reservations.csv", extra)
    print(f"{a.out}: {len(own)} + {len(fillers)} families, {len(children)} filler children, "
          f"{per_day} filler bookings on each of {len(days)} activity days ({per_day * len(days)}), capacities + {per_day}")


if __name__ == "__main__":
    main()
