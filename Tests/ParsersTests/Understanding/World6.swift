import Foundation
@testable import Parsers

/// An invented town for the sixth round of reader tests: school year 2030–2031 with its holidays and public holidays,
/// four families whose names appear in no public example (compound and accented names, twins, three children, a
/// child named by a common word), and reference days in October, February and June.
enum World6 {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func days(_ isos: String...) -> [CivilDate] { isos.map(d) }
    static func span(_ a: String, _ b: String) -> [CivilDate] {
        let s = d(a), e = d(b)
        return (0...s.days(until: e)).map { s.adding(days: $0) }
    }
    /// Weekdays (Monday to Friday) of a span.
    static func weekdays(_ a: String, _ b: String) -> [CivilDate] { span(a, b).filter { $0.weekday <= 5 } }

    // Reference days (the message's Date header).
    /// Thursday 10 October 2030, a week before the autumn holidays.
    static let thursdayOctober = d("2030-10-10")
    /// Thursday 6 February 2031, a week before the winter holidays.
    static let thursdayFebruary = d("2031-02-06")
    /// Tuesday 24 June 2031, the last days of the school year.
    static let tuesdayJune = d("2031-06-24")

    static let term = ("2030-09-02", "2031-07-04")
    static let holidays: [(String, String)] = [
        ("2030-10-19", "2030-11-03"), ("2030-12-21", "2031-01-05"), ("2031-02-15", "2031-03-02"),
        ("2031-04-19", "2031-05-04"), ("2031-07-05", "2031-08-31"),
    ]
    static let publicHolidays: Set<CivilDate> = Set(days(
        "2030-11-01", "2030-11-11", "2030-12-25", "2031-01-01", "2031-04-14", "2031-05-01", "2031-05-08",
        "2031-05-22", "2031-06-02", "2031-07-14"))

    static let openDays = InventedCalendar.openDays(from: "2030-09-02", to: "2031-08-31", terms: [term], holidays: holidays,
                                                    publicHolidays: publicHolidays)

    /// One child, named by a common word.
    static let ambre = FamilyContext(children: [.init(firstName: "Ambre", birthDate: d("2019-11-02"))], openDays: openDays)
    /// Two children.
    static let fabre = FamilyContext(children: [.init(firstName: "Gabin", birthDate: d("2017-06-06")),
                                                .init(firstName: "Lina", birthDate: d("2021-02-02"))],
                                     openDays: openDays)
    /// Three children, compound and accented names.
    static let riviere = FamilyContext(children: [.init(firstName: "Marie-Lou", birthDate: d("2018-05-03")),
                                                  .init(firstName: "Maël", birthDate: d("2020-01-12")),
                                                  .init(firstName: "Noé", birthDate: d("2022-09-30"))],
                                       openDays: openDays)
    /// Twins, one named by a common word.
    static let jumeaux = FamilyContext(children: [.init(firstName: "Côme", birthDate: d("2021-03-15")),
                                                  .init(firstName: "Prune", birthDate: d("2021-03-15"))],
                                       openDays: openDays)
}
