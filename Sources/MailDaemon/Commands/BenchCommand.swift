import ArgumentParser
import Foundation
import Parsers
#if canImport(Glibc)
import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Mesures de performance (débit du lecteur MIME, mémoire).",
        subcommands: [BenchParse.self, BenchRead.self])
}

/// `maildaemon bench parse`: full decode throughput on a generated corpus, then peak memory for one
/// message with a large attachment. Build with `swift build -c release` before trusting the figures.
struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Débit du lecteur MIME (Mo/s, messages/s) et mémoire maximale sur une grosse pièce jointe.")

    @Option(help: "Taille du corpus généré, en Mo.")
    var megabytes = 256

    @Option(help: "Nombre de passes sur le corpus (la meilleure est retenue).")
    var passes = 3

    @Option(help: "Taille de la pièce jointe, en Mo, pour la mesure de mémoire (0 : pas de mesure).")
    var bigAttachmentMB = 25

    /// Runs first, in a fresh heap, so the resident figure is the parser's and not the corpus'.
    func bigMessage(_ gen: inout MailGenerator) {
        var big = gen.withAttachment(bytes: bigAttachmentMB << 20)
        let before = Memory.residentMB()
        Memory.resetPeak()
        let start = DispatchTime.now().uptimeNanoseconds
        var parsed: ParsedMessage? = MessageParser.parse(big)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let peak = Memory.peakMB()
        let size = Double(big.count) / 1_048_576
        print(String(format: "big message: %.1f MB (%d MB attachment, decoded %d bytes) in %.3f s",
                     size, bigAttachmentMB, parsed?.attachments.first?.data.count ?? 0, seconds))
        print(String(format: "peak memory: %.1f MB resident (%.1f MB before parsing, message bytes included); budget 3 x %.1f + 30 = %.1f MB",
                     peak, before, size, 3 * size + 30))
        parsed = nil
        big = []
    }

    func run() throws {
        var gen = MailGenerator(seed: 42)
        if bigAttachmentMB > 0 { bigMessage(&gen) }
        var corpus: [[UInt8]] = []
        var total = 0
        var kinds = [0, 0, 0]
        while total < megabytes << 20 {
            let k = corpus.count % 10
            let m: [UInt8]
            if k < 4 { m = gen.plain(); kinds[0] += 1 }
            else if k < 8 { m = gen.alternative(); kinds[1] += 1 }
            else { m = gen.withAttachment(bytes: gen.next(200 << 10, 2 << 20)); kinds[2] += 1 }
            total += m.count
            corpus.append(m)
        }
        print("corpus: \(corpus.count) messages (\(kinds[0]) plain, \(kinds[1]) alternative, \(kinds[2]) with 200 KB-2 MB attachment), \(String(format: "%.1f", Double(total) / 1_048_576)) MB")
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now().uptimeNanoseconds
            for m in corpus {
                let p = MessageParser.parse(m)
                // Touch every decoded part so nothing can be skipped.
                for leaf in p.root.leaves { checksum &+= leaf.body.count &+ (leaf.text?.utf8.count ?? 0) }
                checksum &+= p.newText.utf8.count
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
        }
        print(String(format: "full decode: %.0f MB/s, %.0f messages/s (best of %d passes, %.3f s; checksum %d)",
                     Double(total) / 1_048_576 / best, Double(corpus.count) / best, passes, best, checksum))
        corpus = []

    }
}

enum Memory {
    static func status(_ key: String) -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix(key) {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
    static func residentMB() -> Double { status("VmRSS:") }
    static func peakMB() -> Double { status("VmHWM:") }
    /// Resets VmHWM to the current RSS (Linux: write 5 to clear_refs).
    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }
}

/// Deterministic synthetic mail: French text, QP/HTML alternatives, base64 attachments.
struct MailGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextRaw() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
    mutating func next(_ lo: Int, _ hi: Int) -> Int { lo + Int(nextRaw() % UInt64(hi - lo + 1)) }

    static let words = ["bonjour", "cantine", "mercredi", "enfant", "absence", "réservation", "merci", "centre",
                        "loisirs", "journée", "repas", "école", "lundi", "mars", "avril", "garderie", "soir", "matin"]

    mutating func sentence() -> String {
        (0..<next(6, 16)).map { _ in MailGenerator.words[next(0, MailGenerator.words.count - 1)] }.joined(separator: " ") + "."
    }
    mutating func paragraph(_ lines: Int) -> String { (0..<lines).map { _ in sentence() }.joined(separator: "\r\n") }

    mutating func headers(_ contentType: String, extra: String = "") -> String {
        let n = next(1, 99999)
        return "From: =?UTF-8?Q?Famille_H=C3=A9lo=C3=AFse_\(n)?= <parent\(n)@famille.test>\r\n" +
            "To: espace-famille@mairie.test\r\nSubject: =?UTF-8?B?UsOpc2VydmF0aW9uIGNhbnRpbmU=?= \(n)\r\n" +
            "Date: Mon, 8 Mar 2027 10:\(10 + n % 50):00 +0100\r\nMessage-ID: <\(n).\(nextRaw())@famille.test>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: \(contentType)\r\n\(extra)\r\n"
    }

    static func qp(_ s: String) -> String {
        var out = "", col = 0
        for b in s.utf8 {
            let piece = (b >= 33 && b <= 126 && b != 61) || b == 32 ? String(UnicodeScalar(b)) : String(format: "=%02X", b)
            if b == 13 || b == 10 { out += String(UnicodeScalar(b)); col = 0; continue }
            if col + piece.count > 75 { out += "=\r\n"; col = 0 }
            out += piece; col += piece.count
        }
        return out
    }

    mutating func plain() -> [UInt8] {
        Array((headers("text/plain; charset=utf-8", extra: "Content-Transfer-Encoding: 8bit\r\n") + paragraph(next(5, 40)) + "\r\n").utf8)
    }

    mutating func alternative() -> [UInt8] {
        let text = paragraph(next(5, 40))
        let html = "<html><body><div>" + text.replacingOccurrences(of: "\r\n", with: "</div>\r\n<div>") + "</div></body></html>"
        let b = "alt-\(nextRaw())"
        return Array((headers("multipart/alternative; boundary=\"\(b)\"") +
            "--\(b)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            MailGenerator.qp(text) + "\r\n--\(b)\r\nContent-Type: text/html; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + MailGenerator.qp(html) + "\r\n--\(b)--\r\n").utf8)
    }

    mutating func withAttachment(bytes: Int) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: bytes)
        var x = nextRaw()
        for i in 0..<bytes { x = x &* 6364136223846793005 &+ 1; data[i] = UInt8(truncatingIfNeeded: x >> 56) }
        let b = "mixed-\(nextRaw())"
        var out = Array((headers("multipart/mixed; boundary=\"\(b)\"") +
            "--\(b)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + paragraph(4) + "\r\n--\(b)\r\n" +
            "Content-Type: application/pdf; name=\"certificat.pdf\"\r\nContent-Disposition: attachment; filename=\"certificat.pdf\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n").utf8)
        let b64 = Array(Data(data).base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))
        out.reserveCapacity(out.count + b64.count + 100)
        out += b64
        out += Array("\r\n--\(b)--\r\n".utf8)
        return out
    }
}
