import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Lettre du matin au service : effectifs et repas du prochain jour d’ouverture, enfants inscrits, absences, listes d’attente, messages à revoir, réponses non envoyées.",
        discussion: """
        Sans --print, la lettre est mise dans la boîte d’envoi (le démon l’envoie) pour staff_digest.to, sinon
        les adresses staff, une seule fois par jour, à partir de staff_digest.hour (heure de Paris) les jours
        staff_digest.weekdays (1 = lundi). Avec une section staff_digest, run l’envoie lui-même ; sans le service,
        un minuteur (deploy/maildaemon-digest.timer) peut appeler cette commande chaque heure.
        """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    @Flag(help: "Écrire la lettre (texte) sur la sortie standard, sans rien envoyer ni enregistrer.")
    var print = false

    func run() throws {
        let settings = try config.load()
        let digestSettings = try DigestSettings.load(path: config.path, settings: settings)
        let store = try Store(path: settings.storePath)
        let fixed = try today.day()
        let now = fixed.map { ParisTime(date: $0, hour: digestSettings.hour, minute: 0).instant } ?? Date()
        let day = ParisTime(now).date
        let composer = try ReplyComposer(settings: settings)
        let digest = try store.read { try StaffDigest.build($0, today: day, now: now) }
        let mail = DigestMail(digest: digest, composer: composer)
        if print {
            Swift.print(try mail.text(), terminator: "")
            return
        }
        Swift.print(try DigestCommand.queue(mail, store: store, settings: digestSettings, today: day, now: now,
                                            checkSchedule: fixed == nil))
    }

    /// Queues the mail for each recipient and records the day in one transaction: a second run the same day finds
    /// the record and queues nothing. Returns what happened, in French.
    static func queue(_ mail: DigestMail, store: Store, settings: DigestSettings, today: CivilDate, now: Date,
                      checkSchedule: Bool) throws -> String {
        guard !settings.to.isEmpty else {
            throw ValidationError("aucun destinataire : indiquez staff_digest.to ou staff dans la configuration")
        }
        if checkSchedule {
            guard settings.weekdays.contains(today.weekday) else { return "Pas de lettre le \(FrenchFormat.date(today)) (staff_digest.weekdays)." }
            guard ParisTime(now).hour >= settings.hour else {
                return "Pas encore l’heure : la lettre part à partir de \(FrenchFormat.hour(settings.hour)) (staff_digest.hour)."
            }
        }
        // Rendered before the transaction: a template error changes nothing.
        let messages = try settings.to.map { ($0.lowercased(), try mail.message(to: $0, now: now)) }
        return try store.write { db in
            if try StaffDigest.alreadySent(db, on: today) { return "Lettre du \(FrenchFormat.date(today)) déjà envoyée : rien de plus." }
            for (to, m) in messages {
                var row = OutboxRecord(id: nil, messageId: nil, kind: "staff-digest", recipient: to, rfc822MessageId: m.messageId,
                                       raw: Data(m.raw), createdAt: now, attempts: 0, nextAttemptAt: Date(), sentAt: nil,
                                       lastError: nil)
                try row.insert(db)
            }
            try StaffDigest.recordSent(db, on: today, for: mail.digest.day, to: messages.map(\.0), now: now)
            return "Lettre du \(FrenchFormat.date(today)) mise en boîte d’envoi pour \(messages.map(\.0).joined(separator: ", "))."
        }
    }
}
