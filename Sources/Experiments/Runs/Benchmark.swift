import Dispatch
import Estimators
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
    /// CPU seconds (user + system, this process) of the one-thread measurement:
    /// the time it would take on an otherwise idle core.
    public var cpuSecondsSingle: Double
    /// SGLD steps per CPU second of the one-thread measurement.
    public var stepsPerCPUSecond: Double { cpuSecondsSingle > 0 ? Double(steps) / cpuSecondsSingle : .nan }
    /// SGLD steps per chain of the measurements.
    public var steps: Int
    /// Nanoseconds per minibatch loss + gradient call.
    public var nanosecondsPerGradient: Double
    /// The devinterp-shaped LLC job on one thread (`Benchmark.devinterpJob`), when run.
    public var llcJob: LLCJobTiming?
    /// The share of a default `rlct llc` run's chain time spent outside the
    /// steps (draws' losses, probes), with the diagnostics budget and with
    /// the full-data loss at every draw and 100 probes (`Benchmark.drawOverhead`).
    public var outsideStepsBudgeted: Double?
    public var outsideStepsFullData: Double?

    enum CodingKeys: String, CodingKey {
        case name, parameters, sampleCount = "n", batchSize = "batch"
        case stepsPerSecondSingle = "steps_per_second_single", stepsPerSecondAllCores = "steps_per_second_all_cores"
        case cores, speedup, wallTime = "wall_time_seconds", cpuSecondsSingle = "cpu_single_seconds", steps
        case nanosecondsPerGradient = "ns_per_gradient"
        case llcJob = "llc_job", outsideStepsBudgeted = "outside_steps_budgeted", outsideStepsFullData = "outside_steps_full_data"
    }
}

/// End-to-end time of an LLC job shaped as devinterp's
/// `estimate_learning_coeff_with_summary` runs it: `chains` chains one after
/// another on one thread, `draws` draws with no burn-in and a draw at every
/// step, the minibatch loss recorded at draws, no acceptance probes; λ̂ and
/// its diagnostics summarised at the end.
public struct LLCJobTiming: Sendable, Codable {
    public var chains: Int
    public var draws: Int
    /// How many times the job ran; the timings are those of the median run.
    public var repeats: Int
    /// Wall seconds of the median run (by wall time).
    public var seconds: Double
    /// The fastest and slowest of the runs, wall seconds.
    public var minSeconds: Double
    public var maxSeconds: Double
    /// CPU seconds (user + system) of the median run.
    public var cpuSeconds: Double
    /// chains × draws / seconds.
    public var stepsPerSecond: Double
    /// chains × draws / CPU seconds.
    public var stepsPerCPUSecond: Double { cpuSeconds > 0 ? Double(chains * draws) / cpuSeconds : .nan }
    public var llc: Double

    enum CodingKeys: String, CodingKey {
        case chains, draws, repeats, seconds, minSeconds = "min_seconds", maxSeconds = "max_seconds", cpuSeconds = "cpu_seconds",
             stepsPerSecond = "steps_per_second", llc
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
        let cpu0 = cpuSeconds()
        let t1 = await seconds { _ = await ChainRunner.run(posterior: posterior, kernel: SGLD(stepSize: stepSize), initial: initial, settings: settings, maxConcurrency: 1) }
        let cpu1 = cpuSeconds() - cpu0
        settings.chains = cores
        let tn = await seconds { _ = await ChainRunner.run(posterior: posterior, kernel: SGLD(stepSize: stepSize), initial: initial, settings: settings, maxConcurrency: cores) }

        let gradientNs = gradientTime(model: model, batchSize: batchSize, calls: max(1000, steps / 4))
        let single = Double(steps) / t1, all = Double(steps * cores) / tn
        return BenchmarkResult(
            name: name, parameters: model.dimension, sampleCount: model.sampleCount, batchSize: batchSize,
            stepsPerSecondSingle: single, stepsPerSecondAllCores: all, cores: cores, speedup: all / single,
            wallTime: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSecondsSingle: cpu1, steps: steps,
            nanosecondsPerGradient: gradientNs)
    }

    /// The devinterp-shaped LLC job (`LLCJobTiming`) on one thread at step
    /// `stepSize`, run `repeats` times (the same seed, so the same λ̂): the
    /// median run by wall time is reported, with the fastest and slowest,
    /// since one run on a shared machine varies by ±15%. `center` is w*
    /// (nil: the origin).
    public static func devinterpJob<M: Model>(model: M, batchSize: Int, center: [Double]? = nil, chains: Int = 4, draws: Int = 200,
                                              stepSize: Double = 1e-7, repeats: Int = 3) async -> LLCJobTiming {
        var runs: [LLCJobTiming] = []
        for _ in 0..<max(1, repeats) {
            runs.append(await devinterpJobOnce(model: model, batchSize: batchSize, center: center, chains: chains, draws: draws,
                                               stepSize: stepSize))
        }
        runs.sort { $0.seconds < $1.seconds }
        var median = runs[runs.count / 2]
        median.repeats = runs.count
        median.minSeconds = runs[0].seconds
        median.maxSeconds = runs[runs.count - 1].seconds
        return median
    }

    static func devinterpJobOnce<M: Model>(model: M, batchSize: Int, center: [Double]?, chains: Int, draws: Int,
                                           stepSize: Double) async -> LLCJobTiming {
        let posterior = Posterior(model: model, nbeta: Posterior<M>.defaultNBeta(sampleCount: model.sampleCount), localization: 1,
                                  center: center)
        var settings = ChainSettings()
        settings.chains = chains
        settings.draws = draws
        settings.burnIn = 0
        settings.thin = 1
        settings.batchSize = batchSize
        settings.lossEstimator = .minibatch
        settings.diagnosticProbes = 0
        let kernel = SGLD(stepSize: stepSize)
        var llc = Double.nan
        let cpu0 = cpuSeconds()
        let t = await seconds {
            let results = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center,
                                                settings: settings, maxConcurrency: 1)
            llc = LocalLearningCoefficient.summarize(results, posterior: posterior, sampler: kernel.configuration).llcMean
        }
        let cpu = cpuSeconds() - cpu0
        return LLCJobTiming(chains: chains, draws: draws, repeats: 1, seconds: t, minSeconds: t, maxSeconds: t, cpuSeconds: cpu,
                            stepsPerSecond: Double(chains * draws) / t, llc: llc)
    }

    /// Where a default LLC run's chains spend their time: the seconds of
    /// `settings`' chains (one thread) against the same steps without draws'
    /// losses or probes. Returns (run seconds, bare step seconds).
    public static func drawOverhead<M: Model>(model: M, settings: ChainSettings, stepSize: Double) async -> (run: Double, steps: Double) {
        let posterior = Posterior(model: model, nbeta: Posterior<M>.defaultNBeta(sampleCount: model.sampleCount), localization: 1)
        let kernel = SGLD(stepSize: stepSize)
        let run = await seconds {
            _ = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center, settings: settings, maxConcurrency: 1)
        }
        var bare = settings
        bare.burnIn = settings.burnIn + settings.draws * max(1, settings.thin)
        bare.draws = 1
        bare.thin = 1
        bare.lossEstimator = .minibatch
        bare.diagnosticProbes = 0
        let steps = await seconds {
            _ = await ChainRunner.run(posterior: posterior, kernel: kernel, initial: posterior.center, settings: bare, maxConcurrency: 1)
        }
        return (run, steps)
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

    /// CPU time (user + system) this process has used, seconds: what a
    /// single-threaded measurement costs whatever else loads the machine.
    public static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
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
    /// Also time the devinterp-shaped LLC job (`Benchmark.devinterpJob`).
    public var llcJob: Bool
    /// The default LLC chain settings whose time outside the steps is measured (nil: not measured).
    public var overheadSettings: ChainSettings?
    /// w* of the LLC job (the spec's truth).
    public var center: [Double]?
    /// Only the LLC job: no throughput measurement (its numbers are NaN).
    public var jobOnly: Bool
    public init(name: String, batchSize: Int, steps: Int, llcJob: Bool = false, overheadSettings: ChainSettings? = nil,
                center: [Double]? = nil, jobOnly: Bool = false) {
        self.center = center
        self.jobOnly = jobOnly
        self.name = name
        self.batchSize = batchSize
        self.steps = steps
        self.llcJob = llcJob
        self.overheadSettings = overheadSettings
    }
    public func run<M: Model>(on model: M) async throws -> BenchmarkResult {
        var result = jobOnly
            ? BenchmarkResult(name: name, parameters: model.dimension, sampleCount: model.sampleCount, batchSize: batchSize,
                              stepsPerSecondSingle: .nan, stepsPerSecondAllCores: .nan, cores: ProcessInfo.processInfo.activeProcessorCount,
                              speedup: .nan, wallTime: .nan, cpuSecondsSingle: .nan, steps: 0, nanosecondsPerGradient: .nan)
            : await Benchmark.sgld(name: name, model: model, batchSize: batchSize, steps: steps)
        if llcJob { result.llcJob = await Benchmark.devinterpJob(model: model, batchSize: batchSize, center: center) }
        if let settings = overheadSettings {
            let budgeted = await Benchmark.drawOverhead(model: model, settings: settings, stepSize: 1e-7)
            result.outsideStepsBudgeted = max(0, 1 - budgeted.steps / budgeted.run)
            var full = settings
            full.evaluationSubset = nil
            full.diagnosticProbes = ChainSettings().diagnosticProbes
            let unbudgeted = await Benchmark.drawOverhead(model: model, settings: full, stepSize: 1e-7)
            result.outsideStepsFullData = max(0, 1 - unbudgeted.steps / unbudgeted.run)
        }
        return result
    }
}

extension Benchmark {
    /// The reference models of `rlct bench`, at n = 10,000: (name, spec JSON,
    /// steps scale, whether the devinterp-shaped LLC job is timed too).
    public static let referenceCases: [(name: String, spec: String, stepsScale: Double, llcJob: Bool)] = [
        ("seed model Q = (w+1.6)(w-1.6)^2, d = 1",
         #"{"model": {"kind": "polynomialRegression", "q": "(w+1.6)*(w-1.6)^2"}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 1, false),
        ("K = (w1*w2)^2 (Q = w1*w2), d = 2",
         #"{"model": {"kind": "polynomialRegression", "q": "w1*w2"}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 1, false),
        ("reduced-rank regression 5-3-5, d = 30",
         #"{"model": {"kind": "reducedRankRegression", "inputs": 5, "hidden": 3, "outputs": 5}, "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.25, false),
        ("deep linear network 10-20-20-20-10, d = 1200",
         #"{"model": {"kind": "deepLinearNetwork", "widths": [10, 20, 20, 20, 10]}, "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.02, false),
        ("MLP 20-64-64-1 regression (ReLU), d = 5569",
         #"{"model": {"kind": "mlp", "widths": [20, 64, 64, 1], "activations": "relu", "head": "gaussian"}, "truth": {"seed": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.005, true),
        ("MLP 784-128-10 softmax classifier (ReLU), d = 101770",
         #"{"model": {"kind": "mlp", "widths": [784, 128, 10], "activations": "relu", "head": "softmax"}, "truth": {"seed": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.001, true),
        // The same two networks with float32 products (`"precision": "float32"`), as PyTorch runs them.
        ("MLP 20-64-64-1 regression (ReLU), d = 5569, float32",
         #"{"model": {"kind": "mlp", "widths": [20, 64, 64, 1], "activations": "relu", "head": "gaussian", "precision": "float32"}, "truth": {"seed": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.005, true),
        ("MLP 784-128-10 softmax classifier (ReLU), d = 101770, float32",
         #"{"model": {"kind": "mlp", "widths": [784, 128, 10], "activations": "relu", "head": "softmax", "precision": "float32"}, "truth": {"seed": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}"#, 0.001, true),
    ]
}
