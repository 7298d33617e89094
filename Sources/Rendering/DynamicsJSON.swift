import Foundation
import Reports

/// The JSON of the seed-experiment commands (`rlct sgd`, `walk`, `langevin`,
/// `sphere`, …): pretty-printed, sorted snake_case keys, a final newline.
public enum DynamicsJSON {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONOutput.encoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
