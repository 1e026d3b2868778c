import Foundation
import GRDB
import XCTest
@testable import EspaceCore

/// The daemon reads through a mapping; the bulk commands (import, export, backup) do not, since every page they read
/// once would stay in their resident memory (a re-import of a 10,000-family town: 221 MiB mapped, 53 MiB without).
final class StoreMappingTests: XCTestCase {
    func mmapSizes(_ store: Store) throws -> (writer: Int, reader: Int) {
        let writer = try store.write { try Int.fetchOne($0, sql: "PRAGMA mmap_size") ?? -1 }
        let reader = try store.read { try Int.fetchOne($0, sql: "PRAGMA mmap_size") ?? -1 }
        return (writer, reader)
    }

    func testTheDaemonMapsItsReadsAndBulkCommandsDoNot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mapped = try mmapSizes(Store(path: dir + "/espace.sqlite"))
        XCTAssertEqual(mapped.writer, Store.mmapBytes)
        XCTAssertEqual(mapped.reader, Store.mmapBytes)
        let bulk = try mmapSizes(Store(path: dir + "/espace.sqlite", mappedReads: false))
        XCTAssertEqual(bulk.writer, 0)
        XCTAssertEqual(bulk.reader, 0)
    }
}
