import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// Activation by email through real Postfix and Dovecot: the parent's mail goes in by SMTP, the daemon reads the
/// service mailbox over IMAP, and the confirmation lands in the parent's own mailbox.
final class ActivationEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "activation", smtpPort: 11025, imapPort: 11143)
        do { try stack.start(users: [TestTown.service, "julien@parents.test", "linh@parents.test", "intrus@ailleurs.test"]) }
        catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    func testActivationEndToEndAndSecondRunChangesNothing() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        let stack = Self.stack!
        let settings = TestTown.settings(stack: stack)
        let store = try TestTown.store(settings)

        try stack.send(TestTown.mail(from: "Julien Martin <julien@parents.test>", subject: "Activation",
                                     body: "Bonjour,\r\nJe souhaite activer mon espace.\r\nClé : r4tw-8kqm-2zhp\r\nMerci\r\nJulien"),
                       from: "julien@parents.test", to: TestTown.service)
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: 1), 1)

        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today),
                                log: Logger(label: "test"))
        let first = try daemon.runOnce()
        XCTAssertEqual(first.fetched, 1)
        XCTAssertEqual(first.sent, 1)

        // The confirmation is in the guardian's own mailbox.
        XCTAssertEqual(try stack.waitFor("julien@parents.test", count: 1), 1)
        let reply = try stack.messages("julien@parents.test")[0]
        XCTAssertTrue(reply.contains("Auto-Submitted: auto-replied"))
        XCTAssertTrue(reply.contains("Subject: Re: Activation"))
        XCTAssertTrue(reply.contains("In-Reply-To: <"))
        let text = try TestTown.plainText(reply)
        XCTAssertTrue(text.contains("Création et activation de votre espace"), text)
        XCTAssertTrue(text.contains("05 57 93 11 86"), text)

        // The account is active, the key spent, the message filed as processed.
        let julien = try store.read { db in try GuardianRecord.filter(Column("email") == "julien@parents.test").fetchOne(db) }
        XCTAssertNotNil(julien?.activatedAt)
        XCTAssertNotNil(julien?.keySpentAt)
        XCTAssertEqual(try stack.uids(TestTown.service, folder: "INBOX").count, 0)
        XCTAssertEqual(try stack.uids(TestTown.service, folder: "Processed").count, 1)

        // A second run over the same mailbox changes nothing and sends nothing.
        let auditBefore = try store.read { db in try AuditRecord.fetchCount(db) }
        let second = try daemon.runOnce()
        XCTAssertEqual(second.fetched, 0)
        XCTAssertEqual(second.sent, 0)
        XCTAssertEqual(try store.read { db in try AuditRecord.fetchCount(db) }, auditBefore)
        XCTAssertEqual(try store.read { db in try OutboxRecord.fetchCount(db) }, 1)
    }
}
