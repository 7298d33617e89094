import Estimators
import Foundation
import Models
import Sampling

extension RegressionSuite {
    /// One independent check of the suite, as a job of `rlct regress`'s queue:
    /// a fixture's analytic check (`check` nil) or one of its listed estimators.
    /// Each estimator is seeded by its fixture, so a check's outcome does not
    /// depend on where or when it runs.
    public struct CheckJob: Sendable, Hashable {
        /// Index into `fixtures`.
        public var fixture: Int
        /// Index into the fixture's checks that the options select; nil for the analytic check.
        public var check: Int?
        /// `path method`, for messages.
        public var label: String
        /// Relative cost: chains × (burn-in + draws × thin) × max(n, 1) × dimension for sampled checks.
        public var cost: Double
        /// The check's method (`analytic` for the analytic check) and which check of that method in its fixture (0 for the first).
        public var method: String
        public var occurrence: Int
        /// The check's identity across runs (`--resume`): fixture path, method, and which check of that method.
        public var key: String
    }

    /// Every check of the run `options` describes, in output order (fixture order, analytic first).
    public func checkJobs(options: Options) -> [CheckJob] {
        var jobs: [CheckJob] = []
        for (i, fixture) in fixtures.enumerated() {
            var seen: [String: Int] = [:]
            func job(_ check: Int?, _ method: String, cost: Double) -> CheckJob {
                let n = seen[method, default: 0]
                seen[method] = n + 1
                return CheckJob(fixture: i, check: check, label: "\(fixture.path) \(method)", cost: cost, method: method, occurrence: n,
                                key: Self.resumeKey(fixture: fixture.path, method: method, occurrence: n))
            }
            jobs.append(job(nil, "analytic", cost: 1))
            for (c, check) in Self.checks(of: fixture, options: options).enumerated() {
                jobs.append(job(c, check.method.rawValue, cost: Self.cost(check, on: fixture, options: options)))
            }
        }
        return jobs
    }

    /// The key of a check for `--resume`: the n-th check of `method` in the fixture at `fixture`.
    public static func resumeKey(fixture: String, method: String, occurrence: Int) -> String {
        "\(fixture)\u{1F}\(method)\u{1F}\(occurrence)"
    }

    /// The keys of `outcomes` (a previous report's, in its order), matching `CheckJob.key`.
    public static func resumeKeys(of outcomes: [RegressionOutcome]) -> [String] {
        var seen: [String: Int] = [:]
        return outcomes.map { o in
            let id = "\(o.fixture)\u{1F}\(o.method)"
            let n = seen[id, default: 0]
            seen[id] = n + 1
            return resumeKey(fixture: o.fixture, method: o.method, occurrence: n)
        }
    }

    /// The failed row of a check whose estimator threw `message` (`pieceJobs` runs a check's pieces).
    public func failedOutcome(_ job: CheckJob, options: Options, message: String, seconds: Double) -> RegressionOutcome {
        let fixture = fixtures[job.fixture]
        let method = job.check.map { Self.checks(of: fixture, options: options)[$0].method.rawValue } ?? "analytic"
        return .failed(fixture: fixture, method: method, message: message, seconds: seconds)
    }

    /// A check's relative cost, for handing the largest out first (it changes the schedule, never a number).
    static func cost(_ check: CheckSpec, on fixture: Fixture, options: Options) -> Double {
        let model = fixture.experiment.model
        let size = Double(max(model.sampleCount, 1)) * Double(max(model.dimension, 1))
        switch check.method {
        case .llc, .temperature:
            guard let s = try? sampling(check, on: fixture, options: options).1 else { return size }
            let steps = Double(s.chains) * Double(s.burnIn + s.draws * s.thin)
            // The temperature fit runs one chain set per temperature (five).
            return steps * size * (check.method == .temperature ? 5 : 1)
        case .freeEnergyFit:
            // 13 exact quadratures: about 0.04 s in 1-D, 0.3 s in 2-D, 100 s in 3-D here.
            return secondsToCost * [0.04, 0.3, 100][min(max(model.dimension, 1), 3) - 1]
        case .volume:
            let d = Double(max(model.dimension, 1))
            if (check.volumeMethod ?? VolumeScaling.Method.default(dimension: model.dimension)) == .montecarlo {
                // Nested sampling: N·log(1/V) replacements (log V ∝ d), 10·d moves each, a loss ∝ d:
                // about 8e-3·d³ s here (0.2 s at d = 3, 125 s at d = 25).
                return secondsToCost * 8e-3 * d * d * d
            }
            // Level-set quadrature over 25 ε: about 0.005 s in 1-D, 0.2 s in 2-D, 100 s in 3-D here.
            return secondsToCost * [0.005, 0.2, 100][min(max(model.dimension, 1), 3) - 1]
        }
    }

    /// Cost units (sampler steps × n × d of the llc and temperature checks) per second of one
    /// core here: the schedule of the full suite (scripts/mpi-scaling.sh's schedule-1.json,
    /// 2026-12-02) measured 1e-11 to 4e-11 s per unit; the fit checks' costs are its measured
    /// seconds in these units. Only the order of handing out depends on it.
    static let secondsToCost = 5e10
}
