import EspaceCore
import Foundation
import GRDB
@testable import MailDaemon
import XCTest

/// Configuration mistakes and a second store, as an operator meets them: the real binary, its message and exit code.
final class ConfigurationEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "configuration", smtpPort: 18025, imapPort: 18143)
        do { try stack.start(users: [TestTown.service, camille]) } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    /// Each test starts from empty mailboxes and an unclaimed service mailbox.
    override func setUp() {
        super.setUp()
        Self.stack?.clear([TestTown.service, Self.camille])
    }

    /// A town store under `name` and its configuration file; `edit` changes the JSON as an operator would.
    private func config(_ name: String, edit: (inout [String: Any]) -> Void = { _ in }) throws -> (path: String, settings: Settings) {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: DaemonProcess.binary), "swift build first")
        var settings = TestTown.settings(stack: Self.stack)
        let dir = Self.stack.state + "/" + name + "-" + UUID().uuidString.prefix(6)
        settings.storePath = dir + "/espace.sqlite"
        settings.rawDir = dir + "/messages"
        settings.attachmentsDir = dir + "/attachments"
        _ = try TestTown.store(settings)
        let path = dir + "/espace.json"
        try DaemonProcess.writeConfig(settings, to: path)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return (path, settings)
    }

    private func run(_ config: String, _ extra: [String] = [], env: [String: String] = [:]) throws -> (status: Int32, out: String) {
        try DaemonProcess.run(["run", "--once", "--config", config, "--today", TestTown.today.iso] + extra, env: env)
    }

    private func deliver() throws {
        let before = try Self.stack.uids(TestTown.service).count
        try Self.stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Récapitulatif",
                                          body: "Bonjour, pouvez-vous m’envoyer le récapitulatif de mon compte ? Camille"),
                            from: Self.camille, to: TestTown.service)
        XCTAssertEqual(try Self.stack.waitFor(TestTown.service, count: before + 1), before + 1)
    }

    func testMisspeltKeyIsRefusedWithTheNearestKnownKey() throws {
        let c = try config("typo") { json in
            var imap = json["imap"] as! [String: Any]
            imap["require_tsl"] = true
            json["imap"] = imap
        }
        let r = try run(c.path)
        XCTAssertEqual(r.status, 78, r.out)
        XCTAssertTrue(r.out.contains("clé inconnue « imap.require_tsl »"), r.out)
        XCTAssertTrue(r.out.contains("vouliez-vous dire « imap.require_tls » ?"), r.out)
        XCTAssertFalse(r.out.contains("Usage"), r.out)
    }

    func testMissingSecretNamesTheVariableNotALoginFailure() throws {
        let c = try config("secret") { json in
            var imap = json["imap"] as! [String: Any]
            imap["password"] = ["env": "ESPACE_TEST_IMAP_PASSWORD_UNSET"]
            json["imap"] = imap
        }
        let r = try run(c.path)
        XCTAssertEqual(r.status, 78, r.out)
        XCTAssertTrue(r.out.contains("imap.password : variable d’environnement ESPACE_TEST_IMAP_PASSWORD_UNSET absente"), r.out)
        XCTAssertFalse(r.out.contains("Login denied"), r.out)
        XCTAssertEqual(try run(c.path, env: ["ESPACE_TEST_IMAP_PASSWORD_UNSET": Self.stack.password]).status, 0)
    }

    func testWrongPasswordRefusesToStartAndCheckSaysWhy() throws {
        try deliver()
        let c = try config("password") { json in
            var imap = json["imap"] as! [String: Any]
            imap["password"] = ["value": "not-the-password"]
            json["imap"] = imap
        }
        let r = try run(c.path)
        XCTAssertEqual(r.status, 78, r.out)
        XCTAssertTrue(r.out.contains("IMAP : identifiant ou mot de passe refusé"), r.out)
        XCTAssertFalse(r.out.contains("Usage"), r.out)
        let check = try DaemonProcess.run(["check", "--config", c.path])
        XCTAssertEqual(check.status, 1, check.out)
        XCTAssertTrue(check.out.contains("ÉCHEC     IMAP : identifiant ou mot de passe refusé"), check.out)
        XCTAssertTrue(check.out.contains("ok        SMTP : connexion et identification"), check.out)
        XCTAssertGreaterThan(try Self.stack.uids(TestTown.service).count, 0, "nothing handled")
    }

    func testSecondStoreOnTheSameMailboxIsRefusedUnlessItTakesOver() throws {
        let a = try config("store-a")
        let b = try config("store-b")
        let good = try DaemonProcess.run(["check", "--config", a.path])
        XCTAssertEqual(good.status, 0, good.out)
        try deliver()
        XCTAssertEqual(try run(a.path).status, 0)
        let repliesAfterA = try Self.stack.waitFor(Self.camille, count: 1)
        try deliver()
        let refused = try run(b.path)
        XCTAssertEqual(refused.status, 78, refused.out)
        XCTAssertTrue(refused.out.contains("boîte déjà relevée par une autre base"), refused.out)
        XCTAssertEqual(try Self.stack.uids(TestTown.service).count, 1, "the new mail waits, unanswered")
        XCTAssertEqual(try run(b.path, ["--take-over"]).status, 0)
        XCTAssertEqual(try Self.stack.waitFor(Self.camille, count: repliesAfterA + 1), repliesAfterA + 1)
        XCTAssertEqual(try Self.stack.uids(TestTown.service).count, 0)
        XCTAssertEqual(try run(a.path).status, 78, "the first store is now the one refused")
    }
}
