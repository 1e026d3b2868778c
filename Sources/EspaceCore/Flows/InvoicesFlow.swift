import Foundation
import GRDB
import Parsers

/// "Mes factures": each invoice, and a PayFiP link for each unpaid one.
enum InvoicesFlow {
    static func apply(_ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        let invoices = try FamilyReport.invoices(familyId: ctx.family.id, email: ctx.guardian.email, settings: ctx.settings, db)
        let items = invoices.map(\.templateData)
        let unpaid = invoices.filter { !$0.paid }
        return FlowOutcome(code: "invoices", changed: false, section: .init("invoices_list", [
            "invoices": items, "has_invoices": !items.isEmpty,
            "unpaid_count": unpaid.count, "has_unpaid": !unpaid.isEmpty,
            "unpaid_total": FrenchFormat.amount(cents: unpaid.reduce(0) { $0 + $1.amountCents }),
        ]))
    }
}

/// "Mon espace": the family's page by email.
enum SummaryFlow {
    static func apply(_ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        guard let report = try FamilyReport.build(familyId: ctx.family.id, settings: ctx.settings, now: ctx.now,
                                                  linkEmail: ctx.guardian.email, db) else {
            return FlowOutcome(code: "summary-no-family", changed: false, section: .init("not_available", ["intent": "summary"]))
        }
        return FlowOutcome(code: "summary", changed: false, section: .init("summary", report.templateData))
    }
}
