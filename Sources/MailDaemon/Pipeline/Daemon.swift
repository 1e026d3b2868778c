import EspaceCore
import Foundation
import GRDB
import Logging
import Parsers

/// The pipeline: fetch → remember → parse → apply in one transaction → file → send. See docs/ARCHITECTURE.md.
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
    static let maxSendAttempts = 20
    private var smtp: SMTPClient?

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
        var handlingSeconds = 0.0, sendingSeconds = 0.0
    }

    init(settings: Settings, store: Store, clock: Clock, log: Logger) throws {
        self.settings = settings; self.store = store; self.clock = clock; self.log = log
        composer = try ReplyComposer(settings: settings)
    }

    private func imapClient() throws -> IMAPClient {
        if let imap { return imap }
        let c = try IMAPClient(server: settings.imap)
        imap = c
        return c
    }

    private func smtpClient() throws -> SMTPClient {
        if let smtp { return smtp }
        let c = try SMTPClient(server: settings.smtp)
        smtp = c
        return c
    }

    /// Handles everything waiting in the inbox, then sends what the outbox holds.
    func runOnce() throws -> Report {
        var report = Report()
        let imap = try imapClient()
        let folders = settings.folders
        try imap.ensureFolder(folders.processed)
        try imap.ensureFolder(folders.review)
        let validity = try imap.uidValidity(folders.inbox)
        let started = Date()
        let uids = try imap.allUIDs(folders.inbox)
        log.debug("\(folders.inbox): UIDVALIDITY \(validity), UIDs \(uids)")
        for uid in uids {
            report.fetched += 1
            do {
                let state = try handle(uid: uid, validity: validity, imap: imap)
                switch state {
                case "processed": report.applied += 1
                case "review": report.review += 1
                default: report.ignored += 1
                }
            } catch {
                // One message never stops the others; it stays in the inbox and is retried next poll.
                log.error("message UID \(uid): \(error)")
            }
        }
        do {
            try moveQueued(imap: imap)
        } catch {
            // Committed messages stay in the inbox and are filed next cycle; replies must not wait for that.
            log.error("messages not filed yet: \(error)")
        }
        try flushFiled()
        report.handlingSeconds = Date().timeIntervalSince(started)
        let sendStart = Date()
        let sent = try sendOutbox()
        report.sendingSeconds = Date().timeIntervalSince(sendStart)
        report.sent = sent.sent
        report.failedSends = sent.failed
        return report
    }

    private func handle(uid: Int64, validity: Int64, imap: IMAPClient) throws -> String {
        let folders = settings.folders
        let raw: [UInt8]
        do {
            raw = try imap.fetch(folders.inbox, uid: uid, maxBytes: settings.limits.maxMessageBytes)
        } catch let e as MailTransportError where e.code == 23 { // CURLE_WRITE_ERROR: over the size limit
            let key = "oversize:\(folders.inbox):\(validity):\(uid)"
            try remember(key: key, uid: uid, validity: validity, rawPath: "", from: "", subject: "",
                         state: "review", outcome: MessageIntake.oversizeOutcome(settings))
            try file(uid: uid, key: key, to: folders.review, imap: imap)
            return "review"
        }
        let parsed = MessageParser.parse(raw, limits: MessageIntake.parseLimits(settings))
        let key = MessageIntake.ledgerKey(messageID: parsed.messageID, raw: raw)
        let legacy = MessageIntake.legacyKeys(messageID: parsed.messageID, raw: raw)

        // Remember first: a message already in the ledger is never applied again, only filed.
        if var known = try store.read({ db in
            try MessageRecord.filter(Column("message_key") == key).fetchOne(db)
                ?? MessageRecord.filter(legacy.contains(Column("message_key"))).fetchOne(db)
        }) {
            if known.state == "received" {
                // A previous attempt died between remembering and applying (crash, kill): never retry blindly, a
                // message that crashes the daemon would do it forever. A person looks at it.
                known.state = "review"
                known.outcome = "traitement précédent interrompu avant la fin ; à vérifier"
                let updated = known
                try store.write { db in try updated.update(db) }
                log.warning("UID \(uid) was being handled when the daemon stopped; filed for review")
            }
            let folder = known.state == "review" ? folders.review : folders.processed
            try file(uid: uid, key: known.messageKey, to: folder, imap: imap)
            log.info("UID \(uid) already handled (\(known.state)), filed again in \(folder)")
            return known.state
        }
        let rawPath = try RawArchive(directory: settings.rawDir).save(raw, receivedAt: clock.now)
        let ledgerId = try remember(key: key, uid: uid, validity: validity, rawPath: rawPath,
                                    from: parsed.from.first?.normalized ?? "", subject: MimeWriterSafe.clip(parsed.subject),
                                    state: "received", outcome: "")

        var state: String
        do {
            state = try apply(parsed, ledgerId: ledgerId)
        } catch {
            log.error("UID \(uid) could not be applied: \(error)")
            try store.write { db in
                try db.execute(sql: "UPDATE message SET state = 'review', outcome = ? WHERE id = ?",
                               arguments: ["erreur : \(error)", ledgerId])
            }
            state = "review"
        }
        try file(uid: uid, key: key, to: state == "review" ? folders.review : folders.processed, imap: imap)
        return state
    }

    @discardableResult
    private func remember(key: String, uid: Int64, validity: Int64, rawPath: String, from: String, subject: String,
                          state: String, outcome: String) throws -> Int64 {
        try store.write { db in
            if let existing = try MessageRecord.filter(Column("message_key") == key).fetchOne(db) { return existing.id! }
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
        try store.write { db in
            for key in keys {
                try db.execute(sql: "UPDATE message SET filed_at = ? WHERE message_key = ?", arguments: [now, key])
            }
        }
    }

    /// One transaction: domain changes, ledger, audit and outbox commit together or not at all.
    private func apply(_ parsed: ParsedMessage, ledgerId: Int64) throws -> String {
        let now = clock.now
        return try store.write { db in
            let handler = MessageHandler(settings: settings, now: now, today: clock.today)
            var tokenBound = false
            let handling = try handler.decide(parsed, messageId: ledgerId, db: db) { draft in
                let refs = parsed.references + (parsed.messageID.map { [$0] } ?? [])
                let (bytes, messageId) = try composer.compose(draft, inReplyTo: parsed.messageID, references: refs, now: now)
                var row = OutboxRecord(id: nil, messageId: ledgerId, kind: draft.kind, recipient: draft.to.lowercased(),
                                       rfc822MessageId: messageId, raw: Data(bytes), createdAt: now, attempts: 0,
                                       nextAttemptAt: Date(), sentAt: nil, lastError: nil)
                try row.insert(db)
                if draft.token != nil && !tokenBound {
                    // The mail that asks for OUI: an answer to it confirms what this message held, nothing else.
                    try db.execute(sql: "UPDATE pending_request SET reply_message_id = ? WHERE message_id = ? AND reply_message_id IS NULL",
                                   arguments: [messageId, ledgerId])
                    tokenBound = true
                }
            }
            let folder = handling.state == "review" ? settings.folders.review : settings.folders.processed
            try db.execute(sql: "UPDATE message SET state = ?, outcome = ?, family_id = ?, target_folder = ? WHERE id = ?",
                           arguments: [handling.state, handling.outcome, handling.familyId, folder, ledgerId])
            try AuditRecord.log(db, at: now, message: ledgerId, family: handling.familyId, actor: "daemon",
                                action: "message", detail: "\(handling.state): \(handling.outcome)")
            log.info("message \(ledgerId) from \(parsed.from.first?.normalized ?? "?"): \(handling.state) — \(handling.outcome)")
            return handling.state
        }
    }

    /// Sends what is due in the outbox; failures are retried later with backoff, never dropped.
    func sendOutbox() throws -> (sent: Int, failed: Int) {
        let due = try store.read { db in
            try OutboxRecord.filter(Column("sent_at") == nil && Column("next_attempt_at") <= Date())
                .order(Column("id")).fetchAll(db)
        }
        guard !due.isEmpty else { return (0, 0) }
        let smtp = try smtpClient()
        var sent = 0, failed = 0
        for var row in due {
            do {
                try smtp.send(raw: [UInt8](row.raw), from: settings.envelopeFrom ?? settings.serviceAddress, to: [row.recipient])
                row.sentAt = Date()
                row.attempts += 1
                row.lastError = nil
                sent += 1
            } catch {
                row.attempts += 1
                row.lastError = "\(error)"
                failed += 1
                if row.attempts >= Daemon.maxSendAttempts {
                    // About three days of retries: the address is dead; staff see it in the audit and the outbox.
                    row.nextAttemptAt = .distantFuture
                    log.error("reply \(row.id ?? 0) to \(row.recipient) abandoned after \(row.attempts) attempts: \(error)")
                    let r = row
                    try store.write { db in
                        try AuditRecord.log(db, at: Date(), message: r.messageId, family: nil, actor: "daemon",
                                            action: "reply-abandoned", detail: "\(r.kind) → \(r.recipient) : \(r.lastError ?? "")")
                    }
                } else {
                    let backoff = min(pow(2.0, Double(row.attempts)) * 30, 6 * 3600)
                    row.nextAttemptAt = Date().addingTimeInterval(backoff)
                    log.warning("reply \(row.id ?? 0) to \(row.recipient) not sent yet: \(error)")
                }
            }
            let r = row
            try store.write { db in try r.update(db) }
        }
        return (sent, failed)
    }
}

enum MimeWriterSafe {
    static func clip(_ s: String) -> String { String(MimeWriter.sanitize(s).prefix(300)) }
}
