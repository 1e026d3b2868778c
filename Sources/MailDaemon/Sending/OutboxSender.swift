import EspaceCore
import Foundation
import GRDB
import Logging

/// Something that submits one finished message (SMTP in production).
protocol ReplyTransport: AnyObject {
    func send(raw: [UInt8], from envelopeFrom: String, to recipients: [String], abort: (() -> Bool)?,
              dataEnd: (() -> Void)?) throws
}

extension SMTPClient: ReplyTransport {}

/// The sending stage: outbox rows → SMTP, with its own state in the store.
///
/// No mark, no send: rows are marked `sending_at` (committed and fsynced) before their SMTP transactions. The
/// `SentJournal` gets a `data` line when a message is out and its final "." is next, and a `sent` line at the 250
/// (each one `write`, no lock to wait for); then the batch's outcomes are committed together. A row still marked
/// `sending` that this process did not mark was left by a sender that died: with a `sent` line it is recorded as
/// sent; with no line its DATA never ended, so no copy exists and it is simply sent; with a `data` line only it is
/// in doubt — sent once more (`resends` 0 → 1) and, if that too is interrupted, given up with an audit row: at least
/// once, at most twice, never a storm. So the only window for a second copy is a death between the `data` line and
/// the `sent` line: the server's own processing of the message. An outcome the store cannot record stays in memory
/// (`unrecorded`) and in the journal, and is never sent again by this process; its record is retried before each
/// pass.
///
/// Replies go over a small pool of SMTP connections in parallel. The first reply of a pass goes alone, so a server
/// that is down costs one try (then the circuit breaker holds the rest).
final class OutboxSender: @unchecked Sendable {
    static let maxSendAttempts = 20
    /// SMTP connections used in parallel once the server answered.
    static let connections = 3
    /// Rows marked `sending` in one commit and sent over the pool. A kill costs no copy for the rows whose DATA did
    /// not end (at most one per connection did), so the batch is sized for the store: two commits and one fsync per
    /// batch, which at 6 rows cost as much CPU as the sending itself during a backlog.
    static let claim = 24
    let store: Store
    let settings: Settings
    let log: Logger
    let breaker: CircuitBreaker
    let journal: SentJournal
    private let makeTransport: () throws -> ReplyTransport
    /// One connection per pool slot, each used by one thread at a time.
    private final class Slot { var transport: ReplyTransport? }
    private let slots = (0..<OutboxSender.connections).map { _ in Slot() }
    private let passLock = NSLock()
    private var unrecorded: [Int64: Outcome] = [:]
    /// True until a reply is accepted, and again after a server-level failure.
    private var probe = true
    /// Look for `sending` rows left by an interrupted transaction: at the first pass, and after a stop aborted one.
    private var sweep = true
    /// Test hook: runs after the SMTP server accepted a row, before `sent` is recorded.
    var afterAccepted: ((Int64) -> Void)?
    /// Test hook: runs once a row's DATA is out and journaled, before the final "." is answered.
    var afterDataEnd: ((Int64) -> Void)?

    enum Outcome {
        case sent(Date)
        case failed(attempts: Int, error: String, next: Date)
        /// Marked `sending` but not tried (stop, server cooling down): the mark is taken back.
        case released
    }

    struct Tally { var sent = 0, failed = 0 }
    private var running = Tally()
    /// Everything this sender sent and failed since it was made.
    var totals: Tally { passLock.withLock { running } }

    init(settings: Settings, store: Store, log: Logger,
         transport: (() throws -> ReplyTransport)? = nil) {
        self.settings = settings; self.store = store; self.log = log
        breaker = CircuitBreaker(name: "SMTP " + settings.smtp.url)
        journal = SentJournal(path: settings.storePath + ".sent")
        makeTransport = transport ?? { try SMTPClient(server: settings.smtp) }
    }

    /// Rows sent but not recorded yet (store unwritable): held here, never sent twice by this process.
    var unrecordedCount: Int { passLock.withLock { unrecorded.values.filter { if case .released = $0 { false } else { true } }.count } }

    /// Sends what is due, stopping between two replies when asked or when the server is cooling down. `stop` also
    /// aborts the SMTP transaction in flight (SIGTERM: exit within seconds); `finish` lets it complete and record
    /// (the daemon that started this sender died: its last reply is not left in doubt).
    func pass(stop: StopFlag = .never, finish: StopFlag = .never) -> Tally {
        passLock.lock()
        defer { passLock.unlock() }
        // One sender per store at a time, across processes: a sender left by a killed daemon finishes its reply and
        // records it before another one looks for replies left `sending`.
        let exclusive = SenderLock(path: settings.storePath + ".sending.lock")
        if !exclusive.tryAcquire() {
            log.info("envoi : un autre processus envoie pour cette base ; attente de la fin de son envoi en cours")
            exclusive.acquire()
        }
        defer { exclusive.release() }
        let stop = Stops(abort: stop, finish: finish)
        var tally = Tally()
        defer { running.sent += tally.sent; running.failed += tally.failed }
        guard flush() else { return tally } // the store cannot record anything: mark nothing, send nothing
        guard breaker.allows() else { return tally }
        do {
            try resolveInterrupted(stop: stop, tally: &tally)
            while !stop.requested, breaker.allows() {
                let held = Set(unrecorded.keys)
                // Until the server has accepted a reply (start, or after it failed), one reply probes it alone.
                let width = probe ? 1 : OutboxSender.claim
                let ids = try store.read { db in try Ledger.dueReplies(limit: width, now: Date(), excluding: held, db: db) }
                if ids.isEmpty { break }
                guard let rows = mark(ids) else { return tally } // store unwritable: send nothing
                send(rows, stop: stop, tally: &tally)
                guard flush() else { return tally }
            }
        } catch {
            log.error("envoi des réponses suspendu : \(FailureCause(error).text)")
        }
        return tally
    }

    /// Rows left `sending` in doubt (DATA ended, no 250 journaled) by a sender that died.
    private func resolveInterrupted(stop: Stops, tally: inout Tally) throws {
        let held = Array(unrecorded.keys)
        let rows = try store.read { db in try OutboxQueries.inDoubt(db).filter { !held.contains($0.id) } }
        for r in rows {
            if stop.requested || !breaker.allows() { return }
            if r.resends == 0 {
                // One at a time: a kill during this re-send gives up this row only.
                guard let row = try markResend(r.id) else { return }
                log.warning("réponse \(r.id) : envoi interrompu par un arrêt, envoyée une seconde fois (au plus une)")
                send([row], stop: stop, tally: &tally)
                guard flush() else { return }
            } else {
                // Interrupted twice: it may have been sent; a third copy is not worth the risk of a storm.
                try store.write { db in
                    try OutboxQueries.park(r.id, reason: "envoi interrompu deux fois : non confirmé, pas renvoyé", db)
                    let m = try OutboxQueries.messageId(of: r.id, db)
                    try AuditRecord.log(db, at: Date(), message: m, family: nil, actor: "daemon", action: "reply-unconfirmed",
                                        detail: "réponse \(r.id) : envoi interrompu deux fois, pas renvoyée")
                }
                log.error("réponse \(r.id) : envoi interrompu deux fois, non confirmé ; pas renvoyée")
            }
        }
    }

    /// Commits the `sending` mark on these rows and makes it durable; nil (and nothing sent) when the store cannot.
    private func mark(_ ids: [Int64]) -> [OutboxRecord]? {
        do {
            let rows = try store.write { db -> [OutboxRecord] in
                let now = Date()
                var marked: [Int64] = []
                for id in ids where try OutboxQueries.markSending(id, at: now, db) { marked.append(id) }
                // One cached statement per row: a query built for the batch's key list is compiled every time.
                let byId = try db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ?")
                return try marked.sorted().compactMap { try OutboxRecord.fetchOne(byId, arguments: [$0]) }
            }
            try store.makeDurable()
            return rows
        } catch {
            log.error("réponses non envoyées : l’envoi ne peut pas être noté dans \(settings.storePath) (\(FailureCause(error).text))")
            return nil
        }
    }

    private func markResend(_ id: Int64) throws -> OutboxRecord? {
        do {
            let row = try store.write { db -> OutboxRecord? in
                try OutboxQueries.markResend(id, at: Date(), db) ? try OutboxRecord.fetchOne(db, key: id) : nil
            }
            try store.makeDurable()
            return row
        } catch {
            log.error("réponses non envoyées : l’envoi ne peut pas être noté dans \(settings.storePath) (\(FailureCause(error).text))")
            return nil
        }
    }

    /// Sends marked rows over the pool; each row ends with an outcome in `unrecorded`, or none when a stop aborted it
    /// mid-transaction (its `sending` mark stays: re-sent once at the next start).
    private func send(_ rows: [OutboxRecord], stop: Stops, tally: inout Tally) {
        let batch = Batch(rows)
        let from = settings.envelopeFrom ?? settings.serviceAddress
        let work = { @Sendable [self] (slot: Int) in
            while let row = batch.take() {
                if stop.requested || !breaker.allows() {
                    batch.done(row.id!, .released)
                } else {
                    batch.done(row.id!, deliver(row, from: from, slot: slot, stop: stop))
                }
            }
        }
        let width = min(rows.count, OutboxSender.connections)
        if width <= 1 {
            work(0)
        } else {
            let group = DispatchGroup()
            for slot in 0..<width {
                group.enter()
                let t = Thread { work(slot); group.leave() }
                t.name = "smtp-\(slot)"
                t.start()
            }
            group.wait()
        }
        for (id, outcome) in batch.outcomes {
            guard let outcome else { sweep = true; continue } // aborted mid-transaction
            unrecorded[id] = outcome
            switch outcome {
            case .sent: tally.sent += 1; probe = false
            case .failed: tally.failed += 1
            case .released: break
            }
        }
        if !breaker.allows() { probe = true }
    }

    /// Between two replies both end the pass; only `abort` cuts the transaction in flight.
    private struct Stops: Sendable {
        let abort: StopFlag
        let finish: StopFlag
        var requested: Bool { abort.requested || finish.requested }
    }

    /// Rows handed to the pool threads one by one, and what became of each.
    private final class Batch: @unchecked Sendable {
        private let lock = NSLock()
        private let rows: [OutboxRecord]
        private var next = 0
        private var results: [(Int64, Outcome?)] = []
        init(_ rows: [OutboxRecord]) { self.rows = rows }
        func take() -> OutboxRecord? {
            lock.withLock {
                guard next < rows.count else { return nil }
                defer { next += 1 }
                return rows[next]
            }
        }
        func done(_ id: Int64, _ outcome: Outcome?) { lock.withLock { results.append((id, outcome)) } }
        var outcomes: [(Int64, Outcome?)] { lock.withLock { results } }
    }

    /// One SMTP transaction on connection `slot`. Runs on a pool thread: touches only that slot's transport.
    private func deliver(_ row: OutboxRecord, from: String, slot: Int, stop: Stops) -> Outcome? {
        let id = row.id!
        do {
            let smtp = try slots[slot].transport ?? makeTransport()
            slots[slot].transport = smtp
            try smtp.send(raw: [UInt8](row.raw), from: from, to: [row.recipient], abort: { stop.abort.requested },
                          dataEnd: { [journal, afterDataEnd] in
                              journal.append(id, at: Date(), event: .dataEnd)
                              afterDataEnd?(id)
                          })
            let at = Date()
            // First thing after the 250: the acceptance on disk, before anything that can wait.
            if !journal.append(id, at: at) {
                log.warning("réponse \(id) : acceptation non inscrite dans \(journal.path)")
            }
            breaker.succeeded()
            afterAccepted?(id)
            return .sent(at)
        } catch let e as MailTransportError where e.code == 42 {
            // Stopped before the end of its DATA (a stop never cuts a transaction after it): the server has no copy.
            // The `sending` mark stays, with no `data` line, so the next start simply sends it.
            slots[slot].transport = nil
            log.info("réponse \(id) : envoi interrompu par l’arrêt avant la fin du message, elle partira au prochain démarrage")
            return nil
        } catch {
            let attempts = row.attempts + 1
            var next: Date
            if attempts >= OutboxSender.maxSendAttempts {
                next = .distantFuture // about three days of retries: staff see it in the audit and `report`
            } else {
                next = Date().addingTimeInterval(min(pow(2.0, Double(attempts)) * 30, 6 * 3600))
            }
            if CircuitBreaker.isServerLevel(error) {
                slots[slot].transport = nil // a fresh connection next time
                let until = breaker.failed()
                log.warning("\(breaker.name) indisponible (\(error)) : prochain essai à \(until)")
            } else {
                log.warning("réponse \(id) à \(row.recipient) pas encore envoyée : \(error)")
            }
            return .failed(attempts: attempts, error: "\(error)", next: next)
        }
    }

    /// Writes the journal's acceptances and every held outcome in one transaction, then empties the journal. Rows
    /// left `sending` with no journal line never had their DATA completed (a stop, or a dead sender, before the
    /// final "."): their mark is taken back, and they are sent as if nothing happened — no copy can exist. Rows
    /// whose DATA ended without a 250 are in doubt: they stay `sending` (resolved by `resolveInterrupted`) and keep
    /// their journal line. False when the store cannot be written (everything stays held; nothing is sent again).
    private func flush() -> Bool {
        let accepted = journal.entries()
        let dataEnded = journal.dataEnded()
        guard !accepted.isEmpty || !dataEnded.isEmpty || !unrecorded.isEmpty || sweep else { return true }
        let held = unrecorded
        do {
            let doubt = try store.write { db -> [Int64] in
                for (id, at) in accepted {
                    // A dead process's acceptance: recorded, not sent again.
                    try OutboxQueries.recordAccepted(id, at: at, db)
                }
                for (id, outcome) in held.sorted(by: { $0.key < $1.key }) {
                    switch outcome {
                    case .sent(let at):
                        try OutboxQueries.recordSent(id, at: at, db)
                    case .released:
                        try OutboxQueries.release(id, db)
                    case .failed(let attempts, let error, let next):
                        try OutboxQueries.recordFailure(id, attempts: attempts, error: error, next: next, db)
                        if next == .distantFuture {
                            let row = try OutboxQueries.summary(of: id, db)
                            try AuditRecord.log(db, at: Date(), message: row?.messageId, family: nil, actor: "daemon",
                                                action: "reply-abandoned",
                                                detail: "\(row?.kind ?? "") → \(row?.recipient ?? "") : \(error)")
                        }
                    }
                }
                if sweep {
                    // No other sender runs (SenderLock) and none of ours is in flight: every other `sending` row
                    // was left by an interrupted transaction.
                    let left = try OutboxQueries.sendingIds(db)
                    for id in left where !dataEnded.contains(id) && held[id] == nil {
                        try OutboxQueries.release(id, db)
                    }
                }
                return try dataEnded.sorted().filter { id in try OutboxQueries.isSending(id, db) }
            }
            for id in held.keys { unrecorded[id] = nil }
            sweep = false
            // Every line is in the store now but those of replies in doubt; no send is in flight (we hold passLock).
            journal.clear()
            for id in doubt { journal.append(id, at: Date(), event: .dataEnd) }
            return true
        } catch {
            log.error("\(held.count) réponse(s) : résultat de l’envoi pas encore noté dans \(settings.storePath) (\(FailureCause(error).text)) ; pas renvoyée(s)")
            return false
        }
    }
}
