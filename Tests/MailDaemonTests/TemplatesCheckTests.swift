import EspaceCore
import Foundation
@testable import MailDaemon
import XCTest

/// `maildaemon templates check`: the shipped templates render with what the flows give them, and a typo is caught.
final class TemplatesCheckTests: XCTestCase {
    func settings(templates: String) -> Settings {
        var s = Settings(serviceAddress: "famille@ville.test", imap: .init(url: "imap://localhost"), smtp: .init(url: "smtp://localhost"))
        s.templatesDir = templates
        return s
    }

    func testShippedTemplatesHaveEveryVariable() throws {
        let problems = try TemplateCheck.run(settings: settings(templates: TestMailStack.repoRoot + "/templates"))
        XCTAssertEqual(problems, [])
    }

    func testMisspelledVariableIsReported() throws {
        let dir = NSTemporaryDirectory() + "/templates-typo-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestMailStack.repoRoot + "/templates", toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/activation_wrong_key.txt.mustache"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "{{tries_left}}", with: "{{tries_lft}}").write(toFile: path, atomically: true, encoding: .utf8)
        let problems = try TemplateCheck.run(settings: settings(templates: dir))
        XCTAssertEqual(problems, ["activation_wrong_key.txt : variable « tries_lft » absente des données"])
    }
}
