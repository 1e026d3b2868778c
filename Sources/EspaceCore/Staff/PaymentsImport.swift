import Foundation
import GRDB
import Parsers

/// `maildaemon payments import FILE`: PayFiP returns as CSV `invoice,amount,date,result` (P paid, R refused,
/// A abandoned). P marks the invoice paid on that date; an amount that does not match is reported and not applied.
public struct PaymentsImport {
    public struct Line: Sendable, Equatable {
        public var line: Int
        public var invoice: String
        /// applied | already-paid | refused | abandoned | amount-mismatch | unknown-invoice | invalid
        public var outcome: String
        public var message: String
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var lines: [Line] = []
        public var applied: Int { lines.filter { $0.outcome == "applied" }.count }
        public var description: String {
            (lines.map { "ligne \($0.line) \($0.invoice) : \($0.message)" }
             + ["\(applied) paiement(s) enregistré(s) sur \(lines.count) ligne(s)."]).joined(separator: "\n")
        }
    }

    let store: Store
    let now: Date
    public init(store: Store, now: Date = Date()) { self.store = store; self.now = now }

    public func importFile(_ path: String) throws -> Report {
        try importData(Data(contentsOf: URL(fileURLWithPath: path)), name: (path as NSString).lastPathComponent)
    }

    public func importData(_ data: Data, name: String = "paiements.csv") throws -> Report {
        var data = data
        // The header line is optional.
        let firstLine = String(decoding: data.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        if !firstLine.lowercased().contains("invoice") { data = Data("invoice,amount,date,result\n".utf8) + data }
        let table = try CSVTable(file: name, data: data)
        try table.require(["invoice", "amount", "date", "result"])
        return try store.write { db in
            var report = Report()
            for row in table.rows {
                let id = row["invoice"].trimmedWhitespace
                func add(_ outcome: String, _ message: String) {
                    report.lines.append(Line(line: row.line, invoice: id, outcome: outcome, message: message))
                }
                guard var invoice = try InvoiceRecord.fetchOne(db, key: id) else { add("unknown-invoice", "facture inconnue"); continue }
                let result = row["result"].trimmedWhitespace.uppercased()
                switch result {
                case "R": add("refused", "paiement refusé, facture inchangée"); continue
                case "A": add("abandoned", "paiement abandonné, facture inchangée"); continue
                case "P": break
                default: add("invalid", "résultat « \(row["result"]) » inconnu (P, R ou A attendu)"); continue
                }
                guard let cents = Importer.cents(row["amount"].trimmedWhitespace) else {
                    add("invalid", "montant illisible « \(row["amount"]) »"); continue
                }
                guard let date = Importer.date(row["date"].trimmedWhitespace) else {
                    add("invalid", "date illisible « \(row["date"]) »"); continue
                }
                if invoice.isPaid { add("already-paid", "déjà payée le \(invoice.paidAt ?? "?")"); continue }
                guard cents == invoice.amountCents else {
                    add("amount-mismatch", "montant \(FrenchFormat.amount(cents: cents)) différent du montant dû \(FrenchFormat.amount(cents: invoice.amountCents)) : non appliqué")
                    continue
                }
                invoice.status = "paid"
                invoice.paidAt = date.iso
                try invoice.update(db)
                try AuditRecord.log(db, at: now, message: nil, family: invoice.familyId, actor: "payfip", action: "payment",
                                    detail: "\(invoice.id) payée le \(date.iso) (\(cents) centimes)")
                add("applied", "payée le \(date.iso)")
            }
            return report
        }
    }
}
