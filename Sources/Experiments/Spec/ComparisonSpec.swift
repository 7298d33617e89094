import Foundation
import JSON

/// The spec of `rlct compare`: several models at the same n, side by side
/// (`Examples/singular-vs-regular.json`). Strict like every spec: unknown
/// keys are errors, and errors name the JSON path.
///
/// ```json
/// { "name": "…", "n": 10000, "plotN": [100, 1000, 10000, 100000],
///   "models": [ { "name": "w^4", "model": { "kind": "potential", "k": "w^4", "n": 10000 },
///                 "sampler": { "kind": "mala", "stepSize": 0.001 } }, … ] }
/// ```
///
/// Each model is an experiment spec (docs/spec.md); its `n` (or data size) is
/// replaced by the comparison's. Its `sampler` section drives the LLC, WBIC
/// and temperature estimates (default MALA with ε = 1/nβ).
public struct ComparisonSpec: Sendable {
    public var name: String?
    public var description: String?
    /// The n every model is compared at.
    public var n: Int
    /// The n values of the plot of F_n, WBIC and BIC against log n (nil: no curves).
    public var plotN: [Int]?
    public var models: [ExperimentSpec]

    public init(name: String? = nil, description: String? = nil, n: Int, plotN: [Int]? = nil, models: [ExperimentSpec]) {
        self.name = name
        self.description = description
        self.n = n
        self.plotN = plotN
        self.models = models
    }

    init(json: JSONValue) throws {
        var r = try SpecReader(json, path: "")
        name = try r.optional("name", Read.string)
        description = try r.optional("description", Read.string)
        n = try r.required("n", Read.positiveInteger)
        guard n >= 3 else { throw SpecError(path: "n", "expected n ≥ 3 (β = 1/log n), got \(n)") }
        plotN = try r.optional("plotN") { try Read.array($0, $1, Read.positiveInteger) }
        if let plotN {
            for (i, v) in plotN.enumerated() where v < 3 { throw SpecError(path: "plotN[\(i)]", "expected n ≥ 3, got \(v)") }
            if plotN != plotN.sorted() || Set(plotN).count != plotN.count {
                throw SpecError(path: "plotN", "expected increasing values of n")
            }
        }
        models = try r.required("models") { try Read.array($0, $1) { v, p in
            do { return try ExperimentSpec(json: v) } catch let e as SpecError {
                throw SpecError(path: e.path.isEmpty ? p : "\(p).\(e.path)", e.message)
            }
        } }
        try r.finish("the comparison")
        for (i, m) in models.enumerated() {
            _ = try m.withSampleCount(n, path: "models[\(i)].data")
        }
    }

    /// Reads and decodes a comparison spec file.
    public static func load(path: String) throws -> ComparisonSpec {
        let tree = try JSONValue.parseSpec(try JSONValue.contents(ofFile: path), source: path)
        do { return try ComparisonSpec(json: tree) } catch let e as SpecError {
            throw SpecError(path: "\(path): \(e.path)", e.message)
        }
    }
}
