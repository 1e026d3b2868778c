import EspaceCore
import Foundation
import GRDB
import Logging
import Parsers

/// The pipeline: fetch → archive → parse → ledger row and changes in one transaction → file → send.
/// See docs/ARCHITECTURE.md.
final class Daemon {
    let settings: Settings
    let store: Store
    let clock: Clock
    let log: Logger
    let composer: ReplyComposer
    private var imap: IMAPClient?
    /// Ledger keys moved to their folder this cycle; recorded in one transaction at the end of the cycle
    /// (bookkeeping only: a lost mark just means the message is filed again, harmlessly).
    private var filed: [String] = []
    /// Committed messages waiting to be moved, by target folder. Moved in batches (one UID MOVE per folder): a crash
    /// before the move only means the next cycle finds them in the ledger and files them.
    private var toMove: [String: [(uid: Int64, key: String)]] = [:]
    static let moveBatch = 200
    /// The sending stage (its own state, its own SMTP connection; `run` drives it from its own thread).
    let sender: OutboxSender
    /// Called after a message's transaction committed (the sending loop wakes up for its replies).
    var onReplies: (() -> Void)?
    private var retry: HandlingRetry
    /// The new mail being handled, for the retry count when its transaction never commits.
    private let inFlight: InFlightMarker
    private var recovered = false
    private let rawArchive: RawArchive

    /// The processing instant: the real clock, or a fixed day for replays, demos and tests.
    struct Clock {
        let fixedDay: CivilDate?
        var now: Date {
            guard let d = fixedDay else { return Date() }
            return ParisTime(date: d, hour: 8, minute: 0).instant
        }
        var today: CivilDate { fixedDay ?? ParisTime(Date()).date }
    }

    struct Report {
        var fetched = 0, applied = 0, review = 0, ignored = 0, sent = 0, failedSends = 0
        /// Left in the inbox after a transient failure (disk, store): handled again next poll.
        var deferred = 0
        var handlingSeconds = 0.0, sendingSeconds = 0.0
    }

    init(settings: Settings, store: Store, clock: Clock, log: Logger) throws {
        self.settings = settings; self.store = store; self.clock = clock; self.log = log
        composer = try ReplyComposer(settings: settings)
        sender = OutboxSender(settings: settings, store: store, log: log)
        retry = HandlingRetry(store: store, maxAttempts: settings.limits.handlingAttempts)
        rawArchive = RawArchive(directory: settings.rawDir)
        inFlight = InFlightMarker(path: settings.storePath + ".handling")
    }

    /// Runs once before the first handling (the mailbox claim, when the server could not be reached at start).
    var beforeFirstHandling: ((IMAPClient) throws -> Void)?
    /// Test hook: file messages with UID COPY + EXPUNGE as on a server without MOVE.
    var forceMoveFallback = false

    private func imapClient() throws -> IMAPClient {
        if let imap { return imap }
        let c = try IMAPClient(server: settings.imap)
        c.disableMove = forceMoveFallback
        imap = c
        return c
    }

    /// Handles everything waiting in the inbox, then sends what the outbox holds — also when the mailbox cannot be
    /// read: replies already committed never wait for IMAP.
    /// Replies are sent while the inbox is handled (the sending stage on its own thread), then what is left.
    func runOnce(stop: StopFlag = .never) throws -> Report {
        var report = Report()
        var inboxError: Error?
        let handled = StopFlag()
        let sending = SendingLoop(sender: sender, stop: stop, idleSeconds: 0.5, finish: handled)
        let previous = onReplies
        let before = sender.totals
        onReplies = { sending.wake(); previous?() }
        sending.start()
        do { report = try handleInbox(stop: stop) } catch { inboxError = error }
        handled.request()
        sending.join()
        onReplies = previous
        let sendStart = Date()
        _ = sender.pass(stop: stop)
        report.sendingSeconds = Date().timeIntervalSince(sendStart)
        let after = sender.totals
        report.sent = after.sent - before.sent
        report.failedSends = after.failed - before.failed
        if let inboxError { throw inboxError }
        return report
    }

    /// Handles the inbox, message by message, stopping between two messages when asked.
    func handleInbox(stop: StopFlag = .never) throws -> Report {
        var report = Report()
        let imap = try imapClient()
        if let first = beforeFirstHandling {
            try first(imap)
            beforeFirstHandling = nil
        }
        let folders = settings.folders
        if !recovered {
            try inFlight.recover(store: store) // an attempt a dead process left: counted like any interrupted one
            recovered = true
        }
        try imap.ensureFolder(folders.processed)
        try imap.ensureFolder(folders.review)
        let validity = try imap.uidValidity(folders.inbox)
        try MailboxValidity.check(store: store, mailbox: folders.inbox, validity: validity, log: log)
        let started = Date()
        let uids = try imap.allUIDs(folders.inbox)
        log.debug("\(folders.inbox): UIDVALIDITY \(validity), UIDs \(uids)")
        let settings = settings, store = store, clock = clock
        // Sizes let the read-ahead fetch small mails several at a time; without them it fetches one by one.
        let sizes = uids.count > 1 ? ((try? imap.sizes(folders.inbox)) ?? [:]) : [:]
        let ahead = MailPrefetcher(uids: uids, sizes: sizes, mailbox: folders.inbox, maxBytes: settings.limits.maxMessageBytes,
                                   limits: MessageIntake.parseLimits(settings),
                                   makeClient: { try IMAPClient(server: settings.imap) },
                                   prepare: { parsed in
                                       try? store.read { db in
                                           try MessageHandler(settings: settings, now: clock.now, today: clock.today).prepare(parsed, db: db)
                                       }
                                   })
        ahead.start()
        defer { ahead.cancel() }
        for uid in uids {
            if stop.requested {
                log.info("arrêt demandé : \(uids.count - report.fetched) message(s) laissé(s) dans \(folders.inbox)")
                break
            }
            report.fetched += 1
            do {
                let state = try handle(uid: uid, validity: validity, imap: imap, prefetched: ahead.take(uid))
                switch state {
                case "processed": report.applied += 1
                case "review": report.review += 1
                case Daemon.deferred: report.deferred += 1
                default: report.ignored += 1
                }
            } catch {
                // One message never stops the others; it stays in the inbox and is retried next poll.
                log.error("message UID \(uid): \(error)")
            }
        }
        ahead.cancel()
        do {
            try moveQueued(imap: imap)
        } catch {
            // Committed messages stay in the inbox and are filed next cycle; replies must not wait for that.
            log.error("messages not filed yet: \(error)")
        }
        try flushFiled()
        report.handlingSeconds = Date().timeIntervalSince(started)
        return report
    }

    /// A message left in the inbox after a transient failure.
    static let deferred = "deferred"

    private func handle(uid: Int64, validity: Int64, imap: IMAPClient, prefetched: MailPrefetcher.Fetched?) throws -> String {
        let folders = settings.folders
        let raw: [UInt8]
        do {
            raw = try prefetched?.raw ?? imap.fetch(folders.inbox, uid: uid, maxBytes: settings.limits.maxMessageBytes)
        } catch let e as MailTransportError where e.code == 23 { // CURLE_WRITE_ERROR: over the size limit
            let key = "oversize:\(folders.inbox):\(validity):\(uid)"
            try remember(key: key, uid: uid, validity: validity, rawPath: "", from: "", subject: "",
                         state: .review, outcome: MessageIntake.oversizeOutcome(settings))
            try file(uid: uid, key: key, to: folders.review, imap: imap)
            return "review"
        }
        let parsed = prefetched?.parsed ?? MessageParser.parse(raw, limits: MessageIntake.parseLimits(settings))
        let digests = prefetched?.digests ?? MessageDigests(raw: raw, messageID: parsed.messageID)
        let key = digests.key, legacy = digests.legacy

        // Remember first: a message already in the ledger is never applied again, only filed. A new one is archived
        // raw, marked in flight, and gets its ledger row in the transaction that applies it.
        let target: LedgerTarget
        do {
            if let known = try store.readOnWriter({ db in try Ledger.find(key: key, legacy: legacy, db: db) }) {
                guard known.state == .received else {
                    let folder = known.state == .review ? folders.review : folders.processed
                    try file(uid: uid, key: known.messageKey, to: folder, imap: imap)
                    log.info("UID \(uid) already handled (\(known.state.rawValue)), filed again in \(folder)")
                    return known.state.rawValue
                }
                // Its transaction never committed (killed, crashed, transient error): nothing of it was applied, so
                // a retry is safe; bounded, so a message that kills the daemon cannot do it forever.
                switch try retry.decide(known) {
                case .poison(let why):
                    log.warning("UID \(uid): \(why)")
                    try file(uid: uid, key: known.messageKey, to: folders.review, imap: imap)
                    return "review"
                case .retry(let attempt):
                    log.warning("UID \(uid): traitement précédent interrompu, essai \(attempt)")
                    target = .known(known.id!)
                }
            } else {
                let rawPath = try rawArchive.save(raw, receivedAt: clock.now, sha256: digests.sha256)
                let entry = InFlightMarker.Entry(key: key, mailbox: folders.inbox, uidvalidity: validity, uid: uid,
                                                 rawPath: rawPath, receivedAt: clock.now, from: parsed.from.first?.normalized ?? "",
                                                 subject: MimeWriterSafe.clip(parsed.subject))
                try inFlight.begin(entry)
                target = .new(entry)
            }
        } catch let error where FailureCause(error).transient {
            log.error("UID \(uid) laissé dans \(folders.inbox), nouvel essai au prochain relevé : \(FailureCause(error)) (base \(settings.storePath), messages \(settings.rawDir))")
            return Daemon.deferred
        }

        var state: String
        do {
            state = try apply(parsed, target: target, earlier: prefetched?.interpretation)
            onReplies?()
        } catch {
            let cause = FailureCause(error)
            if cause.transient {
                // Disk full, store locked, I/O: not the message's fault. It stays in the inbox, untouched; the ledger
                // says why (best effort: the store may be what fails), and the attempt is not counted.
                switch target {
                case .known(let id): retry.deferred(id, cause: cause)
                case .new(let e):
                    if let id = try? remember(key: e.key, uid: e.uid, validity: e.uidvalidity, rawPath: e.rawPath,
                                              from: e.from, subject: e.subject, state: .received, outcome: "") {
                        retry.deferred(id, cause: cause)
                    }
                    inFlight.clear()
                }
                log.error("UID \(uid) laissé dans \(folders.inbox), nouvel essai au prochain relevé : \(cause) (base \(settings.storePath), pièces jointes \(settings.attachmentsDir))")
                return Daemon.deferred
            }
            log.error("UID \(uid) could not be applied: \(cause)")
            switch target {
            case .known(let id):
                try store.write { db in
                    try Ledger.markFailed(id, outcome: "erreur : \(cause)", db)
                }
            case .new(let e):
                try remember(key: e.key, uid: e.uid, validity: e.uidvalidity, rawPath: e.rawPath, from: e.from,
                             subject: e.subject, state: .review, outcome: "erreur : \(cause)")
                inFlight.clear()
            }
            state = "review"
        }
        try file(uid: uid, key: key, to: state == "review" ? folders.review : folders.processed, imap: imap)
        return state
    }

    @discardableResult
    private func remember(key: String, uid: Int64, validity: Int64, rawPath: String, from: String, subject: String,
                          state: LedgerState, outcome: String) throws -> Int64 {
        try store.write { db in
            if let existing = try Ledger.find(key: key, db: db) { return existing.id! }
            var m = MessageRecord(id: nil, messageKey: key, mailbox: settings.folders.inbox, uidvalidity: validity, uid: uid,
                                  rawPath: rawPath, receivedAt: clock.now, fromAddress: from, subject: subject,
                                  state: state, outcome: outcome, familyId: nil, filedAt: nil, targetFolder: nil)
            try m.insert(db)
            return m.id!
        }
    }

    /// Queues a committed message for its folder; moves when a batch is full.
    private func file(uid: Int64, key: String, to folder: String, imap: IMAPClient) throws {
        toMove[folder, default: []].append((uid, key))
        if toMove[folder]!.count >= Daemon.moveBatch { try moveQueued(imap: imap) }
    }

    private func moveQueued(imap: IMAPClient) throws {
        // The store commits without fsync (WAL, synchronous NORMAL): one fsync before the mail leaves the inbox, so a
        // power cut cannot keep the move and lose the commit that justified it.
        if toMove.values.contains(where: { !$0.isEmpty }) {
            try rawArchive.sync()
            try store.makeDurable()
        }
        let batches = toMove
        toMove = [:]
        for (folder, items) in batches where !items.isEmpty {
            try imap.move(settings.folders.inbox, uids: items.map(\.uid), to: folder)
            filed += items.map(\.key)
        }
    }

    private func flushFiled() throws {
        guard !filed.isEmpty else { return }
        let keys = filed
        filed = []
        let now = Date()
        try store.write { db in try Ledger.markFiled(keys: keys, at: now, db) }
    }

    /// Where a message's ledger row is: already there (a retry), or to be inserted by `apply`.
    enum LedgerTarget {
        case known(Int64)
        case new(InFlightMarker.Entry)
    }

    /// One transaction: ledger row, domain changes, audit and outbox commit together or not at all.
    private func apply(_ parsed: ParsedMessage, target: LedgerTarget, earlier: Interpretation?) throws -> String {
        let now = clock.now
        return try store.write { db in
            let ledgerId: Int64
            switch target {
            case .known(let id): ledgerId = id
            case .new(let e):
                var m = MessageRecord(id: nil, messageKey: e.key, mailbox: e.mailbox, uidvalidity: e.uidvalidity, uid: e.uid,
                                      rawPath: e.rawPath, receivedAt: e.receivedAt, fromAddress: e.from, subject: e.subject,
                                      state: .received, outcome: "", familyId: nil, filedAt: nil,
                                      targetFolder: nil)
                try m.insertRow(db)
                ledgerId = m.id!
            }
            let handler = MessageHandler(settings: settings, now: now, today: clock.today)
            var tokenBound = false
            let handling = try handler.decide(parsed, messageId: ledgerId, db: db, earlier: earlier) { draft in
                let refs = parsed.references + (parsed.messageID.map { [$0] } ?? [])
                let (bytes, messageId) = try composer.compose(draft, inReplyTo: parsed.messageID, references: refs, now: now)
                var row = OutboxRecord(id: nil, messageId: ledgerId, kind: draft.kind, recipient: draft.to.lowercased(),
                                       rfc822MessageId: messageId, raw: Data(bytes), createdAt: now, attempts: 0,
                                       nextAttemptAt: Date(), sentAt: nil, lastError: nil)
                try row.insertRow(db)
                if draft.token != nil && !tokenBound {
                    // The mail that asks for OUI: an answer to it confirms what this message held, nothing else.
                    try PendingRequests.bindReply(messageId, toMessage: ledgerId, db)
                    tokenBound = true
                }
            }
            let folder = handling.state == .review ? settings.folders.review : settings.folders.processed
            try Ledger.settle(ledgerId, handling, targetFolder: folder, db)
            try AuditRecord.log(db, at: now, message: ledgerId, family: handling.familyId, actor: "daemon",
                                action: "message", detail: "\(handling.state.rawValue): \(handling.outcome)")
            log.info("message \(ledgerId) from \(parsed.from.first?.normalized ?? "?"): \(handling.state.rawValue) — \(handling.outcome)")
            return handling.state.rawValue
        }
    }

    /// Sends what is due in the outbox (see `OutboxSender`); failures are retried later with backoff, never dropped.
    func sendOutbox(stop: StopFlag = .never) -> (sent: Int, failed: Int) {
        let t = sender.pass(stop: stop)
        return (t.sent, t.failed)
    }
}

enum MimeWriterSafe {
    static func clip(_ s: String) -> String { String(MimeWriter.sanitize(s).prefix(300)) }
}
