import EspaceCore
import Foundation
import Mustache
import Parsers

struct TemplateError: Error, CustomStringConvertible {
    let description: String
}

/// Renders reply drafts with the town's editable templates (`templates/NAME.txt.mustache` and
/// `templates/NAME.html.mustache`) and wraps them in a real message.
struct ReplyComposer {
    let library: MustacheLibrary
    let names: Set<String>
    /// `templates/en/`: English replies for parents who write in English; a template missing there is taken in French.
    let english: MustacheLibrary?
    let englishNames: Set<String>
    let settings: Settings

    init(settings: Settings) throws {
        self.settings = settings
        let dir = settings.templatesDir
        (library, names) = try ReplyComposer.load(dir)
        guard names.contains("layout.txt"), names.contains("layout.html") else {
            throw TemplateError(description: "modèles layout.txt.mustache / layout.html.mustache absents de \(dir)")
        }
        let enDir = (dir as NSString).appendingPathComponent("en")
        if FileManager.default.fileExists(atPath: enDir) {
            let (lib, found) = try ReplyComposer.load(enDir)
            english = lib; englishNames = found
        } else {
            english = nil; englishNames = []
        }
    }

    private static func load(_ dir: String) throws -> (MustacheLibrary, Set<String>) {
        var lib = MustacheLibrary()
        var names = Set<String>()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        for f in files where f.hasSuffix(".mustache") {
            let name = String(f.dropLast(".mustache".count))
            let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(f), encoding: .utf8)
            do { try lib.register(text, named: name) } catch {
                throw TemplateError(description: "modèle \(f) illisible : \(error)")
            }
            names.insert(name)
        }
        return (lib, names)
    }

    func render(_ name: String, _ data: [String: Any], language: MessageLanguage = .french) throws -> String {
        if language == .english, let english, englishNames.contains(name), let out = english.render(data, withTemplate: name) {
            return out
        }
        guard names.contains(name), let out = library.render(data, withTemplate: name) else {
            throw TemplateError(description: "modèle \(name).mustache absent")
        }
        return out
    }

    var townData: [String: Any] {
        ["name": settings.town.name, "service": settings.town.service, "phone": settings.town.phone,
         "address": settings.serviceAddress]
    }

    /// The finished message and its Message-ID.
    /// - Parameter generated: a mail of our own, not an answer (`Auto-Submitted: auto-generated`).
    func compose(_ draft: ReplyDraft, inReplyTo: String?, references: [String], now: Date,
                 generated: Bool = false) throws -> (raw: [UInt8], messageId: String) {
        var sections: [[String: Any]] = []
        for s in draft.sections {
            var data = s.data
            data["town"] = townData
            data["token"] = draft.token ?? ""
            sections.append(["text": try render(s.template + ".txt", data, language: draft.language).trimmedNewlines,
                             "html": try render(s.template + ".html", data, language: draft.language)])
        }
        let layout: [String: Any] = [
            "greeting_name": draft.greetingName ?? "", "has_greeting_name": draft.greetingName != nil,
            "sections": sections, "town": townData, "token": draft.token ?? "", "has_token": draft.token != nil,
        ]
        let text = try render("layout.txt", layout, language: draft.language)
        let html = try render("layout.html", layout, language: draft.language)
        var subject = MimeWriter.sanitize(draft.subject)
        if draft.standalone {
            // used as it is
        } else if draft.threaded {
            if !subject.lowercased().hasPrefix("re:") && !subject.lowercased().hasPrefix("re :") { subject = "Re: " + subject }
        } else {
            subject = (draft.language == .english ? "Copy: " : "Copie : ") + subject
        }
        if let token = draft.token, !subject.contains(token) { subject += " [Réf. \(token)]" }
        let stamp = ParisTime(now)
        let two = { CivilDate.padded($0, 2) }
        let messageId = "ef.\(stamp.date.year)\(two(stamp.date.month))\(two(stamp.date.day))\(two(stamp.hour))\(two(stamp.minute))."
            + "\(RandomToken.make(length: 10).lowercased())@\(settings.ourDomain)"
        let raw = MimeWriter.build(.init(
            from: (name: "Espace Famille - \(settings.town.name)", address: settings.serviceAddress),
            to: draft.to, subject: subject, date: now, messageId: messageId,
            inReplyTo: draft.threaded && !draft.standalone ? inReplyTo : nil,
            references: draft.threaded && !draft.standalone ? references : [],
            loopMarker: settings.ourDomain, text: text, html: html, autoSubmitted: generated ? "auto-generated" : "auto-replied"))
        return (raw, messageId)
    }
}
