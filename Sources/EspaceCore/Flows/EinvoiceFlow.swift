import Foundation
import GRDB
import Parsers

/// "Factures en ligne" oui / non: the choice and its date are recorded on the family.
enum EinvoiceFlow {
    static func apply(_ r: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        let wanted = r.einvoice ?? true
        var family = try FamilyRecord.fetchOne(db, key: ctx.family.id) ?? ctx.family
        let before = family.einvoice
        let unchanged = before == wanted
        if !unchanged {
            family.einvoice = wanted
            family.einvoiceChangedAt = ctx.now
            try family.update(db)
            try ctx.audit(db, "einvoice", wanted ? "factures en ligne : oui" : "factures en ligne : non")
        }
        return FlowOutcome(code: unchanged ? "einvoice-unchanged" : "einvoice-ok", changed: !unchanged,
                           section: .init("einvoice_result", [
                               "einvoice": wanted, "unchanged": unchanged,
                               "since": family.einvoiceChangedAt.map { FrenchFormat.date(ParisTime($0).date) } ?? "",
                               "has_since": family.einvoiceChangedAt != nil,
                           ]))
    }
}
