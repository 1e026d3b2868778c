import ArgumentParser
import EspaceCore
import Foundation
import GRDB

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "État du service : messages à revoir (avec la raison), réponses en attente ou abandonnées, activité du jour.")

    @OptionGroup var config: ConfigOptions

    @Option(help: "Nombre de jours couverts (par défaut 7).")
    var days = 7

    func run() throws {
        let settings = try config.load()
        let store = try Store(path: settings.storePath)
        try ReportCommand.lines(store: store, settings: settings, days: days).forEach { print($0) }
    }

    /// The report, line by line (also what the tests read).
    static func lines(store: Store, settings: Settings, days: Int, now: Date = Date()) throws -> [String] {
        var out: [String] = []
        func print(_ line: String) { out.append(contentsOf: line.components(separatedBy: "\n")) }
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        try store.read { db in
            let counts = try Ledger.stateCounts(receivedAfter: since, db)
            print("Messages des \(days) derniers jours :")
            if counts.isEmpty { print("  aucun") }
            for r in counts {
                let state = r.state
                let label = ["processed": "traités", "review": "à revoir", "ignored": "ignorés (automatiques)",
                             "received": "en cours"][state] ?? state
                print("  \(label) : \(r.count)")
            }
            let review = try MessageRecord.filter(Column("state") == LedgerState.review).order(Column("id").desc).limit(50).fetchAll(db)
            print("\nÀ revoir (dossier « \(settings.folders.review) », les plus récents d’abord) :")
            if review.isEmpty { print("  aucun") }
            for m in review {
                print("  n° \(m.id ?? 0) — \(m.fromAddress) — « \(m.subject) »\n      \(m.outcome)\n      message brut : \(m.rawPath.isEmpty ? "effacé (conservation)" : m.rawPath)")
            }
            let held = try PendingRequests.waiting(db)
            print("\nDemandes en attente de la confirmation d’un parent (OUI) :")
            if held.isEmpty { print("  aucune") }
            for (r, questions) in held {
                print("  \(r.token) — famille \(r.familyId) — \(r.guardianEmail) : \(r.summary)")
                for q in questions { print("      ? \(q)") }
            }
            let pending = try OutboxRecord.filter(Column("sent_at") == nil).order(Column("id")).fetchAll(db)
            print("\nRéponses non envoyées :")
            if pending.isEmpty { print("  aucune") }
            for o in pending {
                let state = o.nextAttemptAt == .distantFuture ? "abandonnée" : "nouvel essai prévu"
                print("  n° \(o.id ?? 0) → \(o.recipient) (\(o.kind)), \(o.attempts) essai(s), \(state) : \(o.lastError ?? "")")
            }
        }
        return out
    }
}
