import Estimators
import Foundation
import Models
import Sampling

/// One model of `rlct compare` at n: every number the toolkit has for it,
/// side by side: d/2, the analytic λ and m, LLC, temperature and volume λ̂, the exact
/// F_n (d ≤ 3), WBIC and BIC, and the curves of F_n, WBIC and BIC over the
/// plot's n. An estimator that cannot run on the model leaves its cell
/// empty and says why in `notes`; it does not stop the comparison.
public struct ComparisonRun: AsyncModelVisitor {
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

    public func visit<M: Model>(_ full: M) async throws -> ComparisonRow {
        let model = try FreeEnergyFitRun.firstSamples(of: full, count: Double(n))
        let d = model.dimension
        let nbeta = Double(n) / log(Double(n))
        let (sampler, settings) = try (spec.sampler ?? SamplerSpec(kind: "mala")).resolved(defaultStepSize: 1 / nbeta)
        let names = model.parameterNames
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

        var request = LLCRequest(sampler: sampler, nbeta: spec.llc?.nbeta, localization: spec.llc?.localization ?? 1,
                                 prior: prior, center: center, settings: settings)
        request.optimizeCenter = !(model is Potential)
        if let report = await attempt("LLC", { try await LLCRun(request: request, title: row.name).visit(model) }) {
            if report.estimate.divergences.isEmpty {
                (row.llc, row.llcError) = (report.estimate.llcMean, report.estimate.llcMCSE)
            } else {
                row.notes.append("LLC: \(report.estimate.divergences.count) chain(s) diverged")
            }
        }
        if let t = await attempt("temperature λ̂", {
            try await TemperatureLambdaRun(sampler: sampler, prior: prior, initial: center, settings: settings).visit(model)
        }) {
            (row.temperatureLambda, row.temperatureLambdaError) = (t.multiTemperature, t.multiTemperatureError)
        }

        if let v = await attempt("volume λ̂", {
            // A data model's empirical L_n − L_n(w*) is noise below ε ≈ 1/n: measure its population K.
            var run = VolumeRun(prior: prior, localRadius: nil, center: center,
                                epsilons: VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25), method: nil, seed: 1)
            run.population = !(model is Potential)
            return try await run.visit(model)
        }) {
            (row.volumeLambda, row.volumeLambdaError, row.volumeMultiplicity) = (v.lambda, v.lambdaError, v.multiplicityRounded)
        }

        var curve = ComparisonRow.Curve()
        for m in Set(plotN + [n]).sorted() {
            let atN = try FreeEnergyFitRun.firstSamples(of: full, count: Double(m))
            var exact: ExactFreeEnergy.Result?
            if d <= 3 {
                exact = await attempt("F_n at n = \(m)", {
                    try await FreeEnergyRun(beta: 1, method: .quadrature, prior: prior, localRadius: nil, center: [:], seed: 1).visit(atN)
                })
            } else {
                progress()
            }
            let scaled = sampler.scaled(from: nbeta, to: Double(m) / log(Double(m)), prior: prior)
            let wbic = await attempt("WBIC at n = \(m)", {
                try await WBICRun(sampler: scaled, prior: prior, initial: center, settings: settings).visit(atN)
            })
            if let wbic, wbic.divergences > 0 { row.notes.append("WBIC at n = \(m): \(wbic.divergences) chain(s) diverged; reduce the step size") }
            let bic = await attempt("BIC at n = \(m)", { try await BICRun(prior: prior, seed: 1).visit(atN) })
            if m == n {
                row.freeEnergy = exact?.freeEnergy
                row.freeEnergyError = exact?.error
                if let wbic, wbic.divergences == 0 { (row.wbic, row.wbicError) = (wbic.wbic, wbic.error) }
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

/// One row of the comparison (JSON keys in snake case).
public struct ComparisonRow: Sendable, Encodable {
    /// F_n, WBIC and BIC over the plot's n (nil where an estimator could not run).
    public struct Curve: Sendable, Encodable {
        public var n: [Int] = []
        public var freeEnergy: [Double?] = []
        public var wbic: [Double?] = []
        public var wbicError: [Double?] = []
        public var bic: [Double?] = []
        /// n L_n(ŵ) at the minimiser BIC found: the common leading term, subtracted in the plot.
        public var nLoss: [Double?] = []
        enum CodingKeys: String, CodingKey { case n, freeEnergy = "free_energy", wbic, wbicError = "wbic_error", bic, nLoss = "n_loss" }
    }

    public var name: String
    public var parameters: Int
    public var sampler: String
    public var stepSize: Double
    public var lambda: Double?
    public var multiplicity: Int?
    public var llc: Double?
    public var llcError: Double?
    public var temperatureLambda: Double?
    public var temperatureLambdaError: Double?
    public var volumeLambda: Double?
    public var volumeLambdaError: Double?
    /// The volume fit's m̂, rounded.
    public var volumeMultiplicity: Int?
    public var freeEnergy: Double?
    public var freeEnergyError: Double?
    public var wbic: Double?
    public var wbicError: Double?
    public var bic: Double?
    public var curve: Curve?
    public var notes: [String] = []

    /// d/2, the BIC's λ.
    public var halfDimension: Double { Double(parameters) / 2 }
    /// |BIC − F_n| and |WBIC − F_n| where both are known.
    public var bicError: Double? { both(bic, freeEnergy).map { abs($0 - $1) } }
    public var wbicDeviation: Double? { both(wbic, freeEnergy).map { abs($0 - $1) } }

    init(name: String, parameters: Int, sampler: String, stepSize: Double) {
        self.name = name
        self.parameters = parameters
        self.sampler = sampler
        self.stepSize = stepSize
    }

    enum CodingKeys: String, CodingKey {
        case name, parameters, halfDimension = "half_dimension", sampler, stepSize = "step_size", lambda, multiplicity
        case llc, llcError = "llc_error", temperatureLambda = "temperature_lambda", temperatureLambdaError = "temperature_lambda_error"
        case volumeLambda = "volume_lambda", volumeLambdaError = "volume_lambda_error", volumeMultiplicity = "volume_multiplicity"
        case freeEnergy = "free_energy", freeEnergyError = "free_energy_error", wbic, wbicError = "wbic_error", bic
        case bicMinusF = "bic_minus_free_energy", wbicMinusF = "wbic_minus_free_energy", curve, notes
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(halfDimension, forKey: .halfDimension)
        try c.encode(sampler, forKey: .sampler)
        try c.encode(stepSize, forKey: .stepSize)
        try c.encodeIfPresent(lambda, forKey: .lambda)
        try c.encodeIfPresent(multiplicity, forKey: .multiplicity)
        try c.encodeIfPresent(llc, forKey: .llc)
        try c.encodeIfPresent(llcError, forKey: .llcError)
        try c.encodeIfPresent(temperatureLambda, forKey: .temperatureLambda)
        try c.encodeIfPresent(temperatureLambdaError, forKey: .temperatureLambdaError)
        try c.encodeIfPresent(volumeLambda, forKey: .volumeLambda)
        try c.encodeIfPresent(volumeLambdaError, forKey: .volumeLambdaError)
        try c.encodeIfPresent(volumeMultiplicity, forKey: .volumeMultiplicity)
        try c.encodeIfPresent(freeEnergy, forKey: .freeEnergy)
        try c.encodeIfPresent(freeEnergyError, forKey: .freeEnergyError)
        try c.encodeIfPresent(wbic, forKey: .wbic)
        try c.encodeIfPresent(wbicError, forKey: .wbicError)
        try c.encodeIfPresent(bic, forKey: .bic)
        try c.encodeIfPresent(both(bic, freeEnergy).map { $0 - $1 }, forKey: .bicMinusF)
        try c.encodeIfPresent(both(wbic, freeEnergy).map { $0 - $1 }, forKey: .wbicMinusF)
        try c.encodeIfPresent(curve, forKey: .curve)
        try c.encode(notes, forKey: .notes)
    }
}

/// Both values when both are present.
private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
