import Foundation

/// The JSON of an estimator's result (schema in docs/json.md): the result's
/// own keys at the top level, then `schema_version`, `rlct_version` and the
/// resolved `configuration` (every setting with its source).
public struct ResultJSON<Result: Encodable>: Encodable {
    public var result: Result
    public var version: String
    public var configuration: [ResolvedSetting]
    /// Wall-clock seconds of the whole run (`timings.total_seconds`).
    public var seconds: Double?

    public init(_ result: Result, version: String, configuration: [ResolvedSetting], seconds: Double? = nil) {
        self.result = result
        self.version = version
        self.configuration = configuration
        self.seconds = seconds
    }

    enum Keys: String, CodingKey {
        case schemaVersion = "schema_version", version = "rlct_version", configuration, timings
    }

    enum TimingKeys: String, CodingKey {
        case total = "total_seconds"
    }

    public func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(LLCJSON.schemaVersion, forKey: .schemaVersion)
        try c.encode(version, forKey: .version)
        try c.encode(configuration, forKey: .configuration)
        if let seconds {
            var t = c.nestedContainer(keyedBy: TimingKeys.self, forKey: .timings)
            try t.encode(seconds, forKey: .total)
        }
    }
}
