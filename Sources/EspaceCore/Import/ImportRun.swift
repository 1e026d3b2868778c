import Foundation
import GRDB
import Parsers

/// One import inside its transaction: every file's rows checked and written with statements compiled once, the
/// lookups a row needs (family, child, activity, open day) answered from sets read once. A 10,000-family town with a
/// million reservations is bound by SQLite's own inserts, not by per-row queries.
final class ImportRun {
    let db: Database
    let now: Date
    let keyValidityDays: Int
    let progress: (CSVReader, Int) -> Void
    private(set) var notes: [String] = []

    // Read from the store when a later file first needs them; files load in `Importer.files` order, so each set
    // already holds what this import wrote before it.
    private var familyIds: Set<String>?
    private var childIds: Set<String>?
    private var activityIsALSH: [String: Bool]?
    private var openDays: [String: Set<String>]?
    /// Date as written → ISO date; a town's files hold a few hundred distinct days.
    private var dates: [String: String] = [:]

    init(db: Database, now: Date, keyValidityDays: Int, progress: @escaping (CSVReader, Int) -> Void) {
        self.db = db; self.now = now; self.keyValidityDays = keyValidityDays; self.progress = progress
    }

    /// Applies one file; returns its number of rows.
    func load(_ r: CSVReader) throws -> Int {
        switch r.file {
        case "families.csv": return try families(r)
        case "guardians.csv": return try guardians(r)
        case "children.csv": return try children(r)
        case "activities.csv": return try activities(r)
        case "activity_days.csv": return try activityDays(r)
        case "reservations.csv": return try reservations(r)
        case "invoices.csv": return try invoices(r)
        default: return 0
        }
    }

    // MARK: - Rows

    /// Runs `body` on every record, after the checks every file shares; reports progress.
    private func each(_ r: CSVReader, _ body: (CSVReader.Record) throws -> Void) throws -> Int {
        var n = 0
        while let rec = try r.next() {
            if rec.hasExtraValues { throw fail(r, rec, "plus de valeurs que de colonnes") }
            try body(rec)
            n += 1
            if n & 0x3FFF == 0 { progress(r, n) }
        }
        progress(r, n)
        return n
    }

    private func fail(_ r: CSVReader, _ rec: CSVReader.Record, _ message: String) -> ImportError {
        ImportError(file: r.file, line: rec.line, message: message)
    }

    /// The value at `index`, which must not be empty.
    private func value(_ r: CSVReader, _ rec: CSVReader.Record, _ index: Int) throws -> String {
        let v = rec[index]
        if v.isEmpty { throw fail(r, rec, "« \(r.header[index]) » est vide") }
        return v
    }

    private func date(_ raw: String) -> String? {
        if let iso = dates[raw] { return iso }
        guard let d = Importer.date(raw) else { return nil }
        dates[raw] = d.iso
        return d.iso
    }

    private func knownFamilies() throws -> Set<String> {
        if let familyIds { return familyIds }
        let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM family"))
        familyIds = ids
        return ids
    }

    // MARK: - Files

    private func families(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["family_id", "family_name", "address", "postal_code", "city", "einvoice"])
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO family(id, name, address, postal_code, city, einvoice) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address,
                postal_code = excluded.postal_code, city = excluded.city, einvoice = excluded.einvoice
            """)
        return try each(r) { rec in
            let id = try value(r, rec, c[0]), name = try value(r, rec, c[1])
            guard let einvoice = Importer.yesNo(rec[c[5]]) else {
                throw fail(r, rec, "einvoice doit valoir oui ou non, pas « \(rec[c[5]]) »")
            }
            try upsert.execute(arguments: [id, name, rec[c[2]], rec[c[3]], rec[c[4]], einvoice])
        }
    }

    private func guardians(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["family_id", "first_name", "last_name", "email", "phone", "activation_key"])
        let expiresColumn = r.index(of: "activation_key_expires")
        let families = try knownFamilies()
        let byEmail = try db.cachedStatement(sql: "SELECT * FROM guardian WHERE email = ?")
        let byId = try db.cachedStatement(sql: "SELECT * FROM guardian WHERE id = ?")
        let movedAway = try db.cachedStatement(sql: "SELECT guardian_id FROM email_change WHERE old_email = ?")
        var seen = Set<String>()
        return try each(r) { rec in
            let familyId = try value(r, rec, c[0]), first = try value(r, rec, c[1]), last = try value(r, rec, c[2])
            let written = try value(r, rec, c[3])
            let email = written.lowercased()
            guard Importer.looksLikeEmail(email) else { throw fail(r, rec, "adresse électronique invalide « \(written) »") }
            guard seen.insert(email).inserted else { throw fail(r, rec, "adresse « \(email) » en double") }
            guard families.contains(familyId) else { throw fail(r, rec, "famille \(familyId) inconnue") }
            var found = try GuardianRecord.fetchOne(byEmail, arguments: [email])
            if found == nil, let id = try Int64.fetchOne(movedAway, arguments: [email]),
               let g = try GuardianRecord.fetchOne(byId, arguments: [id]) {
                // The parent changed this address by email since the town's file was written: keep the new one.
                notes.append("\(r.file), ligne \(rec.line) : \(email) a été remplacée par \(g.email) à la demande du responsable ; la nouvelle adresse est conservée")
                found = g
            }
            var g = found ?? GuardianRecord(id: nil, familyId: familyId, firstName: "", lastName: "", email: email,
                                            phone: "", keySalt: nil, keyHash: nil, keyExpiresOn: nil, keySpentAt: nil,
                                            activatedAt: nil)
            g.familyId = familyId; g.firstName = first; g.lastName = last; g.phone = rec[c[4]]
            let key = rec[c[5]]
            if key.isEmpty && g.activatedAt == nil && g.keyHash == nil {
                // No key issued: the town's file says this guardian already has an active space.
                g.activatedAt = now
            }
            if !key.isEmpty {
                guard ActivationKey.canonical(key).count >= 8 else { throw fail(r, rec, "clé d’activation trop courte") }
                let alreadyThisKey = g.keySalt.map { ActivationKey.matches(key, salt: $0, hash: g.keyHash ?? Data()) } ?? false
                if !g.isActive && !alreadyThisKey {
                    let salt = ActivationKey.newSalt()
                    g.keySalt = salt; g.keyHash = ActivationKey.hash(key, salt: salt); g.keySpentAt = nil
                    g.keyExpiresOn = ParisTime(now).date.adding(days: keyValidityDays).iso
                }
                if let expiresColumn, case let exp = rec[expiresColumn], !exp.isEmpty {
                    guard let d = date(exp) else { throw fail(r, rec, "date d’expiration invalide « \(exp) »") }
                    g.keyExpiresOn = d
                }
            }
            try g.save(db)
        }
    }

    private func children(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["child_id", "family_id", "first_name", "last_name", "birth_date", "school", "grade"])
        let families = try knownFamilies()
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO child(id, family_id, first_name, last_name, birth_date, school, grade) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET family_id = excluded.family_id, first_name = excluded.first_name,
                last_name = excluded.last_name, birth_date = excluded.birth_date, school = excluded.school,
                grade = excluded.grade
            """)
        return try each(r) { rec in
            let id = try value(r, rec, c[0]), familyId = try value(r, rec, c[1]), first = try value(r, rec, c[2])
            guard families.contains(familyId) else { throw fail(r, rec, "famille \(familyId) inconnue") }
            var birth: String? = nil
            if case let raw = rec[c[4]], !raw.isEmpty {
                guard let d = date(raw) else { throw fail(r, rec, "date de naissance invalide « \(raw) »") }
                birth = d
            }
            try upsert.execute(arguments: [id, familyId, first, rec[c[3]], birth, rec[c[5]], rec[c[6]]])
        }
    }

    private func activities(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["activity_id", "name", "kind", "booking_deadline_days", "capacity"])
        return try each(r) { rec in
            let id = try value(r, rec, c[0]), name = try value(r, rec, c[1]), kind = try value(r, rec, c[2])
            let deadlineText = try value(r, rec, c[3]), capacityText = try value(r, rec, c[4])
            guard ActivityKind(rawValue: kind) != nil else {
                throw fail(r, rec, "type d’activité inconnu « \(kind) » (attendu : \(ActivityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let deadline = Int(deadlineText), deadline >= 0 else { throw fail(r, rec, "délai invalide") }
            guard let capacity = Int(capacityText), capacity >= 0 else { throw fail(r, rec, "capacité invalide") }
            try ActivityRecord(id: id, name: name, kind: kind, bookingDeadlineDays: deadline, capacity: capacity).save(db)
        }
    }

    private func activityKinds() throws -> [String: Bool] {
        if let activityIsALSH { return activityIsALSH }
        var kinds: [String: Bool] = [:]
        for a in try ActivityRecord.fetchAll(db) { kinds[a.id] = a.activityKind?.isALSH == true }
        activityIsALSH = kinds
        return kinds
    }

    private func activityDays(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["activity_id", "date"])
        let activities = try activityKinds()
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO activity_day(activity_id, date) VALUES (?, ?)")
        return try each(r) { rec in
            let activity = try value(r, rec, c[0]), raw = try value(r, rec, c[1])
            guard activities[activity] != nil else { throw fail(r, rec, "activité \(activity) inconnue") }
            guard let day = date(raw) else { throw fail(r, rec, "date invalide « \(raw) »") }
            try insert.execute(arguments: [activity, day])
        }
    }

    private func reservations(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["child_id", "activity_id", "date", "slot"])
        let activities = try activityKinds()
        if childIds == nil { childIds = Set(try String.fetchAll(db, sql: "SELECT id FROM child")) }
        if openDays == nil {
            var days: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT activity_id, date FROM activity_day")
            while let row = try rows.next() { days[row[0], default: []].insert(row[1]) }
            openDays = days
        }
        let children = childIds!, open = openDays!
        let stamp = now.databaseValue
        let insert = try db.cachedStatement(sql: """
            INSERT INTO reservation(child_id, activity_id, date, slot, status, updated_at) VALUES (?, ?, ?, ?, 'booked', ?)
            ON CONFLICT(child_id, activity_id, date, slot) DO NOTHING
            """)
        return try each(r) { rec in
            let child = try value(r, rec, c[0]), activity = try value(r, rec, c[1]), raw = try value(r, rec, c[2])
            guard children.contains(child) else { throw fail(r, rec, "enfant \(child) inconnu") }
            guard let isALSH = activities[activity] else { throw fail(r, rec, "activité \(activity) inconnue") }
            guard let day = date(raw) else { throw fail(r, rec, "date invalide « \(raw) »") }
            let slot = rec[c[3]]
            if isALSH {
                guard AlshSlot(rawValue: slot) != nil else { throw fail(r, rec, "créneau ALSH invalide « \(slot) »") }
            } else if !slot.isEmpty {
                throw fail(r, rec, "un créneau n’a de sens que pour l’accueil de loisirs")
            }
            guard open[activity]?.contains(day) == true else { throw fail(r, rec, "\(activity) n’est pas ouvert le \(day)") }
            insert.setUncheckedArguments([child, activity, day, slot, stamp])
            try insert.execute()
        }
    }

    private func invoices(_ r: CSVReader) throws -> Int {
        let c = try r.columns(["invoice_id", "family_id", "label", "issue_date", "due_date", "amount", "status"])
        let families = try knownFamilies()
        // A payment recorded here (PayFiP return) is never undone by an older export.
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO invoice(id, family_id, label, issue_date, due_date, amount_cents, status) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET family_id = excluded.family_id, label = excluded.label,
                issue_date = excluded.issue_date, due_date = excluded.due_date, amount_cents = excluded.amount_cents,
                status = CASE invoice.status WHEN 'paid' THEN 'paid' ELSE excluded.status END
            """)
        return try each(r) { rec in
            var v: [String] = []
            for i in c { v.append(try value(r, rec, i)) }
            guard families.contains(v[1]) else { throw fail(r, rec, "famille \(v[1]) inconnue") }
            guard let issue = date(v[3]), let due = date(v[4]) else { throw fail(r, rec, "date invalide") }
            guard let cents = Importer.cents(v[5]) else { throw fail(r, rec, "montant invalide « \(v[5]) »") }
            guard v[6] == "paid" || v[6] == "unpaid" else { throw fail(r, rec, "statut paid ou unpaid attendu") }
            try upsert.execute(arguments: [v[0], v[1], v[2], issue, due, cents, v[6]])
        }
    }
}
