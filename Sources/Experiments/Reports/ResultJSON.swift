import Foundation

/// The JSON of an estimator's result (schema in docs/json.md): the result's
/// own keys at the top level, then `schema_version`, `rlct_version` and the
/// resolved `configuration` (every setting with its source).
public struct ResultJSON<Result: Encodable>: Encodable {
    public var result: Result
    public var version: String
    public var configuration: [ResolvedSetting]

    public init(_ result: Result, version: String, configuration: [ResolvedSetting]) {
        self.result = result
        self.version = version
        self.configuration = configuration
    }

    enum Keys: String, CodingKey {
        case schemaVersion = "schema_version", version = "rlct_version", configuration
    }

    public func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(LLCJSON.schemaVersion, forKey: .schemaVersion)
        try c.encode(version, forKey: .version)
        try c.encode(configuration, forKey: .configuration)
    }
}
