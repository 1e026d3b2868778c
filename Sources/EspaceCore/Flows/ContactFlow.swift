import Foundation
import GRDB
import Parsers

/// "Mes coordonnées": phone and postal address change after the parent's OUI; an email address change is
/// confirmed from the new address.
enum ContactFlow {
    static func describe(_ c: ContactChange) -> [String] {
        var out: [String] = []
        if let p = c.phone { out.append("téléphone : \(p)") }
        let postal = [c.address, [c.postalCode, c.city].compactMap { $0 }.joined(separator: " ")]
            .compactMap { $0 }.filter { !$0.isEmpty }
        if !postal.isEmpty { out.append("adresse : \(postal.joined(separator: ", "))") }
        if let e = c.email { out.append("adresse électronique : \(e)") }
        return out
    }

    /// Always held: the reply shows the new details and asks for OUI.
    static func apply(_ r: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        guard let change = r.contact, !describe(change).isEmpty else {
            return RequestFlows.missing(r, ctx, questions: ["Quelles sont vos nouvelles coordonnées (téléphone, adresse postale ou adresse électronique) ?"])
        }
        let email = change.email?.lowercased()
        let emailTaken = try email.map { try GuardianRecord.filter(Column("email") == $0).fetchOne(db) != nil } ?? false
        var extra: [String: Any] = [
            "new_phone": change.phone ?? "", "has_new_phone": change.phone != nil,
            "new_address": [change.address, [change.postalCode, change.city].compactMap { $0 }.joined(separator: " ")]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
            "has_new_address": change.address != nil || change.postalCode != nil || change.city != nil,
            "new_email": email ?? "", "has_new_email": email != nil,
            "email_taken": emailTaken,
            "old_email": ctx.guardian.email,
        ]
        extra["details"] = describe(change)
        if emailTaken {
            return FlowOutcome(code: "contact-email-taken", changed: false, section: .init("contact_pending", extra))
        }
        return try PendingRequests.hold(r, ctx, db, section: "contact_pending", extra: extra)
    }

    /// After OUI: applies the change (the email part only when the OUI comes from the new address).
    static func applyConfirmed(_ r: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        let change = r.contact ?? ContactChange()
        var guardian = try GuardianRecord.fetchOne(db, key: ctx.guardian.id) ?? ctx.guardian
        var family = try FamilyRecord.fetchOne(db, key: ctx.family.id) ?? ctx.family
        var applied: [String] = []
        if let p = change.phone, p != guardian.phone {
            guardian.phone = p
            applied.append("téléphone : \(p)")
        }
        if change.address != nil || change.postalCode != nil || change.city != nil {
            if let a = change.address { family.address = a }
            if let z = change.postalCode { family.postalCode = z }
            if let c = change.city { family.city = c }
            try family.update(db)
            applied.append("adresse : \(family.address), \(family.postalCode) \(family.city)")
        }
        if let e = change.email?.lowercased(), e != guardian.email {
            // Reached only from the new address (checked by PendingRequests.confirm).
            try db.execute(sql: "INSERT INTO email_change(old_email, guardian_id, changed_at) VALUES (?, ?, ?)",
                           arguments: [guardian.email, guardian.id, ctx.now])
            try db.execute(sql: "DELETE FROM email_change WHERE old_email = ?", arguments: [e])
            guardian.email = e
            applied.append("adresse électronique : \(e)")
        }
        try guardian.update(db)
        if !applied.isEmpty { try ctx.audit(db, "contact", applied.joined(separator: " ; ")) }
        return FlowOutcome(code: "contact-ok", changed: !applied.isEmpty,
                           section: .init("contact_applied", ["details": applied, "has_details": !applied.isEmpty]))
    }
}
