import Foundation
import GRDB
import Parsers

/// Applies one understood request of a known, verified, active family. One file per flow.
public enum RequestFlows {
    public static func apply(_ request: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        switch request.intent {
        default:
            return FlowOutcome(code: "\(request.intent.rawValue)-not-yet", changed: false,
                               section: .init("not_available", ["intent": request.intent.rawValue]))
        }
    }
}
