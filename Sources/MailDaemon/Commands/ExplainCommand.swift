import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Montrer ce que le démon comprend d’un message (expéditeur, demandes) et ce qu’il ferait, sans rien modifier.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    @Argument(help: "Message brut (.eml).")
    var file: String

    @Flag(help: "Sortie JSON.")
    var json = false

    func run() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let day = try today.day() ?? ParisTime(Date()).date
        var settings: Settings
        if config.config != nil || FileManager.default.fileExists(atPath: config.path) {
            settings = try config.load()
        } else {
            settings = Settings(serviceAddress: "famille@localhost", imap: .init(url: "imap://localhost"),
                                smtp: .init(url: "smtp://localhost"))
        }
        // Read as the daemon reads it: the same parser limits (the size bound is in the dry run below).
        let parsed = MessageParser.parse(bytes, limits: MessageIntake.parseLimits(settings))
        let store = try Store(path: FileManager.default.fileExists(atPath: settings.storePath) ? settings.storePath
                                : NSTemporaryDirectory() + "/explain-\(getpid()).sqlite")
        let interp = try store.read { db in
            try Interpreter(settings: settings, today: day).interpret(parsed, returnPath: parsed.headers.raw("Return-Path"), db: db)
        }
        let requests: [[String: Any]] = interp.requests.map { r in
            [
                "intent": r.intent.rawValue,
                "children": r.children,
                "dates": r.dates.map(\.iso),
                "activity": r.activity?.rawValue ?? NSNull(),
                "slot": r.slot?.rawValue ?? NSNull(),
                "key": r.key ?? NSNull(),
                "einvoice": r.einvoice.map { $0 as Any } ?? NSNull(),
                "certificate": r.certificate,
                "confidence": r.confidence.rawValue,
                "doubts": r.doubts.map(\.french),
                "evidence": ["sentence": r.evidence.sentence, "children": r.evidence.children,
                             "dates": r.evidence.dates, "activity": r.evidence.activity],
            ]
        }
        // Dry run: the daemon's own decision on these bytes (size bound, trust, flows, reply caps) inside a
        // transaction that is rolled back — nothing is kept, no certificate file either.
        settings.attachmentsDir = NSTemporaryDirectory() + "/explain-attachments-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: settings.attachmentsDir) }
        let now = ParisTime(date: day, hour: 8, minute: 0).instant
        let (outcome, wouldChange) = try MessageHandler(settings: settings, now: now, today: day).dryRun(raw: bytes, store: store)
        let out: [String: Any] = [
            "sender": interp.sender,
            "forwarded_by": interp.forwardedBy ?? NSNull(),
            "requests": requests,
            "dry_run": ["outcome": outcome, "would_change": wouldChange],
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Expéditeur : \(interp.sender)" + (interp.forwardedBy.map { " (transféré par \($0))" } ?? ""))
            if let why = interp.automated { print("Message automatique, aucune réponse : \(why)") }
            if let why = interp.automatedDoubt { print("Message probablement automatique, confié à une personne : \(why)") }
            if let why = interp.forwardedFailure { print("Transfert non traité : \(why)") }
            print("Si le démon le traitait : \(outcome)\(wouldChange ? " (modifie le dossier)" : " (ne modifie rien)")")
            for r in interp.requests {
                print("- \(r.intent.rawValue) [\(r.confidence.rawValue)] enfants: \(r.children.joined(separator: ", ")) dates: \(r.dates.map(\.iso).joined(separator: ", ")) activité: \(r.activity?.rawValue ?? "-") créneau: \(r.slot?.rawValue ?? "-")")
                if !r.evidence.sentence.isEmpty {
                    print("    lu dans : « \(r.evidence.sentence) »" + (r.evidence.dates.isEmpty ? "" : " (dates : \(r.evidence.dates.joined(separator: " ; ")))"))
                }
                for d in r.doubts { print("    ? \(d.french)") }
            }
        }
    }
}
