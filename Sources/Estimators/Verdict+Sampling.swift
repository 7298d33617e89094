import Foundation
import Sampling

extension Verdict {
    /// What the sampling rules look at: the chains' diagnostics of one estimate.
    public struct SamplingEvidence: Sendable, Equatable {
        public var sampler: SamplerKind
        /// Chains that produced draws and did not diverge.
        public var chains: Int
        /// Draws per chain (the shortest healthy chain).
        public var draws: Int
        /// Chains that diverged.
        public var divergences: Int
        /// Rank-normalised split-R̂ (Vehtari et al. 2021), NaN when undefined.
        public var rHat: Double
        /// Bulk and tail ESS over all healthy chains.
        public var essBulk: Double
        public var essTail: Double
        /// The estimate's Monte Carlo standard error, on the estimate's scale.
        public var mcse: Double?
        /// The MCSE it should not exceed (absolute); nil: no MCSE rule.
        public var targetMCSE: Double?
        /// How `targetMCSE` was chosen, for the message (e.g. "2% of |λ̂|").
        public var targetDescription: String?
        /// Mean Metropolis acceptance rate (MALA, HMC).
        public var acceptance: Double?
        /// Mean MALA acceptance probability of SGLD/SGNHT steps.
        public var sgldProbe: Double?

        public init(sampler: SamplerKind, chains: Int, draws: Int, divergences: Int, rHat: Double, essBulk: Double, essTail: Double,
                    mcse: Double? = nil, targetMCSE: Double? = nil, targetDescription: String? = nil,
                    acceptance: Double? = nil, sgldProbe: Double? = nil) {
            self.sampler = sampler
            self.chains = chains
            self.draws = draws
            self.divergences = divergences
            self.rHat = rHat
            self.essBulk = essBulk
            self.essTail = essTail
            self.mcse = mcse
            self.targetMCSE = targetMCSE
            self.targetDescription = targetDescription
            self.acceptance = acceptance
            self.sgldProbe = sgldProbe
        }

        /// The evidence of `healthy` chains (those that did not diverge) and their `diagnostics`.
        public init(sampler: SamplerKind, healthy: [ChainResult], divergences: Int, diagnostics: Diagnostics,
                    mcse: Double? = nil, targetMCSE: Double? = nil, targetDescription: String? = nil) {
            let acceptances = healthy.compactMap(\.acceptanceRate)
            let probes = healthy.compactMap(\.diagnosticAcceptance)
            self.init(sampler: sampler, chains: healthy.count, draws: healthy.map(\.losses.count).min() ?? 0,
                      divergences: divergences, rHat: diagnostics.rhat, essBulk: diagnostics.essBulk, essTail: diagnostics.essTail,
                      mcse: mcse, targetMCSE: targetMCSE, targetDescription: targetDescription,
                      acceptance: acceptances.isEmpty ? nil : acceptances.reduce(0, +) / Double(acceptances.count),
                      sgldProbe: probes.isEmpty ? nil : probes.reduce(0, +) / Double(probes.count))
        }
    }

    /// The sampling rules (thresholds in `DiagnosticThresholds`):
    ///
    /// - unreliable: a divergence; no draws; R̂ > 1.05 or undefined; bulk or tail ESS per chain < 50;
    /// - check: R̂ > 1.01; bulk or tail ESS per chain < 100; MCSE > its target; Metropolis
    ///   acceptance outside its band (below: reduce the step size; above, MALA/HMC: inefficient,
    ///   increase the step size — a check only when R̂, ESS or the MCSE also fail, else an ok note); the MALA acceptance of SGLD/SGNHT steps < 0.9 (reduce the step size).
    public init(sampling e: SamplingEvidence) {
        self.init()
        typealias T = DiagnosticThresholds
        if e.divergences > 0 {
            let rest = e.chains == 0 ? "no chain is left" : "the estimate uses the other \(e.chains)"
            add(.divergence, .unreliable, "\(e.divergences) chain(s) diverged (\(rest)): reduce the step size",
                value: Double(e.divergences), threshold: 0)
        }
        guard e.chains > 0, e.draws > 0 else {
            add(.noDraws, .unreliable, "no chain produced draws")
            return
        }
        let chains = Double(e.chains)
        let metropolisHigh = e.sampler.isMetropolisAdjusted && (e.acceptance ?? 0) > T.acceptanceBand(for: e.sampler).upperBound
        let longer = metropolisHigh ? "increase the step size (the acceptance is high) or run longer"
                                    : "run longer: more draws, a longer burn-in or a larger thinning interval"
        if e.rHat.isNaN {
            add(.rHat, .unreliable, "R̂ is undefined (fewer than 4 draws per chain, or a constant loss trace)")
        } else if e.rHat > T.rHat {
            let level: Level = e.rHat > T.rHatUnreliable ? .unreliable : .check
            let bound = level == .unreliable ? T.rHatUnreliable : T.rHat
            add(.rHat, level, String(format: "R̂ %.3f > %.2f: the chains disagree; %@", e.rHat, bound, longer),
                value: e.rHat, threshold: bound)
        }
        for (code, ess, name) in [(Code.essBulk, e.essBulk, "bulk"), (Code.essTail, e.essTail, "tail")] where !e.rHat.isNaN {
            let perChain = ess / chains
            guard !(perChain >= T.essPerChain) else { continue }
            let level: Level = perChain >= T.essPerChainUnreliable ? .check : .unreliable
            let bound = level == .unreliable ? T.essPerChainUnreliable : T.essPerChain
            let what = name == "bulk" ? "too few effective draws for R̂ and the MCSE" : "the tails (5% and 95% quantiles) are poorly explored"
            add(code, level, String(format: "%@ ESS per chain %.0f < %.0f: %@; %@", name, perChain, bound, what, longer),
                value: perChain, threshold: bound)
        }
        if let mcse = e.mcse, let target = e.targetMCSE, mcse.isFinite, target.isFinite, mcse > target {
            let factor = (mcse / target) * (mcse / target)
            let of = e.targetDescription.map { " (\($0))" } ?? ""
            add(.mcse, .check, String(format: "MCSE %.2g > target %.2g%@: run about %.1f× the draws (the MCSE falls as 1/√draws)",
                                      mcse, target, of, factor),
                value: mcse, threshold: target)
        }
        if let a = e.acceptance, e.sampler.isMetropolisAdjusted {
            let band = T.acceptanceBand(for: e.sampler)
            if a < band.lowerBound {
                add(.acceptanceLow, .check, String(format: "acceptance %.3f below %.2f–%.2f: most proposals are rejected; reduce the step size",
                                                   a, band.lowerBound, band.upperBound),
                    value: a, threshold: band.lowerBound)
            } else if a > band.upperBound {
                // A high acceptance costs mixing, not correctness: it is a check only when the
                // run is also imprecise (R̂, ESS or MCSE above) — a conservative step that mixed
                // well (the whole-posterior estimators' ε = 1/nβ) is ok, with a note.
                let imprecise = reasons.contains { [Code.rHat, .essBulk, .essTail, .mcse].contains($0.code) }
                add(.acceptanceHigh, imprecise ? .check : .ok,
                    String(format: "acceptance %.3f above %.2f–%.2f: inefficient (tiny moves); %@",
                           a, band.lowerBound, band.upperBound,
                           imprecise ? "increase the step size" : "a larger step would mix faster, but the diagnostics pass"),
                    value: a, threshold: band.upperBound)
            }
        }
        if let p = e.sgldProbe, p < T.sgldAcceptance {
            add(.sgldProbe, .check, String(format: "SGLD steps would be accepted by MALA with probability %.2f < %.2f: the step size biases the estimate; reduce it (see `rlct calibrate`)",
                                           p, T.sgldAcceptance),
                value: p, threshold: T.sgldAcceptance)
        }
    }
}
