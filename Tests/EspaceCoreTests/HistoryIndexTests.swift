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
}
