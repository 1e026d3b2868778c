import Foundation
import Parsers

/// DMARC relaxed alignment from the Public Suffix List that Debian's `publicsuffix` package installs. Without the
/// file, alignment falls back to the exact domain (stricter, never looser); `run` says so in its log.
public enum OrganizationalDomains {
    public static let defaultPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// The system list, read once; nil when the file is absent or empty.
    public static let system: PublicSuffixList? = load(path: defaultPath)

    public static func load(path: String) -> PublicSuffixList? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let list = PublicSuffixList(text: text)
        return list.isEmpty ? nil : list
    }

    /// Relaxed alignment with `list`, or the exact domain when there is no list.
    public static func aligned(_ authenticated: String, with fromDomain: String, list: PublicSuffixList? = system) -> Bool {
        guard let list else { return authenticated.lowercased() == fromDomain.lowercased() }
        return list.aligned(authenticated, with: fromDomain)
    }
}
