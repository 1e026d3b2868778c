import XCTest
@testable import Parsers

/// Random mixtures of the words parents use (dates, names, activities, negations, punctuation, numbers) never crash
/// the reader, and every reading keeps its promise: certain means no question, unsure means at least one, and a
/// certain request names only the family's children.
final class ReaderRobustnessTests: XCTestCase {
    /// A small deterministic generator (the same words every run, so a failure can be replayed).
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let words = [
        "Zélie", "Marc-Antoine", "zelie", "Éloi", "Gaspard", "sera", "absente", "absent", "ne", "n'", "pas", "plus",
        "mangera", "à", "la", "cantine", "garderie", "du", "soir", "matin", "centre", "de", "loisirs", "vacances",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "demain", "aujourd'hui", "hier", "après-demain",
        "le", "les", "au", "jusqu'au", "à partir du", "sauf", "semaine", "prochaine", "dernière", "tous", "en", "huit",
        "quinze", "dans", "jours", "1er", "12", "31", "32", "0", "99", "15/10", "31/02", "2029-02-30", "12.50",
        "octobre", "février", "décembre", "janvier", "Toussaint", "Noël", "si", "peut-être", "finalement", "pardon",
        "c'est", "et", "ou", "ni", ",", ".", ":", ";", "?", "!", "(", ")", "«", "»", "oui", "OUI", "non", "ok",
        "inscrire", "annuler", "réserver", "facture", "en ligne", "récapitulatif", "clé", "X7PA-4KRT-9MWC", "06 12 34 56 78",
        "will", "stay", "home", "tomorrow", "won't", "canteen", "book", "the", "retour", "veille", "semaine 53", "mois",
        "copain", "maîtresse", "je", "nous", "malade", "fièvre", "journée", "avec", "repas", "sans", "l'après-midi",
        "quinzaine", "première", "deux", "dernières", "vingt", "et", "un", "seize", "tout", "le mois de",
    ]

    func testRandomWordsNeverCrashAndKeepTheCertaintyPromise() {
        Self.readRandomMails(seed: 42, count: 750)
    }

    /// `count` mails of random words, from a generator started at `seed`.
    static func readRandomMails(seed: UInt64, count: Int) {
        let families = [
            FamilyContext(children: [.init(firstName: "Éloi", birthDate: CivilDate(iso: "2020-06-02"))]),
            FamilyContext(children: [.init(firstName: "Zélie", birthDate: CivilDate(iso: "2018-11-30")),
                                     .init(firstName: "Marc-Antoine", birthDate: CivilDate(iso: "2021-03-15"))]),
        ]
        let days = ["2029-02-28", "2029-12-31", "2030-01-05", "2029-10-08"].compactMap(CivilDate.init(iso:))
        var g = Generator(state: seed)
        for _ in 0..<count {
            var text = ""
            for _ in 0..<(1 + g.next(4)) {
                let n = 1 + g.next(18)
                text += (0..<n).map { _ in Self.words[g.next(Self.words.count)] }.joined(separator: " ") + ". "
            }
            let day = days[g.next(days.count)]
            let input = ReadingInput(subject: g.next(3) == 0 ? Self.words[g.next(Self.words.count)] : "", text: text,
                                     sentAt: ParisTime(date: day, hour: 8, minute: 0), repliesToUs: g.next(2) == 0)
            let family = g.next(4) == 0 ? nil : families[g.next(families.count)]
            let requests = RequestReader.read(input, family: family, today: day)
            XCTAssertFalse(requests.isEmpty, text)
            for r in requests {
                if r.confidence == .certain { XCTAssertTrue(r.doubts.isEmpty, "\(text): certain with \(r.doubts)") }
                else { XCTAssertFalse(r.doubts.isEmpty, "\(text): unsure without a question") }
                XCTAssertEqual(r.dates, Array(Set(r.dates)).sorted(), "\(text): dates sorted and unique")
                if let f = family, r.confidence == .certain {
                    XCTAssertTrue(r.children.allSatisfy { c in f.children.contains { $0.firstName == c } },
                                  "\(text): a certain request names only the family's children: \(r.children)")
                }
            }
        }
    }
}

/// 750 more random mails from another seed: a class of their own, so that the test script can run the two halves in
/// different processes (in debug builds the reader's 1,500 mails took 13–15 s, the suite's longest class).
final class ReaderRobustnessMoreTests: XCTestCase {
    func testRandomWordsFromAnotherSeed() {
        ReaderRobustnessTests.readRandomMails(seed: 0x5EED_CAFE, count: 750)
    }
}
