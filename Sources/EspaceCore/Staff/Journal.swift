import Foundation
import GRDB
import Parsers

/// The journal of an export: one row per change the daemon (or a PayFiP return) made to the records, read from the
/// audit log, whose details the flows write in a fixed shape (`Prénom (ID) ACTIVITÉ AAAA-MM-JJ créneau`).
public enum Journal {
    public static let header = ["when", "family_id", "child_id", "what", "activity_id", "day", "before", "after",
                                "mail", "confirmed_by"]

    /// Audit actions that change the records, with the label staff read.
    public static let labels: [String: String] = [
        "reservation": "réservation", "reservation-waiting": "liste d’attente", "cancellation": "annulation",
        "slot-change": "changement de créneau", "waiting-promoted": "place libérée", "absence": "absence",
        "absence-update": "absence complétée", "absence-certificate": "certificat médical", "einvoice": "facture en ligne",
        "contact": "coordonnées", "activation": "activation de l’espace", "payment": "paiement",
    ]

    /// Journal rows for the audit rows at or after `since` (all when nil), oldest first.
    public static func rows(_ db: Database, since: Date?) throws -> [[String]] {
        var sql = "SELECT * FROM audit WHERE action IN (\(labels.keys.map { "'\($0)'" }.joined(separator: ",")))"
        var args: StatementArguments = []
        if let since { sql += " AND at >= ?"; args = [since] }
        let audits = try AuditRecord.fetchAll(db, sql: sql + " ORDER BY id", arguments: args)
        let confirmations = try confirmedTokens(db)
        let mails = try mailKeys(db, ids: Set(audits.compactMap(\.messageId)))
        return audits.map { a in
            let c = change(a)
            var who = a.actor
            if let m = a.messageId, let token = confirmations[m] { who += " (OUI \(token))" }
            return [stamp(a.at), a.familyId ?? "", c.child, labels[a.action] ?? a.action, c.activity, c.day,
                    c.before, c.after, a.messageId.flatMap { mails[$0] } ?? "", who]
        }
    }

    /// « 2027-03-08 10:00 », Paris time: what a French spreadsheet sorts and reads.
    static func stamp(_ d: Date) -> String {
        let p = ParisTime(d)
        return String(format: "%@ %02d:%02d", p.date.iso, p.hour, p.minute)
    }

    /// The OUI token a message confirmed, by ledger id.
    static func confirmedTokens(_ db: Database) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for a in try AuditRecord.filter(Column("action") == "pending-confirmed" && Column("message_id") != nil).fetchAll(db) {
            out[a.messageId!] = String(a.detail.prefix { $0 != " " })
        }
        return out
    }

    /// The mail's Message-ID (or content hash) as the ledger keys it.
    static func mailKeys(_ db: Database, ids: Set<Int64>) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, message_key FROM message WHERE id IN (\(ids.map(String.init).joined(separator: ",")))") {
            var key: String = row["message_key"]
            if key.hasPrefix("mid:") { key = String(key.dropFirst(4).prefix { $0 != "#" }) }
            out[row["id"]] = key
        }
        return out
    }

    struct Change { var child = "", activity = "", day = "", before = "", after = "" }

    static func change(_ a: AuditRecord) -> Change {
        var c = Change()
        let d = a.detail
        // "Prénom (C1) RESTO 2027-03-09 slot…": the words after the child's id.
        var words: [String] = []
        if let open = d.firstIndex(of: "("), let close = d[open...].firstIndex(of: ")") {
            c.child = String(d[d.index(after: open)..<close])
            words = d[d.index(after: close)...].split(separator: " ").map(String.init)
        }
        func slots(_ s: String) -> String {
            s.split(separator: "+").map { AlshSlot(rawValue: String($0))?.shortLabel ?? String($0) }.joined(separator: ", ")
        }
        func booked(_ s: String) -> String { s.isEmpty ? "réservé" : "réservé (\(slots(s)))" }
        switch a.action {
        case "reservation", "reservation-waiting", "cancellation":
            if words.count >= 2 { c.activity = words[0]; c.day = words[1] }
            let slot = words.count >= 3 ? words[2] : ""
            switch a.action {
            case "reservation": c.after = booked(slot)
            case "reservation-waiting": c.after = "liste d’attente" + (slot.isEmpty ? "" : " (\(slots(slot)))")
            default: c.before = booked(slot); c.after = "annulé"
            }
        case "slot-change":
            if words.count >= 5 { c.activity = words[0]; c.day = words[1]; c.before = slots(words[2]); c.after = slots(words[4]) }
        case "waiting-promoted":
            let w = d.split(separator: " ").map(String.init)
            if w.count >= 3 { c.child = w[0]; c.activity = w[1]; c.day = w[2] }
            c.before = "liste d’attente"; c.after = booked(w.count >= 4 ? w[3] : "")
        case "absence", "absence-update":
            if words.count >= 4, words[0] == "du", words[2] == "au" {
                c.day = words[1]
                c.after = "absent du \(words[1]) au \(words[3])"
            }
            c.before = a.action == "absence" ? "" : "absent"
            if d.contains("; certificat") { c.after += ", certificat reçu" }
        case "absence-certificate":
            if let i = words.firstIndex(of: "du"), i + 1 < words.count { c.day = words[i + 1] }
            c.before = "sans certificat"; c.after = "certificat reçu"
        case "einvoice":
            let yes = d.hasSuffix("oui")
            c.before = yes ? "non" : "oui"; c.after = yes ? "oui" : "non"
        case "contact":
            c.after = d
        case "activation":
            c.before = "non activé"; c.after = "activé"
        case "payment":
            let invoice = String(d.prefix { $0 != " " })
            let on = d.components(separatedBy: " le ").dropFirst().first.map { " le " + $0.prefix(10) } ?? ""
            c.before = "facture \(invoice) à payer"; c.after = "facture \(invoice) payée" + on
        default: break
        }
        return c
    }
}
