import Foundation
import GRDB
import Parsers

/// Loads the town's CSV exports into the store. All files are checked and applied in one transaction:
/// a single bad row rejects the whole import, reported with its file and line.
public struct Importer {
    public struct Summary: Sendable, CustomStringConvertible {
        public var counts: [(file: String, rows: Int)] = []
        /// Things the import kept differently from the file, for staff to know.
        public var notes: [String] = []
        public var description: String {
            (counts.map { "\($0.file) : \($0.rows) ligne(s)" } + notes.map { "Remarque : " + $0 }).joined(separator: "\n")
        }
    }

    public static let files = ["families.csv", "guardians.csv", "children.csv", "activities.csv",
                               "activity_days.csv", "reservations.csv", "invoices.csv"]

    let store: Store
    let now: Date
    let keyValidityDays: Int

    public init(store: Store, now: Date = Date(), keyValidityDays: Int = 365) {
        self.store = store; self.now = now; self.keyValidityDays = keyValidityDays
    }

    public func importDirectory(_ dir: String) throws -> Summary {
        var tables: [String: CSVTable] = [:]
        for name in Importer.files {
            let path = (dir as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            tables[name] = try CSVTable(file: name, data: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        guard !tables.isEmpty else {
            throw ImportError(file: dir, line: 0, message: "aucun des fichiers attendus (\(Importer.files.joined(separator: ", ")))")
        }
        return try store.write { db in
            var summary = Summary()
            if let t = tables["families.csv"] { try families(t, db); summary.counts.append((t.file, t.rows.count)) }
            if let t = tables["guardians.csv"] {
                try guardians(t, db, notes: &summary.notes); summary.counts.append((t.file, t.rows.count))
            }
            if let t = tables["children.csv"] { try children(t, db); summary.counts.append((t.file, t.rows.count)) }
            if let t = tables["activities.csv"] { try activities(t, db); summary.counts.append((t.file, t.rows.count)) }
            if let t = tables["activity_days.csv"] { try activityDays(t, db); summary.counts.append((t.file, t.rows.count)) }
            if let t = tables["reservations.csv"] { try reservations(t, db); summary.counts.append((t.file, t.rows.count)) }
            if let t = tables["invoices.csv"] { try invoices(t, db); summary.counts.append((t.file, t.rows.count)) }
            try AuditRecord.log(db, at: now, message: nil, family: nil, actor: "import", action: "import",
                                detail: summary.counts.map { "\($0.file)=\($0.rows)" }.joined(separator: " "))
            return summary
        }
    }

    private func fail(_ t: CSVTable, _ row: CSVTable.Row, _ message: String) -> ImportError {
        ImportError(file: t.file, line: row.line, message: message)
    }

    private func checkRow(_ t: CSVTable, _ row: CSVTable.Row, nonEmpty columns: [String]) throws {
        if row.values["\u{0}extra"] != nil { throw fail(t, row, "plus de valeurs que de colonnes") }
        for c in columns where row[c].isEmpty { throw fail(t, row, "« \(c) » est vide") }
    }

    private func families(_ t: CSVTable, _ db: Database) throws {
        try t.require(["family_id", "family_name", "address", "postal_code", "city", "einvoice"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["family_id", "family_name"])
            guard let einvoice = Importer.yesNo(row["einvoice"]) else {
                throw fail(t, row, "einvoice doit valoir oui ou non, pas « \(row["einvoice"]) »")
            }
            var family = try FamilyRecord.fetchOne(db, key: row["family_id"])
                ?? FamilyRecord(id: row["family_id"], name: "", address: "", postalCode: "", city: "", einvoice: false)
            family.name = row["family_name"]; family.address = row["address"]
            family.postalCode = row["postal_code"]; family.city = row["city"]
            if family.einvoice != einvoice { family.einvoice = einvoice }
            try family.save(db)
        }
    }

    private func guardians(_ t: CSVTable, _ db: Database, notes: inout [String]) throws {
        try t.require(["family_id", "first_name", "last_name", "email", "phone", "activation_key"])
        var seen = Set<String>()
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["family_id", "first_name", "last_name", "email"])
            let email = row["email"].lowercased()
            guard Importer.looksLikeEmail(email) else { throw fail(t, row, "adresse électronique invalide « \(row["email"]) »") }
            guard seen.insert(email).inserted else { throw fail(t, row, "adresse « \(email) » en double") }
            guard try FamilyRecord.exists(db, key: row["family_id"]) else {
                throw fail(t, row, "famille \(row["family_id"]) inconnue")
            }
            var changedByEmail: GuardianRecord? = nil
            if try GuardianRecord.filter(Column("email") == email).fetchCount(db) == 0,
               let id = try Int64.fetchOne(db, sql: "SELECT guardian_id FROM email_change WHERE old_email = ?", arguments: [email]) {
                // The parent changed this address by email since the town's file was written: keep the new one.
                changedByEmail = try GuardianRecord.fetchOne(db, key: id)
                if let g = changedByEmail {
                    notes.append("\(t.file), ligne \(row.line) : \(email) a été remplacée par \(g.email) à la demande du responsable ; la nouvelle adresse est conservée")
                }
            }
            var g = try changedByEmail ?? GuardianRecord.filter(Column("email") == email).fetchOne(db)
                ?? GuardianRecord(id: nil, familyId: row["family_id"], firstName: "", lastName: "", email: email,
                                  phone: "", keySalt: nil, keyHash: nil, keyExpiresOn: nil, keySpentAt: nil,
                                  activatedAt: nil)
            g.familyId = row["family_id"]; g.firstName = row["first_name"]; g.lastName = row["last_name"]
            g.phone = row["phone"]
            let key = row["activation_key"]
            if key.isEmpty && g.activatedAt == nil && g.keyHash == nil {
                // No key issued: the town's file says this guardian already has an active space.
                g.activatedAt = now
            }
            if !key.isEmpty {
                guard ActivationKey.canonical(key).count >= 8 else { throw fail(t, row, "clé d’activation trop courte") }
                let alreadyThisKey = g.keySalt.map { ActivationKey.matches(key, salt: $0, hash: g.keyHash ?? Data()) } ?? false
                if !g.isActive && !alreadyThisKey {
                    let salt = ActivationKey.newSalt()
                    g.keySalt = salt; g.keyHash = ActivationKey.hash(key, salt: salt); g.keySpentAt = nil
                    g.keyExpiresOn = ParisTime(now).date.adding(days: keyValidityDays).iso
                }
                if let exp = t.header.contains("activation_key_expires") ? row["activation_key_expires"] : nil, !exp.isEmpty {
                    guard let d = Importer.date(exp) else { throw fail(t, row, "date d’expiration invalide « \(exp) »") }
                    g.keyExpiresOn = d.iso
                }
            }
            try g.save(db)
        }
    }

    private func children(_ t: CSVTable, _ db: Database) throws {
        try t.require(["child_id", "family_id", "first_name", "last_name", "birth_date", "school", "grade"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["child_id", "family_id", "first_name"])
            guard try FamilyRecord.exists(db, key: row["family_id"]) else { throw fail(t, row, "famille \(row["family_id"]) inconnue") }
            var birth: String? = nil
            if !row["birth_date"].isEmpty {
                guard let d = Importer.date(row["birth_date"]) else { throw fail(t, row, "date de naissance invalide « \(row["birth_date"]) »") }
                birth = d.iso
            }
            try ChildRecord(id: row["child_id"], familyId: row["family_id"], firstName: row["first_name"],
                            lastName: row["last_name"], birthDate: birth, school: row["school"], grade: row["grade"]).save(db)
        }
    }

    private func activities(_ t: CSVTable, _ db: Database) throws {
        try t.require(["activity_id", "name", "kind", "booking_deadline_days", "capacity"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["activity_id", "name", "kind", "booking_deadline_days", "capacity"])
            guard ActivityKind(rawValue: row["kind"]) != nil else {
                throw fail(t, row, "type d’activité inconnu « \(row["kind"]) » (attendu : \(ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let deadline = Int(row["booking_deadline_days"]), deadline >= 0 else { throw fail(t, row, "délai invalide") }
            guard let capacity = Int(row["capacity"]), capacity >= 0 else { throw fail(t, row, "capacité invalide") }
            try ActivityRecord(id: row["activity_id"], name: row["name"], kind: row["kind"],
                               bookingDeadlineDays: deadline, capacity: capacity).save(db)
        }
    }

    private func activityDays(_ t: CSVTable, _ db: Database) throws {
        try t.require(["activity_id", "date"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["activity_id", "date"])
            guard try ActivityRecord.exists(db, key: row["activity_id"]) else { throw fail(t, row, "activité \(row["activity_id"]) inconnue") }
            guard let d = Importer.date(row["date"]) else { throw fail(t, row, "date invalide « \(row["date"]) »") }
            try db.execute(sql: "INSERT OR IGNORE INTO activity_day(activity_id, date) VALUES (?, ?)",
                           arguments: [row["activity_id"], d.iso])
        }
    }

    private func reservations(_ t: CSVTable, _ db: Database) throws {
        try t.require(["child_id", "activity_id", "date", "slot"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["child_id", "activity_id", "date"])
            guard try ChildRecord.exists(db, key: row["child_id"]) else { throw fail(t, row, "enfant \(row["child_id"]) inconnu") }
            guard let activity = try ActivityRecord.fetchOne(db, key: row["activity_id"]) else {
                throw fail(t, row, "activité \(row["activity_id"]) inconnue")
            }
            guard let d = Importer.date(row["date"]) else { throw fail(t, row, "date invalide « \(row["date"]) »") }
            let slot = row["slot"]
            if activity.activityKind?.isALSH == true {
                guard AlshSlot(rawValue: slot) != nil else { throw fail(t, row, "créneau ALSH invalide « \(slot) »") }
            } else if !slot.isEmpty {
                throw fail(t, row, "un créneau n’a de sens que pour l’accueil de loisirs")
            }
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activity_day WHERE activity_id = ? AND date = ?",
                                        arguments: [activity.id, d.iso]) ?? 0
            if open == 0 { throw fail(t, row, "\(activity.id) n’est pas ouvert le \(d.iso)") }
            try db.execute(sql: """
                INSERT INTO reservation(child_id, activity_id, date, slot, status, updated_at) VALUES (?, ?, ?, ?, 'booked', ?)
                ON CONFLICT(child_id, activity_id, date, slot) DO NOTHING
                """, arguments: [row["child_id"], activity.id, d.iso, slot, now])
        }
    }

    private func invoices(_ t: CSVTable, _ db: Database) throws {
        try t.require(["invoice_id", "family_id", "label", "issue_date", "due_date", "amount", "status"])
        for row in t.rows {
            try checkRow(t, row, nonEmpty: ["invoice_id", "family_id", "label", "issue_date", "due_date", "amount", "status"])
            guard try FamilyRecord.exists(db, key: row["family_id"]) else { throw fail(t, row, "famille \(row["family_id"]) inconnue") }
            guard let issue = Importer.date(row["issue_date"]), let due = Importer.date(row["due_date"]) else {
                throw fail(t, row, "date invalide")
            }
            guard let cents = Importer.cents(row["amount"]) else { throw fail(t, row, "montant invalide « \(row["amount"]) »") }
            guard ["paid", "unpaid"].contains(row["status"]) else { throw fail(t, row, "statut paid ou unpaid attendu") }
            var inv = try InvoiceRecord.fetchOne(db, key: row["invoice_id"])
                ?? InvoiceRecord(id: row["invoice_id"], familyId: row["family_id"], label: "", issueDate: "", dueDate: "",
                                 amountCents: 0, status: "unpaid", paidAt: nil)
            inv.familyId = row["family_id"]; inv.label = row["label"]; inv.issueDate = issue.iso; inv.dueDate = due.iso
            inv.amountCents = cents
            // A payment recorded here (PayFiP return) is never undone by an older export.
            if inv.status != "paid" { inv.status = row["status"] }
            try inv.save(db)
        }
    }

    static func yesNo(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "oui", "o", "yes", "1", "true": return true
        case "non", "n", "no", "0", "false", "": return false
        default: return nil
        }
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    /// ISO `2027-03-08` or French `08/03/2027`.
    public static func date(_ s: String) -> CivilDate? {
        if let d = CivilDate(iso: s) { return d }
        let p = s.split(separator: "/")
        if p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]), p[2].count == 4 {
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// `86,10`, `86.10`, `1 234,5`, `86` → cents.
    public static func cents(_ s: String) -> Int? {
        let cleaned = s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: "€", with: "")
            .replacingOccurrences(of: ",", with: ".")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let units = Int(parts[0]), units >= 0 else { return nil }
        var frac = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let f = Int(parts[1]) else { return nil }
            frac = parts[1].count == 1 ? f * 10 : f
        }
        return units * 100 + frac
    }
}
