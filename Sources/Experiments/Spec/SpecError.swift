/// A spec that does not decode or does not fit together; `path` is the JSON
/// path of the offending value (`model.widths[2]`), or a file name.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `model.widths[2]: expected a positive integer, got -1`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
