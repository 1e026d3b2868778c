import EspaceCore
import Foundation
import GRDB
import Parsers
import XCTest

/// The public parent mails of ../shared/examples/parents and parents-autumn, read by the daemon's own parser and interpreter against
/// the town's imported data: every applicable message understood exactly and with certainty, and no must-not-apply
/// message changing a record when the daemon's handling runs (rolled back). Skipped when ../shared is absent.
final class ExamplesUnderstandingTests: XCTestCase {
    struct Expected: Decodable {
        struct Req: Decodable, Equatable, CustomStringConvertible {
            var intent: String; var children: [String]; var dates: [String]; var activity: String?; var slot: String?
            var key: String?; var einvoice: Bool?; var certificate: Bool
            var description: String { "\(intent) \(children) \(dates) \(activity ?? "-") \(slot ?? "-") key=\(key ?? "-") einvoice=\(einvoice.map(String.init) ?? "-") cert=\(certificate)" }
        }
        struct Msg: Decodable { var sender: String; var forwarded_by: String?; var requests: [Req]; var must_not_apply: Bool }
        var today: String
        var messages: [String: Msg]
    }

    func testEveryMarchExampleIsReadExactlyAndNothingUnsafeApplies() throws {
        try check(set: "parents")
    }

    func testEveryAutumnExampleIsReadExactlyAndNothingUnsafeApplies() throws {
        try check(set: "parents-autumn")
    }

    /// The team's own winter set (Tests/Fixtures/winter-set, another invented town and season, written to find what
    /// the reader gets wrong): not every mail is read exactly, but nothing is ever applied wrongly — no certain reading
    /// differs from the expected one, and no must-not-apply mail changes a record.
    func testWinterSetNeverAppliesAWrongReading() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try check(set: "winter-set", at: repo.appendingPathComponent("Tests/Fixtures/winter-set"), exact: false)
    }

    /// The team's spring set (another town, a term with bridges and public holidays): the same rule.
    func testSpringSetNeverAppliesAWrongReading() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try check(set: "spring-set", at: repo.appendingPathComponent("Tests/Fixtures/spring-set"), exact: false)
    }

    func check(set: String, at location: URL? = nil, exact requireExact: Bool = true) throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let examples = location ?? repo.deletingLastPathComponent().appendingPathComponent("shared/examples/" + set)
        guard let expectedData = try? Data(contentsOf: examples.appendingPathComponent("expected.json")) else {
            throw XCTSkip("../shared/examples/\(set) absent")
        }
        let expected = try JSONDecoder().decode(Expected.self, from: expectedData)
        let today = CivilDate(iso: expected.today)!
        let now = ParisTime(date: today, hour: 8, minute: 0).instant
        let work = NSTemporaryDirectory() + "/examples-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let store = try Store(path: work + "/espace.sqlite")
        _ = try Importer(store: store, now: now).importDirectory(examples.appendingPathComponent("data").path)
        var settings = Settings(serviceAddress: "espace-famille@mairie.test", imap: .init(url: "imap://localhost"),
                                smtp: .init(url: "smtp://localhost"))
        settings.messageIdDomain = "espace-famille.mairie.test"
        settings.staff = try String(contentsOf: examples.appendingPathComponent("data/staff.txt"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        settings.trust.policy = "none"
        settings.attachmentsDir = work + "/attachments"

        var exact = 0, applicable = 0, unsafe = 0
        var report: [String] = []
        for name in expected.messages.keys.sorted() {
            let want = expected.messages[name]!
            let raw = try [UInt8](Data(contentsOf: examples.appendingPathComponent("messages/" + name)))
            let parsed = MessageParser.parse(raw)
            let interp = try store.read { db in
                try Interpreter(settings: settings, today: today).interpret(parsed, returnPath: parsed.headers.raw("Return-Path"), db: db)
            }
            let got = interp.requests.map {
                Expected.Req(intent: $0.intent.rawValue, children: $0.children, dates: $0.dates.map(\.iso),
                             activity: $0.activity?.rawValue, slot: $0.slot?.rawValue, key: $0.key, einvoice: $0.einvoice,
                             certificate: $0.certificate)
            }
            if want.must_not_apply {
                let changed = try MessageHandler(settings: settings, now: now, today: today).dryRun(raw: raw, store: store).wouldChange
                if changed { unsafe += 1; report.append("\(name): must not apply, but would change the records") }
            } else {
                applicable += 1
                let certain = interp.requests.allSatisfy { $0.confidence == .certain }
                if got == want.requests && interp.sender == want.sender && interp.forwardedBy == want.forwarded_by && certain {
                    exact += 1
                } else if !requireExact {
                    // A certain request that is not one of the expected ones would be applied wrongly.
                    for (r, g) in zip(interp.requests, got) where r.confidence == .certain && !want.requests.contains(g) {
                        unsafe += 1
                        report.append("\(name): certain and wrong: \(g)")
                    }
                } else {
                    report.append("\(name):\n  want \(want.sender) \(want.forwarded_by ?? "-") \(want.requests)\n  got  \(interp.sender) \(interp.forwardedBy ?? "-") \(got) certain=\(certain)")
                }
            }
        }
        print("examples \(set): exact \(exact)/\(applicable), must-not-apply changing records: \(unsafe)")
        if requireExact { XCTAssertEqual(exact, applicable, report.joined(separator: "\n")) }
        XCTAssertEqual(unsafe, 0, report.joined(separator: "\n"))
    }
}
