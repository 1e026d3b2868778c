import Foundation
import GRDB
import XCTest
@testable import EspaceCore

/// Dates written by hand give the text GRDB writes with its DateFormatter, so that stored dates and the dates a query
/// compares them with (some still given to GRDB as `Date`) sort the same way.
final class StoreDateTests: XCTestCase {
    func testSameTextAsGRDB() {
        var rng = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: 1_804_000_000.9995),
                     Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSince1970: 951_782_400),   // 2000-02-29
                     .distantPast, .distantFuture, Date(timeIntervalSince1970: -12_212_553_600), Date(timeIntervalSince1970: -12_212_553_600.001),
                     Date(timeIntervalSince1970: 253_402_300_799.999), Date(timeIntervalSince1970: -30_000_000_000)]
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -2e9...4e9, using: &rng))) }
        for _ in 0..<5_000 { dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &rng)) / 1000)) }
        for d in dates {
            XCTAssertEqual(StoreDate.text(d), String.fromDatabaseValue(d.databaseValue), "\(d.timeIntervalSince1970)")
        }
    }

    func testRecordsStoreTheSameText() throws {
        let q = try DatabaseQueue()
        let at = Date(timeIntervalSince1970: 1_804_123_456.789)
        try q.write { db in
            try db.execute(sql: "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, message_id INTEGER, family_id TEXT, actor TEXT, action TEXT, detail TEXT)")
            try AuditRecord.log(db, at: at, message: nil, family: nil, actor: "test", action: "a", detail: "d")
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT at FROM audit"), "2027-03-04 01:24:16.789")
            XCTAssertEqual(try AuditRecord.fetchOne(db)?.at.timeIntervalSince1970 ?? 0, at.timeIntervalSince1970, accuracy: 0.001)
        }
    }
}
