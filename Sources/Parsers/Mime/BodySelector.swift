/// Chooses the readable body and the attachments in a MIME tree: text/plain wins inside
/// multipart/alternative, HTML is kept for when no plain text exists, and attachments are collected from
/// every branch (iOS puts them inside the HTML branch of an alternative).
enum BodySelector {
    struct Content {
        var text: String = ""
        var html: String? = nil
        var attachments: [MimePart] = []
    }

    static func isAttachment(_ p: MimePart) -> Bool {
        if p.disposition == "attachment" { return true }
        if p.contentType == "text/plain" || p.contentType == "text/html" {
            // A named text part is a file (.txt, .html sent as documents), even when shown inline.
            return p.filename != nil
        }
        return true
    }

    static func select(_ root: MimePart) -> Content {
        var c = Content()
        walk(root, &c)
        return c
    }

    static func walk(_ p: MimePart, _ c: inout Content) {
        if p.message != nil || p.contentType == "message/rfc822" { c.attachments.append(p); return }
        if !p.isMultipart {
            if isAttachment(p) { c.attachments.append(p); return }
            if p.contentType == "text/html" { c.html = (c.html.map { $0 + "\n" } ?? "") + (p.text ?? "") }
            else { append(&c.text, p.text ?? "") }
            return
        }
        switch p.contentType {
        case "multipart/alternative":
            var subs = p.children.map { child -> Content in var s = Content(); walk(child, &s); return s }
            // Plain text: the first alternative that has some; HTML: the last one (richest).
            if let plain = subs.first(where: { !$0.text.trimmedSpaces.isEmpty }) { append(&c.text, plain.text) }
            if let html = subs.last(where: { $0.html != nil })?.html { c.html = (c.html.map { $0 + "\n" } ?? "") + html }
            for i in subs.indices { c.attachments += subs[i].attachments; subs[i].attachments = [] }
        case "multipart/related":
            // The first child is the document; the rest are its resources.
            for (i, child) in p.children.enumerated() {
                if i == 0 { walk(child, &c) } else { collectAll(child, &c.attachments) }
            }
        default:
            for child in p.children { walk(child, &c) }
        }
    }

    static func collectAll(_ p: MimePart, _ out: inout [MimePart]) {
        if p.isMultipart { for ch in p.children { collectAll(ch, &out) } } else { out.append(p) }
    }

    static func append(_ text: inout String, _ more: String) {
        if more.isEmpty { return }
        if text.isEmpty { text = more } else { text += (text.hasSuffix("\n") ? "" : "\n") + more }
    }

    static func attachment(_ p: MimePart) -> Attachment {
        var name = p.filename
        if name == nil, let m = p.message {
            let subject = m.subject.trimmedSpaces
            name = (subject.isEmpty ? "message" : subject) + ".eml"
        }
        return Attachment(filename: name, contentType: p.contentType, isInline: p.disposition == "inline",
                          data: p.body)
    }
}
