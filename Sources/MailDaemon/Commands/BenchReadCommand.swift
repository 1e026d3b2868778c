import ArgumentParser
import Foundation
import Parsers

/// `maildaemon bench read`: how fast parents' mails are understood (MIME parse excluded), on real mail folders and on
/// hostile 64 KB texts. The reader's bound: any text is read in time linear in its length. Build with
/// `swift build -c release` before trusting the figures.
struct BenchRead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Débit du lecteur de demandes (messages/s) sur des dossiers de messages, et pire cas sur 64 Ko.")

    @Argument(help: "Dossiers de messages .eml (par défaut : les exemples publics de ../shared s’ils existent).")
    var folders: [String] = []

    @Option(help: "Nombre de passes (la meilleure est retenue).")
    var passes = 3

    func run() throws {
        let family = FamilyContext(children: [.init(firstName: "Chloé"), .init(firstName: "Jules"), .init(firstName: "Tom")])
        let today = CivilDate(iso: "2027-09-13")!
        var dirs = folders
        if dirs.isEmpty {
            dirs = ["../shared/examples/parents/messages", "../shared/examples/parents-autumn/messages"]
                .filter { FileManager.default.fileExists(atPath: $0) }
        }
        for dir in dirs {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasSuffix(".eml") }.sorted() ?? []
            let inputs: [ReadingInput] = files.compactMap { name in
                guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { return nil }
                let m = MessageParser.parse([UInt8](data))
                return ReadingInput(subject: m.subject, text: m.newText, sentAt: m.date.map(ParisTime.init))
            }
            guard !inputs.isEmpty else { print("\(dir): aucun message"); continue }
            var best = Double.infinity
            var worst = 0.0
            for _ in 0..<max(1, passes) {
                let start = DispatchTime.now().uptimeNanoseconds
                for input in inputs {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    _ = RequestReader.read(input, family: family, today: today)
                    worst = max(worst, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print(String(format: "%@: %d messages, %.0f messages/s, slowest message %.2f ms", dir, inputs.count,
                         Double(inputs.count) / best, worst))
        }
        for (name, text) in BenchRead.hostileTexts() {
            let input = ReadingInput(subject: "Absence", text: text, sentAt: ParisTime(date: today, hour: 9, minute: 0))
            var best = Double.infinity
            for _ in 0..<max(1, passes) {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = RequestReader.read(input, family: family, today: today)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print(String(format: "worst case %@ (%d bytes): %.1f ms", name, text.utf8.count, best))
        }
    }

    /// Shapes that made earlier readers slow: one endless sentence of child/day pairs, many short requests, words
    /// with no punctuation, digits everywhere, just under and just over the reader's bounds.
    static func hostileTexts() -> [(String, String)] {
        func fill(_ unit: String, bytes: Int) -> String {
            var s = ""
            while s.utf8.count + unit.utf8.count <= bytes { s += unit }
            return s
        }
        let size = 64 * 1024
        return [
            ("one sentence of child/day pairs", fill("Chloé lundi 20 et Jules mardi 21, ", bytes: size)),
            ("pairs under the sentence bound",
             fill(fill("Chloé sera absente lundi 20 et Jules mardi 21, ", bytes: RequestReader.maxSentenceCharacters - 20) + "Tom jeudi.\n", bytes: size)),
            ("dense sentences at the content bound",
             fill(fill("Chloé sera absente lundi 20 et Jules mardi 21, ", bytes: RequestReader.maxSplitCharacters - 12) + "Tom jeudi.\n",
                  bytes: RequestReader.maxContentCharacters - 400)),
            ("many short requests", fill("Chloé ne mangera pas à la cantine jeudi 23. ", bytes: size)),
            ("no punctuation", fill("absente cantine garderie lundi mardi Jules ", bytes: size)),
            ("digits", fill("12/10 13 14 et 15 16/10/2027 ", bytes: size)),
            ("just under 64 KB, no sentence end", fill("a", bytes: RequestReader.maxSentenceCharacters - 1)
                + fill(" x", bytes: size - RequestReader.maxSentenceCharacters)),
        ]
    }
}
