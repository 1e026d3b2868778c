import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct FamilyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "family",
        abstract: "Consult a family's file.",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a family's file: guardians, children, bookings for four weeks, absences, invoices, pending requests.")

        @Argument(help: "Family id, or the email address of one of its guardians.")
        var family: String

        @Option(help: "Configuration file (JSON).")
        var config: String

        @Flag(help: "Print JSON.")
        var json = false

        @Option(help: "Processing day (YYYY-MM-DD), for replays; defaults to now.")
        var today: String?

        func run() throws {
            let settings = try Settings.load(path: config)
            let store = try Store(path: settings.storePath)
            var now = Date()
            if let today {
                guard let d = Importer.date(today) else { throw ValidationError("date invalide : \(today)") }
                now = ParisTime(date: d, hour: 12, minute: 0).instant
            }
            let report = try store.read { db -> FamilyReport? in
                guard let id = try FamilyReport.resolveFamilyId(family, db) else { return nil }
                return try FamilyReport.build(familyId: id, settings: settings, now: now, db)
            }
            guard let report else {
                FileHandle.standardError.write(Data("famille introuvable : \(family)\n".utf8))
                throw ExitCode(1)
            }
            if json { print(report.json); return }
            print("Famille \(report.name) (\(report.familyId)) — \(report.address), \(report.postalCode) \(report.city)")
            print("Factures en ligne : \(report.einvoice ? "oui" : "non")")
            for g in report.guardians {
                print("  Responsable : \(g.firstName) \(g.lastName) <\(g.email)> \(g.phone)\(g.active ? "" : " (espace non activé)")")
            }
            for c in report.children {
                print("  Enfant : \(c.firstName) \(c.lastName) (\(c.id)) \(c.school) \(c.grade)")
                for b in c.bookings { print("    \(b.date) \(b.activityId) \(b.slot) \(b.status)") }
                for a in c.absences {
                    print("    absence \(a.firstDay)…\(a.lastDay) \(a.justified ? "justifiée" : "non justifiée")\(a.certificateDue ? " (certificat attendu avant le \(a.certificateDeadline))" : "")")
                }
            }
            for i in report.invoices {
                print("  Facture \(i.id) \(i.label) \(i.amountCents) c échéance \(i.dueDate) \(i.paid ? "payée \(i.paidAt ?? "")" : "à payer")")
            }
            for p in report.pending { print("  En attente : \(p.token) \(p.summary)") }
        }
    }
}
