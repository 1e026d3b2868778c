import Foundation
import Parsers

/// Finds the variables a Mustache template uses that its data does not provide. swift-mustache renders a missing
/// variable as nothing; a parent would then read « Bonjour , votre enfant  est inscrit » — this catches it first.
struct TemplateLinter {
    struct Problem: CustomStringConvertible {
        let template: String
        let message: String
        var description: String { "\(template) : \(message)" }
    }

    let partials: Set<String>

    func check(_ text: String, named template: String, data: [String: Any]) -> [Problem] {
        var problems: [Problem] = []
        var stack: [[String: Any]] = [data]
        var open: [String] = []
        var skipping: [Int] = []  // depths of sections that do not render with this data
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            let afterOpen = rest[start.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            guard let end = afterOpen.range(of: triple ? "}}}" : "}}") else {
                problems.append(Problem(template: template, message: "balise non fermée")); break
            }
            var tag = String(afterOpen[..<end.lowerBound]).trimmedWhitespace
            rest = afterOpen[end.upperBound...]
            if triple { tag.removeFirst() }
            guard let sigil = tag.first else { continue }
            let name = String(tag.dropFirst()).trimmedWhitespace
            switch sigil {
            case "!", "%", "=": continue
            case ">":
                if !skipping.isEmpty { continue }
                if !partials.contains(name) { problems.append(Problem(template: template, message: "modèle inclus « \(name) » absent")) }
            case "#", "^":
                // A missing section key is Mustache's « false »: the idiom for optional blocks. What is inside a
                // block that will not render cannot be checked with this data; what renders is checked.
                let value = lookup(name, in: stack)
                let truthy: Bool
                switch value {
                case nil, is NSNull: truthy = false
                case let b as Bool: truthy = b
                case let list as [Any]: truthy = !list.isEmpty
                case let s as String: truthy = !s.isEmpty
                default: truthy = true
                }
                open.append(name)
                let renders = sigil == "#" ? truthy : !truthy
                if !renders {
                    skipping.append(open.count)
                    stack.append([:])
                } else if sigil == "#", let list = value as? [[String: Any]], let first = list.first {
                    stack.append(first)
                } else if sigil == "#", let object = value as? [String: Any] {
                    stack.append(object)
                } else {
                    stack.append([:])
                }
            case "/":
                guard open.last == name else {
                    problems.append(Problem(template: template, message: "section « \(name) » fermée sans être ouverte")); continue
                }
                if skipping.last == open.count { skipping.removeLast() }
                open.removeLast(); stack.removeLast()
            default:
                if !skipping.isEmpty { continue }
                let variable = sigil == "&" ? name : tag
                if variable != "." && lookup(variable, in: stack) == nil {
                    problems.append(Problem(template: template, message: "variable « \(variable) » absente des données"))
                }
            }
        }
        for name in open { problems.append(Problem(template: template, message: "section « \(name) » jamais fermée")) }
        return problems
    }

    /// Every tag a template uses, named by the sections around it (« children/first_name », « #has_slot »,
    /// « >absence_recorded.txt »), to compare a translation with its original: the same names must render the same data.
    static func tags(in text: String) -> Set<String> {
        var tags = Set<String>()
        var open: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            let afterOpen = rest[start.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            guard let end = afterOpen.range(of: triple ? "}}}" : "}}") else { break }
            var tag = String(afterOpen[..<end.lowerBound]).trimmedWhitespace
            rest = afterOpen[end.upperBound...]
            if triple { tag.removeFirst() }
            guard let sigil = tag.first else { continue }
            let name = String(tag.dropFirst()).trimmedWhitespace
            let path = open.map { $0 + "/" }.joined()
            switch sigil {
            case "!", "%", "=": continue
            case ">": tags.insert(path + ">" + name)
            case "#", "^":
                tags.insert(path + String(sigil) + name)
                open.append(String(sigil) + name)
            case "/":
                if let i = open.lastIndex(where: { $0.dropFirst() == name }) { open.removeSubrange(i...) }
            default:
                tags.insert(path + (sigil == "&" ? name : tag.trimmedWhitespace))
            }
        }
        return tags
    }

    private func lookup(_ dotted: String, in stack: [[String: Any]]) -> Any? {
        let parts = dotted.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        for context in stack.reversed() {
            guard var value = context[head] else { continue }
            for part in parts.dropFirst() {
                guard let object = value as? [String: Any], let next = object[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }
}
