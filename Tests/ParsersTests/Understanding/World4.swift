import Foundation
@testable import Parsers

/// An invented town for the fourth round of reader tests: school years 2026–2027 and 2027–2028 with their holidays and
/// public holidays, four families whose names appear in no public example.
enum World4 {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func days(_ isos: String...) -> [CivilDate] { isos.map(d) }
    static func span(_ a: String, _ b: String) -> [CivilDate] {
        let s = d(a), e = d(b)
        return (0...s.days(until: e)).map { s.adding(days: $0) }
    }

    // Reference days (the message's Date header).
    static let tuesdayMay = d("2027-05-11")
    static let fridayNovember = d("2026-11-20")
    static let mondayJanuary = d("2028-01-17")

    static let terms = [("2026-09-01", "2027-07-03"), ("2027-09-01", "2028-07-04")]
    static let holidays: [(String, String)] = [
        ("2026-10-17", "2026-11-01"), ("2026-12-19", "2027-01-03"), ("2027-02-20", "2027-03-07"),
        ("2027-04-17", "2027-05-02"), ("2027-07-04", "2027-08-31"),
        ("2027-10-23", "2027-11-07"), ("2027-12-18", "2028-01-02"), ("2028-02-12", "2028-02-27"),
        ("2028-04-08", "2028-04-23"), ("2028-07-05", "2028-08-31"),
    ]
    static let publicHolidays: Set<CivilDate> = Set(days(
        "2026-11-11", "2026-12-25", "2027-01-01", "2027-03-29", "2027-05-06", "2027-05-17", "2027-07-14",
        "2027-11-01", "2027-11-11", "2027-12-25", "2028-01-01", "2028-04-17", "2028-05-01", "2028-05-08",
        "2028-05-25", "2028-06-05"))

    static let openDays = InventedCalendar.openDays(from: "2026-09-01", to: "2028-08-31", terms: terms, holidays: holidays,
                                                    publicHolidays: publicHolidays)

    /// One child.
    static let lagarde = FamilyContext(children: [.init(firstName: "Ysaline", birthDate: d("2019-06-02"))], openDays: openDays)
    /// Two children.
    static let montclar = FamilyContext(children: [.init(firstName: "Ferdinand", birthDate: d("2018-02-14")),
                                                   .init(firstName: "Bérénice", birthDate: d("2020-10-30"))],
                                        openDays: openDays)
    /// Three children.
    static let vasseur = FamilyContext(children: [.init(firstName: "Octave", birthDate: d("2017-03-09")),
                                                  .init(firstName: "Solène", birthDate: d("2019-12-01")),
                                                  .init(firstName: "Anatole", birthDate: d("2021-07-21"))],
                                       openDays: openDays)
    /// Twins.
    static let guilloux = FamilyContext(children: [.init(firstName: "Célestin", birthDate: d("2020-04-04")),
                                                   .init(firstName: "Eulalie", birthDate: d("2020-04-04"))],
                                        openDays: openDays)
}
