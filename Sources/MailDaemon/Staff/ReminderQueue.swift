import EspaceCore
import Foundation
import GRDB
import Parsers

/// Queues the day's reminders in the outbox (the sending stage sends them): one mail per family and address with
/// every item still due and never reminded to that address, each recorded (`reminder` table, audit) in the same
/// transaction as its outbox row. Only guardians whose space is active get one; the reply caps apply.
struct ReminderQueue {
    let settings: Settings
    let store: Store
    let composer: ReplyComposer

    struct Queued { var recipient: String; var familyId: String; var items: [ReminderItem] }
    struct Outcome {
        var queued: [Queued] = []
        /// Address and why the caps held it back (tried again the next day while still due).
        var capped: [(recipient: String, reason: String)] = []
        /// Families with an item due but no active guardian (nothing sent).
        var noAddress: [String] = []
        /// Items already reminded to an address.
        var alreadySent = 0
    }

    func run(now: Date, dryRun: Bool = false) throws -> Outcome {
        var out = Outcome()
        let items = try store.read { try Reminders.due($0, settings: settings, now: now) }
        // By family, in the order the items came (kind, then family).
        var order: [String] = [], byFamily: [String: [ReminderItem]] = [:]
        for item in items {
            if byFamily[item.familyId] == nil { order.append(item.familyId) }
            byFamily[item.familyId, default: []].append(item)
        }
        for family in order {
            let due = byFamily[family]!
            // One transaction per family: a family is reminded completely or not at all, and a large town never
            // holds the store for long.
            let step: (Database) throws -> Void = { db in
                let guardians = try Reminders.recipients(db, familyId: family)
                if guardians.isEmpty { out.noAddress.append(family); return }
                let limiter = ReplyLimiter(limits: settings.limits, now: now, staff: settings.staffAddresses)
                for g in guardians {
                    let to = g.email.lowercased()
                    guard to != settings.serviceAddress.lowercased() else { continue }
                    let todo = try due.filter { !(try Reminders.alreadySent(db, $0, to: to)) }
                    out.alreadySent += due.count - todo.count
                    guard !todo.isEmpty else { continue }
                    let draft = ReplyDraft(kind: "reminder", to: to, subject: Self.subject(todo), greetingName: g.firstName,
                                           sections: todo.map { .init($0.kind.template, $0.templateData(settings: settings, email: to)) },
                                           threaded: false, standalone: true)
                    if let why = try limiter.refusal(for: draft, db: db) {
                        out.capped.append((to, why))
                        if !dryRun {
                            try AuditRecord.log(db, at: now, message: nil, family: family, actor: "daemon", action: Reminders.cappedAction,
                                                detail: "\(todo.map { "\($0.kind.rawValue) \($0.itemKey)" }.joined(separator: ", ")) → \(to) : \(why)")
                        }
                        continue
                    }
                    out.queued.append(Queued(recipient: to, familyId: family, items: todo))
                    if dryRun { continue }
                    let (bytes, messageId) = try composer.compose(draft, inReplyTo: nil, references: [], now: now, generated: true)
                    var row = OutboxRecord(id: nil, messageId: nil, kind: "reminder", recipient: to, rfc822MessageId: messageId,
                                           raw: Data(bytes), createdAt: now, attempts: 0, nextAttemptAt: Date(), sentAt: nil,
                                           lastError: nil)
                    try row.insert(db)
                    for item in todo { try Reminders.record(db, item, to: to, outboxId: row.id, now: now) }
                }
            }
            if dryRun { try store.read(step) } else { try store.write(step) }
        }
        return out
    }

    /// French, like everything a parent reads.
    static func subject(_ items: [ReminderItem]) -> String {
        let n = FrenchFormat.nbsp
        let kinds = Set(items.map(\.kind))
        guard kinds.count == 1, let first = items.first else { return "Espace Famille\(n): rappels" }
        func day(_ iso: String) -> String { CivilDate(iso: iso).map(FrenchFormat.date) ?? iso }
        switch first.kind {
        case .missingCertificate: return "Espace Famille\(n): certificat médical attendu avant le \(day(first.deadline))"
        case .unpaidInvoice:
            return items.count == 1 ? "Espace Famille\(n): facture à régler avant le \(day(first.deadline))"
                                    : "Espace Famille\(n): factures à régler"
        case .bookingWindow: return "Espace Famille\(n): inscriptions aux vacances jusqu’au \(day(first.deadline))"
        }
    }

    /// What `remind` prints, in French.
    static func describe(_ o: Outcome, dryRun: Bool) -> [String] {
        var lines: [String] = []
        let verb = dryRun ? "à envoyer (simulation, rien n’est enregistré)" : "mis en boîte d’envoi"
        lines.append("Rappels \(verb)\(FrenchFormat.nbsp): \(o.queued.count)")
        for q in o.queued {
            lines.append("  \(q.recipient) (dossier \(q.familyId))\(FrenchFormat.nbsp): " + q.items.map { "\($0.kind.rawValue) \($0.itemKey), échéance \($0.deadline)" }.joined(separator: " ; "))
        }
        if o.alreadySent > 0 { lines.append("Déjà rappelés, non renvoyés\(FrenchFormat.nbsp): \(o.alreadySent)") }
        for c in o.capped { lines.append("Retenu par les plafonds\(FrenchFormat.nbsp): \(c.recipient) — \(c.reason)") }
        if !o.noAddress.isEmpty {
            lines.append("Sans adresse active (aucun rappel par courriel)\(FrenchFormat.nbsp): dossier(s) \(o.noAddress.joined(separator: ", "))")
        }
        return lines
    }
}
