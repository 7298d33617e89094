import Foundation
import GSL
import Models
import Sampling

/// The tempered free energy by thermodynamic integration (Ogata 1989; the
/// power-posterior ladder of Friel & Pettitt 2008):
///
///     F_n(β) = ∫_0^β E^β'[n L_n] dβ'        (F_n(0) = 0 for a normalised prior)
///
/// on the ladder β_k = β (k/K)^p, k = 0…K. With β' = β t^p the integrand in t,
/// g(t) = pβ t^(p−1) E^(βt^p)[nL_n], is smooth (≈ pλ/t once nβ' ≫ 1, → 0 as
/// t → 0), so the rule is the trapezoid on the uniform t grid; Simpson on the
/// same grid (the trapezoid Richardson-extrapolated from the half ladder)
/// estimates its discretisation error. The β = 0 rung is the prior, sampled
/// exactly (its weight is 0 for p > 1; it is reported for the ladder). Every
/// rung runs its own chains on a seed of its own, so the sampling error is
/// √(Σ_k w_k² MCSE_k²) with w_k the trapezoid weights.
public enum ThermodynamicIntegration {
    /// One rung of the ladder.
    public struct Rung: Sendable, Codable {
        public var beta: Double
        /// E^β[n L_n] (the prior mean at β = 0).
        public var meanNLoss: Double
        /// Its Monte Carlo standard error (n · MCSE; i.i.d. at β = 0).
        public var error: Double
        /// The trapezoid weight of this rung in F.
        public var weight: Double
        /// R̂ of the loss draws (nil at β = 0, where the draws are i.i.d.).
        public var rhat: Double?
        /// The step size the rung's chains used (mean over chains after adaptation).
        public var stepSize: Double?
        /// Mean Metropolis acceptance of the rung's chains (MALA, HMC).
        public var acceptance: Double?
        /// Bulk and tail ESS of the loss draws (nil at β = 0).
        public var essBulk: Double?
        public var essTail: Double?
        /// ok / check / unreliable from the rung's chains (nil at β = 0, exact prior draws).
        public var verdict: Verdict?

        enum CodingKeys: String, CodingKey {
            case beta, meanNLoss = "mean_n_loss", error, weight, rhat = "r_hat", stepSize = "step_size", acceptance
            case essBulk = "ess_bulk", essTail = "ess_tail", verdict
        }
    }

    public struct Result: Sendable, Codable {
        /// F_n(β) by the trapezoid rule on the ladder.
        public var freeEnergy: Double
        /// √(samplingError² + discretizationError²).
        public var error: Double
        /// The chains' MCSEs propagated through the rule's weights.
        public var samplingError: Double
        /// |trapezoid − Simpson| on the same ladder.
        public var discretizationError: Double
        /// F_n(β) by Simpson's rule on the same ladder.
        public var freeEnergySimpson: Double
        public var beta: Double
        public var nbeta: Double
        /// p of β_k = β (k/K)^p.
        public var exponent: Double
        public var method = "ti"
        public var ladder: [Rung]
        /// Chains dropped because they diverged (over all rungs).
        public var divergences: Int
        /// Every rung's verdict in one (each reason names its rung).
        public var verdict: Verdict

        enum CodingKeys: String, CodingKey {
            case freeEnergy = "free_energy", error, samplingError = "sampling_error", discretizationError = "discretization_error"
            case freeEnergySimpson = "free_energy_simpson", beta, nbeta, exponent, method, ladder, divergences, verdict
        }
    }

    /// F_n(β) of `model` by TI over `rungs` + 1 temperatures (`rungs` even, ≥ 2).
    /// `sampler` is tuned for the last rung (β); hotter rungs scale its step
    /// (`SamplerConfiguration.scaled`). Every chain starts at `initial`.
    public static func estimate<M: Model>(
        model: M, prior: Prior, sampler: SamplerConfiguration,
        initial: [Double], settings: ChainSettings, beta: Double = 1, rungs: Int = 20, exponent: Double = 4,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Result {
        guard rungs >= 2, rungs % 2 == 0 else {
            throw SpecificationError("the ladder needs an even number of rungs ≥ 2 (Simpson's rule estimates the error), got \(rungs)")
        }
        guard exponent >= 1, exponent.isFinite else { throw SpecificationError("the ladder's exponent p must be ≥ 1, got \(exponent)") }
        guard beta > 0, beta.isFinite else { throw SpecificationError("β must be positive, got \(beta)") }
        let n = Double(model.sampleCount)
        let h = 1 / Double(rungs)
        var ladder: [Rung] = []
        var divergences = 0

        let (priorMean, priorError) = try priorMoments(model: model, prior: prior, draws: settings.chains * settings.draws,
                                                       seed: settings.forRun(0).seed)
        ladder.append(Rung(beta: 0, meanNLoss: priorMean, error: priorError, weight: 0))
        for k in 1...rungs {
            let t = Double(k) * h
            let betaK = beta * pow(t, exponent)
            let configuration = sampler.scaled(from: beta, to: betaK, prior: prior)
            let (healthy, dropped) = try await TemperedLoss.chains(model: model, nbeta: n * betaK, prior: prior, sampler: configuration,
                                                                   initial: initial, settings: settings.forRun(k), progress: progress)
            guard !healthy.isEmpty else {
                throw SpecificationError("every chain diverged at rung β = \(betaK) (nβ = \(n * betaK)); reduce the step size")
            }
            divergences += dropped
            let d = Diagnostics(chains: healthy.map(\.losses))
            let evidence = Verdict.SamplingEvidence(sampler: configuration.kind, healthy: healthy, divergences: dropped, diagnostics: d)
            ladder.append(Rung(beta: betaK, meanNLoss: n * d.mean, error: n * d.mcse, weight: 0, rhat: d.rhat,
                               stepSize: healthy.reduce(0) { $0 + $1.stepSize } / Double(healthy.count),
                               acceptance: evidence.acceptance, essBulk: d.essBulk, essTail: d.essTail,
                               verdict: Verdict(sampling: evidence)))
        }

        // dβ = pβ t^(p−1) dt: trapezoid and Simpson weights on the uniform t grid.
        var trapezoid = [Double](repeating: 0, count: rungs + 1), simpson = trapezoid
        for k in 0...rungs {
            let jacobian = exponent * beta * pow(Double(k) * h, exponent - 1)
            let end = k == 0 || k == rungs
            trapezoid[k] = h * (end ? 0.5 : 1) * jacobian
            simpson[k] = h / 3 * (end ? 1 : (k % 2 == 1 ? 4 : 2)) * jacobian
        }
        for k in ladder.indices { ladder[k].weight = trapezoid[k] }
        let f = zip(trapezoid, ladder).reduce(0) { $0 + $1.0 * $1.1.meanNLoss }
        let fSimpson = zip(simpson, ladder).reduce(0) { $0 + $1.0 * $1.1.meanNLoss }
        let sampling = zip(trapezoid, ladder).reduce(0) { $0 + $1.0 * $1.0 * $1.1.error * $1.1.error }.squareRoot()
        let discretization = abs(f - fSimpson)
        var verdict = Verdict()
        for (k, rung) in ladder.enumerated() {
            if let v = rung.verdict { verdict.add(contentsOf: v, context: "rung \(k) (β = \(String(format: "%.3g", rung.beta)))") }
        }
        return Result(freeEnergy: f, error: (sampling * sampling + discretization * discretization).squareRoot(),
                      samplingError: sampling, discretizationError: discretization, freeEnergySimpson: fSimpson,
                      beta: beta, nbeta: n * beta, exponent: exponent, ladder: ladder, divergences: divergences,
                      verdict: verdict)
    }

    /// E[n L_n] under the prior from `draws` i.i.d. prior draws, and its standard
    /// error. The prior must be proper: a uniform box or a Gaussian.
    static func priorMoments<M: Model>(model: M, prior: Prior, draws: Int,
                                       seed: UInt64) throws -> (mean: Double, error: Double) {
        let d = model.dimension
        let rng = RandomStream(seed: seed, stream: 0)
        let draw: () -> [Double]
        switch prior {
        case let .uniform(lower, upper):
            draw = { (0..<d).map { rng.uniform(in: lower[$0]...upper[$0]) } }
        case let .normal(sigma):
            draw = { (0..<d).map { _ in rng.gaussian(sigma: sigma) } }
        case .flat:
            throw SpecificationError("thermodynamic integration needs a normalised prior (uniform:LO,HI or normal:SIGMA); F_n(0) = 0 fails otherwise")
        }
        var workspace = model.makeWorkspace(maxBatchSize: 1)
        let n = Double(model.sampleCount)
        var values: [Double] = []
        values.reserveCapacity(max(draws, 2))
        for _ in 0..<max(draws, 2) {
            let w = draw()
            values.append(n * w.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) })
        }
        let mean = try Statistics.mean(values)
        return (mean, try Statistics.standardDeviation(values) / Double(values.count).squareRoot())
    }
}
