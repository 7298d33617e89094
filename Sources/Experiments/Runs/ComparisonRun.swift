import Estimators
import Foundation
import Models
import Sampling

/// One model of `rlct compare` at n: every number the toolkit has for it,
/// side by side: d/2, the analytic λ and m, LLC, temperature and volume λ̂, the exact
/// F_n (d ≤ 3), WBIC and BIC, and the curves of F_n, WBIC and BIC over the
/// plot's n. An estimator that cannot run on the model leaves its cell
/// empty and says why in `notes`; it does not stop the comparison.
public struct ComparisonRun: ModelRun {
    public var spec: ExperimentSpec
    /// The experiment built with data for the largest n needed (smaller n use its first samples).
    public var experiment: Experiment
    public var n: Int
    public var plotN: [Int]
    /// Called after each estimator (a progress line).
    public var progress: @Sendable () -> Void

    public init(spec: ExperimentSpec, experiment: Experiment, n: Int, plotN: [Int], progress: @escaping @Sendable () -> Void = {}) {
        self.spec = spec
        self.experiment = experiment
        self.n = n
        self.plotN = plotN
        self.progress = progress
    }

    /// Estimators run per model (for a progress total): LLC, temperature and volume λ̂, then F_n, WBIC and BIC at
    /// each of `points` values of n (the plot's and the comparison's).
    public static func steps(points: Int) -> Int { 3 + 3 * points }

    public func run<M: Model>(on full: M) async throws -> ComparisonRow {
        let model = try FreeEnergyFitRun.firstSamples(of: full, count: Double(n))
        let d = model.dimension
        let nbeta = Double(n) / log(Double(n))
        let (sampler, settings) = try (spec.sampler ?? SamplerSpec(kind: "mala")).resolved(defaultStepSize: 1 / nbeta)
        let names = model.parameterNames
        let truth = StartPoint.truth(of: experiment)
        let center = Dictionary(uniqueKeysWithValues: zip(names, experiment.truth ?? [Double](repeating: 0, count: d)))
        let prior = experiment.prior
        var row = ComparisonRow(name: spec.name ?? experiment.summary, parameters: d, sampler: sampler.kind.rawValue, stepSize: sampler.stepSize)

        if let c = try? spec.analyticCoefficient() {
            row.lambda = c.lambdaValue
            row.multiplicity = c.multiplicity
        } else {
            row.notes.append("analytic: no theorem applies")
        }
        func attempt<T>(_ what: String, _ body: () async throws -> T) async -> T? {
            defer { progress() }
            do { return try await body() } catch {
                row.notes.append("\(what): \(error)")
                return nil
            }
        }

        // A data model's truth is not a minimum of its L_n: measure at the minimum nearby, as for trained weights.
        let request = LLCRequest(sampler: sampler, nbeta: spec.llc?.nbeta, localization: spec.llc?.localization ?? 1,
                                 prior: prior, start: truth.optimized(model.hasPerSampleData), settings: settings)
        if let report = await attempt("LLC", { try await LLCRun(request: request, title: row.name).run(on: model) }) {
            row.llcVerdict = report.estimate.verdict
            if report.estimate.divergences.isEmpty {
                (row.llc, row.llcError) = (report.estimate.llcMean, report.estimate.llcMCSE)
            } else {
                row.notes.append("LLC: \(report.estimate.divergences.count) chain(s) diverged")
            }
        }
        if let t = await attempt("temperature λ̂", {
            try await TemperatureLambdaRun(sampler: sampler, prior: prior, start: truth, settings: settings).run(on: model)
        }) {
            (row.temperatureLambda, row.temperatureLambdaError) = (t.multiTemperature, t.multiTemperatureError)
            row.temperatureVerdict = t.verdict
        }

        if let v = await attempt("volume λ̂", {
            // A data model's empirical L_n − L_n(w*) is noise below ε ≈ 1/n: measure its population K.
            var volume = VolumeRun(prior: prior, localRadius: nil, center: center,
                                epsilons: VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25), method: nil, seed: 1)
            volume.population = model.hasPerSampleData
            return try await volume.run(on: model)
        }) {
            (row.volumeLambda, row.volumeLambdaError, row.volumeMultiplicity) = (v.lambda, v.lambdaError, v.multiplicityRounded)
        }

        var curve = ComparisonRow.Curve()
        for m in Set(plotN + [n]).sorted() {
            let atN = try FreeEnergyFitRun.firstSamples(of: full, count: Double(m))
            var exact: ExactFreeEnergy.Result?
            if d <= 3 {
                exact = await attempt("F_n at n = \(m)", {
                    try await FreeEnergyRun(beta: 1, method: .quadrature, prior: prior, localRadius: nil, center: [:], seed: 1).run(on: atN)
                })
            } else {
                progress()
            }
            let scaled = sampler.scaled(from: nbeta, to: Double(m) / log(Double(m)), prior: prior)
            let wbic = await attempt("WBIC at n = \(m)", {
                try await WBICRun(sampler: scaled, prior: prior, start: truth, settings: settings).run(on: atN)
            })
            if let wbic, wbic.divergences > 0 { row.notes.append("WBIC at n = \(m): \(wbic.divergences) chain(s) diverged; reduce the step size") }
            let bic = await attempt("BIC at n = \(m)", { try await BICRun(prior: prior, seed: 1).run(on: atN) })
            if m == n {
                row.freeEnergy = exact?.freeEnergy
                row.freeEnergyError = exact?.error
                if let wbic, wbic.divergences == 0 { (row.wbic, row.wbicError) = (wbic.wbic, wbic.error) }
                row.wbicVerdict = wbic?.verdict
                row.bic = bic?.bic
            }
            if plotN.contains(m) {
                curve.n.append(m)
                curve.freeEnergy.append(exact?.freeEnergy)
                curve.wbic.append(wbic.flatMap { $0.divergences == 0 ? $0.wbic : nil })
                curve.wbicError.append(wbic.flatMap { $0.divergences == 0 ? $0.error : nil })
                curve.bic.append(bic?.bic)
                curve.nLoss.append(bic?.nLoss)
            }
        }
        if d > 3 { row.notes.append("exact F_n: quadrature handles d ≤ 3 (d = \(d))") }
        row.curve = plotN.isEmpty ? nil : curve
        return row
    }
}
