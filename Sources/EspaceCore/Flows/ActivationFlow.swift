import Foundation
import GRDB
import Parsers

/// "Création et activation de votre espace" with the key the town mailed to the guardian.
enum ActivationFlow {
    static func apply(key: String?, guardian: GuardianRecord, settings: Settings, now: Date, today: CivilDate,
                      messageId: Int64?, db: Database) throws -> FlowOutcome {
        if guardian.isActive {
            return FlowOutcome(code: "activation-already-active", changed: false, section: .init("activation_already"))
        }
        let dayAgo = now.addingTimeInterval(-86_400)
        let failuresByAddress = try ActivationAttemptCount.failures(db, address: guardian.email, since: dayAgo)
        let failuresByFamily = try ActivationAttemptCount.failures(db, family: guardian.familyId, since: dayAgo)
        let limit = settings.limits.activationFailuresPerDay
        if failuresByAddress >= limit || failuresByFamily >= limit {
            // Not counted as a new failure: the lock ends 24 h after the last real guess.
            return FlowOutcome(code: "activation-locked", changed: false, section: .init("activation_locked"))
        }
        guard let key, !key.isEmpty else {
            return FlowOutcome(code: "activation-no-key", changed: false, section: .init("activation_missing_key"))
        }
        guard let salt = guardian.keySalt, let hash = guardian.keyHash, guardian.keySpentAt == nil else {
            return FlowOutcome(code: "activation-no-key-on-file", changed: false, section: .init("activation_no_key_on_file"))
        }
        if let exp = guardian.keyExpiresOn.flatMap(CivilDate.init(iso:)), exp < today {
            return FlowOutcome(code: "activation-expired", changed: false, section: .init("activation_expired"))
        }
        guard ActivationKey.matches(key, salt: salt, hash: hash) else {
            try record(db, guardian, now, success: false)
            let left = max(0, limit - max(failuresByAddress, failuresByFamily) - 1)
            return FlowOutcome(code: "activation-wrong-key", changed: false,
                               section: .init("activation_wrong_key", ["tries_left": left, "has_tries_left": left > 0]))
        }
        var g = guardian
        g.activatedAt = now
        g.keySpentAt = now
        try g.update(db)
        try record(db, guardian, now, success: true)
        try AuditRecord.log(db, at: now, message: messageId, family: guardian.familyId, actor: guardian.email,
                            action: "activation", detail: "espace activé pour \(guardian.email)")
        return FlowOutcome(code: "activation-ok", changed: true, section: .init("activation_ok"))
    }

    private static func record(_ db: Database, _ g: GuardianRecord, _ now: Date, success: Bool) throws {
        try db.execute(sql: "INSERT INTO activation_attempt(address, family_id, at, success) VALUES (?, ?, ?, ?)",
                       arguments: [g.email, g.familyId, now, success])
    }
}

enum ActivationAttemptCount {
    static func failures(_ db: Database, address: String, since: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activation_attempt WHERE address = ? AND success = 0 AND at > ?",
                         arguments: [address, since]) ?? 0
    }
    static func failures(_ db: Database, family: String, since: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activation_attempt WHERE family_id = ? AND success = 0 AND at > ?",
                         arguments: [family, since]) ?? 0
    }
}
