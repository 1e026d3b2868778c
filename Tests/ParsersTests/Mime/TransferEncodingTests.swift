import Foundation
import XCTest
@testable import Parsers

/// The base64 decoder (SSSE3 blocks, then tables) against a byte-at-a-time reference with the same tolerance rules: line breaks
/// and blanks skipped, garbage skipped and counted, `=` closing a group (chunks may follow), a dangling sextet dropped.
final class TransferEncodingTests: XCTestCase {
    /// One byte at a time, no fast path: the rules the decoder must keep.
    static func reference(_ input: [UInt8]) -> (bytes: [UInt8], garbage: Int, truncated: Bool) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var value = [UInt8: UInt32]()
        for (i, c) in alphabet.enumerated() { value[c] = UInt32(i) }
        value[UInt8(ascii: "-")] = 62; value[UInt8(ascii: "_")] = 63
        var out: [UInt8] = [], garbage = 0, truncated = false, acc: UInt32 = 0, count = 0
        func flush() {
            if count == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
            if count == 3 { out += [UInt8(truncatingIfNeeded: acc >> 10), UInt8(truncatingIfNeeded: acc >> 2)] }
            if count == 1 { truncated = true }
            acc = 0; count = 0
        }
        for b in input {
            if let v = value[b] {
                acc = acc << 6 | v; count += 1
                if count == 4 { out += [UInt8(truncatingIfNeeded: acc >> 16), UInt8(truncatingIfNeeded: acc >> 8), UInt8(truncatingIfNeeded: acc)]; acc = 0; count = 0 }
            } else if b == UInt8(ascii: "=") {
                flush()
            } else if ![10, 13, 32, 9].contains(b) {
                garbage += 1
            }
        }
        flush()
        return (out, garbage, truncated)
    }

    func decode(_ s: String) -> (bytes: [UInt8], garbage: Int, truncated: Bool) {
        TransferEncoding.decodeBase64(Array(s.utf8)[...])
    }

    func testEdgeCases() {
        let cases: [(String, [UInt8], Int, Bool)] = [
            ("", [], 0, false),
            ("=", [], 0, false),
            ("QQ==", Array("A".utf8), 0, false),
            ("QUI=", Array("AB".utf8), 0, false),
            ("QUJD", Array("ABC".utf8), 0, false),
            ("QUJDREVG", Array("ABCDEF".utf8), 0, false),           // exactly one 8-byte block
            ("QUJDREVGR0g=", Array("ABCDEFGH".utf8), 0, false),     // block, then padding on the slow path
            ("Q", [], 0, true),                                      // a lone sextet is dropped
            ("QQ==QUI=", Array("AAB".utf8), 0, false),              // padded chunks glued together
            ("QU JD\r\n\tRE VG", Array("ABCDEF".utf8), 0, false),   // blanks inside groups
            ("QUJD\nREVG\rR0hJ\r\n", Array("ABCDEFGHI".utf8), 0, false),
            ("QU!JD", Array("ABC".utf8), 1, false),                  // garbage skipped and counted
            ("QUJDREV!GR0hJ", Array("ABCDEFGHI".utf8), 1, false),    // garbage inside an 8-byte block
            ("-_-_", [0xFB, 0xFF, 0xBF], 0, false),                  // URL-safe alphabet
            ("+/+/", [0xFB, 0xFF, 0xBF], 0, false),
            ("QUJD\u{00E9}", Array("ABC".utf8), 2, false),           // 8-bit bytes are garbage
        ]
        for (input, bytes, garbage, truncated) in cases {
            let r = decode(input)
            XCTAssertEqual(r.bytes, bytes, input.debugDescription)
            XCTAssertEqual(r.garbage, garbage, input.debugDescription)
            XCTAssertEqual(r.truncated, truncated, input.debugDescription)
        }
    }

    /// A slice that does not start at index 0 (a part inside a message).
    func testSliceInsideALargerBuffer() {
        let all = Array("xxxxxQUJDREVGR0hJSktM\r\nyyy".utf8)
        XCTAssertEqual(TransferEncoding.decodeBase64(all[5..<23]).bytes, Array("ABCDEFGHIJKL".utf8))
    }

    /// Mailers' line layouts and every length around the 4- and 8-byte steps.
    func testCleanInputMatchesFoundation() throws {
        var rng = SplitMix(seed: 7)
        for length in 0..<300 {
            let raw = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for options: Data.Base64EncodingOptions in [[], [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed],
                                                        [.lineLength64Characters, .endLineWithLineFeed]] {
                let text = Array(Data(raw).base64EncodedData(options: options))
                let r = TransferEncoding.decodeBase64(text[...])
                XCTAssertEqual(r.bytes, raw, "length \(length)")
                XCTAssertEqual(r.garbage, 0); XCTAssertFalse(r.truncated)
            }
        }
    }

    /// Clean base64 damaged at random places (garbage, blanks, stray padding, line breaks, cut ends).
    func testDamagedInputMatchesTheReference() {
        var rng = SplitMix(seed: 2026)
        let noise = Array("=\r\n \t!*.é\u{0}".utf8) + [0xFF, 0x80]
        for round in 0..<3000 {
            let raw = (0..<Int(rng.next() % 120)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var text = Array(Data(raw).base64EncodedData(options: round % 2 == 0 ? [] : [.lineLength64Characters, .endLineWithLineFeed]))
            for _ in 0..<Int(rng.next() % 6) {
                let at = text.isEmpty ? 0 : Int(rng.next() % UInt64(text.count + 1))
                text.insert(noise[Int(rng.next() % UInt64(noise.count))], at: at)
            }
            if round % 5 == 0, !text.isEmpty { text.removeLast(Int(rng.next() % UInt64(min(3, text.count) + 1))) }
            let got = TransferEncoding.decodeBase64(text[...]), want = Self.reference(text)
            if got.bytes != want.bytes || got.garbage != want.garbage || got.truncated != want.truncated {
                XCTFail("round \(round): \(String(decoding: text, as: UTF8.self).debugDescription) decoded \(got), expected \(want)")
                return
            }
        }
    }

    /// Every byte value at every position of the first two 16-byte blocks (where the SSSE3 path classifies them):
    /// the alphabet's neighbours (`@ [ ` { / 0 9 : + ,`), 8-bit bytes and both URL-safe letters must each be read as
    /// the byte-at-a-time rules read them.
    func testEveryByteAtEveryBlockPosition() {
        let raw = (0..<36).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let base = Array(Data(raw).base64EncodedData())
        for position in 0..<32 {
            for byte in 0...255 {
                var text = base
                text[position] = UInt8(byte)
                let got = TransferEncoding.decodeBase64(text[...]), want = Self.reference(text)
                if got.bytes != want.bytes || got.garbage != want.garbage || got.truncated != want.truncated {
                    XCTFail("byte \(byte) at \(position): decoded \(got), expected \(want)")
                    return
                }
            }
        }
    }

    /// Line lengths that are not a multiple of 4 (a break inside a group), lone CR or LF, long and short lines.
    func testAnyLineLayoutMatchesTheReference() {
        var rng = SplitMix(seed: 76)
        let breaks: [[UInt8]] = [[13, 10], [10], [13], [13, 10, 13, 10]]
        for round in 0..<600 {
            let raw = (0..<Int(rng.next() % 400)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let flat = Array(Data(raw).base64EncodedData())
            let width = 1 + Int(rng.next() % 90), lineBreak = breaks[round % breaks.count]
            var text: [UInt8] = []
            for (i, c) in flat.enumerated() {
                if i > 0 && i % width == 0 { text += lineBreak }
                text.append(c)
            }
            let got = TransferEncoding.decodeBase64(text[...]), want = Self.reference(text)
            XCTAssertEqual(got.bytes, raw, "width \(width), round \(round)")
            XCTAssertEqual(got.bytes, want.bytes); XCTAssertEqual(got.garbage, want.garbage)
            XCTAssertEqual(got.truncated, want.truncated)
        }
    }
}

/// Deterministic generator for the randomised cases.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
