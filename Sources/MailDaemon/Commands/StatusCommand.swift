import ArgumentParser
import EspaceCore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "État du service en un coup d’œil : dernier message, messages en suspens, boîte d’envoi, messages à revoir, dernière erreur, taille de la base.")

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Sortie JSON (supervision).")
    var json = false

    func run() throws {
        let settings = try config.load()
        let store = try Store(path: settings.storePath)
        let status = try ServiceStatus.read(store: store, path: settings.storePath)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            StatusCommand.lines(status).forEach { print($0) }
        }
    }

    static func lines(_ s: ServiceStatus) -> [String] {
        func when(_ d: Date?) -> String { d.map(FrenchFormat.dateTime) ?? "jamais" }
        return [
            "Dernier relevé de la boîte : \(when(s.lastPollAt))",
            "Dernier message reçu : \(when(s.lastMessageAt))",
            "Dernière activité enregistrée : \(when(s.lastActivityAt))",
            "Messages en suspens (reçus, pas encore traités) : \(s.backlog)",
            "Messages à revoir : \(s.review)",
            "Réponses à envoyer maintenant : \(s.outboxDue) ; en échec, nouvel essai prévu : \(s.outboxFailing) ; abandonnées : \(s.outboxAbandoned)",
            "Dernière erreur d’envoi : " + (s.lastError.map { "\($0) (\(s.lastErrorRecipient ?? "?"))" } ?? "aucune"),
            "Base : \(ByteCountFormatter.string(fromByteCount: s.storeBytes, countStyle: .file))",
        ]
    }
}
