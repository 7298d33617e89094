/// Bad settings for a seed experiment: names the field and what was expected.
public struct DynamicsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The setting at fault, by its field key (`cycles`, `lr`, `burnIn`); the
    /// command line maps keys to its flag names (`rlct`'s `FlagNames`).
    public var field: String
    public var reason: String

    public init(field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }

    static func require(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) throws {
        if !condition { throw DynamicsError(field: field, reason()) }
    }
}
