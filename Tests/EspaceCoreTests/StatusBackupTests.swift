import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

final class ServiceStatusTests: XCTestCase {
    func testStatusCountsBacklogReviewAndOutbox() throws {
        let town = try TestTown()
        let now = Date()
        try town.store.write { db in
            for (i, state) in [LedgerState.received, .received, .review, .processed].enumerated() {
                var m = MessageRecord(id: nil, messageKey: "k\(i)", mailbox: "INBOX", uidvalidity: 1, uid: Int64(i), rawPath: "",
                                      receivedAt: TestTown.monday.instant.addingTimeInterval(Double(i)), fromAddress: "a@b.test",
                                      subject: "s", state: state, outcome: "", familyId: nil, filedAt: nil, targetFolder: nil)
                try m.insert(db)
            }
            func outbox(_ attempts: Int, _ next: Date, _ error: String?, sent: Date? = nil) throws {
                var o = OutboxRecord(id: nil, messageId: nil, kind: "reply", recipient: "p\(attempts)@famille.test", rfc822MessageId: "x",
                                     raw: Data(), createdAt: now, attempts: attempts, nextAttemptAt: next, sentAt: sent, lastError: error)
                try o.insert(db)
            }
            try outbox(0, now.addingTimeInterval(-1), nil)
            try outbox(2, now.addingTimeInterval(600), "SMTP 451 try later")
            try outbox(20, .distantFuture, "SMTP 550 no such user")
            try outbox(1, now, nil, sent: now)
        }
        let path = town.dir.appendingPathComponent("espace.sqlite").path
        let s = try ServiceStatus.read(store: town.store, path: path, now: now)
        XCTAssertEqual(s.backlog, 2)
        XCTAssertEqual(s.review, 1)
        XCTAssertEqual(s.outboxDue, 1)
        XCTAssertEqual(s.outboxFailing, 1)
        XCTAssertEqual(s.outboxAbandoned, 1)
        XCTAssertEqual(s.lastError, "SMTP 550 no such user")
        XCTAssertEqual(s.lastMessageAt, TestTown.monday.instant.addingTimeInterval(3))
        XCTAssertNotNil(s.lastActivityAt, "the import's audit row")
        XCTAssertGreaterThan(s.storeBytes, 4096)
    }
}

final class BackupTests: XCTestCase {
    func testBackupRestoresToTheSameRecordsAndFiles() throws {
        let town = try townWithChanges()
        let raw = town.dir.appendingPathComponent("messages/ab").path
        try FileManager.default.createDirectory(atPath: raw, withIntermediateDirectories: true)
        try Data("From: a@b.test\r\n\r\nbonjour".utf8).write(to: URL(fileURLWithPath: raw + "/abcd.eml"))
        let out = town.dir.appendingPathComponent("backup-1").path
        // The store stays open and written to while the backup runs, as with the daemon running.
        let s = try Backup.run(store: town.store, rawDir: town.dir.appendingPathComponent("messages").path,
                               attachmentsDir: town.settings.attachmentsDir, to: out)
        XCTAssertEqual(s.rawFiles, 1)
        XCTAssertEqual(s.attachmentFiles, 1, "the certificate")

        let restored = try Store(path: out + "/" + Backup.storeName)
        XCTAssertEqual(try recordsDump(restored), try recordsDump(town.store))
        XCTAssertEqual(try restored.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }, "ok")
        XCTAssertEqual(try String(contentsOfFile: out + "/messages/ab/abcd.eml", encoding: .utf8), "From: a@b.test\r\n\r\nbonjour")
        let certificate = try XCTUnwrap(try town.store.read { try AbsenceRecord.fetchOne($0) }?.certificatePath)
        let relative = String(certificate.dropFirst(town.settings.attachmentsDir.count))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/attachments" + relative)),
                       Data(pdfBytes))

        // Never over an existing backup.
        XCTAssertThrowsError(try Backup.run(store: town.store, rawDir: "/nonexistent", attachmentsDir: "/nonexistent", to: out))
    }
}
