import ArgumentParser
import EspaceCore
import Foundation
import Logging
import Parsers

struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Fichier de configuration (JSON, voir README). Par défaut : $ESPACE_CONFIG, sinon ./espace.json.")
    var config: String?

    var path: String { config ?? ProcessInfo.processInfo.environment["ESPACE_CONFIG"] ?? "espace.json" }

    /// The configuration, checked: unknown keys refuse it (exit 78, no usage line); with `secrets`, also a secret
    /// whose variable or file is missing (commands that connect to the servers: run, check).
    func load(secrets: Bool = false) throws -> Settings {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("fichier de configuration introuvable : \(path)", exitCode: CommandFailure.config)
        }
        let settings: Settings
        do { settings = try Settings.load(path: path) } catch {
            throw CommandFailure("configuration \(path) illisible : \(error)", exitCode: CommandFailure.config)
        }
        var problems = SettingsValidation.unknownKeys(in: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), file: path)
        if secrets { problems += SettingsValidation.secretProblems(settings) }
        if !problems.isEmpty {
            throw CommandFailure(problems.map(\.message).joined(separator: "\n"), exitCode: CommandFailure.config)
        }
        return settings
    }
}

struct TodayOption: ParsableArguments {
    @Option(name: .long, help: "Jour de traitement imposé (AAAA-MM-JJ), pour rejouer des messages, les démonstrations et les tests.")
    var today: String?

    func day() throws -> CivilDate? {
        guard let today else { return nil }
        guard let d = CivilDate(iso: today) else { throw ValidationError("--today attend AAAA-MM-JJ, pas « \(today) »") }
        return d
    }
}

enum Log {
    /// Once per process (swift-log traps on a second bootstrap; tests run commands in-process).
    static func bootstrap() { _ = once }

    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = ProcessInfo.processInfo.environment["ESPACE_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return h
        }
    }()
}
