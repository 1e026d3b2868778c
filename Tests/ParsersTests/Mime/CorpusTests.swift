import Foundation
import XCTest
@testable import Parsers

/// Runs the parser over the public corpora in ../shared/corpora (skipped when absent): no crash, every
/// message yields a body or a defect, and where mail-parser's expected JSON has a value we also
/// produce, we compare (agreement rates are printed, and must stay above a floor).
final class CorpusTests: XCTestCase {
    func testCorporaParseAndAgreeWithMailParser() throws {
        let emls = SharedFiles.files(under: "corpora", ext: "eml")
        guard !emls.isEmpty else { throw XCTSkip("../shared/corpora not present") }
        var agree: [String: (Int, Int)] = [:]
        var mismatches: [String] = []
        var empty: [String] = []
        for url in emls {
            let bytes = try [UInt8](Data(contentsOf: url))
            let m = MessageParser.parse(bytes)
            if m.textBody.isEmpty && m.attachments.isEmpty && m.defects.isEmpty && m.htmlBody == nil {
                empty.append(url.lastPathComponent)
            }
            let jsonURL = url.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: jsonURL),
                  let expected = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for (field, ok) in Self.compare(m, expected) {
                var a = agree[field] ?? (0, 0)
                a.1 += 1
                if ok { a.0 += 1 } else { mismatches.append("\(field): \(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent)") }
                agree[field] = a
            }
        }
        let total = agree.values.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        print("corpus: \(emls.count) messages parsed, \(empty.count) without body nor defect")
        for (field, a) in agree.sorted(by: { $0.key < $1.key }) {
            print(String(format: "  %-12@ %4d / %4d agree (%.1f%%)", field as NSString, a.0, a.1, 100 * Double(a.0) / Double(max(1, a.1))))
        }
        print(String(format: "  overall agreement with mail-parser: %d / %d (%.1f%%)", total.0, total.1,
                     100 * Double(total.0) / Double(max(1, total.1))))
        for line in mismatches.prefix(40) { print("  mismatch \(line)") }
        XCTAssertTrue(empty.isEmpty, "messages with neither body nor defect: \(empty)")
        XCTAssertGreaterThan(Double(total.0) / Double(max(1, total.1)), 0.85)
    }

    static func headerValue(_ expected: [String: Any], _ name: String) -> Any? {
        guard let parts = expected["parts"] as? [[String: Any]], let headers = parts.first?["headers"] as? [[String: Any]]
        else { return nil }
        return headers.first { ($0["name"] as? String) == name }?["value"]
    }

    static func addresses(_ v: Any?) -> [String]? {
        guard let a = (v as? [String: Any])?["Address"] as? [String: Any] else { return nil }
        var out: [String] = []
        if let list = a["List"] as? [[String: Any]] { out = list.compactMap { $0["address"] as? String } }
        if let groups = a["Group"] as? [[String: Any]] {
            for g in groups { out += (g["addresses"] as? [[String: Any]] ?? []).compactMap { $0["address"] as? String } }
        }
        return out.map { $0.lowercased() }
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Field name -> agrees, for each field mail-parser gives a value for.
    static func compare(_ m: ParsedMessage, _ e: [String: Any]) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        if let s = (headerValue(e, "subject") as? [String: Any])?["Text"] as? String {
            out.append(("subject", collapse(s) == collapse(m.subject)))
        }
        for (name, ours) in [("from", m.from), ("to", m.to), ("cc", m.cc)] {
            if let exp = addresses(headerValue(e, name)), !exp.isEmpty {
                out.append((name, exp == ours.map { $0.address.lowercased() }))
            }
        }
        if let d = (headerValue(e, "date") as? [String: Any])?["DateTime"] as? [String: Any],
           let y = d["year"] as? Int, let mo = d["month"] as? Int, let day = d["day"] as? Int,
           let civil = CivilDate(year: y, month: mo, day: day) {
            let tz = ((d["tz_hour"] as? Int ?? 0) * 60 + (d["tz_minute"] as? Int ?? 0)) * ((d["tz_before_gmt"] as? Bool ?? false) ? -1 : 1)
            let t = civil.dayNumber * 86400 + (d["hour"] as? Int ?? 0) * 3600 + (d["minute"] as? Int ?? 0) * 60
                + (d["second"] as? Int ?? 0) - tz * 60
            out.append(("date", m.date.map { Int($0.timeIntervalSince1970) } == t))
        }
        if let id = (headerValue(e, "message_id") as? [String: Any])?["Text"] as? String {
            out.append(("message_id", m.messageID == id))
        }
        if let idx = e["text_body"] as? [Int], let parts = e["parts"] as? [[String: Any]], !idx.isEmpty {
            let texts = idx.compactMap { i -> String? in
                i < parts.count ? (parts[i]["body"] as? [String: Any])?["Text"] as? String : nil
            }
            if texts.count == idx.count {
                out.append(("text_body", collapse(texts.joined(separator: "\n")) == collapse(m.textBody)))
            }
        }
        if let att = e["attachments"] as? [Int] {
            out.append(("attachments", att.count == m.attachments.count))
        }
        return out
    }
}
