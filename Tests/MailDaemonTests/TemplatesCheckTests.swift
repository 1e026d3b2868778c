import EspaceCore
import Foundation
import Parsers
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
        // The English translation still uses the right name: it no longer matches its French original.
        XCTAssertEqual(problems, [
            "activation_wrong_key.txt : variable « tries_lft » absente des données",
            "en/activation_wrong_key.txt : variable « tries_left » (dans {{#has_tries_left}}) n’est pas dans le modèle français",
            "en/activation_wrong_key.txt : variable « tries_lft » (dans {{#has_tries_left}}) du modèle français manque",
        ])
    }

    /// `run` remembers a clean check; any change to a template makes it check again and see the problem.
    func testARememberedCheckIsMadeAgainWhenATemplateChanges() throws {
        let dir = NSTemporaryDirectory() + "/templates-remembered-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestMailStack.repoRoot + "/templates", toPath: dir + "/templates")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var s = settings(templates: dir + "/templates")
        s.storePath = dir + "/espace.sqlite"
        XCTAssertEqual(try TemplateCheck.remembered(settings: s), [])
        let stamp = try String(contentsOfFile: s.storePath + ".templates-checked", encoding: .utf8)
        XCTAssertEqual(stamp, try TemplateCheck.fingerprint(s))
        XCTAssertNotEqual(stamp, try TemplateCheck.fingerprint(s, today: CivilDate(iso: "2031-01-02")!),
                          "checked again the next day")
        XCTAssertEqual(try TemplateCheck.remembered(settings: s), [], "still clean")

        let path = dir + "/templates/activation_wrong_key.txt.mustache"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "{{tries_left}}", with: "{{tries_lft}}").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(try TemplateCheck.remembered(settings: s).contains("activation_wrong_key.txt : variable « tries_lft » absente des données"))
        XCTAssertEqual(try String(contentsOfFile: s.storePath + ".templates-checked", encoding: .utf8), stamp,
                       "a check with problems is not remembered")
    }

    /// A copy of the shipped templates, changed by `edit`, checked.
    func checkCopy(_ edit: (String) throws -> Void) throws -> [String] {
        let dir = NSTemporaryDirectory() + "/templates-en-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestMailStack.repoRoot + "/templates", toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try edit(dir)
        return try TemplateCheck.run(settings: settings(templates: dir))
    }

    func testEveryFrenchTemplateHasAnEnglishOne() throws {
        let root = TestMailStack.repoRoot + "/templates"
        let french = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".mustache") }
        let english = try FileManager.default.contentsOfDirectory(atPath: root + "/en").filter { $0.hasSuffix(".mustache") }
        XCTAssertFalse(french.isEmpty)
        XCTAssertEqual(Set(english), Set(french))
    }

    func testMissingEnglishTemplateIsReported() throws {
        let problems = try checkCopy { try FileManager.default.removeItem(atPath: $0 + "/en/help.html.mustache") }
        XCTAssertEqual(problems, ["en/help.html.mustache absent"])
    }

    func testMissingEnglishFolderIsReported() throws {
        let problems = try checkCopy { try FileManager.default.removeItem(atPath: $0 + "/en") }
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.hasPrefix("en/ : dossier des modèles anglais absent") == true, "\(problems)")
    }

    func testEnglishVariableUnknownToFrenchIsReported() throws {
        let problems = try checkCopy { dir in
            let path = dir + "/en/activation_wrong_key.txt.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "{{tries_left}}", with: "{{tries_lft}}").write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(problems, [
            "en/activation_wrong_key.txt : variable « tries_left » (dans {{#has_tries_left}}) du modèle français manque",
            "en/activation_wrong_key.txt : variable « tries_lft » (dans {{#has_tries_left}}) n’est pas dans le modèle français",
            "en/activation_wrong_key.txt : variable « tries_lft » absente des données",
        ])
    }

    /// A section the French template does not have is refused, even one that renders nothing with this data.
    func testEnglishSectionUnknownToFrenchIsReported() throws {
        let problems = try checkCopy { dir in
            let path = dir + "/en/missing_info.html.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (text + "{{#has_certificate}}{{certificate_name}}{{/has_certificate}}\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(problems, [
            "en/missing_info.html : section « has_certificate » n’est pas dans le modèle français",
            "en/missing_info.html : variable « certificate_name » (dans {{#has_certificate}}) n’est pas dans le modèle français",
        ])
    }
}
