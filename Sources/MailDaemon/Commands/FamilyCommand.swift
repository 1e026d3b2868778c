import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct FamilyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "family",
        abstract: "Consulter le dossier d’une famille.",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Afficher le dossier d’une famille : responsables, enfants, réservations des quatre semaines à venir, absences, factures, demandes en attente.")

        @Argument(help: "Numéro de dossier, ou adresse électronique d’un des responsables.")
        var family: String

        @OptionGroup var config: ConfigOptions

        @Flag(help: "Sortie JSON.")
        var json = false

        @OptionGroup var today: TodayOption

        func run() throws {
            let settings = try config.load()
            let store = try Store(path: settings.storePath)
            let now = try today.day().map { ParisTime(date: $0, hour: 8, minute: 0).instant } ?? Date()
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
            for n in report.notices { print("  Notification : \(n.kind.rawValue) \(n.itemKey), échéance \(n.deadline)") }
        }
    }
}
