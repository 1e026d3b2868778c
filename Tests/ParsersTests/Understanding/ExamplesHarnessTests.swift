import Foundation
import XCTest
@testable import Parsers

/// Development harness over the public examples. Needs /tmp/ef-examples/messages.json (decoded by a throw-away
/// Python script from ../shared/examples/parents/messages) and the examples' expected.json; skips otherwise.
final class ExamplesHarnessTests: XCTestCase {
    struct Decoded: Decodable {
        struct Att: Decodable { var filename: String?; var declaredType: String; var sniffed: String }
        struct Fam: Decodable {
            struct Child: Decodable { var firstName: String; var birthDate: String? }
            var children: [Child]
            var openDays: [String: [String]]
        }
        var subject: String
        var text: String
        var unix: Int
        var attachments: [Att]
        var repliesToUs: Bool
        var family: Fam?
    }

    struct Expected: Decodable {
        struct Req: Decodable, Equatable {
            var intent: String; var children: [String]; var dates: [String]; var activity: String?; var slot: String?
            var key: String?; var einvoice: Bool?; var certificate: Bool
        }
        struct Msg: Decodable { var requests: [Req]; var must_not_apply: Bool; var category: String }
        var today: String
        var messages: [String: Msg]
    }

    func testExamples() throws {
        let decodedURL = URL(fileURLWithPath: "/tmp/ef-examples/messages.json")
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let expectedURL = repo.deletingLastPathComponent().appendingPathComponent("shared/examples/parents/expected.json")
        guard let decodedData = try? Data(contentsOf: decodedURL), let expectedData = try? Data(contentsOf: expectedURL) else {
            throw XCTSkip("examples not available")
        }
        let decoded = try JSONDecoder().decode([String: Decoded].self, from: decodedData)
        let expected = try JSONDecoder().decode(Expected.self, from: expectedData)
        let today = CivilDate(iso: expected.today)!
        var exact = 0, total = 0, unsafe = 0
        var report: [String] = []
        for name in expected.messages.keys.sorted() {
            guard let msg = decoded[name], let exp = expected.messages[name] else { continue }
            let family = msg.family.map { f in
                FamilyContext(children: f.children.map { .init(firstName: $0.firstName, birthDate: $0.birthDate.flatMap(CivilDate.init(iso:))) },
                              openDays: Dictionary(uniqueKeysWithValues: f.openDays.compactMap { k, v in
                                  ActivityKind(rawValue: k).map { ($0, v.compactMap(CivilDate.init(iso:))) } }))
            }
            let input = ReadingInput(subject: msg.subject, text: msg.text,
                                     sentAt: ParisTime(Date(timeIntervalSince1970: TimeInterval(msg.unix))),
                                     attachments: msg.attachments.map {
                                         AttachmentInfo(filename: $0.filename, declaredType: $0.declaredType,
                                                        sniffed: FileKind(rawValue: $0.sniffed) ?? .other) },
                                     repliesToUs: msg.repliesToUs)
            let got = RequestReader.read(input, family: family, today: today)
            let gotReqs = got.map {
                Expected.Req(intent: $0.intent.rawValue, children: $0.children, dates: $0.dates.map(\.iso),
                             activity: $0.activity?.rawValue, slot: $0.slot?.rawValue, key: $0.key, einvoice: $0.einvoice,
                             certificate: $0.certificate)
            }
            let line = "\(name): " + got.map { "\($0.intent.rawValue)[\($0.confidence.rawValue)] \($0.children) \($0.dates.map(\.iso)) \($0.activity?.rawValue ?? "-") \($0.slot?.rawValue ?? "-") key=\($0.key ?? "-") ei=\($0.einvoice.map(String.init) ?? "-") cert=\($0.certificate) doubts=\($0.doubts)" }.joined(separator: " | ")
            if !exp.must_not_apply {
                total += 1
                if gotReqs == exp.requests && got.allSatisfy({ $0.confidence == .certain }) { exact += 1 }
                else { report.append("MISMATCH " + line + "\n   expected: \(exp.requests.map { "\($0.intent) \($0.children) \($0.dates) \($0.activity ?? "-") \($0.slot ?? "-")" })") }
            } else {
                let changing: Set<Intent> = [.absence, .reservation, .cancellation, .einvoice, .contact, .activation, .confirm]
                let risky = got.contains { $0.confidence == .certain && changing.contains($0.intent) }
                // Business-rule refusals (past day, deadline, wrong key, no holiday centre) are read certain on
                // purpose: they count as unsafe only when the reading itself differs from expected.json.
                let readRight = gotReqs == exp.requests
                if risky && !(exp.category == "invalid" && readRight) { unsafe += 1 }
                report.append((risky ? (readRight ? "certain-read-right(\(exp.category)) " : "CERTAIN-WRONG(\(exp.category)) ")
                               : "ok-unsure(\(exp.category)) ") + line)
            }
        }
        print(report.joined(separator: "\n"))
        print("EXAMPLES exact \(exact)/\(total); must-not-apply with a certain changing request not explained by a business rule: \(unsafe)")
    }
}
