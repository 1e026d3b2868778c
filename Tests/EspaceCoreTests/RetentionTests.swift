import EspaceCore
import Foundation
import GRDB
import Parsers
import XCTest

/// Health documents, raw messages and activation secrets are deleted after the retention period; the facts stay.
final class RetentionTests: XCTestCase {
    func testOldCertificatesRawMessagesAndSpentKeysAreErased() throws {
        let dir = NSTemporaryDirectory() + "/retention-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/csv", withIntermediateDirectories: true)
        try "family_id,family_name,address,postal_code,city,einvoice\n1,Roux,1 rue,33185,Le Haillan,non\n"
            .write(toFile: dir + "/csv/families.csv", atomically: true, encoding: .utf8)
        try "family_id,first_name,last_name,email,phone,activation_key\n1,Sophie,Roux,sophie@x.test,,ABCD-EFGH-JKLM\n"
            .write(toFile: dir + "/csv/guardians.csv", atomically: true, encoding: .utf8)
        try "child_id,family_id,first_name,last_name,birth_date,school,grade\n7,1,Marie-Lou,Roux,2019-06-02,École,CE1\n"
            .write(toFile: dir + "/csv/children.csv", atomically: true, encoding: .utf8)
        let store = try Store(path: dir + "/espace.sqlite")
        let march = ParisTime(date: CivilDate(iso: "2027-03-08")!, hour: 8, minute: 0).instant
        _ = try Importer(store: store, now: march).importDirectory(dir + "/csv")

        let certificate = dir + "/certificat.pdf", raw = dir + "/message.eml", recent = dir + "/recent.pdf"
        for f in [certificate, raw, recent] { try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: f)) }
        try store.write { db in
            try db.execute(sql: "UPDATE guardian SET activated_at = ?, key_spent_at = ?", arguments: [march, march])
            for (path, day) in [(certificate, "2027-03-09"), (recent, "2028-02-20")] {
                try db.execute(sql: """
                    INSERT INTO absence(child_id, first_day, last_day, reason, certificate_path, certificate_received_at, created_at)
                    VALUES ('7', ?, ?, '', ?, ?, ?)
                    """, arguments: [day, day, path, march, march])
            }
            var m = MessageRecord(id: nil, messageKey: "mid:1@x", mailbox: "INBOX", uidvalidity: 1, uid: 1, rawPath: raw,
                                  receivedAt: march, fromAddress: "sophie@x.test", subject: "Absence", state: .processed,
                                  outcome: "", familyId: "1", filedAt: nil, targetFolder: nil)
            try m.insert(db)
        }
        var settings = Settings(serviceAddress: "f@x.test", imap: .init(url: "imap://x"), smtp: .init(url: "smtp://x"))
        settings.rules.retentionDays = 365
        let aYearLater = ParisTime(date: CivilDate(iso: "2028-03-15")!, hour: 8, minute: 0).instant

        let report = try Retention.purge(store: store, settings: settings, now: aYearLater)
        XCTAssertEqual(report.certificates, 1)
        XCTAssertEqual(report.rawMessages, 1)
        XCTAssertEqual(report.keys, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: certificate), "an old certificate is still on disk")
        XCTAssertFalse(FileManager.default.fileExists(atPath: raw))
        XCTAssertTrue(FileManager.default.fileExists(atPath: recent), "a certificate still within retention was erased")
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM absence WHERE certificate_path IS NOT NULL"), 2,
                           "the absence must stay justified")
            XCTAssertNil(try GuardianRecord.fetchOne(db)?.keyHash)
            XCTAssertNotNil(try GuardianRecord.fetchOne(db)?.activatedAt)
        }
        // A certificate file nothing refers to (held absence answered NON, rolled-back transaction) goes too.
        settings.attachmentsDir = dir + "/attachments"
        try FileManager.default.createDirectory(atPath: settings.attachmentsDir + "/certificats", withIntermediateDirectories: true)
        let orphan = settings.attachmentsDir + "/certificats/orphelin.pdf"
        try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: orphan))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3 * 86_400)], ofItemAtPath: orphan)
        XCTAssertEqual(try Retention.purge(store: store, settings: settings, now: Date()).certificates, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: orphan))
        // Idempotent.
        XCTAssertEqual(try Retention.purge(store: store, settings: settings, now: aYearLater).certificates, 0)
    }
}

/// The daemon's raw archive (one file per day, the ledger pointing into it): the file goes once nothing points in.
final class RawArchiveRetentionTests: XCTestCase {
    func testADaysArchiveIsDeletedOnceNoMessagePointsIntoIt() throws {
        let dir = NSTemporaryDirectory() + "/retention-archive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir + "/espace.sqlite")
        let archive = dir + "/2027-03-08.raw"
        try Data("=== x 5\nhello\n=== y 5\nworld\n".utf8).write(to: URL(fileURLWithPath: archive))
        let early = ParisTime(date: CivilDate(iso: "2027-03-08")!, hour: 7, minute: 0).instant
        let late = ParisTime(date: CivilDate(iso: "2027-03-08")!, hour: 18, minute: 0).instant
        try store.write { db in
            for (i, (at, offset)) in [(early, 8), (late, 22)].enumerated() {
                var m = MessageRecord(id: nil, messageKey: "k\(i)", mailbox: "INBOX", uidvalidity: 1, uid: Int64(i + 1),
                                      rawPath: "\(archive)#\(offset)+5", receivedAt: at, fromAddress: "a@x.test", subject: "",
                                      state: .processed, outcome: "", familyId: nil, filedAt: nil, targetFolder: nil)
                try m.insert(db)
            }
        }
        var settings = Settings(serviceAddress: "f@x.test", imap: .init(url: "imap://x"), smtp: .init(url: "smtp://x"))
        settings.rules.retentionDays = 30
        settings.attachmentsDir = dir + "/attachments"
        // The cutoff falls between the day's two mails: the first is unlinked, the file stays for the second.
        let noon = ParisTime(date: CivilDate(iso: "2027-04-07")!, hour: 12, minute: 0).instant
        XCTAssertEqual(try Retention.purge(store: store, settings: settings, now: noon).rawMessages, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: archive), "the day's other mail still points into it")
        let nextDay = ParisTime(date: CivilDate(iso: "2027-04-08")!, hour: 12, minute: 0).instant
        XCTAssertEqual(try Retention.purge(store: store, settings: settings, now: nextDay).rawMessages, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: archive))
        XCTAssertEqual(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE raw_path != ''") }, 0)
    }
}
