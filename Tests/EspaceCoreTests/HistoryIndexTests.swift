@testable import EspaceCore
import Foundation
import GRDB
import XCTest

/// Lookups made for every mail must read an index range, not the whole history of replies, attempts and held
/// requests (which grows with the months, not with the town).
final class HistoryIndexTests: XCTestCase {
    func testHistoryLookupsUseAnIndex() throws {
        let dir = NSTemporaryDirectory() + "/history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/espace.sqlite")
        func plan(_ sql: String) throws -> String {
            try store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
            }
        }
        let queries = [
            // ReplyLimiter: replies to addresses not on file in the last hour.
            ("outbox_by_created", "SELECT 1 FROM outbox o WHERE o.created_at > '2027-03-08'"),
            // ActivationFlow: a family's failed attempts.
            ("activation_attempt_by_family", "SELECT COUNT(*) FROM activation_attempt WHERE family_id = 'F1' AND success = 0 AND at > '2027-03-08'"),
            // PendingRequests: what a family has waiting.
            ("pending_request_by_family", "SELECT * FROM pending_request WHERE family_id = 'F1' AND state = 'waiting'"),
            ("pending_request_by_state", "SELECT * FROM pending_request WHERE state = 'waiting' ORDER BY created_at DESC LIMIT 50"),
        ]
        for (index, sql) in queries {
            let p = try plan(sql)
            print("EXPLAIN QUERY PLAN \(sql)\n\(p)")
            XCTAssertTrue(p.contains("USING INDEX \(index)") || p.contains("USING COVERING INDEX \(index)"), "\(sql): \(p)")
        }
    }

    /// Replies to addresses not on file are marked when queued, and the hourly count reads only those marks.
    func testRepliesToStrangersAreMarkedWhenQueued() throws {
        let dir = NSTemporaryDirectory() + "/strangers-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/espace.sqlite")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.write { db in
            try db.execute(sql: "INSERT INTO family (id, name) VALUES ('F9', 'Durand')")
            try db.execute(sql: """
                INSERT INTO guardian (family_id, first_name, last_name, email, phone)
                VALUES ('F9', 'Ana', 'Durand', 'ana@parents.test', '')
                """)
            for (i, to) in ["ana@parents.test", "someone@elsewhere.test", "other@elsewhere.test", "staff@ville.test"].enumerated() {
                var row = OutboxRecord(id: nil, messageId: nil, kind: "notice", recipient: to, rfc822MessageId: "<m\(i)@x>",
                                       raw: Data("x".utf8), createdAt: now, attempts: 0, nextAttemptAt: now, sentAt: nil,
                                       lastError: nil)
                try row.insert(db)
            }
            // A stranger who registers afterwards: the replies already queued to them stay counted for their hour.
            try db.execute(sql: """
                INSERT INTO guardian (family_id, first_name, last_name, email, phone)
                VALUES ('F9', 'Other', 'Durand', 'other@elsewhere.test', '')
                """)
        }
        let marked = try store.read { db in
            try String.fetchAll(db, sql: "SELECT recipient FROM outbox WHERE to_stranger = 1 ORDER BY id")
        }
        XCTAssertEqual(marked, ["someone@elsewhere.test", "other@elsewhere.test", "staff@ville.test"])
        let sql = ReplyLimiter.strangersSQL(staffList: "'staff@ville.test'")
        let (count, plan) = try store.read { db in
            (try Int.fetchOne(db, sql: sql, arguments: [now.addingTimeInterval(-3_600), 300]),
             try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [now, 300]).map { $0["detail"] as String })
        }
        XCTAssertEqual(count, 2, "staff replies are never counted as replies to strangers")
        XCTAssertTrue(plan.contains { $0.contains("COVERING INDEX outbox_to_strangers") }, "\(plan)")
    }
}
