import EspaceCore
import Foundation
import GRDB
@testable import MailDaemon
import XCTest

/// kill -9 at random while a backlog drains through real servers: nothing lost, nothing applied twice, every mail
/// answered, no reply sent more than twice, and a second copy only for a reply whose send was interrupted (the
/// documented window). Small on purpose; `scripts/chaos.sh` runs the large version and prints figures.
final class ChaosEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "chaos", smtpPort: 17025, imapPort: 17143)
        do { try stack.start(users: [TestTown.service, camille]) } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    func testKillNineDuringABacklogLosesNothingAndAnswersEveryMail() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: DaemonProcess.binary), "swift build first")
        let stack = Self.stack!
        var settings = TestTown.settings(stack: stack)
        settings.pollSeconds = 1
        settings.limits.repliesPerAddressPerDay = 100_000
        settings.limits.repliesPerHour = 100_000
        // A kill can land on the same mail more than once in a row here; the suite checks answers, not poison.
        settings.limits.handlingAttempts = 6
        _ = try TestTown.store(settings)
        let config = stack.state + "/espace.json"
        try DaemonProcess.writeConfig(settings, to: config)

        let n = 150
        let ids = (0..<n).map { "<chaos-\($0)-\(UUID().uuidString.prefix(6))@parents.test>" }
        let script = """
            import smtplib, sys
            from email.message import EmailMessage
            with smtplib.SMTP("127.0.0.1", \(stack.smtpPort)) as s:
                for mid in sys.argv[1:]:
                    m = EmailMessage()
                    m["From"] = "Camille Martin <\(Self.camille)>"; m["To"] = "\(TestTown.service)"
                    m["Subject"] = "Récapitulatif"; m["Date"] = "Mon, 08 Mar 2027 07:45:00 +0100"; m["Message-ID"] = mid
                    m.set_content("Bonjour, pouvez-vous m'envoyer le récapitulatif de mon compte ? Camille")
                    s.send_message(m)
            """
        let sent = try TestMailStack.run(["python3", "-c", script] + ids)
        XCTAssertEqual(sent.status, 0, String(decoding: sent.out, as: UTF8.self))
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: n, seconds: 30), n)

        let args = ["run", "--config", config, "--today", TestTown.today.iso]
        let log = stack.state + "/daemon.log"
        // The ledger, read beside the daemon (WAL): how many mails it has handled so far.
        var readOnly = Configuration()
        readOnly.readonly = true
        let ledger = try DatabaseQueue(path: settings.storePath, configuration: readOnly)
        func handled() throws -> Int {
            try ledger.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message WHERE state <> 'received'") ?? 0 }
        }
        for _ in 0..<12 {
            let before = try handled()
            let p = try DaemonProcess.start(args, log: log)
            // Killed at a random point once this run is at work (it handled a mail of its own): inside the handling
            // of a later mail, its transaction, a move or a send, whatever the machine's speed.
            let deadline = Date().addingTimeInterval(30)
            while before < n, try handled() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.25))
            XCTAssertEqual(p.stop(SIGKILL), 128 + SIGKILL)
        }
        // Then a normal run finishes the backlog and sends what is left.
        let last = try DaemonProcess.run(["run", "--once", "--config", config, "--today", TestTown.today.iso])
        XCTAssertEqual(last.status, 0, last.out)

        let store = try Store(path: settings.storePath)
        // 0 lost: every mail filed, in the ledger, applied.
        XCTAssertEqual(try stack.uids(TestTown.service, folder: "INBOX").count, 0)
        XCTAssertEqual(try stack.uids(TestTown.service, folder: "Processed").count, n)
        let states = try store.read { db in try String.fetchAll(db, sql: "SELECT state FROM message") }
        XCTAssertEqual(states.count, n)
        XCTAssertEqual(Set(states), ["processed"])
        // 0 double-applied: one committed handling per mail.
        let handlings = try store.read { db in
            try Int.fetchAll(db, sql: "SELECT count(*) FROM audit WHERE action = 'message' GROUP BY message_id")
        }
        XCTAssertEqual(handlings.count, n)
        XCTAssertEqual(Set(handlings), [1])

        // Every mail answered; no reply more than twice; a second copy only where the send was interrupted.
        XCTAssertTrue(stack.settle(), "every reply delivered")
        let received = try Self.maildir(stack.state + "/stack/mail/parents.test/camille")
        var copies: [String: Int] = [:]
        var answered = Set<String>()
        for mail in received {
            if let id = FlowMail.header(mail, "Message-ID") { copies[id, default: 0] += 1 }
            if let to = FlowMail.header(mail, "In-Reply-To") { answered.insert(to) }
        }
        XCTAssertEqual(Set(ids).subtracting(answered), [], "unanswered mails")
        XCTAssertEqual(copies.values.filter { $0 > 2 }.count, 0, "replies sent three times or more")
        let resent = Set(try store.read { db in
            try String.fetchAll(db, sql: "SELECT rfc822_message_id FROM outbox WHERE resends > 0")
        })
        for (id, count) in copies where count == 2 {
            XCTAssertTrue(resent.contains(id) || resent.contains(id.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))),
                          "\(id) arrived twice without an interrupted send")
        }
        print("chaos: \(n) mails, 12 × kill -9: \(copies.values.filter { $0 == 2 }.count) duplicate(s), \(resent.count) re-send(s)")
    }

    /// Every mail delivered to a Maildir, raw.
    static func maildir(_ dir: String) throws -> [String] {
        try ["new", "cur"].flatMap { sub -> [String] in
            let d = dir + "/" + sub
            return try FileManager.default.contentsOfDirectory(atPath: d).map {
                try String(contentsOfFile: d + "/" + $0, encoding: .utf8)
            }
        }
    }
}
