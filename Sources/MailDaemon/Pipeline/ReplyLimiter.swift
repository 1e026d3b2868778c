import EspaceCore
import Foundation
import GRDB

/// Never flood anyone: per-address, per-kind and overall caps on automatic replies.
struct ReplyLimiter {
    let limits: Settings.Limits
    let now: Date

    /// nil when the reply may be queued, else why not.
    func refusal(for draft: ReplyDraft, db: Database) throws -> String? {
        let to = draft.to.lowercased()
        let dayAgo = now.addingTimeInterval(-86_400)
        if ["help", "rejection"].contains(draft.kind) {
            let same = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND kind = ? AND created_at > ?",
                                        arguments: [to, draft.kind, dayAgo]) ?? 0
            if same >= 1 { return "déjà une réponse « \(draft.kind) » à cette adresse depuis 24 h" }
        }
        let perAddress = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND created_at > ?",
                                          arguments: [to, dayAgo]) ?? 0
        if perAddress >= limits.repliesPerAddressPerDay { return "plafond de \(limits.repliesPerAddressPerDay) réponses par jour atteint" }
        let hourAgo = now.addingTimeInterval(-3_600)
        let overall = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE created_at > ?", arguments: [hourAgo]) ?? 0
        if overall >= limits.repliesPerHour { return "plafond global de \(limits.repliesPerHour) réponses par heure atteint" }
        return nil
    }
}
