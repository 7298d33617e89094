import Foundation
import GSL
import Models
import Sampling

/// WBIC and BIC, the two widely used stand-ins for the free energy F_n.
///
/// - WBIC = E^β_w[n L_n(w)] at β = 1/log n (Watanabe 2013, JMLR 14:867):
///   WBIC = n L_n(w0) + λ log n + O_p(√log n), so it needs no λ.
/// - BIC = n L_n(ŵ) + (d/2) log n (Schwarz 1978): right for regular models,
///   wrong by (d/2 − λ) log n for singular ones.
public enum InformationCriteria {
    public struct WBICResult: Sendable, Codable {
        public var wbic: Double
        /// Monte Carlo standard error of WBIC (n · MCSE of E[L_n]).
        public var error: Double
        public var nbeta: Double
        public var rhat: Double
        public var essBulk: Double
        public var essTail: Double
        /// Mean Metropolis acceptance (MALA, HMC).
        public var acceptance: Double?
        public var divergences: Int
        /// ok / check / unreliable from R̂, ESS, divergences and acceptance (`Verdict(sampling:)`).
        public var verdict: Verdict

        enum CodingKeys: String, CodingKey {
            case wbic, error, nbeta, rhat = "r_hat", essBulk = "ess_bulk", essTail = "ess_tail", acceptance, divergences, verdict
        }
    }

    /// WBIC from chains of `sampler` on φ(w) exp(−nβ L_n) with nβ = n/log n
    /// (no localization: the whole posterior), started at `initial`.
    public static func wbic<M: Model>(model: M, prior: Prior, sampler: SamplerConfiguration,
                                      initial: [Double], settings: ChainSettings) async throws -> WBICResult {
        let n = Double(model.sampleCount)
        let (d, divergences, acceptance, verdict) = try await TemperedLoss.sample(model: model, nbeta: n / log(n), prior: prior,
                                                                                 sampler: sampler, initial: initial, settings: settings)
        return WBICResult(wbic: n * d.mean, error: n * d.mcse, nbeta: n / log(n), rhat: d.rhat, essBulk: d.essBulk, essTail: d.essTail,
                          acceptance: acceptance, divergences: divergences, verdict: verdict)
    }

    public struct BICResult: Sendable, Codable {
        public var bic: Double
        /// n L_n(ŵ) at the minimiser found.
        public var nLoss: Double
        public var minimizer: [Double]
        public var parameters: Int

        enum CodingKeys: String, CodingKey {
            case bic, nLoss = "n_loss", minimizer, parameters
        }
    }

    /// BIC = n L_n(ŵ) + (d/2) log n, with ŵ the minimiser of L_n over the box
    /// (Nelder–Mead from several starts, as for the exact free energy).
    public static func bic<M: Model>(model: M, lower: [Double], upper: [Double], seed: UInt64 = 1) throws -> BICResult {
        let n = Double(model.sampleCount)
        let energy = ExactFreeEnergy.EnergyFunction(model: model, nbeta: n)
        let (w, nL) = try ExactFreeEnergy.minimum(of: energy.value, lower: lower, upper: upper, seed: seed)
        return BICResult(bic: nL + Double(model.dimension) / 2 * log(n), nLoss: nL, minimizer: w, parameters: model.dimension)
    }
}
