import EspaceCore
import Foundation

/// `staff_digest` of the configuration: who gets the morning mail, at what hour (Paris) and on which weekdays
/// (1 = Monday … 7 = Sunday). Read here, from the same JSON file, so that `Settings` stays as it is; without the
/// key the mail goes to the `staff` addresses, at 7h, Monday to Friday.
struct DigestSettings: Decodable {
    var to: [String]
    var hour: Int = 7
    var weekdays: [Int] = [1, 2, 3, 4, 5]

    private struct File: Decodable {
        var staff_digest: DigestSettings?
    }
    private enum Keys: String, CodingKey { case to, hour, weekdays }

    init(to: [String]) { self.to = to }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        to = try c.decodeIfPresent([String].self, forKey: .to) ?? []
        hour = try c.decodeIfPresent(Int.self, forKey: .hour) ?? 7
        weekdays = try c.decodeIfPresent([Int].self, forKey: .weekdays) ?? [1, 2, 3, 4, 5]
        guard (0...23).contains(hour) else {
            throw DecodingError.dataCorruptedError(forKey: .hour, in: c, debugDescription: "staff_digest.hour : 0 à 23")
        }
        guard weekdays.allSatisfy({ (1...7).contains($0) }) else {
            throw DecodingError.dataCorruptedError(forKey: .weekdays, in: c, debugDescription: "staff_digest.weekdays : 1 (lundi) à 7 (dimanche)")
        }
    }

    static func load(path: String, settings: Settings) throws -> DigestSettings {
        let found = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path))).staff_digest
        var s = found ?? DigestSettings(to: settings.staff)
        if s.to.isEmpty { s.to = settings.staff }
        return s
    }
}
