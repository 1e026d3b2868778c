import Foundation
@testable import Parsers

/// Families and a reading helper for the reader's tests. Reference day: Monday 8 March 2027.
enum Fixture {
    static let monday = CivilDate(iso: "2027-03-08")!
    static let mercier = FamilyContext(children: [.init(firstName: "Élise", birthDate: CivilDate(iso: "2017-09-21")),
                                                  .init(firstName: "Éliott", birthDate: CivilDate(iso: "2021-05-04"))],
                                       openDays: openDays)
    static let daSilva = FamilyContext(children: [.init(firstName: "Gaspard", birthDate: CivilDate(iso: "2019-07-03")),
                                                  .init(firstName: "Héloïse", birthDate: CivilDate(iso: "2019-07-03"))],
                                       openDays: openDays)
    static let marieLou = FamilyContext(children: [.init(firstName: "Marie-Lou"), .init(firstName: "Louis"),
                                                   .init(firstName: "Marie")], openDays: openDays)
    static func single(_ name: String) -> FamilyContext {
        FamilyContext(children: [.init(firstName: name, birthDate: CivilDate(iso: "2019-01-01"))], openDays: openDays)
    }

    static let openDays: [ActivityKind: [CivilDate]] = {
        let vac = ["2027-04-12", "2027-04-13", "2027-04-14", "2027-04-15", "2027-04-16",
                   "2027-04-19", "2027-04-20", "2027-04-21", "2027-04-22", "2027-04-23"]
        return [.alshVacances: vac.compactMap(CivilDate.init(iso:))]
    }()

    static func read(_ text: String, subject: String = "", family: FamilyContext? = mercier,
                     sent: CivilDate = monday, hour: Int = 9, attachments: [AttachmentInfo] = [],
                     repliesToUs: Bool = false) -> [Request] {
        RequestReader.read(ReadingInput(subject: subject, text: text, sentAt: ParisTime(date: sent, hour: hour, minute: 0),
                                        attachments: attachments, repliesToUs: repliesToUs),
                           family: family, today: monday)
    }

    static func days(_ isos: String...) -> [CivilDate] { isos.compactMap(CivilDate.init(iso:)) }

    static func span(_ a: String, _ b: String) -> [CivilDate] {
        let s = CivilDate(iso: a)!, e = CivilDate(iso: b)!
        return (0...s.days(until: e)).map { s.adding(days: $0) }
    }

    static let pdf = AttachmentInfo(filename: "certificat.pdf", declaredType: "application/pdf", sniffed: .pdf)
    static let fakePdf = AttachmentInfo(filename: "certificat.pdf", declaredType: "application/pdf", sniffed: .other)
}

/// One expected request; nil fields are not checked.
struct Expect {
    var intent: Intent
    var children: [String]? = nil
    var dates: [CivilDate]? = nil
    var activity: ActivityKind?? = nil
    var slot: AlshSlot?? = nil
    var confidence: Confidence = .certain

    static func certain(_ intent: Intent, _ children: [String]? = nil, _ dates: [CivilDate]? = nil,
                        _ activity: ActivityKind?? = nil, _ slot: AlshSlot?? = nil) -> Expect {
        Expect(intent: intent, children: children, dates: dates, activity: activity, slot: slot, confidence: .certain)
    }

    static func unsure(_ intent: Intent, _ children: [String]? = nil, _ dates: [CivilDate]? = nil,
                       _ activity: ActivityKind?? = nil, _ slot: AlshSlot?? = nil) -> Expect {
        Expect(intent: intent, children: children, dates: dates, activity: activity, slot: slot, confidence: .unsure)
    }
}

import XCTest

extension XCTestCase {
    /// Reads `text` and checks every request against `expected`, in order. Unsure requests must say why.
    func check(_ text: String, family: FamilyContext? = Fixture.mercier, subject: String = "", repliesToUs: Bool = false,
               attachments: [AttachmentInfo] = [], _ expected: Expect..., file: StaticString = #filePath, line: UInt = #line) {
        let r = Fixture.read(text, subject: subject, family: family, attachments: attachments, repliesToUs: repliesToUs)
        let shown = r.map { "\($0.intent) \($0.children) \($0.dates.map(\.iso)) \($0.activity?.rawValue ?? "-") \($0.slot?.rawValue ?? "-") \($0.confidence) \($0.doubts)" }
        guard r.count == expected.count else {
            XCTFail("\(text): \(r.count) requests, expected \(expected.count): \(shown)", file: file, line: line); return
        }
        for (got, want) in zip(r, expected) {
            XCTAssertEqual(got.intent, want.intent, "\(text): \(shown)", file: file, line: line)
            XCTAssertEqual(got.confidence, want.confidence, "\(text): \(shown)", file: file, line: line)
            if let c = want.children { XCTAssertEqual(got.children, c, "\(text): \(shown)", file: file, line: line) }
            if let d = want.dates { XCTAssertEqual(got.dates, d, "\(text): \(shown)", file: file, line: line) }
            if let a = want.activity { XCTAssertEqual(got.activity, a, "\(text): \(shown)", file: file, line: line) }
            if let s = want.slot { XCTAssertEqual(got.slot, s, "\(text): \(shown)", file: file, line: line) }
            if got.confidence == .unsure { XCTAssertFalse(got.doubts.isEmpty, "\(text): unsure without a question", file: file, line: line) }
            else { XCTAssertTrue(got.doubts.isEmpty, "\(text): certain with doubts \(got.doubts)", file: file, line: line) }
        }
    }
}

/// The open days of an invented town's calendar, built the way the town's import gives them: school days (no
/// Wednesday) for canteen and before/after-school care, Wednesdays in term for the Wednesday centre, weekdays in the
/// holidays for the holiday centre; weekends and public holidays closed.
enum InventedCalendar {
    static func openDays(from first: String, to last: String, terms: [(String, String)], holidays: [(String, String)],
                         publicHolidays: Set<CivilDate>) -> [ActivityKind: [CivilDate]] {
        let holidayDays = Set(holidays.flatMap { Fixture.span($0.0, $0.1) })
        let all = Fixture.span(first, last).filter { !publicHolidays.contains($0) && $0.weekday <= 5 }
        let inTerm = all.filter { day in
            terms.contains { day >= CivilDate(iso: $0.0)! && day <= CivilDate(iso: $0.1)! } && !holidayDays.contains(day)
        }
        let school = inTerm.filter { $0.weekday != 3 }
        return [
            .restauration: school, .periscolaireMatin: school, .periscolaireSoir: school,
            .alshMercredi: inTerm.filter { $0.weekday == 3 },
            .alshVacances: all.filter { holidayDays.contains($0) },
        ]
    }
}
