import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// Adversarial mail through the real servers: forged senders, phishing Reply-To, auto-replies and bounces, key
/// guessing, hostile attachment names and a flood. Nothing forged may change a record or leak a word.
final class TrustEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let users = [TestTown.service, TestTown.staff, "camille@parents.test", "julien@parents.test", "linh@parents.test",
                        "attacker@evil.test", "inconnu@ailleurs.test"]

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "trust", smtpPort: 14025, imapPort: 14143)
        do { try stack.start(users: users) } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    // MARK: - Harness

    struct World {
        let settings: Settings
        let store: Store
        let daemon: Daemon
    }

    /// A fresh store and empty mailboxes for each test, trust policy `dmarc` with the town's MX as authserv-id.
    func world(policy: String = "dmarc", configure: (inout Settings) -> Void = { _ in }) throws -> World {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        let stack = Self.stack!
        for user in Self.users {
            for folder in ["INBOX", "Processed", "NeedsReview"] { try clear(user, folder: folder) }
        }
        var settings = TestTown.settings(stack: stack, policy: policy)
        settings.storePath = stack.state + "/var-\(name.filter(\.isLetter))/espace.sqlite"
        settings.rawDir = stack.state + "/var-\(name.filter(\.isLetter))/messages"
        settings.attachmentsDir = stack.state + "/var-\(name.filter(\.isLetter))/attachments"
        try? FileManager.default.removeItem(atPath: (settings.storePath as NSString).deletingLastPathComponent)
        // The local relays add their own Received lines above the town MX's: they are ours too.
        settings.trust.internalHosts = ["mail.test", ProcessInfo.processInfo.hostName, Self.hostname()]
        configure(&settings)
        let store = try TestTown.store(settings)
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        return World(settings: settings, store: store, daemon: daemon)
    }

    static func hostname() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, buf.count)
        return String(cString: buf)
    }

    func clear(_ user: String, folder: String) throws {
        Self.stack.clear([user], folders: [folder])
    }

    /// A mail as the town's MX hands it over: its Received line and Authentication-Results on top.
    static func raw(from: String, subject: String, body: String, authResults: String? = "mx.ville.test; spf=pass smtp.mailfrom=parents.test; dkim=pass header.d=parents.test; dmarc=pass header.from=parents.test",
                    above: [String] = [], headers: [String] = [], contentType: String = "text/plain; charset=utf-8") -> Data {
        var lines = above
        // As OpenDMARC/rspamd do: the MX's verdict on top, then the MX's own Received (where the mail entered).
        if let authResults { lines.append("Authentication-Results: " + authResults) }
        lines.append("Received: from smtp.parents.test (smtp.parents.test [192.0.2.10]) by mx.ville.test with ESMTPS id 4Xk2; Mon, 8 Mar 2027 07:45:02 +0100")
        lines += ["From: \(from)", "To: \(TestTown.service)", "Subject: \(subject)", "Date: Mon, 08 Mar 2027 07:45:00 +0100",
                  "Message-ID: <\(UUID().uuidString)@parents.test>"] + headers
        lines += ["MIME-Version: 1.0", "Content-Type: \(contentType)", "Content-Transfer-Encoding: 8bit", "", body]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    func deliver(_ messages: [(Data, String)], envelopeFrom: String? = nil) throws {
        let stack = Self.stack!
        let before = try stack.uids(TestTown.service).count
        for (raw, from) in messages { try stack.send(raw, from: envelopeFrom ?? from, to: TestTown.service) }
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: before + messages.count), before + messages.count)
    }

    func snapshot(_ store: Store) throws -> [String] {
        try store.read { db in
            try ["SELECT child_id, activity_id, date, slot, status FROM reservation ORDER BY 1,2,3,4",
                 "SELECT child_id, first_day, last_day FROM absence ORDER BY 1,2",
                 "SELECT email, phone, activated_at, key_spent_at FROM guardian ORDER BY 1",
                 "SELECT id, address, einvoice FROM family ORDER BY 1",
                 "SELECT id, status FROM invoice ORDER BY 1"].flatMap { sql in
                try Row.fetchAll(db, sql: sql).map { "\($0)" }
            }
        }
    }

    func mailCount(_ user: String) throws -> Int { try Self.stack.uids(user).count }

    // MARK: - Forged senders

    func testForgedParentMailChangesNothingAndLeaksNothing() throws {
        let w = try world()
        let cancel = "Bonjour,\r\nAnnulez la cantine de Léa et Hugo jeudi 11 mars et vendredi 12 mars.\r\nCamille"
        let forged: [(String, Data)] = [
            ("dmarc=fail", Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Cantine", body: cancel,
                                    authResults: "mx.ville.test; spf=fail smtp.mailfrom=evil.test; dmarc=fail header.from=parents.test")),
            ("no header", Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Cantine", body: cancel, authResults: nil)),
            ("untrusted authserv-id", Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Cantine", body: cancel,
                                               authResults: "mx.evil.test; spf=pass smtp.mailfrom=parents.test; dmarc=pass header.from=parents.test")),
            ("below a foreign Received", Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Cantine", body: cancel,
                                                  authResults: nil,
                                                  headers: ["Received: from relay.evil.test by relay2.evil.test; Mon, 8 Mar 2027 07:40:00 +0100",
                                                            "Authentication-Results: mx.ville.test; dmarc=pass header.from=parents.test"])),
        ]
        let before = try snapshot(w.store)
        try deliver(forged.map { ($0.1, "camille@parents.test") })
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.fetched, forged.count)
        XCTAssertEqual(report.review, forged.count, "every forged mail is filed for review")
        XCTAssertEqual(try snapshot(w.store), before, "a forged mail changed the records")
        XCTAssertEqual(report.sent, 0)
        XCTAssertEqual(try mailCount("camille@parents.test"), 0, "the parent on file got a mail usable for phishing")
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "NeedsReview").count, forged.count)
        let outcomes = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message ORDER BY id") }
        XCTAssertTrue(outcomes.allSatisfy { $0.hasPrefix("unverified") }, "\(outcomes)")

        // The same mail, verified, does apply: the refusal above was the trust check, not the reading.
        try deliver([(Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Cantine", body: cancel), "camille@parents.test")])
        XCTAssertEqual(try w.daemon.runOnce().applied, 1)
        XCTAssertNotEqual(try snapshot(w.store), before)
    }

    func testReplyToPhishingIsAnsweredAtTheAddressOnFileOnly() throws {
        let w = try world()
        let phishing = Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Factures",
                                body: "Bonjour, pouvez-vous m'envoyer mes factures ? Merci, Camille",
                                headers: ["Reply-To: attacker@evil.test", "Sender: attacker@evil.test"])
        try deliver([(phishing, "attacker@evil.test")], envelopeFrom: "attacker@evil.test")
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.sent, 1)
        XCTAssertEqual(try Self.stack.waitFor("camille@parents.test", count: 1), 1)
        XCTAssertEqual(try mailCount("attacker@evil.test"), 0, "personal data went to the Reply-To address")
        let text = try TestTown.plainText(try Self.stack.messages("camille@parents.test")[0])
        XCTAssertTrue(text.contains("88,20"), text)
    }

    // MARK: - Never loop

    func testAutomatedMailGetsNoReply() throws {
        let w = try world()
        let ours = "\(w.settings.ourDomain)"
        let from = "Camille Martin <camille@parents.test>"
        let body = "Je suis absente du bureau jusqu'au 15 mars. Léa sera absente demain."
        let forms: [Data] = [
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["Auto-Submitted: auto-replied"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["Auto-Submitted: auto-generated"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["Precedence: bulk"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["Precedence: junk"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["Precedence: list"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["List-Id: <parents.liste.test>"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["List-Unsubscribe: <mailto:leave@liste.test>"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["X-Autoreply: yes"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["X-Autorespond: yes"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["X-Auto-Response-Suppress: OOF"]),
            Self.raw(from: from, subject: "Absence Léa", body: body, headers: ["X-MS-Exchange-Inbox-Rules-Loop: camille@parents.test"]),
            Self.raw(from: from, subject: "Re: Absence", body: "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed\r\n--b--",
                     contentType: "multipart/report; report-type=delivery-status; boundary=\"b\""),
            Self.raw(from: from, subject: "Re: Absence Léa", body: body, headers: ["\(AutomatedMail.loopHeader): \(ours)"]),
            Self.raw(from: from, subject: "Re: Absence Léa", body: body).replacingMessageID(with: "<ef.202703080800.abcdefghij@\(ours)>"),
        ]
        // No automated header, yet an auto-reply subject prefix or a robot sender: a person looks at them.
        let doubtful: [Data] = [
            Self.raw(from: from, subject: "Réponse automatique : Absence Léa", body: body),
            Self.raw(from: from, subject: "Absent du bureau", body: body),
            Self.raw(from: from, subject: "Automatic reply: Absence", body: body),
            Self.raw(from: from, subject: "Out of Office: Absence", body: body),
            Self.raw(from: "Mail Delivery System <MAILER-DAEMON@parents.test>", subject: "Undelivered Mail", body: body),
            Self.raw(from: "postmaster@parents.test", subject: "Delivery report", body: body),
            Self.raw(from: "no-reply@parents.test", subject: "Absence Léa", body: body),
        ]
        let before = try snapshot(w.store)
        try deliver(forms.map { ($0, "camille@parents.test") })
        // A bounce: empty envelope sender, which Dovecot records as an empty Return-Path.
        try deliver([(Self.raw(from: from, subject: "Absence Léa", body: body), "")], envelopeFrom: "")
        try deliver(doubtful.map { ($0, "camille@parents.test") })
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.fetched, forms.count + 1 + doubtful.count)
        XCTAssertEqual(report.ignored, forms.count + 1, "every automated form is recognised")
        XCTAssertEqual(report.review, doubtful.count, "a doubtful mail goes to review, never silently ignored")
        let reviewed = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message WHERE state = 'review'") }
        XCTAssertTrue(reviewed.allSatisfy { $0.hasPrefix("automatique probable") }, "\(reviewed)")
        // Staff find them in `maildaemon report`, with the reason.
        let listed = try ReportCommand.lines(store: w.store, settings: w.settings, days: 7, now: w.daemon.clock.now)
            .filter { $0.contains("automatique probable") }
        XCTAssertEqual(listed.count, doubtful.count, listed.joined(separator: "\n"))
        XCTAssertEqual(try Self.stack.uids(TestTown.service, folder: "NeedsReview").count, doubtful.count)
        XCTAssertEqual(report.sent, 0)
        XCTAssertEqual(try w.store.read { db in try OutboxRecord.fetchCount(db) }, 0)
        XCTAssertEqual(try snapshot(w.store), before)
        XCTAssertEqual(try mailCount("camille@parents.test"), 0)
    }

    /// Item 4: words in a subject never make a parent's mail "automated".
    func testParentsMailWithAutoReplyWordsInTheSubjectIsHandled() throws {
        let w = try world()
        let from = "Camille Martin <camille@parents.test>"
        try deliver([
            (Self.raw(from: from, subject: "Message d’absence pour Léa", body: "Bonjour,\r\nLéa sera absente le jeudi 11 mars.\r\nCamille"), "camille@parents.test"),
            (Self.raw(from: from, subject: "Certificat non remis", body: "Bonjour,\r\nHugo sera absent le vendredi 12 mars, rendez-vous chez le dentiste.\r\nCamille"), "camille@parents.test"),
        ])
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.ignored, 0)
        XCTAssertEqual(report.applied, 2)
        XCTAssertEqual(try w.store.reservations(child: "2001", date: "2027-03-11", activity: "CANTINE").map(\.status), ["absent"])
        XCTAssertEqual(try w.store.reservations(child: "2002", date: "2027-03-12", activity: "CANTINE").map(\.status), ["absent"])
        XCTAssertEqual(try Self.stack.waitFor("camille@parents.test", count: 2), 2, "each parent mail is answered")
    }

    /// Item 7: never answer our own service address, as header From or as envelope sender.
    func testMailFromOurOwnServiceAddressIsNeverAnswered() throws {
        let w = try world()
        let own = Self.raw(from: "Espace Famille <\(TestTown.service)>", subject: "Factures", body: "Envoyez-moi mes factures",
                           authResults: "mx.ville.test; spf=pass smtp.mailfrom=ville.test; dmarc=pass header.from=ville.test")
        try deliver([(own, TestTown.service)])
        let envelope = Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Factures", body: "Envoyez-moi mes factures")
        try deliver([(envelope, "camille@parents.test")], envelopeFrom: TestTown.service)
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.fetched, 2)
        XCTAssertEqual(report.ignored, 2)
        XCTAssertEqual(try w.store.read { db in try OutboxRecord.fetchCount(db) }, 0)
        let outcomes = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message ORDER BY id") }
        XCTAssertTrue(outcomes.allSatisfy { $0.contains("notre propre adresse") }, "\(outcomes)")
        XCTAssertEqual(try Self.stack.uids(TestTown.service).count, 0, "no reply came back to the service mailbox")
        XCTAssertEqual(try mailCount("camille@parents.test"), 0)
    }

    // MARK: - Staff forwards

    /// A staff forward whose original carries our MX's failed verdict, attached (.eml) or shown inline.
    static func staffForward(original failure: String, attached: Bool) -> Data {
        let originalHeaders = [
            "Authentication-Results: \(failure)",
            "Received: from smtp.evil.test (smtp.evil.test [198.51.100.7]) by mx.ville.test with ESMTPS id 9Zq1; Sun, 7 Mar 2027 20:03:02 +0100",
            "From: Camille Martin <camille@parents.test>", "To: Agent Mairie <\(TestTown.staff)>", "Subject: Absence Hugo",
            "Date: Sun, 07 Mar 2027 20:03:00 +0100", "Message-ID: <\(UUID().uuidString)@parents.test>",
        ]
        let originalBody = "Bonjour,\r\nHugo sera absent le jeudi 11 mars.\r\nCamille Martin"
        let staffAuth = "mx.ville.test; spf=pass smtp.mailfrom=mairie.test; dkim=pass header.d=mairie.test; dmarc=pass header.from=mairie.test"
        if attached {
            let body = ["--fw", "Content-Type: text/plain; charset=utf-8", "", "Message de Mme Martin à traiter.", "",
                        "--fw", "Content-Type: message/rfc822", "Content-Disposition: attachment; filename=\"Absence Hugo.eml\"", ""]
                + originalHeaders + ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", originalBody, "", "--fw--", ""]
            return raw(from: "Agent Mairie <\(TestTown.staff)>", subject: "TR: Absence Hugo", body: body.joined(separator: "\r\n"),
                       authResults: staffAuth, contentType: "multipart/mixed; boundary=\"fw\"")
        }
        let inline = ["Message de Mme Martin à traiter.", "", "-------- Message transféré --------",
                      "De : Camille Martin <camille@parents.test>", "Date : dim. 7 mars 2027 20:03", "Objet : Absence Hugo",
                      "À : Agent Mairie <\(TestTown.staff)>", originalHeaders[0], "", originalBody]
        return raw(from: "Agent Mairie <\(TestTown.staff)>", subject: "TR: Absence Hugo", body: inline.joined(separator: "\r\n"),
                   authResults: staffAuth)
    }

    /// Item 5: our MX said the original failed (DMARC, or SPF/DKIM under `aligned`): not acted on, staff told why.
    func testStaffForwardOfAnOriginalOurMXFailedIsNotActedOn() throws {
        let cases: [(policy: String, failure: String)] = [
            ("dmarc", "mx.ville.test; spf=fail smtp.mailfrom=evil.test; dkim=none; dmarc=fail header.from=parents.test"),
            ("aligned", "mx.ville.test; spf=fail smtp.mailfrom=parents.test; dkim=fail header.d=parents.test"),
        ]
        for c in cases {
            let w = try world(policy: c.policy)
            let before = try snapshot(w.store)
            try deliver([(Self.staffForward(original: c.failure, attached: true), TestTown.staff),
                         (Self.staffForward(original: c.failure, attached: false), TestTown.staff)])
            let report = try w.daemon.runOnce()
            XCTAssertEqual(report.review, 2, c.policy)
            XCTAssertEqual(try snapshot(w.store), before, "a forged original was acted on (\(c.policy))")
            XCTAssertEqual(try mailCount("camille@parents.test"), 0, "the family got a copy (\(c.policy))")
            XCTAssertEqual(try Self.stack.waitFor(TestTown.staff, count: 2), 2, c.policy)
            for reply in try Self.stack.replies(TestTown.staff) {
                let text = reply.text
                XCTAssertTrue(text.contains("Le message transféré de camille@parents.test n’a pas été traité"), text)
                XCTAssertTrue(text.contains(c.policy == "dmarc" ? "échec DMARC" : "échec SPF et DKIM"), text)
                XCTAssertTrue(text.contains("« NeedsReview »"), text)
            }
            let outcomes = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message ORDER BY id") }
            XCTAssertTrue(outcomes.allSatisfy { $0.hasPrefix("forward-unverified") }, "\(outcomes)")
            try clear(TestTown.staff, folder: "INBOX")
        }
        // The same forwards with a pass on the original are acted on: the refusal above was the MX's verdict.
        let w = try world()
        try deliver([(Self.staffForward(original: "mx.ville.test; spf=pass smtp.mailfrom=parents.test; dmarc=pass header.from=parents.test", attached: true), TestTown.staff)])
        XCTAssertEqual(try w.daemon.runOnce().applied, 1)
        XCTAssertEqual(try w.store.reservations(child: "2002", date: "2027-03-11", activity: "CANTINE").map(\.status), ["absent"])
    }

    // MARK: - explain is the daemon's decision (item 8)

    func testExplainDecidesWhatTheDaemonDoesOnTheSameBytes() throws {
        let w = try world { $0.limits.maxMessageBytes = 4_000 }
        let from = "Camille Martin <camille@parents.test>"
        try deliver([
            (Self.raw(from: from, subject: "Cantine", body: "Bonjour,\r\nLéa sera absente le jeudi 11 mars.\r\n" + String(repeating: "Merci beaucoup. ", count: 300)), "camille@parents.test"),
            (Self.raw(from: from, subject: "Cantine", body: "Bonjour,\r\nLéa sera absente le jeudi 11 mars.\r\nCamille",
                      authResults: "mx.ville.test; spf=fail smtp.mailfrom=evil.test; dmarc=fail header.from=parents.test"), "camille@parents.test"),
            (Self.raw(from: from, subject: "Cantine", body: "Bonjour,\r\nLéa sera absente le jeudi 11 mars.\r\nCamille"), "camille@parents.test"),
        ])
        // What explain says about each delivered message, byte for byte as the daemon will fetch it.
        let handler = MessageHandler(settings: w.settings, now: w.daemon.clock.now, today: w.daemon.clock.today)
        let before = try snapshot(w.store)
        var explained: [String] = []
        for uid in try Self.stack.uids(TestTown.service) {
            let bytes = Array(try Self.stack.fetch(TestTown.service, uid: uid).utf8)
            explained.append(try handler.dryRun(raw: bytes, store: w.store).outcome)
        }
        XCTAssertEqual(try snapshot(w.store), before, "explain changed the records")
        XCTAssertEqual(try w.store.read { db in try MessageRecord.fetchCount(db) }, 0, "explain recorded nothing")
        _ = try w.daemon.runOnce()
        let decided = try w.store.read { db in try String.fetchAll(db, sql: "SELECT state || ': ' || outcome FROM message ORDER BY uid") }
        XCTAssertEqual(explained, decided)
        XCTAssertTrue(decided[0].hasPrefix("review: message trop volumineux"), "\(decided)")
        XCTAssertTrue(decided[1].hasPrefix("review: unverified"), "\(decided)")
        XCTAssertTrue(decided[2].hasPrefix("processed: absence"), "\(decided)")
    }

    // MARK: - Ledger key (item 9)

    func testReusedMessageIDIsHandledAndIdenticalRedeliveryIsNot() throws {
        let w = try world()
        let from = "Camille Martin <camille@parents.test>"
        let first = Self.raw(from: from, subject: "Cantine", body: "Bonjour,\r\nLéa sera absente le jeudi 11 mars.\r\nCamille")
            .replacingMessageID(with: "<same-id-every-time@client.parents.test>")
        let second = Self.raw(from: from, subject: "Cantine", body: "Bonjour,\r\nHugo sera absent le vendredi 12 mars.\r\nCamille")
            .replacingMessageID(with: "<same-id-every-time@client.parents.test>")
        try deliver([(first, "camille@parents.test"), (second, "camille@parents.test")])
        XCTAssertEqual(try w.daemon.runOnce().applied, 2)
        XCTAssertEqual(try w.store.reservations(child: "2001", date: "2027-03-11", activity: "CANTINE").map(\.status), ["absent"])
        XCTAssertEqual(try w.store.reservations(child: "2002", date: "2027-03-12", activity: "CANTINE").map(\.status), ["absent"])
        XCTAssertEqual(try Self.stack.waitFor("camille@parents.test", count: 2), 2)

        // The very same bytes delivered again (new trace headers from the servers): already handled, only filed.
        let audit = try w.store.read { db in try AuditRecord.fetchCount(db) }
        try deliver([(first, "camille@parents.test")])
        _ = try w.daemon.runOnce()
        XCTAssertEqual(try w.store.read { db in try MessageRecord.fetchCount(db) }, 2, "a re-delivery became a new ledger entry")
        XCTAssertEqual(try w.store.read { db in try AuditRecord.fetchCount(db) }, audit, "a re-delivery was applied again")
        XCTAssertEqual(try w.store.read { db in try OutboxRecord.fetchCount(db) }, 2)
        XCTAssertEqual(try Self.stack.uids(TestTown.service).count, 0, "the re-delivery is filed")
    }

    // MARK: - Secrets

    func testKeyGuessingIsLockedOut() throws {
        let w = try world { $0.limits.activationFailuresPerDay = 3 }
        let from = "Julien Martin <julien@parents.test>"
        let guesses = ["AAAA-BBBB-CCCC", "R4TW-8KQM-2ZHQ", "R4TW-8KQM-2ZPH"]
        try deliver(guesses.map { (Self.raw(from: from, subject: "Activation", body: "Clé : \($0)"), "julien@parents.test") })
        _ = try w.daemon.runOnce()
        // The right key now arrives too late: the address is locked for the day.
        try deliver([(Self.raw(from: from, subject: "Activation", body: "Clé : R4TW-8KQM-2ZHP"), "julien@parents.test")])
        _ = try w.daemon.runOnce()
        let julien = try w.store.read { db in try GuardianRecord.filter(Column("email") == "julien@parents.test").fetchOne(db)! }
        XCTAssertNil(julien.activatedAt, "a guessed sequence ended with an active account")
        let outcomes = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message ORDER BY id") }
        XCTAssertEqual(outcomes.last.map { $0.hasPrefix("activation-locked") }, true, "\(outcomes)")

        // The next day the right key works once; replayed, it says the space is already active.
        let nextDay = try Daemon(settings: w.settings, store: w.store, clock: .init(fixedDay: TestTown.today.adding(days: 1)), log: Logger(label: "t"))
        try deliver([(Self.raw(from: from, subject: "Activation", body: "Clé : r4tw8kqm2zhp"), "julien@parents.test")])
        _ = try nextDay.runOnce()
        try deliver([(Self.raw(from: from, subject: "Activation", body: "Clé : R4TW-8KQM-2ZHP"), "julien@parents.test")])
        _ = try nextDay.runOnce()
        let after = try w.store.read { db in try String.fetchAll(db, sql: "SELECT outcome FROM message ORDER BY id DESC LIMIT 2") }
        XCTAssertTrue(after[1].hasPrefix("activation-ok"), "\(after)")
        XCTAssertTrue(after[0].hasPrefix("activation-already-active"), "\(after)")
        let stored = try w.store.read { db in try Row.fetchOne(db, sql: "SELECT key_hash, key_salt FROM guardian WHERE email = 'julien@parents.test'")! }
        let hash: Data = stored["key_hash"]
        XCTAssertFalse(String(decoding: hash, as: UTF8.self).contains("R4TW"), "the key is stored in clear")
    }

    // MARK: - Hostile content

    func testHostileAttachmentNamesAndFakeTypes() throws {
        let w = try world()
        let pdf = Data("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8).base64EncodedString()
        let exe = Data("MZ\u{90}\u{0}this is not a certificate".utf8).base64EncodedString()
        func mail(_ child: String, _ day: String, _ name: String, _ type: String, _ b64: String) -> Data {
            let body = """
                --sep\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Bonjour, \(child) sera absent le \(day), certificat en pièce jointe.\r
                --sep\r
                Content-Type: \(type); name="\(name)"\r
                Content-Disposition: attachment; filename="\(name)"\r
                Content-Transfer-Encoding: base64\r
                \r
                \(b64)\r
                --sep--\r
                """
            return Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Absence", body: body,
                            contentType: "multipart/mixed; boundary=\"sep\"")
        }
        try deliver([
            (mail("Hugo", "mardi 9 mars", "../../etc/passwd", "application/pdf", pdf), "camille@parents.test"),
            (mail("Léa", "jeudi 11 mars", "certificat.pdf", "application/pdf", exe), "camille@parents.test"),
        ])
        _ = try w.daemon.runOnce()
        let absences = try w.store.read { db in try Row.fetchAll(db, sql: "SELECT child_id, certificate_path FROM absence ORDER BY child_id") }
        XCTAssertEqual(absences.count, 2, "both absences are recorded")
        let root = URL(fileURLWithPath: w.settings.attachmentsDir).standardizedFileURL.path
        for row in absences {
            guard let path: String = row["certificate_path"] else { continue }
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            XCTAssertTrue(resolved.hasPrefix(root + "/"), "certificate stored outside the attachments folder: \(path)")
            XCTAssertFalse(path.contains("passwd"), "the sender's file name was used: \(path)")
        }
        let hugo = absences.first { ($0["child_id"] as String) == "2002" }
        XCTAssertNotNil(hugo?["certificate_path"] as String?, "a real PDF named ../../etc/passwd is still a certificate")
        let lea = absences.first { ($0["child_id"] as String) == "2001" }
        XCTAssertNil(lea?["certificate_path"] as String?, "a fake PDF was accepted as a certificate")
    }

    func testFloodOfUnknownSendersIsCapped() throws {
        let cap = 25
        let w = try world { $0.limits.repliesPerHour = cap }
        let smtp = try SMTPClient(server: w.settings.smtp)
        let count = 500
        for i in 0..<count {
            let from = "spam\(i)@ailleurs.test"
            let raw = Self.raw(from: from, subject: "Mes factures", body: "Envoyez-moi mes factures",
                               authResults: "mx.ville.test; spf=pass smtp.mailfrom=ailleurs.test; dmarc=pass header.from=ailleurs.test")
            try smtp.send(raw: [UInt8](raw), from: from, to: [TestTown.service])
        }
        XCTAssertEqual(try Self.stack.waitFor(TestTown.service, count: count, seconds: 60), count)
        let report = try w.daemon.runOnce()
        XCTAssertEqual(report.fetched, count)
        let queued = try w.store.read { db in try OutboxRecord.fetchCount(db) }
        XCTAssertEqual(queued, cap, "replies beyond the hourly cap")
        XCTAssertEqual(report.sent, cap)
        let ledger = try w.store.read { db in try MessageRecord.fetchCount(db) }
        XCTAssertEqual(ledger, count, "every message is kept in the ledger")
        XCTAssertEqual(try Self.stack.uids(TestTown.service).count, 0, "every message is filed")

        // Strangers used up their budget, not the parents': Camille still gets her answer.
        try deliver([(Self.raw(from: "Camille Martin <camille@parents.test>", subject: "Factures", body: "Mes factures svp"),
                      "camille@parents.test")])
        XCTAssertEqual(try w.daemon.runOnce().sent, 1)
        XCTAssertEqual(try Self.stack.waitFor("camille@parents.test", count: 1), 1)
    }
}

private extension Data {
    func replacingMessageID(with id: String) -> Data {
        let text = String(decoding: self, as: UTF8.self)
        let replaced = text.replacingOccurrences(of: #"Message-ID: <[^>]+>"#, with: "Message-ID: \(id)", options: .regularExpression)
        return Data(replaced.utf8)
    }
}
