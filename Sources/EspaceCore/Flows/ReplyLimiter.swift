import Foundation
import GRDB

/// Never flood anyone: per-address and per-kind caps on every reply, and an hourly cap on replies to addresses that
/// are not on file — so that strangers, however many, can never use up the budget that parents' replies need.
public struct ReplyLimiter {
    let limits: Settings.Limits
    let now: Date
    let staff: Set<String>

    public init(limits: Settings.Limits, now: Date, staff: Set<String>) {
        self.limits = limits; self.now = now; self.staff = staff
    }

    func isOnFile(_ address: String, _ db: Database) throws -> Bool {
        if staff.contains(address) { return true }
        // Cached statements: asked for every reply of every mail.
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM guardian WHERE email = ?"), arguments: [address]) ?? 0 > 0
    }

    /// Replies queued to strangers since `?`, counted up to the cap `?`: one range of a covering index, whatever
    /// the number of replies before it (the mark is set by a trigger, see `Schema.registerStrangerReplies`).
    static func strangersSQL(staffList: String) -> String {
        """
        SELECT COUNT(*) FROM (SELECT 1 FROM outbox INDEXED BY outbox_to_strangers
        WHERE to_stranger = 1 AND created_at > ? AND recipient NOT IN (\(staffList)) LIMIT ?)
        """
    }

    /// nil when the reply may be queued, else why not.
    public func refusal(for draft: ReplyDraft, db: Database) throws -> String? {
        let to = draft.to.lowercased()
        let dayAgo = now.addingTimeInterval(-86_400)
        if ["help", "rejection"].contains(draft.kind) {
            let same = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE recipient = ? AND kind IN ('help', 'rejection') AND created_at > ?"),
                                        arguments: [to, StoreDate.text(dayAgo)]) ?? 0
            if same >= 1 { return "déjà une réponse d’aide ou de refus à cette adresse depuis 24 h" }
        }
        // Counted up to the cap only: the answer is "reached or not", and a busy address costs no more than the cap.
        let perAddress = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM outbox WHERE recipient = ? AND created_at > ? LIMIT ?)
            """), arguments: [to, StoreDate.text(dayAgo), limits.repliesPerAddressPerDay]) ?? 0
        if perAddress >= limits.repliesPerAddressPerDay { return "plafond de \(limits.repliesPerAddressPerDay) réponses par jour atteint" }
        if try isOnFile(to, db) { return nil }
        let hourAgo = now.addingTimeInterval(-3_600)
        let staffList = staff.isEmpty ? "''" : staff.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")
        let unknown = try Int.fetchOne(db.cachedStatement(sql: ReplyLimiter.strangersSQL(staffList: staffList)),
                                       arguments: [StoreDate.text(hourAgo), limits.repliesPerHour]) ?? 0
        if unknown >= limits.repliesPerHour {
            return "plafond de \(limits.repliesPerHour) réponses par heure aux adresses inconnues atteint"
        }
        return nil
    }
}
