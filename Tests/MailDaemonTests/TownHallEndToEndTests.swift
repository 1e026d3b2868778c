import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// The town hall's daily jobs through real Postfix and Dovecot: reminders to parents (each once, only when due),
/// the staff digest sent by `run` itself at its hour, and the metrics file agreeing with the store and `status`.
final class TownHallEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test", julien = "julien@parents.test", linh = "linh@parents.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "townhall", smtpPort: 19025, imapPort: 19143)
        do { try stack.start(users: [TestTown.service, TestTown.staff, camille, julien, linh]) }
        catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    var stack: TestMailStack { Self.stack }

    /// The test town in its own folder, with a spring-holiday centre (12–23 April, bookings close 5 April at noon).
    func town(_ name: String) throws -> (Settings, Store) {
        var settings = TestTown.settings(stack: stack)
        let dir = stack.state + "/t-" + name
        try? FileManager.default.removeItem(atPath: dir)
        settings.storePath = dir + "/espace.sqlite"; settings.rawDir = dir + "/messages"; settings.attachmentsDir = dir + "/attachments"
        let store = try TestTown.store(settings)
        try store.write { db in
            try db.execute(sql: "INSERT INTO activity VALUES ('ALSH-VAC', 'Accueil de loisirs – vacances de printemps', 'alsh-vacances', 7, 60)")
            var d = CivilDate(iso: "2027-04-12")!
            while d <= CivilDate(iso: "2027-04-23")! {
                if d.weekday <= 5 { try db.execute(sql: "INSERT INTO activity_day VALUES ('ALSH-VAC', ?)", arguments: [d.iso]) }
                d = d.adding(days: 1)
            }
        }
        return (settings, store)
    }

    func at(_ iso: String, _ hour: Int = 9) -> Date { ParisTime(date: CivilDate(iso: iso)!, hour: hour, minute: 0).instant }

    func testEachReminderIsSentOnceAndOnlyWhenDue() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        var (settings, store) = try town("remind")
        settings.reminders.missingCertificate.enabled = true   // 1 day before the deadline (absence + 2 days)
        settings.reminders.unpaidInvoice.enabled = true        // 5 days before the due date
        settings.reminders.bookingWindow.enabled = true        // 7 days before bookings close
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        let queue = ReminderQueue(settings: settings, store: store, composer: daemon.composer)

        // Camille reports Léa absent on Tuesday 9 March, without a certificate: the daemon answers her.
        try stack.send(TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Absence de Léa",
                                     body: "Bonjour,\r\nLéa sera absente mardi 9 mars, elle a de la fièvre.\r\nCamille"),
                       from: Self.camille, to: TestTown.service)
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: 1), 1)
        var before = try stack.uids(Self.camille).count
        _ = try daemon.runOnce()
        _ = try stack.newReply(Self.camille, after: before)
        before += 1

        // Tuesday 9: the certificate is due on Thursday 11, one day of lead: not yet. Nothing else is due.
        XCTAssertTrue(try queue.run(now: at("2027-03-09")).queued.isEmpty)
        // Wednesday 10: due, to Camille only (Julien's space is not active, Linh's family owes nothing).
        let wednesday = try queue.run(now: at("2027-03-10"))
        XCTAssertEqual(wednesday.queued.map(\.recipient), [Self.camille])
        XCTAssertEqual(wednesday.queued.first?.items.map(\.kind), [.missingCertificate])
        XCTAssertTrue(try queue.run(now: at("2027-03-10", 15)).queued.isEmpty, "same day again: nothing")
        XCTAssertEqual(try daemon.sendOutbox().failed, 0)
        let certificate = try stack.newReply(Self.camille, after: before)
        before += 1
        XCTAssertTrue(certificate.text.contains("--- Objet : Espace Famille : certificat médical attendu avant le jeudi 11 mars 2027"), certificate.text)
        XCTAssertTrue(certificate.raw.contains("Auto-Submitted: auto-generated"))
        XCTAssertTrue(certificate.text.contains("Bonjour Camille,"), certificate.text)
        XCTAssertTrue(certificate.text.contains("nous n’avons pas encore reçu le certificat médical de Léa pour son absence du mardi 9 mars 2027"), certificate.text)
        XCTAssertTrue(certificate.text.contains("au plus tard le jeudi 11 mars 2027"), certificate.text)
        // Thursday 11, the deadline day: already reminded.
        XCTAssertTrue(try queue.run(now: at("2027-03-11")).queued.isEmpty)

        // Friday 26: the February invoice (due Wednesday 31) is due, with its PayFiP link; the holidays are not yet.
        let friday = try queue.run(now: at("2027-03-26"))
        XCTAssertEqual(friday.queued.flatMap { $0.items.map(\.itemKey) }, ["F-0201"])
        XCTAssertEqual(try daemon.sendOutbox().failed, 0)
        let invoice = try stack.newReply(Self.camille, after: before)
        before += 1
        XCTAssertTrue(invoice.text.contains("la facture Restauration – février 2027 (F-0201), d’un montant de 88,20 €, est à régler au plus tard le mercredi 31 mars 2027"), invoice.text)
        XCTAssertTrue(invoice.text.contains("https://www.payfip.gouv.fr/tpa/paiement.web?numcli=012345&exer=2027&refdet=0F0201&objet=Restauration%20fevrier%202027&montant=8820&mel=camille%40parents.test"), invoice.text)

        // Monday 29: bookings for 12–23 April close on Monday 5 April at noon. Léa (9) and Hugo (6) are of the age;
        // Sacha's family has no active address: nothing is sent there. The invoice is not reminded twice.
        let monday = try queue.run(now: at("2027-03-29"))
        XCTAssertEqual(monday.queued.map(\.recipient), [Self.camille])
        XCTAssertEqual(monday.queued.first?.items.map(\.kind), [.bookingWindow])
        XCTAssertEqual(monday.noAddress, ["1002"])
        XCTAssertEqual(try daemon.sendOutbox().failed, 0)
        let holidays = try stack.newReply(Self.camille, after: before)
        before += 1
        XCTAssertTrue(holidays.text.contains("les inscriptions à « Accueil de loisirs – vacances de printemps », du lundi 12 avril 2027 au vendredi 23 avril 2027, ferment le lundi 5 avril 2027 à 12h"), holidays.text)
        XCTAssertTrue(holidays.text.contains("- Léa n’y est pas encore inscrit(e).") && holidays.text.contains("- Hugo n’y est pas encore inscrit(e)."), holidays.text)

        // A restart the next day, or on the deadline: nothing is sent again.
        XCTAssertTrue(try ReminderQueue(settings: settings, store: store, composer: daemon.composer).run(now: at("2027-03-30")).queued.isEmpty)
        XCTAssertTrue(try queue.run(now: at("2027-04-05", 11)).queued.isEmpty)
        XCTAssertEqual(try stack.waitFor(Self.camille, count: before + 1, seconds: 2), before, "three reminders, each once")

        // Julien activates his space: he gets what is still due, unless the reply caps are reached.
        try store.write { try $0.execute(sql: "UPDATE guardian SET activated_at = ? WHERE email = ?", arguments: [Date(), Self.julien]) }
        var capped = settings
        capped.limits.repliesPerAddressPerDay = 0
        let held = try ReminderQueue(settings: capped, store: store, composer: daemon.composer).run(now: at("2027-03-30"))
        XCTAssertTrue(held.queued.isEmpty)
        XCTAssertEqual(held.capped.map(\.recipient), [Self.julien])
        let julien = try queue.run(now: at("2027-03-30"))
        XCTAssertEqual(julien.queued.map(\.recipient), [Self.julien])
        XCTAssertEqual(julien.queued.first?.items.map(\.kind), [.unpaidInvoice, .bookingWindow])
        XCTAssertEqual(try daemon.sendOutbox().failed, 0)
        XCTAssertEqual(try stack.waitFor(Self.julien, count: 1), 1)
        let both = try XCTUnwrap(try stack.replies(Self.julien).last)
        XCTAssertTrue(both.text.contains("--- Objet : Espace Famille : rappels"), both.text)
        XCTAssertTrue(both.text.contains("Bonjour Julien,") && both.text.contains("(F-0201)") && both.text.contains("ferment le lundi 5 avril 2027 à 12h"), both.text)

        // The store and the audit say the same.
        let (rows, audited, cappedAudit) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT kind || ' ' || item_key || ' ' || recipient FROM reminder ORDER BY id"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE action = 'reminder'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE action = 'reminder-capped'")!)
        }
        XCTAssertEqual(rows, ["missing-certificate 1 camille@parents.test", "unpaid-invoice F-0201 camille@parents.test",
                              "booking-window ALSH-VAC:2027-04-12 camille@parents.test", "unpaid-invoice F-0201 julien@parents.test",
                              "booking-window ALSH-VAC:2027-04-12 julien@parents.test"])
        XCTAssertEqual(audited, 5); XCTAssertEqual(cappedAudit, 1)
        XCTAssertEqual(try stack.uids(Self.linh).count, 0, "never to a family without an active address")
    }

    func testRunSendsTheDigestOnceAtTheConfiguredHour() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        var (settings, store) = try town("digest-run")
        var digest = Settings.StaffDigest()
        digest.to = [TestTown.staff]; digest.hour = 7; digest.weekdays = [1, 2, 3, 4, 5]
        settings.staffDigest = digest
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        func rows() throws -> Int { try store.read { try OutboxRecord.filter(Column("kind") == "staff-digest").fetchCount($0) } }
        var jobs = TownHallJobs(settings: settings, store: store, composer: daemon.composer, log: Logger(label: "test"))
        XCTAssertFalse(jobs.daily(now: at("2027-03-08", 6))); XCTAssertEqual(try rows(), 0, "before 7h")
        XCTAssertTrue(jobs.daily(now: at("2027-03-08", 7))); XCTAssertEqual(try rows(), 1, "at 7h")
        XCTAssertFalse(jobs.daily(now: at("2027-03-08", 10))); XCTAssertEqual(try rows(), 1, "once a day")
        jobs = TownHallJobs(settings: settings, store: store, composer: daemon.composer, log: Logger(label: "test"))
        XCTAssertFalse(jobs.daily(now: at("2027-03-08", 11))); XCTAssertEqual(try rows(), 1, "after a restart: the audit row")
        XCTAssertFalse(jobs.daily(now: at("2027-03-13", 8))); XCTAssertEqual(try rows(), 1, "not on Saturdays")

        let before = try stack.uids(TestTown.staff).count
        XCTAssertEqual(try daemon.sendOutbox().failed, 0)
        let received = try stack.newReply(TestTown.staff, after: before)
        XCTAssertEqual(received.subject, "Espace Famille : listes du mardi 9 mars 2027")
        XCTAssertEqual(try stack.waitFor(TestTown.staff, count: before + 2, seconds: 2), before + 1, "sent once")
    }

    /// The real binary: `run --once` with a fixed day sends the digest of that day (hour 8 ≤ the fixed 8:00) once,
    /// and writes a metrics file that says what the store and `status` say.
    func testRunBinarySendsTheDigestAndWritesMetricsThatAgreeWithStatus() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: DaemonProcess.binary), "swift build first")
        var settings = TestTown.settings(stack: stack)
        try? FileManager.default.removeItem(atPath: (settings.storePath as NSString).deletingLastPathComponent)
        let store = try TestTown.store(settings)
        var digest = Settings.StaffDigest()
        digest.to = [TestTown.staff]; digest.hour = 8
        settings.staffDigest = digest
        let metrics = stack.state + "/var/metrics.prom"
        try? FileManager.default.removeItem(atPath: metrics)
        settings.metricsFile = metrics
        let config = stack.state + "/espace.json"
        try DaemonProcess.writeConfig(settings, to: config)

        for m in [TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Récapitulatif", body: "Bonjour, mon récapitulatif svp. Camille"),
                  TestTown.mail(from: "<intrus@ailleurs.test>", subject: "Réponse automatique : absent", body: "Absent.")] {
            try stack.send(m, from: Self.camille, to: TestTown.service)
        }
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: 2), 2)
        let staffBefore = try stack.uids(TestTown.staff).count
        let first = try DaemonProcess.run(["run", "--once", "--config", config, "--today", "2027-03-09"])
        XCTAssertEqual(first.status, 0, first.out)
        XCTAssertEqual(try stack.waitFor(TestTown.staff, count: staffBefore + 1), staffBefore + 1, first.out)
        let second = try DaemonProcess.run(["run", "--once", "--config", config, "--today", "2027-03-09"])
        XCTAssertEqual(second.status, 0, second.out)
        XCTAssertEqual(try stack.waitFor(TestTown.staff, count: staffBefore + 2, seconds: 2), staffBefore + 1, "one digest a day")

        // The metrics file, parsed as a scraper would, against the store and `status --json`.
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            XCTAssertEqual(parts.count, 2, "sample line « \(line) »")
            values[String(parts[0])] = Double(parts[1])
        }
        let status = try DaemonProcess.run(["status", "--json", "--config", config])
        XCTAssertEqual(status.status, 0, status.out)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any], status.out)
        let (processed, review, sent) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE state = 'processed'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE state = 'review'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")!)
        }
        XCTAssertEqual([processed, review, sent], [1, 1, 2], "the summary reply and the digest sent; the auto-reply to review")
        XCTAssertEqual(values["espace_messages_total{outcome=\"processed\"}"], Double(processed))
        XCTAssertEqual(values["espace_messages_total{outcome=\"review\"}"], Double(review))
        XCTAssertEqual(values["espace_replies_sent_total"], Double(sent))
        XCTAssertEqual(values["espace_review"], (json["review"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(values["espace_backlog"], (json["backlog"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(values["espace_outbox_due"], (json["outbox_due"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(values["espace_replies_failed{state=\"retrying\"}"], (json["outbox_failing"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(values["espace_cycle_success"], 1)
        XCTAssertNotNil(values["espace_cycle_duration_seconds"])
        XCTAssertNotNil(json["last_poll_at"], "status shows the last poll")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: (metrics as NSString).deletingLastPathComponent)
            .contains { $0.hasSuffix(".tmp") }, "written through a temporary file, renamed")
    }
}
