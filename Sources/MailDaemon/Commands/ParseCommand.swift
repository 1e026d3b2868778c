import ArgumentParser
import Crypto
import EspaceCore
import Foundation
import Parsers

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Montrer comment un message brut (.eml) est lu : en-têtes, parties, texte, transfert, anomalies.")

    @Argument(help: "Message brut (.eml).")
    var file: String

    @Flag(help: "Sortie JSON.")
    var json = false

    func run() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let message = MessageParser.parse(bytes)
        if json {
            let data = try JSONSerialization.data(withJSONObject: ParseReport.json(message),
                                                  options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("Subject: \(message.subject)")
            print("From: \(message.from.map(\.address).joined(separator: ", "))")
            print("--- new text ---")
            print(message.newText)
            if let f = message.forwarded {
                print("--- forwarded from \(f.from?.address ?? "?") ---")
                print(f.text)
            }
            for d in message.defects { print("defect: \(d.code) \(d.detail)") }
        }
    }
}

/// JSON shape of `maildaemon parse --json`.
enum ParseReport {

    static func address(_ a: EmailAddress) -> [String: Any] {
        ["name": a.name ?? NSNull(), "address": a.address]
    }

    static func date(_ d: Date?) -> Any {
        guard let d else { return NSNull() }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    static func attachment(_ a: Attachment) -> [String: Any] {
        ["filename": a.filename ?? NSNull(), "content_type": a.contentType, "inline": a.isInline,
         "size": a.data.count, "sha256": sha256(a.data)]
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        MessageIntake.hex(SHA256.hash(data: bytes))
    }

    static func part(_ p: MimePart) -> [String: Any] {
        var o: [String: Any] = [
            "content_type": p.contentType, "charset": p.charset ?? NSNull(), "disposition": p.disposition ?? NSNull(),
            "filename": p.filename ?? NSNull(),
        ]
        if !p.children.isEmpty {
            o["children"] = p.children.map(part)
        } else {
            o["size"] = p.body.count
            o["sha256"] = sha256(p.body)
        }
        if let m = p.message { o["message"] = json(m) }
        return o
    }

    static let structured: Set<String> = ["subject", "from", "to", "cc", "reply-to", "date", "message-id",
                                          "in-reply-to", "references", "auto-submitted"]

    static func json(_ m: ParsedMessage) -> [String: Any] {
        var others: [[String: String]] = []
        for f in m.headers.fields where !structured.contains(f.name.lowercased()) {
            others.append(["name": f.name, "value": f.value])
        }
        var o: [String: Any] = [
            "subject": m.subject,
            "from": m.from.map(address), "to": m.to.map(address), "cc": m.cc.map(address),
            "reply_to": m.replyTo.map(address),
            "date": date(m.date),
            "message_id": m.messageID ?? NSNull(),
            "in_reply_to": m.inReplyTo, "references": m.references,
            "auto_submitted": m.headers.value("Auto-Submitted") ?? NSNull(),
            "headers": others,
            "parts": part(m.root),
            "text_body": m.textBody,
            "new_text": m.newText,
            "attachments": m.attachments.map(attachment),
            "defects": m.defects.map { ["code": $0.code, "detail": $0.detail] },
        ]
        if let f = m.forwarded {
            o["forwarded"] = [
                "from": f.from.map(address) ?? NSNull(), "date": date(f.date), "subject": f.subject ?? NSNull(),
                "text": f.text, "attachments": f.attachments.map(attachment),
                "via_attached_message": f.viaAttachedMessage,
            ] as [String: Any]
        } else {
            o["forwarded"] = NSNull()
        }
        return o
    }
}
