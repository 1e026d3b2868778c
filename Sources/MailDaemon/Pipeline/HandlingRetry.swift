import EspaceCore
import Foundation
import GRDB

/// Retries of a message whose transaction did not commit. Each interrupted attempt is counted in the ledger
/// (`message.attempts`, committed before the retry runs, so a kill during the retry counts too); after
/// `maxAttempts` failed attempts the message is poison and goes to review. Transient failures seen by this process
/// (disk full, store locked) are not the message's fault and do not count.
struct HandlingRetry {
    let store: Store
    let maxAttempts: Int
    private var transient: Set<Int64> = []

    enum Decision: Equatable {
        /// Try again; `attempt` is the number of this attempt (2 for the first retry).
        case retry(attempt: Int)
        /// Filed for review with this reason (French, staff-facing).
        case poison(String)
    }

    init(store: Store, maxAttempts: Int) {
        self.store = store
        self.maxAttempts = max(1, maxAttempts)
    }

    mutating func deferred(_ ledgerId: Int64, cause: FailureCause) {
        transient.insert(ledgerId)
        // Best effort: the store may be the thing that is failing.
        try? store.write { db in
            try Ledger.noteOutcome(ledgerId, outcome: "en attente (erreur passagère : \(cause))", ifState: .received, db)
        }
    }

    /// Decides for a ledger row still `received`; commits the attempt count (or the review state) first.
    mutating func decide(_ message: MessageRecord) throws -> Decision {
        let id = message.id!
        if transient.remove(id) != nil {
            let retries = try store.read { db in try Ledger.attempts(id, db) }
            return .retry(attempt: retries + 1)
        }
        return try store.write { db in
            let retries = try Ledger.attempts(id, db)
            let failed = retries + 1 // the first attempt plus the retries already started
            if failed >= maxAttempts {
                let why = "traitement interrompu \(failed) fois sans aboutir (arrêt brutal ou plantage) ; mis de côté, à vérifier"
                try Ledger.markPoison(id, outcome: why, db)
                try AuditRecord.log(db, at: Date(), message: id, family: nil, actor: "daemon", action: "message-poison", detail: why)
                return .poison(why)
            }
            try Ledger.countAttempt(id, db)
            return .retry(attempt: failed + 1)
        }
    }
}
