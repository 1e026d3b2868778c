import XCTest
@testable import Parsers

/// A heading that names a week ("Pour la semaine prochaine :") places the bare weekdays of the lines under it in that
/// week; a heading that names a day gives it to its lines and asks nothing of its own. Read alone, "- jeudi : Ambre absente" written on a Tuesday was this week's Thursday: once a certain absence
/// on the wrong day (invented town World6).
final class AnnouncedWeekTests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre
    private let jun = W.tuesdayJune

    func testLinesUnderAWeekHeadingAreInThatWeek() {
        let t = ReadingTable()
        t.add("Bonjour,\n\nPour la semaine prochaine :\n- jeudi : Ambre absente (vaccin)\n\nMerci !", A, jun,
              .certain(.absence, ["Ambre"], W.days("2031-07-03")))
        t.add("Semaine prochaine :\n- lundi : Gabin absent\n- mercredi : Lina absente", G, jun,
              .certain(.absence, ["Gabin"], W.days("2031-06-30")), .certain(.absence, ["Lina"], W.days("2031-07-02")))
        // A day as the heading: its lines take it, and the heading asks nothing of its own.
        t.add("Vendredi 11 octobre :\nCôme : pas de cantine\nPrune : pas de cantine non plus", W.jumeaux, W.thursdayOctober,
              .certain(.cancellation, ["Côme", "Prune"], W.days("2030-10-11"), cantine))
        // Without a heading, a bare weekday is the coming one, as before.
        t.add("Ambre sera absente jeudi.", A, jun, .certain(.absence, ["Ambre"], W.days("2031-06-26")))
        runTable(t)
    }
}
