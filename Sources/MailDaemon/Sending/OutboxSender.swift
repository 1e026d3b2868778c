import EspaceCore
import Foundation
import GRDB
import Logging

/// Something that submits one finished message (SMTP in production).
protocol ReplyTransport: AnyObject {
    func send(raw: [UInt8], from envelopeFrom: String, to recipients: [String], abort: (() -> Bool)?) throws
}

extension SMTPClient: ReplyTransport {}

/// The sending stage: outbox rows → SMTP, with its own state in the store.
///
/// No mark, no send: a row is marked `sending_at` (committed) before its SMTP transaction and `sent_at` right after.
/// A row still marked `sending` that this process did not mark was left by a process that died in that window: it
/// is sent once more (`resends` 0 → 1) and, if that too is interrupted, given up with an audit row — at least once,
/// at most twice, never a storm. A row whose outcome could not be recorded stays in memory (`unrecorded`) and is
/// never sent again by this process; its record is retried before each pass.
final class OutboxSender: @unchecked Sendable {
    static let maxSendAttempts = 20
    static let batch = 200
    let store: Store
    let settings: Settings
    let log: Logger
    let breaker: CircuitBreaker
    private let makeTransport: () throws -> ReplyTransport
    private var transport: ReplyTransport?
    private let passLock = NSLock()
    private var unrecorded: [Int64: Outcome] = [:]
    /// Test hook: runs after the SMTP server accepted a row, before `sent` is recorded.
    var afterAccepted: ((Int64) -> Void)?

    enum Outcome {
        case sent(Date)
        case failed(attempts: Int, error: String, next: Date)
    }

    struct Tally { var sent = 0, failed = 0 }

    init(settings: Settings, store: Store, log: Logger,
         transport: (() throws -> ReplyTransport)? = nil) {
        self.settings = settings; self.store = store; self.log = log
        breaker = CircuitBreaker(name: "SMTP " + settings.smtp.url)
        makeTransport = transport ?? { try SMTPClient(server: settings.smtp) }
    }

    /// Rows sent but not recorded yet (store unwritable): held here, never sent twice by this process.
    var unrecordedCount: Int { passLock.withLock { unrecorded.count } }

    /// Sends what is due, stopping between two replies when asked or when the server is cooling down.
    func pass(stop: StopFlag = .never) -> Tally {
        passLock.lock()
        defer { passLock.unlock() }
        var tally = Tally()
        recordPending()
        guard breaker.allows() else { return tally }
        do {
            try resolveInterrupted(stop: stop, tally: &tally)
            while !stop.requested, breaker.allows() {
                let held = Array(unrecorded.keys)
                let due = try store.read { db in
                    try OutboxRecord.filter(Column("sent_at") == nil && Column("sending_at") == nil
                                            && Column("next_attempt_at") <= Date() && !held.contains(Column("id")))
                        .order(Column("id")).limit(OutboxSender.batch).fetchAll(db)
                }
                if due.isEmpty { break }
                var progressed = false
                for row in due {
                    if stop.requested || !breaker.allows() { break }
                    guard mark(row.id!, resend: false) else { return tally } // store unwritable: send nothing
                    deliver(row, stop: stop, tally: &tally)
                    progressed = true
                }
                if !progressed { break }
            }
        } catch {
            log.error("envoi des réponses suspendu : \(FailureCause(error).text)")
        }
        return tally
    }

    /// Rows left `sending` by a process that died between marking and recording.
    private func resolveInterrupted(stop: StopFlag, tally: inout Tally) throws {
        let held = Array(unrecorded.keys)
        let rows = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, resends FROM outbox WHERE sent_at IS NULL AND sending_at IS NOT NULL ORDER BY id")
                .map { (id: $0["id"] as Int64, resends: $0["resends"] as Int) }
                .filter { !held.contains($0.id) }
        }
        for r in rows {
            if stop.requested || !breaker.allows() { return }
            if r.resends == 0 {
                guard mark(r.id, resend: true),
                      let row = try store.read({ db in try OutboxRecord.fetchOne(db, key: r.id) }) else { return }
                log.warning("réponse \(r.id) : envoi interrompu par un arrêt, envoyée une seconde fois (au plus une)")
                deliver(row, stop: stop, tally: &tally)
            } else {
                // Interrupted twice: it was very likely sent; a third copy is not worth the risk of a storm.
                try store.write { db in
                    try db.execute(sql: """
                        UPDATE outbox SET sending_at = NULL, next_attempt_at = ?, last_error = ? WHERE id = ?
                        """, arguments: [Date.distantFuture, "envoi interrompu deux fois : non confirmé, pas renvoyé", r.id])
                    let m = try Int64.fetchOne(db, sql: "SELECT message_id FROM outbox WHERE id = ?", arguments: [r.id])
                    try AuditRecord.log(db, at: Date(), message: m, family: nil, actor: "daemon", action: "reply-unconfirmed",
                                        detail: "réponse \(r.id) : envoi interrompu deux fois, pas renvoyée")
                }
                log.error("réponse \(r.id) : envoi interrompu deux fois, non confirmé ; pas renvoyée")
            }
        }
    }

    /// Commits the `sending` mark; false (and nothing sent) when the store cannot record it.
    private func mark(_ id: Int64, resend: Bool) -> Bool {
        do {
            let changed = try store.write { db -> Int in
                if resend {
                    try db.execute(sql: """
                        UPDATE outbox SET sending_at = ?, resends = resends + 1
                        WHERE id = ? AND sent_at IS NULL AND sending_at IS NOT NULL AND resends = 0
                        """, arguments: [Date(), id])
                } else {
                    try db.execute(sql: "UPDATE outbox SET sending_at = ? WHERE id = ? AND sent_at IS NULL AND sending_at IS NULL",
                                   arguments: [Date(), id])
                }
                return db.changesCount
            }
            return changed == 1
        } catch {
            log.error("réponses non envoyées : l’envoi ne peut pas être noté dans \(settings.storePath) (\(FailureCause(error).text))")
            return false
        }
    }

    private func deliver(_ row: OutboxRecord, stop: StopFlag, tally: inout Tally) {
        let id = row.id!
        do {
            let smtp = try transport ?? makeTransport()
            transport = smtp
            try smtp.send(raw: [UInt8](row.raw), from: settings.envelopeFrom ?? settings.serviceAddress, to: [row.recipient],
                          abort: { stop.requested })
            breaker.succeeded()
            afterAccepted?(id)
            unrecorded[id] = .sent(Date())
            tally.sent += 1
        } catch let e as MailTransportError where e.code == 42 {
            // Stopped mid-transaction: the server may or may not have taken it. The `sending` mark stays, so the
            // next start sends it once more (the documented window), never more.
            transport = nil
            log.info("réponse \(id) : envoi interrompu par l’arrêt, elle sera renvoyée une fois au prochain démarrage")
            return
        } catch {
            let attempts = row.attempts + 1
            var next: Date
            if attempts >= OutboxSender.maxSendAttempts {
                next = .distantFuture // about three days of retries: staff see it in the audit and `report`
            } else {
                next = Date().addingTimeInterval(min(pow(2.0, Double(attempts)) * 30, 6 * 3600))
            }
            if CircuitBreaker.isServerLevel(error) {
                transport = nil // a fresh connection next time
                let until = breaker.failed()
                log.warning("\(breaker.name) indisponible (\(error)) : prochain essai à \(until)")
            } else {
                log.warning("réponse \(id) à \(row.recipient) pas encore envoyée : \(error)")
            }
            unrecorded[id] = .failed(attempts: attempts, error: "\(error)", next: next)
            tally.failed += 1
        }
        record(id)
    }

    private func recordPending() {
        for id in unrecorded.keys.sorted() { record(id) }
    }

    /// Writes a row's outcome; on failure it stays in `unrecorded` (the row keeps its `sending` mark).
    private func record(_ id: Int64) {
        guard let outcome = unrecorded[id] else { return }
        do {
            try store.write { db in
                switch outcome {
                case .sent(let at):
                    try db.execute(sql: "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                                   arguments: [at, id])
                case .failed(let attempts, let error, let next):
                    try db.execute(sql: """
                        UPDATE outbox SET sending_at = NULL, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?
                        """, arguments: [attempts, error, next, id])
                    if next == .distantFuture {
                        let row = try Row.fetchOne(db, sql: "SELECT message_id, kind, recipient FROM outbox WHERE id = ?", arguments: [id])
                        try AuditRecord.log(db, at: Date(), message: row?["message_id"], family: nil, actor: "daemon",
                                            action: "reply-abandoned",
                                            detail: "\(row?["kind"] as String? ?? "") → \(row?["recipient"] as String? ?? "") : \(error)")
                    }
                }
            }
            unrecorded[id] = nil
        } catch {
            log.error("réponse \(id) : résultat de l’envoi pas encore noté dans \(settings.storePath) (\(FailureCause(error).text)) ; elle ne sera pas renvoyée")
        }
    }
}
