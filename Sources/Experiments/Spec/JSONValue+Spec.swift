import Foundation
import JSON
import Models

extension JSONValue {
    /// A spec file may have at most this many bytes (specs are a few kB).
    public static let maximumFileBytes = 16 << 20

    /// Parses a spec's JSON strictly (`JSONValue.parse`); a syntax error, a
    /// duplicate key or a number out of range is a `SpecError` naming
    /// `source:line:column`.
    static func parseSpec(_ data: Data, source: String) throws -> JSONValue {
        do { return try JSONValue.parse(data, source: source) } catch {
            throw SpecError(path: error.path, error.message)
        }
    }

    /// The bytes of a spec file, or an error naming it: it must be a regular
    /// file (a FIFO is refused without blocking) of at most `maximumFileBytes`.
    static func contents(ofFile path: String) throws -> Data {
        do {
            return try RegularFile.read(atPath: path, maximumBytes: maximumFileBytes)
        } catch let error as RegularFile.ReadError {
            throw SpecError(path: path, "cannot read the spec: \(error.message)")
        }
    }
}
