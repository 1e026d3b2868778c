import EspaceCore
import Foundation
import GRDB

/// The Prometheus text format (version 0.0.4) file `run` writes after each cycle (`metrics_file`), for
/// node_exporter's textfile collector or any scraper reading a file. Counts come from the store — the same queries
/// as `maildaemon status` — so the file and `status` agree; the last cycle's figures come from the cycle itself.
/// Written to a temporary file beside it, then renamed: a reader never sees half a file.
enum MetricsFile {
    struct Cycle {
        var report: Daemon.Report?
        var seconds: Double
        var at: Date
    }

    static func render(store: Store, storePath: String, cycle: Cycle, now: Date = Date()) throws -> String {
        let status = try ServiceStatus.read(store: store, path: storePath, now: now)
        let (states, sent, failedAttempts, reminders) = try store.read { db -> ([String: Int], Int, Int, [String: Int]) in
            var states: [String: Int] = [:]
            for c in try Ledger.stateCounts(db) { states[c.state] = c.count }
            return (states, try OutboxQueries.sentCount(db), try OutboxQueries.failedAttempts(db), try Reminders.sentCounts(db))
        }
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for s in samples { out += name + (s.labels.isEmpty ? "" : "{\(s.labels)}") + " " + s.value + "\n" }
        }
        func int(_ v: Int) -> String { String(v) }
        func seconds(_ d: Date?) -> String { d.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "0" }
        metric("espace_messages_total", "counter", "Messages recorded in the ledger, by outcome (received = not finished yet).",
               ["processed", "review", "ignored", "received"].map { ("outcome=\"\($0)\"", int(states[$0] ?? 0)) })
        metric("espace_replies_sent_total", "counter", "Replies, digests and reminders the SMTP server accepted.", [("", int(sent))])
        metric("espace_reply_send_failures_total", "counter", "Failed SMTP attempts at sending a reply.", [("", int(max(0, failedAttempts)))])
        metric("espace_replies_failed", "gauge", "Replies not sent after a failure: retrying later, or abandoned.",
               [("state=\"retrying\"", int(status.outboxFailing)), ("state=\"abandoned\"", int(status.outboxAbandoned))])
        metric("espace_outbox_due", "gauge", "Replies due for sending now.", [("", int(status.outboxDue))])
        metric("espace_backlog", "gauge", "Messages recorded but not handled to the end (state received).", [("", int(status.backlog))])
        metric("espace_review", "gauge", "Messages waiting for a person.", [("", int(status.review))])
        metric("espace_reminders_total", "counter", "Reminders queued to parents, by kind.",
               ReminderItem.Kind.allCases.map { ("kind=\"\($0.rawValue)\"", int(reminders[$0.rawValue] ?? 0)) })
        metric("espace_cycle_duration_seconds", "gauge", "Duration of the last poll cycle (fetch, handle, file).",
               [("", String(format: "%.3f", cycle.seconds))])
        metric("espace_cycle_messages", "gauge", "Messages fetched by the last poll cycle.", [("", int(cycle.report?.fetched ?? 0))])
        metric("espace_cycle_success", "gauge", "1 when the last poll cycle reached the mailbox, else 0.", [("", cycle.report == nil ? "0" : "1")])
        metric("espace_last_cycle_timestamp_seconds", "gauge", "End of the last poll cycle (Unix time).", [("", seconds(cycle.at))])
        metric("espace_last_message_timestamp_seconds", "gauge", "Reception of the last message (Unix time, 0: none).",
               [("", seconds(status.lastMessageAt))])
        metric("espace_store_bytes", "gauge", "Size of the SQLite file and its write-ahead log.", [("", String(status.storeBytes))])
        return out
    }

    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)])
        }
    }
}
