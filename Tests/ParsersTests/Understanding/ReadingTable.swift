import XCTest
@testable import Parsers

/// A table of phrase → reading rows for the reader, each row with its own family and reference day (the invented
/// worlds' tests share it).
struct ReadingRow {
    var text: String
    var subject: String
    var family: FamilyContext?
    var reference: CivilDate
    var repliesToUs: Bool
    var einvoice: Bool?
    var confirmation: Bool?
    var expected: [Expect]
    /// Only what matters is that nothing is applied: every request unsure, whatever its reading.
    var nothingApplied = false
    var line: UInt
}

/// Rows of the table, added one statement at a time (a single literal this size is slow to type-check).
final class ReadingTable {
    var rows: [ReadingRow] = []

    func add(_ text: String, _ family: FamilyContext?, _ reference: CivilDate, subject: String = "",
             repliesToUs: Bool = false, einvoice: Bool? = nil, confirmation: Bool? = nil,
             _ expected: Expect..., line: UInt = #line) {
        rows.append(ReadingRow(text: text, subject: subject, family: family, reference: reference, repliesToUs: repliesToUs,
                               einvoice: einvoice, confirmation: confirmation, expected: expected, line: line))
    }

    /// A phrase whose only safe reading is a question: every request it gives must be unsure.
    func nothingApplied(_ text: String, _ family: FamilyContext?, _ reference: CivilDate, subject: String = "",
                        line: UInt = #line) {
        rows.append(ReadingRow(text: text, subject: subject, family: family, reference: reference, repliesToUs: false,
                               einvoice: nil, confirmation: nil, expected: [], nothingApplied: true, line: line))
    }
}

extension XCTestCase {
    // Short names for the expected activity and slot (`.some(nil)`: none expected).
    var cantine: ActivityKind?? { .some(.restauration) }
    var matin: ActivityKind?? { .some(.periscolaireMatin) }
    var soir: ActivityKind?? { .some(.periscolaireSoir) }
    var mercredi: ActivityKind?? { .some(.alshMercredi) }
    var vacances: ActivityKind?? { .some(.alshVacances) }
    var noActivity: ActivityKind?? { .some(nil) }
    var journee: AlshSlot?? { .some(.journeeAvecRepas) }
    var matinAvec: AlshSlot?? { .some(.matinAvecRepas) }
    var matinSans: AlshSlot?? { .some(.matinSansRepas) }
    var apremSans: AlshSlot?? { .some(.apresMidiSansRepas) }
    var apremAvec: AlshSlot?? { .some(.apresMidiAvecRepas) }
    var noSlot: AlshSlot?? { .some(nil) }

    func runTable(_ table: ReadingTable, file: StaticString = #filePath) {
        for row in table.rows { check(row, file: file) }
    }

    private func check(_ row: ReadingRow, file: StaticString) {
        let line = row.line
        let input = ReadingInput(subject: row.subject, text: row.text,
                                 sentAt: ParisTime(date: row.reference, hour: 9, minute: 30), repliesToUs: row.repliesToUs)
        let got = RequestReader.read(input, family: row.family, today: row.reference)
        let shown = got.map {
            "\($0.intent) \($0.children) \($0.dates.map(\.iso)) \($0.activity?.rawValue ?? "-") \($0.slot?.rawValue ?? "-") \($0.confidence) \($0.doubts)"
        }
        let context = "«\(row.text)» (sent \(row.reference.iso)): \(shown)"
        if row.nothingApplied {
            XCTAssertFalse(got.isEmpty, context, file: file, line: line)
            for r in got {
                XCTAssertEqual(r.confidence, .unsure, "\(context): must not be applied", file: file, line: line)
                XCTAssertFalse(r.doubts.isEmpty, "\(context): unsure without a question", file: file, line: line)
            }
            return
        }
        guard got.count == row.expected.count else {
            XCTFail("\(context): \(got.count) requests, expected \(row.expected.count)", file: file, line: line); return
        }
        // Order does not matter to the reader of the reply: each expected request matches a distinct one.
        var free = Array(got.indices)
        for want in row.expected {
            guard let k = free.firstIndex(where: { matches(got[$0], want) }) else {
                XCTFail("\(context): nothing matches \(describe(want))", file: file, line: line); continue
            }
            free.remove(at: k)
        }
        for r in got {
            if r.confidence == .unsure { XCTAssertFalse(r.doubts.isEmpty, "\(context): unsure without a question", file: file, line: line) }
            else { XCTAssertTrue(r.doubts.isEmpty, "\(context): certain with doubts", file: file, line: line) }
        }
        if let e = row.einvoice {
            XCTAssertEqual(got.first { $0.intent == .einvoice }?.einvoice, e, context, file: file, line: line)
        }
        if let c = row.confirmation {
            XCTAssertEqual(got.first { $0.intent == .confirm }?.confirmation, c, context, file: file, line: line)
        }
    }

    private func matches(_ got: Request, _ want: Expect) -> Bool {
        guard got.intent == want.intent, got.confidence == want.confidence else { return false }
        if let c = want.children, got.children != c { return false }
        if let d = want.dates, got.dates != d { return false }
        if let a = want.activity, got.activity != a { return false }
        if let s = want.slot, got.slot != s { return false }
        return true
    }

    private func describe(_ e: Expect) -> String {
        "\(e.intent) \(e.children.map { "\($0)" } ?? "*") \(e.dates.map { "\($0.map(\.iso))" } ?? "*") \(e.activity.map { $0?.rawValue ?? "-" } ?? "*") \(e.slot.map { $0?.rawValue ?? "-" } ?? "*") \(e.confidence)"
    }
}
