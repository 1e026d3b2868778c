import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Effacer les certificats médicaux, messages bruts et clés d’activation au-delà de la durée de conservation (rules.retention_days). `run` le fait aussi chaque jour.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    func run() throws {
        let settings = try config.load()
        let store = try Store(path: settings.storePath)
        let now = try today.day().map { ParisTime(date: $0, hour: 8, minute: 0).instant } ?? Date()
        let report = try Retention.purge(store: store, settings: settings, now: now)
        print("Conservation (\(settings.rules.retentionDays) jours) : \(report).")
    }
}
