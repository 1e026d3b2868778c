import ArgumentParser
import EspaceCore
import Foundation
import Logging

/// The sending stage as its own process, started by `run` (see `SenderProcess`): sends what the outbox holds,
/// woken by a byte on stdin; stdin closed (the daemon is gone) → completes the reply in flight and exits.
struct SendRepliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-replies",
        abstract: "Processus d’envoi des réponses, lancé par « run » (usage interne).",
        shouldDisplay: false)

    @OptionGroup var config: ConfigOptions

    func run() throws {
        Log.bootstrap()
        let log = Logger(label: "maildaemon-envoi")
        do {
            let settings = try config.load(secrets: true)
            let store = try Store(path: settings.storePath)
            let sender = OutboxSender(settings: settings, store: store, log: log)
            let stop = StopFlag()
            let signals = SignalWatcher(stop: stop)
            defer { signals.cancel() }
            let orphaned = StopFlag()
            let loop = SendingLoop(sender: sender, stop: stop, idleSeconds: Double(min(max(1, settings.pollSeconds), 2)),
                                   finish: orphaned)
            let reader = Thread {
                var buffer = [UInt8](repeating: 0, count: 512)
                while true {
                    let n = read(0, &buffer, buffer.count)
                    if n > 0 { loop.wake(); continue }
                    if n < 0 && errno == EINTR { continue }
                    orphaned.request() // the daemon closed the pipe or died
                    return
                }
            }
            reader.start()
            loop.start()
            loop.join()
        } catch { throw CommandFailure.report(error) }
    }
}
