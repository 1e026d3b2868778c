import Foundation
import XCTest
@testable import Parsers

/// The byte-level folding and the trimming without NSString give, on every character they take, what the Unicode
/// (Foundation) versions give.
final class TextFastPathTests: XCTestCase {
    /// Every scalar of the first planes, alone and between letters: where the byte path answers, it agrees.
    func testLatinFoldingAgreesWithUnicodeFolding() {
        var taken = 0
        for v in UInt32(1)...0x2FFF {
            guard let c = Unicode.Scalar(v) else { continue }
            for s in ["\(c)", "Ab\(c)Cd", "\(c)\(c) É"] {
                guard let fast = TextFolding.foldedLatin(s) else { continue }
                taken += 1
                XCTAssertEqual(fast, TextFolding.foldedUnicode(s), "U+\(String(v, radix: 16))")
            }
        }
        // ASCII and the French letters and punctuation do take it.
        XCTAssertGreaterThan(taken, 3 * 200)
    }

    func testFrenchMailTakesTheBytePath() {
        let mail = "Bonjour,\tLÉA sera absente jeudi 11 mars (fièvre) ; Œuvre « cantine » – l’après-midi\u{A0}: ÇA\u{202F}!"
        XCTAssertEqual(TextFolding.foldedLatin(mail),
                       "bonjour, lea sera absente jeudi 11 mars (fievre) ; oeuvre \" cantine \" - l'apres-midi : ca !")
        XCTAssertEqual(TextFolding.fold("Aujourd’hui"), "aujourdhui")
        // Others (Greek, ß, combining accents) take the Unicode path with the same result as before.
        XCTAssertNil(TextFolding.foldedLatin("Straße"))
        XCTAssertEqual(TextFolding.fold("Straße Ἀθῆναι e\u{301}te\u{301}"), "straße αθηναι ete")
    }

    func testTrimmingMatchesFoundation() {
        var samples = ["", " ", "a", " a ", "\t\ta b\t", "\n a \r\n", "\u{A0}été\u{202F}", "\u{2028}x\u{85}", "x\u{3000}",
                       "\u{200B}x\u{200B}", "\u{B}x\u{C}", "«\u{2009}oui\u{2009}»"]
        for v in UInt32(1)...0x3100 { if let c = Unicode.Scalar(v) { samples.append("\(c)x\(c)") } }
        for s in samples {
            XCTAssertEqual(s.trimmedWhitespace, s.trimmingCharacters(in: .whitespaces), s.debugDescription)
            XCTAssertEqual(s.trimmedWhitespaceAndNewlines, s.trimmingCharacters(in: .whitespacesAndNewlines), s.debugDescription)
            XCTAssertEqual(s.trimmedNewlines, s.trimmingCharacters(in: .newlines), s.debugDescription)
            XCTAssertEqual(s.dropFirst(0).trimmedWhitespace, s.trimmingCharacters(in: .whitespaces))
        }
    }
}

extension TextFastPathTests {
    func testReplacingMatchesFoundation() {
        let cases: [(String, String, String)] = [
            ("a\u{A0}b\u{A0}", "\u{A0}", " "), ("Léa et Hugo et Zoé", " et ", " ou "), ("Œuvre cœur", "œ", "oe"),
            ("rien", "x", "y"), ("", "x", "y"), ("xxx", "xx", "y"), ("enfant(s)", "(s)", "s"), ("a-b-c", "-", ""),
            ("\"q\\\"", "\\", ""), ("ab", "abc", "z"), ("été", "é", "e"),
        ]
        for (s, t, r) in cases {
            XCTAssertEqual(s.replacingEvery(t, with: r), s.replacingOccurrences(of: t, with: r), "\(s) \(t)")
        }
    }
}
