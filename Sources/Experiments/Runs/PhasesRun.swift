import Estimators
import Foundation
import Models

/// Posterior masses of neighbourhoods of several minima against n, and the
/// crossover where the leading phase changes (`PhaseTransition`), for
/// whatever model it is handed (data models: the first n samples at each n).
public struct PhasesRun: ModelRun {
    /// The `--phases` text: `CENTRE:RADIUS` separated by `;`, CENTRE as name=value pairs.
    public var phases: String
    public var grid: [Double]
    public var beta: Double
    public var prior: Prior
    public var given: [PhaseTransition.Coefficient]?
    public var seed: UInt64
    public var progress: @Sendable () -> Void

    public init(phases: String, grid: [Double], beta: Double, prior: Prior, given: [PhaseTransition.Coefficient]?,
                seed: UInt64, progress: @escaping @Sendable () -> Void = {}) {
        self.phases = phases
        self.grid = grid
        self.beta = beta
        self.prior = prior
        self.given = given
        self.seed = seed
        self.progress = progress
    }

    public func run<M: Model>(on model: M) async throws -> PhaseTransition.Result {
        let (lower, upper, logPrior) = try prior.integrationDomain(dimension: model.dimension)
        let boxes = try Self.parse(phases, parameterNames: model.parameterNames, lower: lower, upper: upper)
        if let given, given.count != boxes.count {
            throw SpecError(path: "lambdas", "expected \(boxes.count) values (one per phase), got \(given.count)")
        }
        try FreeEnergyFitRun.checkRange(grid, model: model)
        return try PhaseTransition.compute(phases: boxes, grid: grid, beta: beta, lower: lower, upper: upper, logPrior: logPrior,
                                           given: given, seed: seed,
                                           modelAt: { try FreeEnergyFitRun.firstSamples(of: model, count: $0) }, progress: progress)
    }

    /// Parses `w=-1:0.5;w=1:0.5` (2-D: `w1=0,w2=1:0.3;…`): each phase is the box
    /// centre ± radius (parameters not named are 0) cut to the prior's box.
    /// Errors name the phase, its character position and what was expected.
    public static func parse(_ text: String, parameterNames: [String], lower: [Double], upper: [Double]) throws -> [PhaseTransition.Phase] {
        var out: [PhaseTransition.Phase] = []
        var offset = 0
        for (k, raw) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let item = raw.trimmingCharacters(in: .whitespaces)
            func fail(_ message: String) -> SpecError {
                SpecError(path: "phases", "phase \(k + 1) ('\(item)', at character \(offset + 1)): \(message)")
            }
            defer { offset += raw.count + 1 }
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw fail("expected CENTRE:RADIUS, e.g. w=-1:0.5") }
            guard let r = Double(parts[1]), r > 0, r.isFinite else { throw fail("expected a positive radius after ':', got '\(parts[1])'") }
            var centre = [Double](repeating: 0, count: parameterNames.count)
            for pair in parts[0].split(separator: ",", omittingEmptySubsequences: false) {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = Double(kv[1]), v.isFinite else {
                    throw fail("expected name=value pairs separated by commas before ':', got '\(pair)'")
                }
                guard let j = parameterNames.firstIndex(of: kv[0]) else {
                    throw fail("unknown parameter '\(kv[0])' (the model's are \(parameterNames.joined(separator: ", ")))")
                }
                centre[j] = v
            }
            let lo = centre.indices.map { max(lower[$0], centre[$0] - r) }
            let hi = centre.indices.map { min(upper[$0], centre[$0] + r) }
            guard zip(lo, hi).allSatisfy({ $0 < $1 }) else { throw fail("the box does not meet the prior's support") }
            for (i, other) in out.enumerated() where lo.indices.allSatisfy({ max(lo[$0], other.lower[$0]) < min(hi[$0], other.upper[$0]) }) {
                throw fail("overlaps phase \(i + 1) ('\(other.name)'); the neighbourhoods must be disjoint")
            }
            out.append(PhaseTransition.Phase(name: item, lower: lo, upper: hi))
        }
        guard out.count >= 2 else {
            throw SpecError(path: "phases", "expected at least two phases separated by ';', e.g. \"w=-1:0.5;w=1:0.5\"")
        }
        return out
    }
}
