import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// The staff's morning mail through real Postfix and Dovecot: parents' mails handled by the daemon, then the digest
/// queued, sent by the daemon's own sender, and read back from the staff mailbox.
final class DigestEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"
    static let stranger = "intrus@ailleurs.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "digest", smtpPort: 15025, imapPort: 15143)
        do { try stack.start(users: [TestTown.service, TestTown.staff, camille, stranger]) }
        catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    var stack: TestMailStack { Self.stack }

    func testDigestCountsWhatTheStoreSaysAndIsSentOncePerDay() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        var settings = TestTown.settings(stack: stack)
        let dir = stack.state + "/t-digest"
        try? FileManager.default.removeItem(atPath: dir)
        settings.storePath = dir + "/espace.sqlite"; settings.rawDir = dir + "/messages"; settings.attachmentsDir = dir + "/attachments"
        let store = try TestTown.store(settings)

        // Léa absent on Tuesday without a certificate; a mail the daemon leaves to a person.
        let mails = [
            (TestTown.mail(from: "Camille Martin <\(Self.camille)>", subject: "Absence de Léa",
                           body: "Bonjour,\r\nLéa sera absente mardi 9 mars, elle a de la fièvre.\r\nCamille"), Self.camille),
            (TestTown.mail(from: "<\(Self.stranger)>", subject: "Réponse automatique : absent du bureau",
                           body: "Je suis absent jusqu’au 15 mars."), Self.stranger),
        ]
        for m in mails { try stack.send(m.0, from: m.1, to: TestTown.service) }
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: 2), 2)
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        _ = try daemon.runOnce()

        let now = ParisTime(date: TestTown.today, hour: 7, minute: 0).instant
        let digest = try store.read { try StaffDigest.build($0, today: TestTown.today, now: now) }
        XCTAssertEqual(digest.day, CivilDate(iso: "2027-03-09"), "the next opening day after Monday 8")
        // What the store says for that day, independently.
        let (booked, absent) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reservation WHERE activity_id = 'CANTINE' AND date = '2027-03-09' AND status = 'booked'")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reservation WHERE activity_id = 'CANTINE' AND date = '2027-03-09' AND status = 'absent'")!)
        }
        XCTAssertEqual(booked, 1); XCTAssertEqual(absent, 1)
        let cantine = try XCTUnwrap(digest.activities.first { $0.id == "CANTINE" })
        XCTAssertEqual([cantine.booked, cantine.absent], [booked, absent])
        XCTAssertEqual(digest.meals, [.init(label: "École du Centre", count: 1)])
        XCTAssertEqual(digest.children.map(\.name), ["Hugo Martin"])
        // The same day in `family show`'s file.
        let report = try XCTUnwrap(try store.read { try FamilyReport.build(familyId: "1001", settings: settings, now: now, $0) })
        let shown = report.children.flatMap { c in c.bookings.filter { $0.date == "2027-03-09" }.map { "\(c.firstName) \($0.status)" } }
        XCTAssertEqual(shown.sorted(), ["Hugo booked", "Léa absent"])
        XCTAssertEqual(digest.absences.map(\.name), ["Léa Martin"])
        XCTAssertEqual(digest.absences.first?.certificate, false)
        XCTAssertEqual(digest.review.map(\.subject), ["Réponse automatique : absent du bureau"])
        XCTAssertEqual(digest.review.first?.from, Self.stranger)

        // Queued twice the same day: one mail.
        let composer = try ReplyComposer(settings: settings)
        let mail = DigestMail(digest: digest, composer: composer)
        let recipients = DigestSettings(to: [TestTown.staff])
        let first = try DigestCommand.queue(mail, store: store, settings: recipients, today: TestTown.today, now: now, checkSchedule: false)
        let second = try DigestCommand.queue(mail, store: store, settings: recipients, today: TestTown.today, now: now, checkSchedule: false)
        XCTAssertTrue(first.contains("mise en boîte d’envoi"), first)
        XCTAssertTrue(second.contains("déjà envoyée"), second)
        XCTAssertEqual(try store.read { try OutboxRecord.filter(Column("kind") == "staff-digest").fetchCount($0) }, 1)

        let before = try stack.uids(TestTown.staff).count
        let sent = try daemon.sendOutbox()
        XCTAssertEqual(sent.failed, 0)
        let received = try stack.newReply(TestTown.staff, after: before)
        XCTAssertEqual(received.subject, "Espace Famille : listes du mardi 9 mars 2027")
        XCTAssertTrue(received.raw.contains("Auto-Submitted: auto-generated"))
        let text = received.text
        for line in ["Voici les listes du mardi 9 mars 2027.", "- Restauration scolaire : 1 enfant(s) sur 300 places, 1 absent(s)",
                     "- École du Centre : 1", "- Léa Martin, dossier 1001 : le mardi 9 mars 2027", "sans certificat",
                     "de intrus@ailleurs.test, « Réponse automatique : absent du bureau »"] {
            XCTAssertTrue(text.contains(line), "missing « \(line) » in:\n\(text)")
        }
        // French typography in what staff read: no-break spaces before the colon and inside the quotes.
        XCTAssertTrue(try mail.text().contains("Absences\u{00A0}:"))
        XCTAssertTrue(try mail.text().contains("«\u{00A0}Réponse automatique"))
        XCTAssertTrue(received.raw.contains("<table"), "HTML tables")
        // The kitchen's CSV, attached, Windows-1252.
        XCTAssertTrue(received.raw.contains("filename=\"cuisine-2027-03-09.csv\""))
        let csv = try mail.kitchenCSV()
        XCTAssertTrue(csv.starts(with: Data("type;lieu;nombre\r\nrepas;\u{00C9}".unicodeScalars.map { UInt8($0.value) })))
        XCTAssertEqual(try stack.waitFor(TestTown.staff, count: before + 1, seconds: 2), before + 1, "sent once")
    }

    func testSettingsFallBackToStaffAddresses() throws {
        let dir = NSTemporaryDirectory() + "/digest-settings-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = Settings(serviceAddress: "famille@ville.test", imap: .init(url: "imap://localhost"), smtp: .init(url: "smtp://localhost"))
        settings.staff = ["accueil@ville.test"]
        let plain = dir + "/plain.json", own = dir + "/own.json", bad = dir + "/bad.json"
        try #"{"service_address": "famille@ville.test"}"#.write(toFile: plain, atomically: true, encoding: .utf8)
        try #"{"staff_digest": {"to": ["cuisine@ville.test"], "hour": 6, "weekdays": [1, 3]}}"#.write(toFile: own, atomically: true, encoding: .utf8)
        try #"{"staff_digest": {"hour": 25}}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let fallback = try DigestSettings.load(path: plain, settings: settings)
        XCTAssertEqual([fallback.to, fallback.weekdays.map(String.init)], [["accueil@ville.test"], ["1", "2", "3", "4", "5"]])
        XCTAssertEqual(fallback.hour, 7)
        let configured = try DigestSettings.load(path: own, settings: settings)
        XCTAssertEqual(configured.to, ["cuisine@ville.test"]); XCTAssertEqual(configured.hour, 6); XCTAssertEqual(configured.weekdays, [1, 3])
        XCTAssertThrowsError(try DigestSettings.load(path: bad, settings: settings))
    }
}
