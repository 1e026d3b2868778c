import Foundation
import GRDB
import XCTest
@testable import EspaceCore

/// The rows written column by column hold what GRDB's Codable encoding wrote.
final class RecordEncodingTests: XCTestCase {
    /// What the synthesized `Encodable` conformance gives through GRDB's encoder, for comparison.
    private struct Codable<R: Encodable & StoreDatedRecord>: EncodableRecord, Encodable, StoreDatedRecord {
        let r: R
        func encode(to encoder: Encoder) throws { try r.encode(to: encoder) }
        static var databaseTableName: String { "x" }
        static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
            R.databaseDateEncodingStrategy(for: column)
        }
    }

    private func same<R: EncodableRecord & Encodable & StoreDatedRecord>(_ r: R, file: StaticString = #filePath, line: UInt = #line) throws {
        let byHand = try r.databaseDictionary
        let viaCodable = try Codable(r: r).databaseDictionary
        XCTAssertEqual(byHand, viaCodable, file: file, line: line)
        XCTAssertEqual(byHand.count, Mirror(reflecting: r).children.count, "one column per property", file: file, line: line)
    }

    func testHandWrittenRowsMatchCodable() throws {
        let at = Date(timeIntervalSince1970: 1_804_123_456.789)
        for filed in [nil, at.addingTimeInterval(60)] {
            try same(MessageRecord(id: nil, messageKey: "mid:a@x#sha256:1", mailbox: "INBOX", uidvalidity: 9, uid: 4, rawPath: "/r#0+1",
                                   receivedAt: at, fromAddress: "a@x.test", subject: "Absence « Léa »", state: .review, outcome: "ok",
                                   familyId: filed == nil ? nil : "F1", filedAt: filed, targetFolder: filed == nil ? nil : "Processed"))
            try same(OutboxRecord(id: filed == nil ? nil : 7, messageId: 3, kind: "recap", recipient: "a@x.test", rfc822MessageId: "ef.1@x",
                                  raw: Data([0, 1, 255]), createdAt: at, attempts: 2, nextAttemptAt: at, sentAt: filed,
                                  lastError: filed == nil ? nil : "421"))
        }
        try same(AuditRecord(id: nil, at: at, messageId: nil, familyId: "F2", actor: "daemon", action: "message", detail: "d"))
    }

    /// `insertRow` (one cached statement) writes the row GRDB's `insert` writes, column for column.
    func testCachedInsertsWriteWhatGRDBWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("insertrow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        let at = Date(timeIntervalSince1970: 1_804_123_456.789)
        try store.write { db in
            func compare(_ table: String, _ a: Int64?, _ b: Int64?) throws {
                let x = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [a]))
                let y = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [b]))
                XCTAssertNotEqual(a, b)
                for column in x.columnNames where column != "id" && column != "message_key" {
                    XCTAssertEqual(x[column] as DatabaseValue, y[column] as DatabaseValue, "\(table).\(column)")
                }
            }
            for filed in [nil, at.addingTimeInterval(60)] {
                let m = MessageRecord(id: nil, messageKey: "k", mailbox: "INBOX", uidvalidity: 9, uid: 4, rawPath: "/r#0+1",
                                      receivedAt: at, fromAddress: "a@x.test", subject: "Absence « Léa »", state: .review,
                                      outcome: "ok", familyId: nil, filedAt: filed, targetFolder: filed == nil ? nil : "Processed")
                var m1 = m, m2 = m
                m1.messageKey = "k1-\(filed == nil)"; m2.messageKey = "k2-\(filed == nil)"
                try m1.insert(db); try m2.insertRow(db)
                try compare("message", m1.id, m2.id)
                let o = OutboxRecord(id: nil, messageId: m1.id, kind: "recap", recipient: "a@x.test", rfc822MessageId: "ef.1@x",
                                     raw: Data([0, 1, 255]), createdAt: at, attempts: 2, nextAttemptAt: at, sentAt: filed,
                                     lastError: filed == nil ? nil : "421")
                var o1 = o, o2 = o
                try o1.insert(db); try o2.insertRow(db)
                try compare("outbox", o1.id, o2.id)
                var a1 = AuditRecord(id: nil, at: at, messageId: m1.id, familyId: nil, actor: "daemon", action: "message",
                                     detail: "d"), a2 = a1
                try a1.insert(db); try a2.insertRow(db)
                try compare("audit", a1.id, a2.id)
            }
        }
    }
}
