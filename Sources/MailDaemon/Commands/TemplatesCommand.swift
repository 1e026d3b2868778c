import ArgumentParser
import EspaceCore
import Foundation

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Modèles de réponse.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Produire chaque modèle avec les données réelles d’une commune d’exemple ; échoue si une variable manque.")

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
                print("Modèles vérifiés : aucun problème (\(settings.templatesDir)).")
            } else {
                problems.forEach { print($0) }
                throw ExitCode(1)
            }
        }
    }
}

/// Renders every template with scenario data and lints its variables.
enum TemplateCheck {
    static func run(settings: Settings) throws -> [String] {
        let composer = try ReplyComposer(settings: settings)
        let work = NSTemporaryDirectory() + "/templates-check-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let samples = try TemplateScenario.run(settings: settings, workDir: work)
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
                problems.append("\(base) : aucune donnée d’exemple (modèle jamais utilisé par le démon ?)")
                continue
            }
            for ext in ["txt", "html"] {
                let name = base + "." + ext
                guard composer.names.contains(name) else { problems.append("\(name).mustache absent"); continue }
                let text = try String(contentsOfFile: settings.templatesDir + "/" + name + ".mustache", encoding: .utf8)
                for data in datasets {
                    problems += linter.check(text, named: name, data: data).map(\.description)
                    _ = try composer.render(name, data)
                }
            }
        }
        return Array(Set(problems)).sorted()
    }
}
