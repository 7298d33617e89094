import Dispatch
import Foundation
import Models
import Sampling

/// Throughput of the SGLD step on one model: the figure devinterp users
/// compare (a few hundred steps per second there).
public struct BenchmarkResult: Sendable, Codable {
    public var name: String
    public var parameters: Int
    public var sampleCount: Int
    public var batchSize: Int
    /// SGLD steps per second on one thread.
    public var stepsPerSecondSingle: Double
    /// Total SGLD steps per second with one chain per core.
    public var stepsPerSecondAllCores: Double
    public var cores: Int
    /// stepsPerSecondAllCores / stepsPerSecondSingle.
    public var speedup: Double
    /// Wall time of the whole measurement, seconds.
    public var wallTime: Double
    /// Nanoseconds per minibatch loss + gradient call.
    public var nanosecondsPerGradient: Double

    enum CodingKeys: String, CodingKey {
        case name, parameters, sampleCount = "n", batchSize = "batch"
        case stepsPerSecondSingle = "steps_per_second_single", stepsPerSecondAllCores = "steps_per_second_all_cores"
        case cores, speedup, wallTime = "wall_time_seconds", nanosecondsPerGradient = "ns_per_gradient"
    }
}

public enum Benchmark {
    /// Measures SGLD on `model`: `steps` steps per chain, one chain on one
    /// thread, then one chain per core; and the bare gradient call.
    public static func sgld<M: Model>(name: String, model: M, batchSize: Int, steps: Int, stepSize: Double = 1e-7) async -> BenchmarkResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let posterior = Posterior(model: model, nbeta: Posterior<M>.defaultNBeta(sampleCount: model.sampleCount), localization: 1)
        let initial = [Double](repeating: 0.01, count: model.dimension)
        var settings = ChainSettings()
        settings.burnIn = steps
        settings.draws = 1
        settings.batchSize = batchSize
        settings.diagnosticProbes = 0
        let cores = ProcessInfo.processInfo.activeProcessorCount

        settings.chains = 1
        let t1 = await seconds { _ = await ChainRunner.run(posterior: posterior, kernel: SGLD(stepSize: stepSize), initial: initial, settings: settings, maxConcurrency: 1) }
        settings.chains = cores
        let tn = await seconds { _ = await ChainRunner.run(posterior: posterior, kernel: SGLD(stepSize: stepSize), initial: initial, settings: settings, maxConcurrency: cores) }

        let gradientNs = gradientTime(model: model, batchSize: batchSize, calls: max(1000, steps / 4))
        let single = Double(steps) / t1, all = Double(steps * cores) / tn
        return BenchmarkResult(
            name: name, parameters: model.dimension, sampleCount: model.sampleCount, batchSize: batchSize,
            stepsPerSecondSingle: single, stepsPerSecondAllCores: all, cores: cores, speedup: all / single,
            wallTime: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, nanosecondsPerGradient: gradientNs)
    }

    /// Nanoseconds per `batchLossAndGradient` call on consecutive batches.
    static func gradientTime<M: Model>(model: M, batchSize: Int, calls: Int) -> Double {
        var workspace = model.makeWorkspace(maxBatchSize: batchSize)
        let w = [Double](repeating: 0.01, count: model.dimension)
        var g = [Double](repeating: 0, count: model.dimension)
        let n = model.sampleCount
        let batch = (0..<batchSize).map { $0 % max(n, 1) }
        var sink = 0.0
        let t0 = DispatchTime.now().uptimeNanoseconds
        w.withUnsafeBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { gp in
                batch.withUnsafeBufferPointer { bp in
                    for _ in 0..<calls {
                        sink += model.batchLossAndGradient(wp, batch: bp, gradient: gp, workspace: &workspace)
                    }
                }
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0)
        blackHole(sink)
        return elapsed / Double(calls)
    }

    /// Keeps a measured result alive so the optimiser cannot drop the loop that made it.
    @inline(never)
    static func blackHole(_ value: Double) {
        withExtendedLifetime(value) {}
    }

    static func seconds(_ body: () async -> Void) async -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        await body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }
}

/// Runs `Benchmark.sgld` on whatever model a spec built.
public struct BenchmarkRun: ModelRun {
    public var name: String
    public var batchSize: Int
    public var steps: Int
    public init(name: String, batchSize: Int, steps: Int) {
        self.name = name
        self.batchSize = batchSize
        self.steps = steps
    }
    public func run<M: Model>(on model: M) async throws -> BenchmarkResult {
        await Benchmark.sgld(name: name, model: model, batchSize: batchSize, steps: steps)
    }
}

extension Benchmark {
    /// The reference models of `rlct bench`, at n = 10,000: (name, spec JSON, steps scale).
    public static let referenceCases: [(name: String, spec: String, stepsScale: Double)] = [
        ("seed model Q = (w+1.6)(w-1.6)^2, d = 1",
         #"{"model": {"kind": "polynomialRegression", "q": "(w+1.6)*(w-1.6)^2"}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 1),
        ("K = (w1*w2)^2 (Q = w1*w2), d = 2",
         #"{"model": {"kind": "polynomialRegression", "q": "w1*w2"}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 1),
        ("reduced-rank regression 5-3-5, d = 30",
         #"{"model": {"kind": "reducedRankRegression", "inputs": 5, "hidden": 3, "outputs": 5}, "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.25),
        ("deep linear network 10-20-20-20-10, d = 1200",
         #"{"model": {"kind": "deepLinearNetwork", "widths": [10, 20, 20, 20, 10]}, "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.02),
    ]
}
