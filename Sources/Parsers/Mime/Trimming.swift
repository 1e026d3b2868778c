/// Foundation's `trimmingCharacters(in: .whitespaces)` and `(in: .whitespacesAndNewlines)` with the same sets, without
/// its round trip through NSString and UTF-16 (a tenth of a short mail's handling went there).
extension String {
    /// Without the Unicode spaces (general category Zs), tabs and zero-width spaces at either end, as `.whitespaces` trims.
    public var trimmedWhitespace: String { trimmed(newlines: false) }

    /// Also without line breaks (U+000A–U+000D, U+0085, U+2028, U+2029), as `.whitespacesAndNewlines` trims.
    public var trimmedWhitespaceAndNewlines: String { trimmed(newlines: true) }

    /// Without line breaks only, as `.newlines` trims (a rendered template's last line break).
    public var trimmedNewlines: String { trimmed(spaces: false, newlines: true) }

    private func trimmed(spaces: Bool = true, newlines: Bool) -> String {
        trimmingScalars { Self.isTrimmed($0, spaces, newlines) }
    }

    /// Without the scalars `isTrimmed` accepts at either end. Every trimmed set here is blanks, controls or
    /// non-ASCII, so plain ASCII ends above the space (the usual case) return at once, with no walk and no copy.
    func trimmingScalars(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        if let f = utf8.first, let l = utf8.last, f > 32, f < 0x80, l > 32, l < 0x80 { return self }
        let scalars = unicodeScalars
        var a = scalars.startIndex, b = scalars.endIndex
        while a < b, isTrimmed(scalars[a]) { a = scalars.index(after: a) }
        while b > a, isTrimmed(scalars[scalars.index(before: b)]) { b = scalars.index(before: b) }
        if a == scalars.startIndex && b == scalars.endIndex { return self }
        return String(scalars[a..<b])
    }

    private static func isTrimmed(_ c: Unicode.Scalar, _ spaces: Bool, _ newlines: Bool) -> Bool {
        switch c.value {
        case 0x09, 0x20, 0x200B: return spaces                 // Foundation counts the zero-width space
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        case 0..<0x80: return false
        default: return spaces && c.properties.generalCategory == .spaceSeparator
        }
    }
}

extension Substring {
    /// See `String.trimmedWhitespace`.
    public var trimmedWhitespace: String { String(self).trimmedWhitespace }
    /// See `String.trimmedWhitespaceAndNewlines`.
    public var trimmedWhitespaceAndNewlines: String { String(self).trimmedWhitespaceAndNewlines }
}
