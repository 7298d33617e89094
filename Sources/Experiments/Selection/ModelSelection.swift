import Foundation
import Estimators
import Models
import Sampling

/// `rlct select` on one dataset: every candidate of a `SelectionFamily` with
/// its maximised log-likelihood and the criteria asked for, and the candidate
/// each criterion selects (the smallest value; ties go to the smaller rank).
///
/// BIC and sBIC need only the maximum-likelihood fits (`ReducedRankFit`,
/// `TanhFit`, `PolynomialCandidate.fit`) and the learning coefficients
/// (`SelectionFamily.coefficientTable`, through `Analytic`); WBIC samples each
/// candidate's posterior at β = 1/log n with the given sampler, started at the
/// candidate's maximiser; the exact F_n integrates over the prior's box where
/// the candidate has d ≤ 3 parameters. A candidate without parameters (rank 0,
/// H = 0) has WBIC = F_n = −ℓ̂_0.
public struct ModelSelection: Sendable {
    public var family: SelectionFamily
    /// σ of the Gaussian noise, known.
    public var sigma: Double
    public var criteria: [SelectionCriterion]
    /// The prior of WBIC and F_n (resolved per candidate dimension; a
    /// polynomial candidate's own uniform box comes first).
    public var prior: PriorSpec
    /// WBIC's sampler and chains (`RunConfiguration.wholePosterior`).
    public var sampler: SamplerConfiguration
    public var settings: ChainSettings
    /// Take the step of each dataset's own nβ = n / log n
    /// (`SamplerKind.initialStepSize`, as `--step-size auto` does for `rlct wbic`);
    /// for the tanh and polynomial candidates at nβ·κ, κ their curvature
    /// (`ModelSelection+Fit.swift`).
    public var autoStepSize = false
    /// The random starts of the nonlinear fits (tanh, polynomial candidates) per candidate.
    public var fitStarts = 16
    /// The seed of those starts (`TanhFit`, `PolynomialCandidate.fit`).
    public var fitSeed: UInt64 = 1

    public init(family: SelectionFamily, sigma: Double = 1, criteria: [SelectionCriterion] = [.bic, .sbic],
                prior: PriorSpec = .uniform(lower: [-2], upper: [2]),
                sampler: SamplerConfiguration = SamplerConfiguration(kind: .mala, stepSize: 1e-3),
                settings: ChainSettings = ChainSettings()) {
        self.family = family
        self.sigma = sigma
        self.criteria = criteria
        self.prior = prior
        self.sampler = sampler
        self.settings = settings
    }

    /// The largest d for which the exact free energy is computed (iterated quadrature).
    public static let exactDimensionLimit = 3
    /// The quadrature's relative tolerance: F_n to ~1e-7·|F_n| is far below
    /// the criteria's differences, and 3-D iterated quadrature at the default
    /// 1e-10 took minutes (M = 2, N = 1, n = 200).
    public static let exactTolerance = 1e-7

    /// BIC and sBIC (and the log-likelihoods) of every candidate: no sampling.
    public func information(data: Dataset) throws -> SelectionResult {
        try information(data: data, fit: try fit(data: data))
    }

    /// Checks the family's sizes and that the data fit it.
    func check(data: Dataset) throws {
        try family.validate()
        guard data.inputDimension == family.inputs, data.outputDimension == family.outputs else {
            throw SpecError(path: "data", "the data have \(data.inputDimension) inputs and \(data.outputDimension) outputs; the family expects \(family.inputs) and \(family.outputs)")
        }
    }

    func information(data: Dataset, fit: Fit) throws -> SelectionResult {
        try check(data: data)
        let candidates = family.candidates
        let logLikelihoods = fit.logLikelihoods
        let pairs = try family.pairTable()
        let table = pairs.map { row in row.map { $0.map { SingularBIC.Coefficient(lambda: $0.lambda.doubleValue, multiplicity: $0.multiplicity) } } }
        let solution = try SingularBIC.solve(SingularBIC.Problem(logLikelihoods: logLikelihoods, submodels: family.submodels,
                                                                 coefficients: table, sampleCount: data.count))
        // BIC = −ℓ̂ + (dim/2) log n; for the rank and tanh families dim/2 = λ_ii, so this is `solution.bic`.
        let logN = log(Double(data.count))
        let rows = candidates.indices.map { i in
            SelectionResult.Row(candidate: candidates[i], logLikelihood: logLikelihoods[i], lambda: table[i][i]!.lambda,
                                bic: -logLikelihoods[i] + Double(candidates[i].dimension) / 2 * logN, sbic: solution.sbic[i])
        }
        var result = SelectionResult(family: family.summary, sampleCount: data.count, sigma: sigma, rows: rows,
                                     criteria: criteria, sbicResidual: solution.residual)
        if !family.isLinear { result.pairCoefficients = pairs }
        return result
    }

    /// ℓ̂ of every candidate: the reduced-rank fit, multistart for the tanh
    /// networks, the projected slope for polynomial candidates.
    public func logLikelihoods(data: Dataset) throws -> [Double] {
        try fit(data: data).logLikelihoods
    }

    /// The maximum-likelihood fit of every candidate (`ModelSelection+Fit.swift`).
    func fit(data: Dataset) throws -> Fit {
        try check(data: data)
        switch family {
        case .reducedRank, .deepLinear:
            let fit = try ReducedRankFit(data: data, sigma: sigma)
            return Fit(logLikelihoods: family.candidates.map { fit.logLikelihood(rank: $0.rank) }, kind: .linear(fit))
        case let .tanh(maxHidden):
            let fit = try TanhFit(data: data, maxHidden: maxHidden, sigma: sigma, starts: fitStarts, seed: fitSeed)
            return Fit(logLikelihoods: (0...maxHidden).map { fit.logLikelihood(hidden: $0) }, kind: .tanh(fit))
        case let .polynomials(list):
            let fits = try PolynomialCandidate.maximisers(list, data: data, sigma: sigma, starts: fitStarts, seed: fitSeed)
            return Fit(logLikelihoods: fits.map(\.logLikelihood), kind: .polynomials(fits.map(\.point)))
        }
    }

    /// Every criterion asked for; `progress` is told of each candidate sampled or integrated.
    ///
    /// Each candidate with parameters is sampled (WBIC) and integrated (F_n,
    /// d ≤ 3) as its own model: the deep linear network of its widths, the
    /// tanh network `MLP.tanhNetwork` (whose layout a_1 … a_H, b_1 … b_H is
    /// `TanhFit`'s), or the spec's `PolynomialRegression` on the spec's own
    /// uniform box (else `prior`). A candidate without parameters has WBIC = F_n = −ℓ̂.
    public func run(data: Dataset, progress: (@Sendable (Int) -> Void)? = nil) async throws -> SelectionResult {
        let fit = try self.fit(data: data)
        var result = try information(data: data, fit: fit)
        let needsFit = criteria.contains(.wbic) || criteria.contains(.exact)
        guard needsFit else { return result }
        let n = Double(data.count)
        let nbeta = n / log(max(n, 3))
        for i in result.rows.indices {
            let candidate = result.rows[i].candidate
            defer { progress?(1) }
            guard candidate.parameters > 0 else {
                let f = -result.rows[i].logLikelihood
                if criteria.contains(.wbic) { result.rows[i].wbic = f; result.rows[i].wbicError = 0 }
                if criteria.contains(.exact) { result.rows[i].freeEnergy = f; result.rows[i].freeEnergyError = 0 }
                continue
            }
            let estimate: Estimate
            switch (family, fit.kind) {
            case let (_, .linear(reducedRank)):
                let model = try Models.DeepLinearNetwork(widths: candidate.widths, sigma: sigma, data: data)
                let prior = try self.prior.resolve(dimension: model.dimension)
                let start = Self.startPoint(fit: reducedRank, widths: candidate.widths, prior: prior)
                var sampler = self.sampler
                if autoStepSize { sampler.stepSize = sampler.kind.initialStepSize(nbeta: nbeta) }
                estimate = try await self.estimate(model: model, prior: prior, start: start, sampler: sampler)
            case let (_, .tanh(tanhFit)):
                let model = try Self.tanhModel(hidden: candidate.rank, sigma: sigma, data: data)
                let prior = try self.prior.resolve(dimension: model.dimension)
                let start = Self.pulledInside(Self.tanhParameters(tanhFit.parameters[candidate.rank], hidden: candidate.rank), prior: prior)
                estimate = try await self.estimate(model: model, prior: prior, start: start,
                                                   sampler: try nonlinearSampler(model: model, start: start, nbeta: nbeta, data: data))
            case let (.polynomials(list), .polynomials(points)):
                let c = list[candidate.rank]
                let model = try c.model(data: data, sigma: sigma)
                let prior = try candidatePrior(c)
                let start = Self.pulledInside(points[candidate.rank], prior: prior)
                estimate = try await self.estimate(model: model, prior: prior, start: start,
                                                   sampler: try nonlinearSampler(model: model, start: start, nbeta: nbeta, data: data))
            default:
                preconditionFailure("the fit of \(family.summary) does not match the family")
            }
            if let r = estimate.wbic {
                result.rows[i].wbic = r.wbic
                result.rows[i].wbicError = r.error
                result.rows[i].wbicVerdict = r.verdict
                result.rows[i].divergences = r.divergences
            }
            if let f = estimate.exact {
                result.rows[i].freeEnergy = f.freeEnergy
                result.rows[i].freeEnergyError = f.error
            }
        }
        return result
    }

    /// WBIC (if asked) and the exact F_n (if asked and d ≤ `exactDimensionLimit`) of one candidate's model.
    func estimate<M: Model>(model: M, prior: Prior, start: [Double], sampler: SamplerConfiguration) async throws -> Estimate {
        var estimate = Estimate()
        if criteria.contains(.wbic) {
            estimate.wbic = try await InformationCriteria.wbic(model: model, prior: prior, sampler: sampler, initial: start, settings: settings)
        }
        if criteria.contains(.exact), model.dimension <= Self.exactDimensionLimit {
            let (lower, upper, logDensity) = try prior.integrationDomain(dimension: model.dimension)
            estimate.exact = try ExactFreeEnergy.compute(model: model, nbeta: Double(model.sampleCount), lower: lower, upper: upper,
                                                         logPrior: logDensity, method: .quadrature,
                                                         relativeTolerance: Self.exactTolerance, seed: settings.seed)
        }
        return estimate
    }

    /// The rank-h maximiser in the layout of a network with `widths`
    /// (W_1 = A, hidden-to-hidden identities, W_L = B), pulled inside a
    /// uniform prior's box (95% of the way from its centre) so the chains start where φ > 0.
    static func startPoint(fit: ReducedRankFit, widths: [Int], prior: Prior) -> [Double] {
        let h = widths[1]
        let (a, b) = fit.factors(rank: h)
        var w = a
        for _ in 0..<max(widths.count - 3, 0) {
            for r in 0..<h {
                for c in 0..<h { w.append(r == c ? 1 : 0) }
            }
        }
        w += b
        return pulledInside(w, prior: prior)
    }

    /// w pulled inside a uniform prior's box, to 95% of the way from its
    /// centre, so the chains start where φ > 0 (unchanged for other priors).
    static func pulledInside(_ w: [Double], prior: Prior) -> [Double] {
        guard case let .uniform(lower, upper) = prior else { return w }
        var w = w
        for k in w.indices {
            let centre = (lower[k] + upper[k]) / 2, half = 0.95 * (upper[k] - lower[k]) / 2
            w[k] = min(max(w[k], centre - half), centre + half)
        }
        return w
    }
}
