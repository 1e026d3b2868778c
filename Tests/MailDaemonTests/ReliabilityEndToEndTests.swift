import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// Faults injected through real Postfix, Dovecot and a real SQLite file: what the parent receives and what staff
/// find in the mailbox and the store (issue 11).
final class ReliabilityEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"
    static let closedPort = 1 // nothing listens on 127.0.0.1:1

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "reliability", smtpPort: 16025, imapPort: 16143)
        do { try stack.start(users: [TestTown.service, camille]) } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    struct World {
        var settings: Settings
        let store: Store
        func daemon(_ change: (inout Settings) -> Void = { _ in }) throws -> Daemon {
            var s = settings
            change(&s)
            return try Daemon(settings: s, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        }
    }

    /// An empty mailbox pair and a fresh store with a short lock wait (a locked store fails in 0.2 s, not 10 s).
    private func world() throws -> World {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        let stack = Self.stack!
        stack.clear([TestTown.service, Self.camille])
        var settings = TestTown.settings(stack: stack)
        let dir = stack.state + "/run-\(UUID().uuidString.prefix(8))"
        settings.storePath = dir + "/espace.sqlite"
        settings.rawDir = dir + "/messages"
        settings.attachmentsDir = dir + "/attachments"
        _ = try TestTown.store(settings)
        return World(settings: settings, store: try Store(path: settings.storePath, busyTimeout: 0.2))
    }

    private func deliver(_ n: Int, subject: String = "Récapitulatif", body: String = "Bonjour, pouvez-vous m’envoyer le récapitulatif de mon compte ? Camille") throws -> [String] {
        let stack = Self.stack!
        let before = try stack.uids(TestTown.service).count
        var ids: [String] = []
        for _ in 0..<n {
            let id = "<\(UUID().uuidString)@parents.test>"
            try stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: subject, body: body, messageId: id),
                           from: Self.camille, to: TestTown.service)
            ids.append(id)
        }
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: before + n), before + n)
        return ids
    }

    /// The replies in the parent's mailbox once `expected` arrived and nothing more is on its way (an extra copy
    /// would be there).
    private func replies(expected: Int) throws -> Int {
        try Self.stack.waitFor(Self.camille, count: expected, seconds: 10)
        XCTAssertTrue(Self.stack.settle(), "Postfix's queue drained")
        return try Self.stack.uids(Self.camille).count
    }

    private func outbox(_ w: World) throws -> [Row] {
        try w.store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id") }
    }

    // MARK: - Finding 1: a send the store cannot record is never sent again in a loop.

    func testSentReplyWhoseRecordFailsIsNotSentAgainWhileTheStoreIsLocked() throws {
        let w = try world()
        _ = try deliver(1)
        let daemon = try w.daemon()
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: w.settings.storePath, configuration: config)
        // Handled first (runOnce sends while it handles: the lock below must not catch the handling's own writes).
        XCTAssertEqual(try daemon.handleInbox().applied, 1)
        // Another program locks the store right after the SMTP server accepted the reply.
        daemon.sender.afterAccepted = { _ in try? locker.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") } }
        XCTAssertEqual(daemon.sendOutbox().sent, 1)
        XCTAssertEqual(daemon.sender.unrecordedCount, 1)
        daemon.sender.afterAccepted = nil
        for _ in 0..<3 { XCTAssertEqual(daemon.sendOutbox().sent, 0) }
        try locker.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        XCTAssertEqual(daemon.sendOutbox().sent, 0)
        XCTAssertEqual(daemon.sender.unrecordedCount, 0)
        let row = try XCTUnwrap(try outbox(w).first)
        XCTAssertNotNil(row["sent_at"] as Date?, "the send is recorded once the store is back")
        XCTAssertEqual(try replies(expected: 1), 1, "one copy, however long the store was locked")
    }

    func testNothingIsSentWhileTheStoreCannotRecordTheSendingMark() throws {
        let w = try world()
        _ = try deliver(1)
        _ = try w.daemon().handleInbox()
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: w.settings.storePath, configuration: config)
        try locker.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let daemon = try w.daemon()
        XCTAssertEqual(daemon.sendOutbox().sent, 0)
        XCTAssertEqual(try replies(expected: 0), 0, "no mark, no send")
        try locker.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        XCTAssertEqual(daemon.sendOutbox().sent, 1)
        XCTAssertEqual(try replies(expected: 1), 1)
    }

    // MARK: - Finding 3: a row left "sending" by a dead process is sent once more, never a third time.

    func testInterruptedSendIsSentOnceMoreThenNeverAgain() throws {
        let w = try world()
        _ = try deliver(1)
        _ = try w.daemon().handleInbox()
        // What a sender killed after the end of DATA, before the server's 250, leaves behind: in doubt.
        let journal = SentJournal(path: w.settings.storePath + ".sent")
        let id = try XCTUnwrap(try w.store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM outbox") })
        try w.store.write { db in try db.execute(sql: "UPDATE outbox SET sending_at = ?", arguments: [Date()]) }
        journal.append(id, at: Date(), event: .dataEnd)
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 1)
        var row = try XCTUnwrap(try outbox(w).first)
        XCTAssertEqual(row["resends"] as Int, 1)
        XCTAssertNotNil(row["sent_at"] as Date?)
        // Killed again in the same window: that row is given up, with an audit row, not sent a third time.
        try w.store.write { db in try db.execute(sql: "UPDATE outbox SET sending_at = ?, sent_at = NULL", arguments: [Date()]) }
        journal.append(id, at: Date(), event: .dataEnd)
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 0)
        row = try XCTUnwrap(try outbox(w).first)
        XCTAssertNil(row["sending_at"] as Date?)
        let audit = try w.store.read { db in try AuditRecord.filter(Column("action") == "reply-unconfirmed").fetchCount(db) }
        XCTAssertEqual(audit, 1)
        XCTAssertEqual(try replies(expected: 1), 1)
    }

    func testTheEndOfDataAndTheAcceptanceAreJournaledBeforeTheStoreRecordsThem() throws {
        let w = try world()
        _ = try deliver(1)
        let daemon = try w.daemon()
        let journal = SentJournal(path: w.settings.storePath + ".sent")
        nonisolated(unsafe) var seen: (data: Bool, sent: Bool)? = nil
        daemon.sender.afterAccepted = { id in seen = (journal.dataEnded().contains(id), journal.entries().contains { $0.id == id }) }
        XCTAssertEqual(try daemon.runOnce().sent, 1)
        XCTAssertEqual(seen?.data, true, "no 'data' line: a kill would take an accepted reply for one never sent")
        XCTAssertEqual(seen?.sent, true)
        XCTAssertTrue(journal.entries().isEmpty && journal.dataEnded().isEmpty, "emptied once recorded")
    }

    func testSendInterruptedBeforeTheEndOfDataIsSentAgainWithoutCountingAsAReSend() throws {
        let w = try world()
        _ = try deliver(1)
        _ = try w.daemon().handleInbox()
        // Marked, then killed before the final ".": no journal line, so the server cannot have the message.
        try w.store.write { db in try db.execute(sql: "UPDATE outbox SET sending_at = ?", arguments: [Date()]) }
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 1)
        let row = try XCTUnwrap(try outbox(w).first)
        XCTAssertNotNil(row["sent_at"] as Date?)
        XCTAssertEqual(row["resends"] as Int, 0, "not a re-send: no copy could exist")
        XCTAssertEqual(try replies(expected: 1), 1)
    }

    func testAcceptanceJournaledBeforeTheSenderDiedIsRecordedNotSentAgain() throws {
        let w = try world()
        _ = try deliver(1)
        _ = try w.daemon().handleInbox()
        // A sender killed after the server's 250 and its journal line, before the store recorded it.
        let id = try XCTUnwrap(try w.store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM outbox") })
        try w.store.write { db in try db.execute(sql: "UPDATE outbox SET sending_at = ?", arguments: [Date()]) }
        XCTAssertTrue(SentJournal(path: w.settings.storePath + ".sent").append(id, at: Date()))
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 0)
        let row = try XCTUnwrap(try outbox(w).first)
        XCTAssertNotNil(row["sent_at"] as Date?)
        XCTAssertEqual(row["resends"] as Int, 0, "not sent a second time")
        XCTAssertEqual(try replies(expected: 0), 0)
        XCTAssertTrue(SentJournal(path: w.settings.storePath + ".sent").entries().isEmpty, "the journal is emptied once recorded")
    }

    // MARK: - Finding 2: a mail whose transaction did not commit is retried, bounded.

    func testInterruptedMailIsRetriedAndPoisonGoesToReviewAfterTheLimit() throws {
        let w = try world()
        let ids = try deliver(2)
        // Ledger rows left `received` by killed attempts: the first mail once, the second as often as allowed.
        try w.store.write { db in
            for (id, attempts) in [(ids[0], 0), (ids[1], w.settings.limits.handlingAttempts - 1)] {
                var m = MessageRecord(id: nil, messageKey: "mid:" + id.trimmingCharacters(in: CharacterSet(charactersIn: "<>")),
                                      mailbox: "INBOX", uidvalidity: 1, uid: 1, rawPath: "", receivedAt: Date(),
                                      fromAddress: Self.camille, subject: "", state: .received, outcome: "", familyId: nil,
                                      filedAt: nil, targetFolder: nil)
                try m.insert(db)
                try db.execute(sql: "UPDATE message SET attempts = ? WHERE id = ?", arguments: [attempts, m.id])
            }
        }
        let report = try w.daemon().runOnce()
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(report.review, 1)
        XCTAssertEqual(try replies(expected: 1), 1, "the retried mail is answered")
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "Processed").count, 1)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "NeedsReview").count, 1)
        let poison = try w.store.read { db in try MessageRecord.filter(Column("state") == "review").fetchOne(db) }
        XCTAssertTrue(poison?.outcome.contains("interrompu \(w.settings.limits.handlingAttempts) fois") ?? false, poison?.outcome ?? "")
    }

    // MARK: - Finding 4: a transient error leaves the mail in the inbox with its cause; fixed, it is handled.

    func testFullAttachmentsFolderLeavesTheMailInTheInboxUntilFixed() throws {
        let w = try world()
        try Self.stack.send(FlowMail.withAttachment(
            from: "Camille Martin <\(Self.camille)>", subject: "Absence",
            body: "Bonjour,\r\n\r\nEnfant : Léa\r\nDu : 15/03/2027\r\nAu : 17/03/2027\r\nMotif : maladie (certificat médical en pièce jointe)\r\n\r\nCamille Martin",
            filename: "certificat-lea.pdf"), from: Self.camille, to: TestTown.service)
        XCTAssertEqual(try Self.stack.waitFor(TestTown.service, count: 1), 1)
        // The attachments folder cannot be written (a file stands where the folder should be).
        _ = FileManager.default.createFile(atPath: w.settings.attachmentsDir, contents: Data("x".utf8))
        let first = try w.daemon().runOnce()
        XCTAssertEqual(first.deferred, 1)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "INBOX").count, 1, "left in the inbox")
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "NeedsReview").count, 0)
        let ledger = try XCTUnwrap(try w.store.read { db in try MessageRecord.fetchOne(db) })
        XCTAssertEqual(ledger.state, .received)
        XCTAssertTrue(ledger.outcome.contains(w.settings.attachmentsDir), ledger.outcome)
        XCTAssertFalse(ledger.outcome.contains("(null)"), ledger.outcome)
        XCTAssertTrue(try w.store.absences(child: "2001").isEmpty)
        try FileManager.default.removeItem(atPath: w.settings.attachmentsDir)
        let second = try w.daemon().runOnce()
        XCTAssertEqual(second.applied, 1)
        XCTAssertEqual(try w.store.absences(child: "2001").count, 1)
        XCTAssertEqual(try replies(expected: 1), 1)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "INBOX").count, 0)
    }

    // MARK: - Finding 5: replies leave while IMAP is down; a refusing SMTP server costs one try, not one per reply.

    func testQueuedRepliesAreSentWhileTheMailboxIsDown() throws {
        let w = try world()
        _ = try deliver(1)
        _ = try w.daemon().handleInbox()
        let imapDown = try w.daemon { $0.imap.url = "imap://127.0.0.1:\(Self.closedPort)" }
        XCTAssertThrowsError(try imapDown.runOnce())
        XCTAssertEqual(try replies(expected: 1), 1)
    }

    func testRefusingSMTPServerCostsOneTryNotOnePerReply() throws {
        let w = try world()
        _ = try deliver(3)
        _ = try w.daemon().handleInbox()
        let smtpDown = try w.daemon { $0.smtp.url = "smtp://127.0.0.1:\(Self.closedPort)" }
        let tally = smtpDown.sendOutbox()
        XCTAssertEqual(tally.failed, 1)
        XCTAssertEqual(try outbox(w).map { $0["attempts"] as Int }, [1, 0, 0])
        XCTAssertEqual(smtpDown.sendOutbox().failed, 0, "the server is left alone while it cools down")
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 2, "the others go as soon as a server answers")
        XCTAssertEqual(try replies(expected: 2), 2)
    }

    // MARK: - Finding 6: stop between two messages.

    func testStopRequestedDuringAMessageStopsBeforeTheNext() throws {
        let w = try world()
        _ = try deliver(3)
        let daemon = try w.daemon()
        let stop = StopFlag()
        daemon.onReplies = { stop.request() }
        let report = try daemon.runOnce(stop: stop)
        XCTAssertEqual(report.fetched, 1)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "INBOX").count, 2)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "Processed").count, 1)
        daemon.onReplies = nil
        XCTAssertEqual(try daemon.runOnce().applied, 2)
        XCTAssertEqual(try replies(expected: 3), 3)
    }

    func testStopRequestedOnceTheDataIsOutWaitsForTheAnswerAndNeverSendsTwice() throws {
        let w = try world()
        _ = try deliver(1)
        let daemon = try w.daemon()
        _ = try daemon.handleInbox()
        let stop = StopFlag()
        daemon.sender.afterDataEnd = { _ in stop.request() }
        XCTAssertEqual(daemon.sender.pass(stop: stop).sent, 1, "the server may already hold it: its answer is awaited")
        daemon.sender.afterDataEnd = nil
        XCTAssertNotNil(try XCTUnwrap(try outbox(w).first)["sent_at"] as Date?)
        XCTAssertEqual(try w.daemon().sendOutbox().sent, 0)
        XCTAssertEqual(try replies(expected: 1), 1)
    }

    // MARK: - Finding 8: mail stays unseen; filing works without MOVE.

    func testFiledMailStaysUnseenAndIsFiledWithoutMove() throws {
        let w = try world()
        _ = try deliver(2)
        let daemon = try w.daemon()
        daemon.forceMoveFallback = true
        XCTAssertEqual(try daemon.runOnce().applied, 2)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "INBOX").count, 0)
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "Processed").count, 2)
        let flags = try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(Self.stack.imapPort)/Processed", "-u",
                                           "\(TestTown.service):\(Self.stack.password)", "-X", "UID FETCH 1:* FLAGS"])
        let text = String(decoding: flags.out, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "FLAGS (").count - 1, 2, text)
        XCTAssertFalse(text.contains("\\Seen"), text)
    }

    func testRenumberedMailboxIsReadAgainByMessageIdAndNothingIsAppliedTwice() throws {
        let w = try world()
        _ = try deliver(1)
        XCTAssertEqual(try w.daemon().runOnce().applied, 1)
        // The server renumbers the mailbox (restored from a backup): the same mail is back in the inbox under another
        // UID, and UIDVALIDITY is not the one the store saw.
        let stack = Self.stack!
        let uid = try XCTUnwrap(try stack.uids(TestTown.service, folder: "Processed").first)
        let raw = try stack.fetch(TestTown.service, uid: uid, folder: "Processed")
        let file = w.settings.rawDir + "-restored.eml" // curl's APPEND needs the size: a file, not stdin
        try Data(raw.utf8).write(to: URL(fileURLWithPath: file))
        let append = try TestMailStack.run(["curl", "-sS", "imap://127.0.0.1:\(stack.imapPort)/INBOX", "-u",
                                            "\(TestTown.service):\(stack.password)", "-T", file])
        XCTAssertEqual(append.status, 0, String(decoding: append.out, as: UTF8.self))
        try w.store.write { db in try StoreMeta.set(db, "uidvalidity:INBOX", "1") }
        let report = try w.daemon().runOnce()
        XCTAssertEqual(report.fetched, 1)
        XCTAssertEqual(report.applied, 1, "counted as handled: it is the processed mail, filed again")
        XCTAssertEqual(try stack.uids(TestTown.service, folder: "INBOX").count, 0)
        let audit = try w.store.read { db in
            (changed: try AuditRecord.filter(Column("action") == "uidvalidity-changed").fetchCount(db),
             handled: try AuditRecord.filter(Column("action") == "message").fetchCount(db))
        }
        XCTAssertEqual(audit.changed, 1)
        XCTAssertEqual(audit.handled, 1, "applied once")
        XCTAssertEqual(try replies(expected: 1), 1, "answered once")
    }
}
