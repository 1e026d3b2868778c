import Foundation
import XCTest
@testable import EspaceCore

final class SettingsValidationTests: XCTestCase {
    private func problems(_ json: String) -> [String] {
        SettingsValidation.unknownKeys(in: Data(json.utf8), file: "espace.json").map(\.message)
    }

    func testMisspeltKeysAreReportedWithTheNearestKnownKey() {
        let found = problems("""
            {"service_address": "a@b.test", "imap": {"url": "imap://x", "require_tsl": true}, "smtp": {"url": "smtp://x"},
             "limits": {"max_mesage_bytes": 3}, "trust": {"polcy": "dmarc"}, "pol_seconds": 5}
            """)
        XCTAssertEqual(found, [
            "clé inconnue « imap.require_tsl » dans espace.json : vouliez-vous dire « imap.require_tls » ?",
            "clé inconnue « limits.max_mesage_bytes » dans espace.json : vouliez-vous dire « limits.max_message_bytes » ?",
            "clé inconnue « pol_seconds » dans espace.json : vouliez-vous dire « poll_seconds » ?",
            "clé inconnue « trust.polcy » dans espace.json : vouliez-vous dire « trust.policy » ?",
        ])
    }

    func testIdleSwitchIsKnownAndDecodedWithItsDefault() throws {
        XCTAssertEqual(problems(#"{"imap_idel": false}"#),
                       ["clé inconnue « imap_idel » dans espace.json : vouliez-vous dire « imap_idle » ?"])
        let base = #"{"service_address": "a@b.test", "imap": {"url": "imap://x"}, "smtp": {"url": "smtp://x"}"#
        XCTAssertTrue(try JSONDecoder().decode(Settings.self, from: Data((base + "}").utf8)).imapIdle)
        XCTAssertFalse(try JSONDecoder().decode(Settings.self, from: Data((base + #", "imap_idle": false}"#).utf8)).imapIdle)
        XCTAssertThrowsError(try JSONDecoder().decode(Settings.self, from: Data((base + #", "imap_idle": "non"}"#).utf8)))
    }

    func testEveryDocumentedKeyIsKnownAndANonsenseKeyGetsNoSuggestion() {
        let full = """
            {"service_address": "f@v.fr", "message_id_domain": "v.fr", "staff": [],
             "imap": {"url": "imaps://i", "username": "u", "password": {"env": "E", "file": "/f", "value": "v"},
                      "oauth_token": {"env": "T"}, "require_tls": true},
             "smtp": {"url": "smtp://s", "username": "u", "password": {"file": "/f"}, "require_tls": true},
             "envelope_from": "f@v.fr", "folders": {"inbox": "INBOX", "processed": "P", "review": "R"}, "poll_seconds": 30,
             "imap_idle": false, "store_path": "s", "raw_dir": "r", "attachments_dir": "a", "templates_dir": "t",
             "town": {"name": "n", "service": "s", "phone": "p"},
             "trust": {"policy": "dmarc", "authserv_ids": [], "internal_hosts": []},
             "limits": {"replies_per_address_per_day": 1, "replies_per_hour": 1, "activation_failures_per_day": 1,
                        "max_message_bytes": 1, "max_certificate_bytes": 1, "handling_attempts": 3},
             "rules": {"confirmation_hours": 1, "certificate_deadline_days": 1, "cutoff_hour": 1, "working_days_only": false,
                       "key_validity_days": 1, "retention_days": 1},
             "payfip": {"numcli": "012345", "saisie": "T", "urlcl": ""}}
            """
        XCTAssertEqual(problems(full), [])
        XCTAssertEqual(problems(#"{"zzzzzzzzzz": {"inner": 1}}"#), ["clé inconnue « zzzzzzzzzz » dans espace.json"])
    }

    func testAMissingSecretNamesItsVariableOrFile() {
        var s = Settings(serviceAddress: "a@b.test", imap: .init(url: "imap://x"), smtp: .init(url: "smtp://x"))
        s.imap.password = .init(env: "ESPACE_TEST_UNSET_VARIABLE")
        s.smtp.password = .init(file: "/nonexistent/smtp.secret")
        XCTAssertEqual(SettingsValidation.secretProblems(s).map(\.message), [
            "imap.password : variable d’environnement ESPACE_TEST_UNSET_VARIABLE absente ou vide",
            "smtp.password : fichier secret « /nonexistent/smtp.secret » introuvable ou illisible",
        ])
    }
}
