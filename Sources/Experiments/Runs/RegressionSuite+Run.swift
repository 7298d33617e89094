import Estimators
import Foundation
import Models
import Reports
import Sampling

extension RegressionSuite {
    /// How `rlct regress` runs the suite.
    public struct Options: Sendable {
        /// Use each check's `quick` settings: fewer draws, wider tolerances.
        public var quick = false
        /// Fixtures run at once (each one's chains also run in parallel).
        public var jobs = 1
        /// Run every llc check with this sampler instead of the fixture's
        /// (the fixture's step size stays unless `stepSize` is given too).
        public var sampler: SamplerKind?
        public var stepSize: Double?
        /// Run only the checks of these methods (nil: all); the analytic check always runs.
        public var methods: Set<CheckSpec.Method>?
        public init(quick: Bool = false, jobs: Int = 1, sampler: SamplerKind? = nil, stepSize: Double? = nil,
                    methods: Set<CheckSpec.Method>? = nil) {
            self.quick = quick
            self.jobs = jobs
            self.sampler = sampler
            self.stepSize = stepSize
            self.methods = methods
        }
    }

    /// How many checks a run with `options` performs (for a progress total).
    public func checkCount(options: Options) -> Int {
        fixtures.reduce(0) { $0 + 1 + Self.checks(of: $1, options: options).count }
    }

    /// The fixture's checks that `options` selects.
    static func checks(of fixture: Fixture, options: Options) -> [CheckSpec] {
        (fixture.spec.checks ?? []).filter { options.methods?.contains($0.method) ?? true }
    }

    /// Runs every fixture's analytic check and listed estimators, in fixture
    /// order whatever `jobs` is (each estimator is seeded by its fixture, so
    /// the numbers do not depend on the schedule). `progress` is called once
    /// per finished check.
    public func run(options: Options, progress: (@Sendable () -> Void)? = nil) async -> [RegressionOutcome] {
        let limit = max(1, options.jobs)
        let fixtures = self.fixtures
        return await withTaskGroup(of: (Int, [RegressionOutcome]).self) { group in
            var results = [[RegressionOutcome]](repeating: [], count: fixtures.count)
            var next = 0
            func launch() {
                let i = next
                next += 1
                group.addTask { (i, await Self.run(fixtures[i], options: options, progress: progress)) }
            }
            while next < min(limit, fixtures.count) { launch() }
            while let (i, outcomes) = await group.next() {
                results[i] = outcomes
                if next < fixtures.count { launch() }
            }
            return results.flatMap { $0 }
        }
    }

    /// The analytic check, then each listed estimator, of one fixture.
    static func run(_ fixture: Fixture, options: Options, progress: (@Sendable () -> Void)?) async -> [RegressionOutcome] {
        var outcomes = [analytic(fixture)]
        progress?()
        for check in checks(of: fixture, options: options) {
            outcomes.append(await estimate(check, on: fixture, options: options))
            progress?()
        }
        return outcomes
    }

    /// The fixture's λ and m against the theorem `Analytic` applies (exact).
    /// A bound fixture passes when a theorem's exact λ respects its bounds, and
    /// is skipped when no theorem gives λ (the usual case: only the bound is known).
    static func analytic(_ fixture: Fixture) -> RegressionOutcome {
        let start = ContinuousClock.now
        if fixture.expected.isBound {
            guard let c = try? fixture.spec.analyticCoefficient() else {
                return .skipped(fixture: fixture, method: "analytic", message: "only bounds on λ are known (the fixture's source)",
                                seconds: start.secondsSince)
            }
            return .judged(fixture: fixture, method: "analytic", estimate: c.lambdaValue, error: nil, multiplicity: c.multiplicity,
                           tolerance: 1e-12, standardErrors: 0, note: c.method, seconds: start.secondsSince)
        }
        do {
            let c = try fixture.spec.analyticCoefficient()
            return .judged(fixture: fixture, method: "analytic", estimate: c.lambdaValue, error: nil, multiplicity: c.multiplicity,
                           tolerance: 1e-12, standardErrors: 0, note: c.method, seconds: start.secondsSince)
        } catch {
            let reason = "\(error)"
            return .skipped(fixture: fixture, method: "analytic", message: reason.hasPrefix("no theorem applies") ? reason : "no theorem applies: \(reason)",
                            seconds: start.secondsSince)
        }
    }

    /// One listed estimator on the fixture, judged against `expected`.
    static func estimate(_ check: CheckSpec, on fixture: Fixture, options: Options) async -> RegressionOutcome {
        // Never throws when not rethrowing.
        (try? await estimate(check, on: fixture, options: options, rethrowing: false))!
    }

    /// As `estimate`, but an estimator's error is thrown (`rethrowing`) instead of
    /// becoming a failed outcome: the job queue then names the rank it failed on.
    static func estimate(_ check: CheckSpec, on fixture: Fixture, options: Options, rethrowing: Bool) async throws -> RegressionOutcome {
        let start = ContinuousClock.now
        if options.quick, check.quick?.skip == true {
            return .skipped(fixture: fixture, method: check.method.rawValue, message: "left out of --quick runs (the fixture says so)", seconds: 0)
        }
        do {
            return judged(try await measure(check, on: fixture, options: options), check: check, on: fixture, options: options,
                          seconds: start.secondsSince)
        } catch {
            if rethrowing { throw error }
            return .failed(fixture: fixture, method: check.method.rawValue, message: "\(error)", seconds: start.secondsSince)
        }
    }

    /// The estimate, its standard error, the rounded multiplicity (if the
    /// method gives one), a note on how it was run and, for a sampled method, its verdict.
    typealias Measurement = (estimate: Double, error: Double?, multiplicity: Int?, note: String, verdict: Verdict?)

    /// The row of a measured check: judged against the fixture's λ (and m) with the check's
    /// tolerance and standard errors (its quick ones under `--quick`).
    static func judged(_ m: Measurement, check: CheckSpec, on fixture: Fixture, options: Options, seconds: Double) -> RegressionOutcome {
        let quick = options.quick
        // Load-time validation guarantees a tolerance somewhere.
        let tolerance = (quick ? check.quick?.tolerance : nil) ?? check.tolerance ?? fixture.expected.tolerance ?? 0
        let standardErrors = (quick ? check.quick?.standardErrors : nil) ?? check.standardErrors ?? 0
        return .judged(fixture: fixture, method: check.method.rawValue, estimate: m.estimate, error: m.error, multiplicity: m.multiplicity,
                       tolerance: tolerance, standardErrors: standardErrors, note: m.note, seconds: seconds, verdict: m.verdict)
    }

    /// The check's measurement.
    static func measure(_ check: CheckSpec, on fixture: Fixture, options: Options) async throws -> Measurement {
        let experiment = fixture.experiment
        switch check.method {
        case .llc:
            let request = try llcRequest(check, on: fixture, options: options)
            let report = try await experiment.model.accept(LLCRun(request: request, title: fixture.name))
            let e = report.estimate
            guard e.divergences.isEmpty else {
                throw SpecificationError("\(e.divergences.count) chain(s) diverged (first: \(e.divergences[0])); reduce the step size")
            }
            return (e.llcMean, e.llcMCSE, nil, "\(e.sampler) ε = \(e.stepSize), \(request.settings.chains)×\(e.draws) draws", e.verdict)
        case .temperature:
            let (sampler, settings) = try sampling(check, on: fixture, options: options)
            let run = TemperatureLambdaRun(sampler: sampler, prior: experiment.prior, start: .given(try center(check, on: fixture)), settings: settings)
            let r = try await experiment.model.accept(run)
            return (r.multiTemperature, r.multiTemperatureError, nil,
                    "multi-temperature fit, \(sampler.kind.rawValue) ε = \(sampler.stepSize) (two-temperature \(NumberFormat.significant(r.twoTemperature)), Imai \(NumberFormat.significant(r.imai)))",
                    r.verdict)
        case .freeEnergyFit:
            let run = try freeEnergyFitRun(on: fixture)
            return measurement(try await experiment.model.accept(run))
        case .volume:
            return measurement(try await experiment.model.accept(try volumeRun(check, on: fixture)), check: check)
        }
    }

    /// A free-energy-fit check's run: 13 n, log-spaced from 100 to 10⁶ for a potential
    /// (which takes any n), from 1000 to the data size for a data model; β = 1.
    static func freeEnergyFitRun(on fixture: Fixture) throws -> FreeEnergyFitRun {
        let model = fixture.experiment.model
        let onData = model.hasPerSampleData
        let grid = try FreeEnergyFit.grid(nMin: onData ? 1000 : 100, nMax: onData ? Double(model.sampleCount) : 1e6, points: 13)
        return FreeEnergyFitRun(grid: grid, beta: 1, prior: fixture.experiment.prior, nextOrder: false, seed: 1)
    }

    static func measurement(_ r: FreeEnergyFit.Result) -> Measurement {
        let n = r.details.points.map(\.n)
        return (r.lambda, r.lambdaError, r.multiplicityRounded,
                "quadrature at \(n.count) n in [\(Int(n[0])), \(Int(n[n.count - 1]))], m̂ = \(NumberFormat.significant(r.multiplicity))", nil)
    }

    /// A volume check's run: 25 ε from 10⁻² down to 10⁻¹⁰ around the check's centre, seed 1.
    static func volumeRun(_ check: CheckSpec, on fixture: Fixture) throws -> VolumeRun {
        var run = VolumeRun(prior: fixture.experiment.prior, localRadius: check.localRadius, center: try center(check, on: fixture),
                            epsilons: VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25), method: check.volumeMethod, seed: 1)
        run.population = check.population
        return run
    }

    static func measurement(_ r: VolumeScaling.Result, check: CheckSpec) -> Measurement {
        (r.lambda, r.lambdaError, r.multiplicityRounded,
         "\(r.method.rawValue)\(check.population ? " of the population K" : ""), ε in [1e-10, 1e-2], m̂ = \(NumberFormat.significant(r.multiplicity))", nil)
    }

    /// The sampler and chain settings a check describes: its sampler, else the
    /// spec's; `--sampler`/`--step-size` and `--quick` applied.
    static func sampling(_ check: CheckSpec, on fixture: Fixture, options: Options) throws -> (SamplerConfiguration, ChainSettings) {
        guard let samplerSpec = check.sampler ?? fixture.spec.sampler, let fixtureKind = SamplerKind(rawValue: samplerSpec.kind) else {
            throw SpecError(path: "checks", "a \(check.method.rawValue) check needs a sampler")
        }
        var (sampler, settings) = try samplerSpec.resolved()
        if let kind = options.sampler {
            // A Hamiltonian step h is not a Langevin ε: keep the fixture's only within a family.
            if kind.defaultStepSize != fixtureKind.defaultStepSize || samplerSpec.stepSize == nil { sampler.stepSize = kind.defaultStepSize }
            sampler.kind = kind
        }
        if let stepSize = options.stepSize { sampler.stepSize = stepSize }
        if options.quick, let q = check.quick {
            settings.draws = q.draws ?? settings.draws
            settings.chains = q.chains ?? settings.chains
            settings.burnIn = q.burnIn ?? settings.burnIn
        }
        return (sampler, settings)
    }

    /// The point a check works at, by parameter name: `llc.at`, else the truth, else (a `"truth": "global"`
    /// fixture) a zero of K attaining the global λ, else the origin. A global fixture's volume then counts
    /// {K < ε} over the whole prior, which needs K(w*) = 0.
    static func center(_ check: CheckSpec, on fixture: Fixture) throws -> [String: Double] {
        let names = fixture.experiment.model.parameterNames
        var found = (check.llc ?? fixture.spec.llc)?.at
        if found == nil, fixture.spec.truth?.global == true {
            // The model's own truth is the origin here, not a zero of K: take a zero attaining the
            // global λ (centred on another zero the volume fit follows that zero's larger λ).
            let global = try fixture.spec.globalCoefficient()
            found = (global.minima.first { $0.isExactZero && $0.local?.lambda == global.coefficient.lambda }
                ?? global.minima.min { $0.value < $1.value })?.point
        }
        let point = found ?? fixture.experiment.truth ?? [Double](repeating: 0, count: names.count)
        guard point.count == names.count else {
            throw SpecError(path: "llc.at", "expected \(names.count) numbers, got \(point.count)")
        }
        return Dictionary(uniqueKeysWithValues: zip(names, point))
    }

    /// The LLC request a check describes (its llc settings, else the spec's).
    static func llcRequest(_ check: CheckSpec, on fixture: Fixture, options: Options) throws -> LLCRequest {
        let (sampler, settings) = try sampling(check, on: fixture, options: options)
        let llc = check.llc ?? fixture.spec.llc
        let start = StartPoint.given(try center(check, on: fixture)).optimized(check.optimizeCenter)
        return LLCRequest(sampler: sampler, nbeta: llc?.nbeta, localization: llc?.localization ?? 1,
                          prior: fixture.experiment.prior, start: start, settings: settings)
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    public var secondsSince: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
