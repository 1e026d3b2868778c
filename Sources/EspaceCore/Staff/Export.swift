import Foundation
import GRDB
import Parsers

/// The records back to the town's management software, in the import format (so that importing the export changes
/// nothing), plus `absences.csv` and `journal.csv`. Written all or nothing: into a temporary folder beside the
/// target, renamed into place at the end. The same store gives the same bytes (no export time inside).
public struct Export {
    public enum Scope: Sendable { case all, since(Date) }
    public let store: Store
    public let scope: Scope
    public let flavor: CSVWriter.Flavor

    public init(store: Store, scope: Scope, flavor: CSVWriter.Flavor) {
        self.store = store; self.scope = scope; self.flavor = flavor
    }

    public struct File: Sendable { public let name: String; public let header: [String]; public let rows: [[String]] }

    /// Every file of the export, in one read transaction (a consistent snapshot while the daemon runs).
    public func files() throws -> [File] {
        try store.read { db in
            let since: Date? = { if case .since(let d) = scope { return d } else { return nil } }()
            // The families a change touched since then; every family for a full export.
            let families: String
            if let since {
                let ids = try String.fetchAll(db, sql: """
                    SELECT DISTINCT family_id FROM audit WHERE family_id IS NOT NULL AND at >= ? AND action IN (\(Journal.labels.keys.map { "'\($0)'" }.joined(separator: ",")))
                    """, arguments: [since])
                families = "(" + ids.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",") + ")"
            } else {
                families = "(SELECT id FROM family)"
            }
            func strings(_ sql: String, _ args: StatementArguments = []) throws -> [[String]] {
                try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                    (0..<row.count).map { i in
                        let v = row[i] as DatabaseValue
                        if v.isNull { return "" }
                        return String.fromDatabaseValue(v) ?? Int64.fromDatabaseValue(v).map(String.init) ?? ""
                    }
                }
            }
            var out: [File] = []
            out.append(File(name: "families.csv", header: ["family_id", "family_name", "address", "postal_code", "city", "einvoice"],
                            rows: try strings("""
                                SELECT id, name, address, postal_code, city, CASE einvoice WHEN 1 THEN 'oui' ELSE 'non' END
                                FROM family WHERE id IN \(families) ORDER BY id
                                """)))
            // No key: an active guardian stays active, a pending key stays as it is (only its hash is stored).
            out.append(File(name: "guardians.csv", header: ["family_id", "first_name", "last_name", "email", "phone", "activation_key"],
                            rows: try strings("""
                                SELECT family_id, first_name, last_name, email, phone, '' FROM guardian
                                WHERE family_id IN \(families) ORDER BY family_id, id
                                """)))
            out.append(File(name: "children.csv", header: ["child_id", "family_id", "first_name", "last_name", "birth_date", "school", "grade"],
                            rows: try strings("""
                                SELECT id, family_id, first_name, last_name, birth_date, school, grade FROM child
                                WHERE family_id IN \(families) ORDER BY family_id, id
                                """)))
            if since == nil {
                out.append(File(name: "activities.csv", header: ["activity_id", "name", "kind", "booking_deadline_days", "capacity"],
                                rows: try strings("SELECT id, name, kind, booking_deadline_days, capacity FROM activity ORDER BY id")))
                out.append(File(name: "activity_days.csv", header: ["activity_id", "date"],
                                rows: try strings("SELECT activity_id, date FROM activity_day ORDER BY activity_id, date")))
            }
            // The import format knows bookings only: a day the child is absent stays booked (absences.csv says
            // which); cancelled and waiting-list rows are in the journal. Since a day: the bookings a change named
            // (the journal's child, activity and day) or an absence since then covers; an import is not a change.
            let journal = try Journal.rows(db, since: since)
            var reservations = try Row.fetchAll(db, sql: """
                SELECT r.child_id, r.activity_id, r.date, r.slot, r.absence_id FROM reservation r JOIN child c ON c.id = r.child_id
                WHERE r.status IN ('booked', 'absent') AND c.family_id IN \(families)
                ORDER BY r.date, r.activity_id, r.child_id, r.slot
                """)
            if let since {
                let named = Set(journal.filter { !$0[4].isEmpty }.map { "\($0[2])|\($0[4])|\($0[5])" })
                let absences = Set(try Int64.fetchAll(db, sql: "SELECT id FROM absence WHERE created_at >= ? OR certificate_received_at >= ?",
                                                      arguments: [since, since]))
                reservations = reservations.filter { r in
                    named.contains("\(r["child_id"] as String)|\(r["activity_id"] as String)|\(r["date"] as String)")
                        || (r["absence_id"] as Int64?).map(absences.contains) == true
                }
            }
            out.append(File(name: "reservations.csv", header: ["child_id", "activity_id", "date", "slot"],
                            rows: reservations.map { [$0["child_id"], $0["activity_id"], $0["date"], $0["slot"]] }))
            out.append(File(name: "invoices.csv", header: ["invoice_id", "family_id", "label", "issue_date", "due_date", "amount", "status"],
                            rows: try strings("""
                                SELECT id, family_id, label, issue_date, due_date, amount_cents, status FROM invoice
                                WHERE family_id IN \(families) ORDER BY id
                                """).map { r in var r = r; r[5] = Export.amount(Int(r[5]) ?? 0); return r }))
            let absenceSince = since == nil ? "" : "AND (a.created_at >= ? OR a.certificate_received_at >= ?)"
            out.append(File(name: "absences.csv", header: ["child_id", "first_day", "last_day", "reason", "certificate"],
                            rows: try strings("""
                                SELECT a.child_id, a.first_day, a.last_day, a.reason,
                                       CASE WHEN a.certificate_received_at IS NOT NULL THEN 'oui' ELSE 'non' END
                                FROM absence a WHERE 1 \(absenceSince) ORDER BY a.first_day, a.child_id, a.id
                                """, since.map { [$0, $0] } ?? [])))
            out.append(File(name: "journal.csv", header: Journal.header, rows: journal))
            return out
        }
    }

    static func inert(_ field: String) -> String {
        guard let c = field.first, "=+-@".contains(c) else { return field }
        return "'" + field
    }

    /// `86,10`: the importer's own amount format.
    static func amount(_ cents: Int) -> String { String(format: "%d,%02d", cents / 100, cents % 100) }

    /// Writes every file into `dir`, replacing a previous export there; nothing of it is visible before all is written.
    @discardableResult
    public func write(to dir: String) throws -> [File] {
        let files = try files()
        try FolderInPlace.write(to: dir, replacing: true) { tmp in
            let writer = CSVWriter(flavor)
            for f in files {
                // The journal quotes what parents wrote (a new address): opened in Excel, a leading = + - @ would
                // be a formula. The import files keep their values exact, for the round trip.
                let rows = flavor == .excel && f.name == "journal.csv" ? f.rows.map { $0.map(Export.inert) } : f.rows
                try writer.encode(header: f.header, rows: rows).write(to: tmp.appendingPathComponent(f.name), options: .atomic)
            }
        }
        return files
    }
}
