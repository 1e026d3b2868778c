import Foundation
@testable import MailDaemon
import XCTest

/// deploy/maildaemon.service and the digest timer, checked offline by systemd itself (scripts/verify-units.sh).
final class DeployUnitTests: XCTestCase {
    func testUnitsVerifyWithSystemd() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd not installed (scripts/install-deps.sh)")
        let r = try TestMailStack.run(["bash", TestMailStack.repoRoot + "/scripts/verify-units.sh"])
        XCTAssertEqual(r.status, 0, String(decoding: r.out, as: UTF8.self))
    }

    func testABrokenUnitIsCaught() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "systemd not installed (scripts/install-deps.sh)")
        let dir = NSTemporaryDirectory() + "/units-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/deploy", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/scripts", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in try FileManager.default.contentsOfDirectory(atPath: TestMailStack.repoRoot + "/deploy") {
            try FileManager.default.copyItem(atPath: TestMailStack.repoRoot + "/deploy/" + f, toPath: dir + "/deploy/" + f)
        }
        try FileManager.default.copyItem(atPath: TestMailStack.repoRoot + "/scripts/verify-units.sh", toPath: dir + "/scripts/verify-units.sh")
        let unit = dir + "/deploy/maildaemon.service"
        let text = try String(contentsOfFile: unit, encoding: .utf8)
        try text.replacingOccurrences(of: "TimeoutStopSec=150", with: "TimeoutStopSec=soon").write(toFile: unit, atomically: true, encoding: .utf8)
        let r = try TestMailStack.run(["bash", dir + "/scripts/verify-units.sh"])
        XCTAssertNotEqual(r.status, 0, "a unit systemd warns about fails the check")
    }
}
