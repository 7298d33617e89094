import Foundation
import GSL
import Models
import Sampling

/// λ̂ from the temperature dependence of E^β[n L_n] (no localization):
///
/// - two temperatures (Watanabe 2013, from the WBIC paper), β_j = β0_j / log n:
///   λ̂ = (E^β1[nL_n] − E^β2[nL_n]) / (1/β1 − 1/β2);
/// - several temperatures: the weighted least-squares fit (weights 1/MCSE²)
///   E^β_j[nL_n] ≈ nL_n(w0) + λ/β_j;
/// - Imai (2019), from d/dβ E^β[nL_n] = −Var^β[nL_n]: λ̂ = β² Var^β[nL_n] at β = β0₁/log n.
public enum TemperatureLambda {
    /// One temperature's E^β[n L_n].
    public struct Temperature: Sendable, Codable {
        /// β·log n.
        public var beta0: Double
        public var beta: Double
        public var meanNLoss: Double
        /// n · MCSE of the mean.
        public var error: Double
        public var rhat: Double
        public var essBulk: Double
        public var essTail: Double
        /// Mean Metropolis acceptance (MALA, HMC).
        public var acceptance: Double?
        /// ok / check / unreliable from this temperature's chains.
        public var verdict: Verdict

        enum CodingKeys: String, CodingKey {
            case beta0, beta, meanNLoss = "mean_n_loss", error, rhat = "r_hat", essBulk = "ess_bulk", essTail = "ess_tail"
            case acceptance, verdict
        }
    }

    public struct Result: Sendable, Codable {
        public var twoTemperature: Double
        /// Standard error of the two-temperature λ̂ from the two means' MCSEs.
        public var twoTemperatureError: Double
        public var imai: Double
        /// Batch-means standard error of Imai's λ̂ (each chain cut into 5 batches).
        public var imaiError: Double
        public var multiTemperature: Double
        /// Standard error of the fitted slope, inflated by √(χ²/dof) when the fit is worse than its errors.
        public var multiTemperatureError: Double
        /// The fit's intercept, an estimate of n L_n(w0).
        public var multiTemperatureIntercept: Double
        /// χ²/dof of the weighted fit (nan with two temperatures).
        public var multiTemperatureChiSquaredPerDof: Double
        public var beta1: Double
        public var beta2: Double
        /// Every temperature sampled (the two-temperature pair and the fit's), by increasing β.
        public var temperatures: [Temperature]
        /// β0 of the temperatures the fit used.
        public var fitBeta0: [Double]
        /// Every temperature's verdict in one (each reason names its β0).
        public var verdict: Verdict

        enum CodingKeys: String, CodingKey {
            case twoTemperature = "lambda_two_temperature", twoTemperatureError = "lambda_two_temperature_error"
            case imai = "lambda_imai", imaiError = "lambda_imai_error", beta1 = "beta1", beta2 = "beta2"
            case multiTemperature = "lambda_multi_temperature", multiTemperatureError = "lambda_multi_temperature_error"
            case multiTemperatureIntercept = "n_loss_w0_multi_temperature"
            case multiTemperatureChiSquaredPerDof = "multi_temperature_chi_squared_per_dof"
            case temperatures, fitBeta0 = "fit_beta0", verdict
        }
    }

    /// Chains of `sampler` at β = β0/log n for the two-temperature pair `beta0`
    /// and every β0 in `temperatures` (each distinct temperature sampled once, on
    /// a seed of its own); the step size is tuned for β1 = β0₁/log n and scaled to
    /// each temperature (`SamplerConfiguration.scaled`).
    public static func estimate<M: Model>(model: M, prior: Prior, sampler: SamplerConfiguration,
                                          initial: [Double], settings: ChainSettings,
                                          beta0: (Double, Double) = (1, 1.5),
                                          temperatures: [Double] = [0.5, 0.75, 1, 1.5, 2],
                                          progress: (@Sendable (Int) -> Void)? = nil) async throws -> Result {
        guard beta0.0 > 0, beta0.1 > 0, beta0.0 != beta0.1, temperatures.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw SpecificationError("temperatures β0 must be positive, and the two-temperature pair distinct")
        }
        let fitBeta0 = temperatures.reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }
        guard fitBeta0.count >= 2 else {
            throw SpecificationError("the multi-temperature fit needs at least 2 distinct temperatures, got \(fitBeta0.count)")
        }
        let n = Double(model.sampleCount), logn = log(n)
        let beta1 = beta0.0 / logn, beta2 = beta0.1 / logn
        let all = ([beta0.0, beta0.1] + fitBeta0).reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }

        var runs: [Double: (temperature: Temperature, chains: [[Double]])] = [:]
        for (j, b0) in all.enumerated() {
            let beta = b0 / logn
            let configuration = sampler.scaled(from: beta1, to: beta, prior: prior)
            let (healthy, divergences) = try await TemperedLoss.chains(model: model, nbeta: n * beta, prior: prior, sampler: configuration,
                                                                       initial: initial, settings: settings.forRun(j), progress: progress)
            guard divergences == 0 else {
                throw SpecificationError("\(divergences) chain(s) diverged at nβ = \(n * beta); reduce the step size")
            }
            let losses = healthy.map(\.losses)
            let d = Diagnostics(chains: losses)
            let evidence = Verdict.SamplingEvidence(sampler: configuration.kind, healthy: healthy, divergences: divergences, diagnostics: d)
            runs[b0] = (Temperature(beta0: b0, beta: beta, meanNLoss: n * d.mean, error: n * d.mcse, rhat: d.rhat,
                                    essBulk: d.essBulk, essTail: d.essTail, acceptance: evidence.acceptance,
                                    verdict: Verdict(sampling: evidence)), losses)
        }
        guard let r1 = runs[beta0.0], let r2 = runs[beta0.1] else { throw SpecificationError("internal: a temperature was not sampled") }
        let e1 = r1.temperature.meanNLoss, e2 = r2.temperature.meanNLoss
        let span = 1 / beta1 - 1 / beta2
        let (imai, imaiError) = imaiEstimate(chains: r1.chains, n: n, beta: beta1)

        let points = fitBeta0.compactMap { runs[$0]?.temperature }
        if let bad = points.first(where: { !($0.error > 0 && $0.error.isFinite) }) {
            throw SpecificationError("the MCSE of E^β[nL_n] at β0 = \(bad.beta0) is \(bad.error); the fit needs at least 4 draws per chain that move")
        }
        let fit = try LeastSquares.fit(x: points.map { 1 / $0.beta }, y: points.map(\.meanNLoss),
                                       weights: points.map { 1 / ($0.error * $0.error) }, basis: [{ _ in 1 }, { $0 }])
        let chi = fit.dof > 0 ? fit.chiSquared / Double(fit.dof) : .nan
        let sampled = all.sorted().compactMap { runs[$0]?.temperature }
        var verdict = Verdict()
        for t in sampled { verdict.add(contentsOf: t.verdict, context: "β0 = \(String(format: "%.3g", t.beta0))") }
        return Result(twoTemperature: (e1 - e2) / span,
                      twoTemperatureError: (r1.temperature.error * r1.temperature.error + r2.temperature.error * r2.temperature.error).squareRoot() / span,
                      imai: imai, imaiError: imaiError,
                      multiTemperature: fit.coefficients[1],
                      multiTemperatureError: fit.standardErrors[1] * (chi.isFinite ? max(1, chi).squareRoot() : 1),
                      multiTemperatureIntercept: fit.coefficients[0], multiTemperatureChiSquaredPerDof: chi,
                      beta1: beta1, beta2: beta2, temperatures: sampled, fitBeta0: fitBeta0, verdict: verdict)
    }

    /// β² Var[nL_n] over the pooled draws, and the standard error from batch
    /// means: each chain cut into 5 contiguous batches, β² Var[nL_n] within each,
    /// se = sd(batch values)/√batches (batches long against the autocorrelation
    /// time are nearly independent).
    static func imaiEstimate(chains: [[Double]], n: Double, beta: Double) -> (Double, Double) {
        func variance(_ x: ArraySlice<Double>) -> Double {
            let m = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
        }
        let pooled = chains.flatMap { $0 }
        guard pooled.count > 1 else { return (.nan, .nan) }
        let scale = beta * beta * n * n
        let estimate = scale * variance(pooled[...])
        let perChain = 5
        var batches: [Double] = []
        for c in chains where c.count >= 2 * perChain {
            let size = c.count / perChain
            for b in 0..<perChain { batches.append(scale * variance(c[(b * size)..<((b + 1) * size)])) }
        }
        guard batches.count >= 2 else { return (estimate, .nan) }
        let m = batches.reduce(0, +) / Double(batches.count)
        let sd = (batches.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(batches.count - 1)).squareRoot()
        return (estimate, sd / Double(batches.count).squareRoot())
    }
}
