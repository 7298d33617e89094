/// JSON that does not parse: `path` is `source:line:column` (1-based, the
/// column in Unicode scalars), `offset` the byte offset in the document, and
/// the message starts with the JSON path of the value when there is one.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Byte offset of the error in the parsed bytes.
    public var offset: Int

    public init(path: String, _ message: String, offset: Int) {
        self.path = path
        self.message = message
        self.offset = offset
    }

    /// `spec.json:3:12: invalid JSON: expected a value, got '}'`.
    public var description: String { "\(path): \(message)" }
}
