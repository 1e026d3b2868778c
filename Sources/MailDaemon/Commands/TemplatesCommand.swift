import ArgumentParser
import Crypto
import EspaceCore
import Foundation
import Parsers

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Modèles de réponse.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Produire chaque modèle, et sa traduction anglaise (en/), avec les données réelles d’une commune d’exemple ; échoue si une variable ou une traduction manque.")

        @OptionGroup var config: ConfigOptions

        @Option(help: "Dossier des modèles (par défaut : templates_dir de la configuration, sinon ./templates).")
        var templates: String?

        func run() throws {
            var settings = (try? config.load()) ?? Settings(serviceAddress: "famille@ville.test", imap: .init(url: "imap://localhost"),
                                                           smtp: .init(url: "smtp://localhost"))
            if let templates { settings.templatesDir = templates }
            else if config.config == nil && !FileManager.default.fileExists(atPath: config.path) { settings.templatesDir = "templates" }
            let problems = try TemplateCheck.run(settings: settings)
            if problems.isEmpty {
                print("Modèles vérifiés, français et anglais (\(TemplateCheck.englishFolder)/) : aucun problème (\(settings.templatesDir)).")
            } else {
                problems.forEach { print($0) }
                throw ExitCode(1)
            }
        }
    }
}

/// Renders every template with scenario data and lints its variables; the English translations in `en/` too,
/// with the same data, and each must exist and use exactly the tags of its French original.
enum TemplateCheck {
    /// The folder, inside the templates folder, of the replies to parents who write in English.
    static let englishFolder = "en"

    /// `run`, remembered: a clean check is written next to the store (`<store>.templates-checked`) under a fingerprint
    /// of everything it depends on — the templates' names and bytes (French and English), the settings without their
    /// secrets, this binary (inode, size, modification time) and the day —, and not made again while that holds. It
    /// renders every template over a scenario store of its own: a third of a second of every start (more in a debug
    /// build), for a result that only changes when one of those does. A check with problems is never remembered.
    static func remembered(settings: Settings) throws -> [String] {
        let stampPath = settings.storePath + ".templates-checked"
        let print = try? fingerprint(settings)
        if let print, (try? String(contentsOfFile: stampPath, encoding: .utf8)) == print { return [] }
        let problems = try run(settings: settings)
        if problems.isEmpty, let print { try? print.write(toFile: stampPath, atomically: true, encoding: .utf8) }
        return problems
    }

    static func fingerprint(_ settings: Settings, today: CivilDate = ParisTime(Date()).date) throws -> String {
        var hash = SHA256()
        func add(_ s: String) { hash.update(data: Array((s + "\u{0}").utf8)) }
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { throw TemplateError(description: "binaire introuvable") }
        add("binary \(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        add("day \(today.iso)")
        for dir in [settings.templatesDir, (settings.templatesDir as NSString).appendingPathComponent(englishFolder)] {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".mustache") }
            for f in files.sorted() {
                add(dir + "/" + f)
                hash.update(data: [UInt8](try Data(contentsOf: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(f)))))
            }
        }
        var visible = settings
        for keyPath in [\Settings.imap, \Settings.smtp] {
            visible[keyPath: keyPath].password = nil
            visible[keyPath: keyPath].oauthToken = nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        hash.update(data: [UInt8](try encoder.encode(visible)))
        return MessageIntake.hex(hash.finalize())
    }

    static func run(settings: Settings) throws -> [String] {
        let composer = try ReplyComposer(settings: settings)
        let work = NSTemporaryDirectory() + "/templates-check-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        var samples = try TemplateScenario.run(settings: settings, workDir: work)
        samples["digest"] = try DigestMail.samples(composer: composer, store: Store(path: work + "/scenario.sqlite"))
        samples.merge(try ReminderQueue.samples(settings: settings, store: Store(path: work + "/scenario.sqlite"))) { $0 + $1 }
        var problems = try check(composer, samples: samples, prefix: "")

        let englishDir = (settings.templatesDir as NSString).appendingPathComponent(englishFolder)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: englishDir, isDirectory: &isDir), isDir.boolValue else {
            problems.append("\(englishFolder)/ : dossier des modèles anglais absent de \(settings.templatesDir)")
            return Array(Set(problems)).sorted()
        }
        var english = settings
        english.templatesDir = englishDir
        let prefix = englishFolder + "/"
        for name in composer.names.subtracting(try templateNames(in: englishDir)).sorted() {
            problems.append("\(prefix)\(name).mustache absent")
        }
        for name in try templateNames(in: englishDir).subtracting(composer.names).sorted() {
            problems.append("\(prefix)\(name).mustache : aucun modèle français \(name).mustache ne lui correspond")
        }
        let translated: ReplyComposer
        do { translated = try ReplyComposer(settings: english) } catch {
            problems.append("\(prefix) : \(error)")
            return Array(Set(problems)).sorted()
        }
        problems += try check(translated, samples: samples, prefix: prefix)
        for name in composer.names.intersection(translated.names).sorted() {
            let french = TemplateLinter.tags(in: try source(name, in: settings.templatesDir))
            let tags = TemplateLinter.tags(in: try source(name, in: englishDir))
            for tag in tags.subtracting(french) { problems.append("\(prefix)\(name) : \(describe(tag)) n’est pas dans le modèle français") }
            for tag in french.subtracting(tags) { problems.append("\(prefix)\(name) : \(describe(tag)) du modèle français manque") }
        }
        return Array(Set(problems)).sorted()
    }

    /// Renders and lints one folder's templates; problems are named `prefix` + template.
    private static func check(_ composer: ReplyComposer, samples: [String: [[String: Any]]], prefix: String) throws -> [String] {
        let linter = TemplateLinter(partials: composer.names)
        var problems: [String] = []
        let town = composer.townData
        let bases = Set(composer.names.map { ($0 as NSString).deletingPathExtension })
        for base in bases.sorted() {
            let datasets: [[String: Any]]
            if base == "layout" {
                datasets = [["greeting_name": "Camille", "has_greeting_name": true, "sections": [["text": "…", "html": "…"]],
                             "town": town, "token": "EF-ABCDEFGH", "has_token": true]]
            } else if let found = samples[base] {
                datasets = found.map { $0.merging(["town": town, "token": "EF-ABCDEFGH"]) { a, _ in a } }
            } else {
                problems.append("\(prefix)\(base) : aucune donnée d’exemple (modèle jamais utilisé par le démon ?)")
                continue
            }
            for ext in ["txt", "html"] {
                let name = base + "." + ext
                guard composer.names.contains(name) else { problems.append("\(prefix)\(name).mustache absent"); continue }
                let text = try source(name, in: composer.settings.templatesDir)
                for data in datasets {
                    problems += linter.check(text, named: prefix + name, data: data).map(\.description)
                    _ = try composer.render(name, data)
                }
            }
        }
        return problems
    }

    /// `NAME.txt` for each `NAME.txt.mustache` of a folder, as ReplyComposer registers them.
    private static func templateNames(in dir: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".mustache") }
            .map { String($0.dropLast(".mustache".count)) })
    }

    private static func source(_ name: String, in dir: String) throws -> String {
        try String(contentsOfFile: (dir as NSString).appendingPathComponent(name + ".mustache"), encoding: .utf8)
    }

    /// « variable « first_name » (dans {{#children}}) » for `#children/first_name`.
    private static func describe(_ tag: String) -> String {
        var parts = tag.split(separator: "/").map(String.init)
        var last = parts.removeLast()
        let kind: String
        switch last.first {
        case ">": kind = "modèle inclus"; last.removeFirst()
        case "#": kind = "section"; last.removeFirst()
        case "^": kind = "section inverse"; last.removeFirst()
        default: kind = "variable"
        }
        let place = parts.isEmpty ? "" : " (dans \(parts.map { "{{\($0)}}" }.joined(separator: " › ")))"
        return "\(kind) « \(last) »\(place)"
    }
}
