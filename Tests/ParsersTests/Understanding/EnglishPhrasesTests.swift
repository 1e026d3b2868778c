import XCTest
@testable import Parsers

/// English phrasings once read wrong or not at all (invented town World6): "have lunch at home" was a canteen booking;
/// "won't be having lunch", "will be away", "remove X from the canteen" and "neither of the kids will need lunch" were
/// not read.
final class EnglishPhrasesTests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre, T = W.jumeaux
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary

    func testEnglishPhrases() {
        let t = ReadingTable()
        t.add("Ambre will have lunch at home on Monday next week.", A, feb,
              .certain(.cancellation, ["Ambre"], W.days("2031-02-10"), cantine))
        t.add("Lina won't be having lunch at school on Friday.", G, oct,
              .certain(.cancellation, ["Lina"], W.days("2030-10-11"), cantine))
        t.add("Prune will be away from Monday to Wednesday next week.", T, feb,
              .certain(.absence, ["Prune"], W.days("2031-02-10", "2031-02-11", "2031-02-12")))
        t.add("Hello, could you remove Côme from the canteen on Friday? Many thanks", T, oct,
              .certain(.cancellation, ["Côme"], W.days("2030-10-11"), cantine))
        t.add("Hi there, neither of the kids will need lunch on Friday. Cheers", G, oct,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2030-10-11"), cantine))
        t.add("Ambre isn't having school dinners on Friday.", A, oct,
              .certain(.cancellation, ["Ambre"], W.days("2030-10-11"), cantine))
        t.add("Prune is going to her grandmother's on Friday so she won't be in.", T, oct,
              .certain(.absence, ["Prune"], W.days("2030-10-11")))
        // "or" between days asks which one, with a negation too (the team's choice: "won't come in today or tomorrow"
        // is asked, not read as both days).
        t.nothingApplied("Gabin will be absent on Monday or Tuesday next week.", G, feb)
        t.nothingApplied("Hi, Gabin won't be in school on Monday or Tuesday next week. Thanks", G, feb)
        runTable(t)
    }
}
