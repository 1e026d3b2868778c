import ArgumentParser
import Foundation
import Parsers
#if canImport(Glibc)
import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Mesures de performance (lecteur MIME, décodage base64, lecteur de demandes, coût d’un message selon la taille de la base, mémoire).",
        subcommands: [BenchParse.self, BenchRead.self, BenchMail.self])
}

/// `maildaemon bench parse [DIR]`: full decode throughput on a generated corpus (or on every file under DIR), peak
/// memory for one message with a large attachment, and the base64 decoder alone. Build with
/// `swift build -c release` before trusting the figures. MB = 10^6 bytes; memory in MiB (2^20).
struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Débit du lecteur MIME (Mo/s, messages/s), mémoire maximale, débit du décodage base64.",
        discussion: "Sans DOSSIER : corpus généré. Avec DOSSIER : chaque fichier du dossier (et de ses sous-dossiers) est lu comme un message et entièrement décodé. Mo = 10^6 octets, Mio = 2^20 octets.")

    @Argument(help: "Dossier de messages bruts (.eml ou autres) à mesurer à la place du corpus généré.")
    var directory: String?

    @Option(name: .customLong("ext"), help: "Avec DOSSIER : seulement les fichiers de cette extension (ex. eml).")
    var fileExtension: String?

    @Option(help: "Taille du corpus généré, en Mo.")
    var megabytes = 256

    @Option(help: "Nombre de passes sur le corpus (la meilleure est retenue).")
    var passes = 3

    @Option(help: "Taille de la pièce jointe, en Mo, pour la mesure de mémoire (0 : pas de mesure).")
    var bigAttachmentMB = 25

    @Option(help: "Taille du texte base64 décodé seul, en Mo, par corps d’environ 1 Mo puis d’un seul tenant (0 : pas de mesure).")
    var base64MB = 64

    @Option(help: "Écrire le corpus généré dans ce dossier (un fichier .eml par message) puis s’arrêter, pour le mesurer avec un autre lecteur.")
    var saveCorpus: String?

    static func mb(_ bytes: Int) -> String {
        bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1e3) : String(format: "%.1f MB", Double(bytes) / 1e6)
    }
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Runs first, in a fresh heap, so the resident figure is the parser's and not the corpus'.
    func bigMessage(_ gen: inout MailGenerator) {
        var big = gen.withAttachment(bytes: bigAttachmentMB * 1_000_000)
        let before = Memory.residentMiB()
        Memory.resetPeak()
        let start = BenchParse.now()
        var parsed: ParsedMessage? = MessageParser.parse(big)
        let seconds = Double(BenchParse.now() - start) / 1e9
        let peak = Memory.peakMiB()
        let size = Double(big.count) / 1_048_576
        print(String(format: "big message: %@ (%d MB attachment, decoded %d bytes) in %.3f s",
                     BenchParse.mb(big.count), bigAttachmentMB, parsed?.attachments.first?.data.count ?? 0, seconds))
        print(String(format: "peak memory: %.1f MiB resident (%.1f MiB before parsing, message bytes included); budget 3 x %.1f + 30 = %.1f MiB",
                     peak, before, size, 3 * size + 30))
        parsed = nil
        big = []
    }

    /// The base64 decoder alone on MIME-style text (76 columns, CRLF), in GB/s of base64 text, two ways: bodies of an
    /// attachment's size (1 MB of base64 each, so the allocator hands the freed output back to the next one: the
    /// decoder's own speed), and the whole text as one body into fresh memory (what the kernel charges for clearing
    /// the output's pages comes on top, and on some machines costs more than the decoding).
    func base64Throughput(_ gen: inout MailGenerator) {
        let pieceBytes = 768_000  // 1,024,000 characters of base64, 1,050,946 bytes with the line breaks
        let pieces = (0..<max(1, base64MB)).map { _ in gen.randomBytes(pieceBytes) }
        let options: Data.Base64EncodingOptions = [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]
        let texts = pieces.map { Array(Data($0).base64EncodedData(options: options)) }
        let textBytes = texts.reduce(0) { $0 + $1.count }
        var bestPieces = Double.infinity, checksum = 0
        for _ in 0..<max(3, passes) {
            let start = BenchParse.now()
            for text in texts { checksum &+= TransferEncoding.decodeBase64(text[...]).bytes.count }
            bestPieces = min(bestPieces, Double(BenchParse.now() - start) / 1e9)
        }
        let ok = zip(texts, pieces).allSatisfy { TransferEncoding.decodeBase64($0[...]).bytes == $1 }
        print(String(format: "base64 decode: %.2f GB/s of base64 text (%d bodies of %@ with CRLF every 76 columns, best of %d, %.4f s, checksum %d)%@",
                     Double(textBytes) / 1e9 / bestPieces, texts.count, BenchParse.mb(texts[0].count), max(3, passes), bestPieces,
                     checksum, ok ? "" : " — DECODED BYTES DIFFER"))
        let raw = Array(pieces.joined())
        let text = Array(Data(raw).base64EncodedData(options: options))
        var bestWhole = Double.infinity
        var same = true
        for _ in 0..<max(3, passes) {
            let start = BenchParse.now()
            let decoded = TransferEncoding.decodeBase64(text[...])
            bestWhole = min(bestWhole, Double(BenchParse.now() - start) / 1e9)
            same = same && decoded.bytes == raw
        }
        print(String(format: "base64 decode, one body into fresh memory: %.2f GB/s (%@, page clearing by the kernel included, best of %d, %.4f s)%@",
                     Double(text.count) / 1e9 / bestWhole, BenchParse.mb(text.count), max(3, passes), bestWhole,
                     same ? "" : " — DECODED BYTES DIFFER"))
    }

    func run() throws {
        var gen = MailGenerator(seed: 42)
        if let directory { return try corpusFromDirectory(directory) }
        if bigAttachmentMB > 0 && saveCorpus == nil { bigMessage(&gen) }
        if base64MB > 0 && saveCorpus == nil { base64Throughput(&gen) }
        guard megabytes > 0 else { return }
        var corpus: [[UInt8]] = []
        var total = 0
        var kinds = [0, 0, 0]
        while total < megabytes * 1_000_000 {
            let k = corpus.count % 10
            let m: [UInt8]
            if k < 4 { m = gen.plain(); kinds[0] += 1 }
            else if k < 8 { m = gen.alternative(); kinds[1] += 1 }
            else { m = gen.withAttachment(bytes: gen.next(200_000, 2_000_000)); kinds[2] += 1 }
            total += m.count
            corpus.append(m)
        }
        if let saveCorpus {
            try FileManager.default.createDirectory(atPath: saveCorpus, withIntermediateDirectories: true)
            for (i, m) in corpus.enumerated() {
                try Data(m).write(to: URL(fileURLWithPath: saveCorpus).appendingPathComponent(String(format: "%05d.eml", i)))
            }
            print("corpus: \(corpus.count) messages, \(BenchParse.mb(total)) written to \(saveCorpus)")
            return
        }
        print("corpus: \(corpus.count) messages (\(kinds[0]) plain, \(kinds[1]) alternative, \(kinds[2]) with 200 KB-2 MB attachment), \(BenchParse.mb(total))")
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<max(1, passes) {
            let start = BenchParse.now()
            for m in corpus { checksum &+= BenchParse.decodeFully(m) }
            best = min(best, Double(BenchParse.now() - start) / 1e9)
        }
        print(String(format: "full decode: %.0f MB/s, %.0f messages/s (best of %d passes, %.3f s; checksum %d)",
                     Double(total) / 1e6 / best, Double(corpus.count) / best, passes, best, checksum))
        corpus = []
    }

    /// Parses and touches every decoded part (text as a String, other parts as bytes, attached messages' parts
    /// too) so nothing can be skipped; returns a checksum. The quote and signature analysis is not decoding: it
    /// runs when the request reader asks for the new text (`bench read` measures the reader), and so does turning an
    /// HTML-only body into text (`textBody`); the HTML part itself is decoded to a String like any text part.
    static func decodeFully(_ bytes: [UInt8]) -> Int {
        touch(MessageParser.parse(bytes))
    }
    static func touch(_ p: ParsedMessage) -> Int {
        var checksum = p.subject.utf8.count &+ (p.from.first?.address.utf8.count ?? 0)
        for leaf in p.root.leaves {
            checksum &+= leaf.bodyBytes.count &+ (leaf.text?.utf8.count ?? 0)
            if let m = leaf.message { checksum &+= touch(m) }
        }
        return checksum
    }

    /// Every regular file under `dir`, read (not timed) then fully decoded (timed), one at a time: memory stays
    /// that of the largest message.
    func corpusFromDirectory(_ dir: String) throws {
        var files: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: dir) else { throw ValidationError("dossier illisible : \(dir)") }
        for case let rel as String in walker {
            let path = (dir as NSString).appendingPathComponent(rel)
            var isDir: ObjCBool = false
            if let fileExtension, (rel as NSString).pathExtension != fileExtension { continue }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { files.append(path) }
        }
        files.sort()
        guard !files.isEmpty else { throw ValidationError("aucun fichier dans \(dir)") }
        Memory.resetPeak()
        var best = Double.infinity, total = 0, largest = 0
        var checksum = 0
        var fastest = [Double](repeating: .infinity, count: files.count)
        for _ in 0..<max(1, passes) {
            var seconds = 0.0
            total = 0
            for (i, path) in files.enumerated() {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                total += bytes.count; largest = max(largest, bytes.count)
                let start = BenchParse.now()
                checksum &+= BenchParse.decodeFully(bytes)
                let t = Double(BenchParse.now() - start) / 1e9
                seconds += t
                fastest[i] = min(fastest[i], t)
            }
            best = min(best, seconds)
        }
        print("corpus: \(files.count) files under \(dir), \(BenchParse.mb(total)) (largest \(BenchParse.mb(largest)))")
        print(String(format: "full decode: %.0f MB/s, %.0f messages/s (best of %d passes, %.3f s of parsing, file reading not counted; checksum %d)",
                     Double(total) / 1e6 / best, Double(files.count) / best, max(1, passes), best, checksum))
        print(String(format: "peak memory: %.1f MiB resident", Memory.peakMiB()))
        // Where the time goes on a real corpus: the slowest files (best pass each).
        for i in fastest.indices.sorted(by: { fastest[$0] > fastest[$1] }).prefix(3) {
            print(String(format: "slowest: %.2f ms %@", fastest[i] * 1000, files[i]))
        }
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
    static func residentMiB() -> Double { status("VmRSS:") }
    static func peakMiB() -> Double { status("VmHWM:") }
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

    mutating func randomBytes(_ count: Int) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: count)
        var x = nextRaw()
        for i in 0..<count { x = x &* 6364136223846793005 &+ 1; data[i] = UInt8(truncatingIfNeeded: x >> 56) }
        return data
    }

    mutating func withAttachment(bytes: Int) -> [UInt8] {
        let data = randomBytes(bytes)
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
