import Foundation

/// Checks of a configuration file beyond its JSON types: unknown (misspelt) keys and secrets that cannot be read.
/// A misspelt key would otherwise fall back to its default silently (`imap.require_tsl` → TLS off).
public enum SettingsValidation {
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    /// Every key path the configuration accepts, taken from what `Settings` itself encodes (so a key added to the
    /// type is known here at once), with every optional field filled in.
    public static let knownPaths: Set<String> = {
        let secret = Settings.Secret(value: "", env: "", file: "")
        var server = Settings.Server(url: "")
        server.username = ""; server.password = secret; server.oauthToken = secret; server.requireTLS = true
        var s = Settings(serviceAddress: "", imap: server, smtp: server)
        s.messageIdDomain = ""; s.envelopeFrom = ""; s.metricsFile = ""; s.staffDigest = .init()
        guard let data = try? JSONEncoder().encode(s), let json = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var paths = Set<String>()
        collect(json, prefix: "", into: &paths)
        return paths
    }()

    private static func collect(_ value: Any, prefix: String, into paths: inout Set<String>) {
        guard let object = value as? [String: Any] else { return }
        for (k, v) in object {
            let path = prefix.isEmpty ? k : prefix + "." + k
            paths.insert(path)
            collect(v, prefix: path, into: &paths)
        }
    }

    /// Unknown keys in the file at `path`, each with the nearest known key when one is close.
    public static func unknownKeys(in data: Data, file: String) -> [Problem] {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { return [] } // the decoder reports it
        var found = Set<String>()
        collect(json, prefix: "", into: &found)
        let known = knownPaths
        return found.subtracting(known).sorted().compactMap { path in
            // Only the first unknown level: children of an unknown key add nothing.
            let parent = path.split(separator: ".").dropLast().joined(separator: ".")
            if !parent.isEmpty, !known.contains(parent) { return nil }
            var text = "clé inconnue « \(path) » dans \(file)"
            if let near = nearest(path, among: known) { text += " : vouliez-vous dire « \(near) » ?" }
            return Problem(message: text)
        }
    }

    /// Resolves every secret now, so a missing variable or file is named at start, not reported later by the
    /// server as a refused login.
    public static func secretProblems(_ s: Settings) -> [Problem] {
        var out: [Problem] = []
        for (name, server) in [("imap", s.imap), ("smtp", s.smtp)] {
            for (field, secret) in [("password", server.password), ("oauth_token", server.oauthToken)] {
                guard let secret else { continue }
                if let p = problem(secret, path: "\(name).\(field)") { out.append(p) }
            }
        }
        return out
    }

    static func problem(_ secret: Settings.Secret, path: String) -> Problem? {
        if let env = secret.env, let v = ProcessInfo.processInfo.environment[env], !v.isEmpty { return nil }
        if let file = secret.file {
            if FileManager.default.isReadableFile(atPath: file) { return nil }
            return Problem(message: "\(path) : fichier secret « \(file) » introuvable ou illisible")
        }
        if secret.value != nil { return nil }
        if let env = secret.env {
            return Problem(message: "\(path) : variable d’environnement \(env) absente ou vide")
        }
        return Problem(message: "\(path) : aucun secret indiqué (env, file ou value)")
    }

    /// The known path closest to `path` (same parent preferred), when it is close enough to be a typo.
    static func nearest(_ path: String, among known: Set<String>) -> String? {
        let parent = path.split(separator: ".").dropLast().joined(separator: ".")
        let siblings = known.filter { $0.split(separator: ".").dropLast().joined(separator: ".") == parent }
        func best(_ set: Set<String>, compareLast: Bool) -> (String, Int)? {
            set.map { k -> (String, Int) in
                let a = compareLast ? String(path.split(separator: ".").last ?? "") : path
                let b = compareLast ? String(k.split(separator: ".").last ?? "") : k
                return (k, distance(a, b))
            }.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        }
        let limit = max(2, (path.split(separator: ".").last?.count ?? 0) / 3)
        if let (k, d) = best(siblings, compareLast: true), d <= limit { return k }
        if let (k, d) = best(known, compareLast: false), d <= limit { return k }
        return nil
    }

    /// Edit distance with adjacent transpositions (optimal string alignment): `tsl` is one step from `tls`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
