import Foundation
import Models
import Sampling

extension SamplerConfiguration {
    /// The sampler tuned at inverse temperature `beta`, moved to `target`. Near a
    /// minimum the posterior's width scales as (nβ)^(−1/2), so a Langevin ε (a
    /// variance: SGLD, MALA) scales by β/β' and an integration step h (SGNHT,
    /// HMC) by √(β/β'). Hot rungs are capped by the prior's scale s (half the
    /// narrowest side of a uniform box, or σ of a Gaussian): √ε ≤ s/2, h ≤ s/2
    /// (SGNHT) and an HMC trajectory L·h ≤ s/2.
    public func scaled(from beta: Double, to target: Double, prior: Prior) -> SamplerConfiguration {
        var c = self
        let ratio = beta / target
        var scale = Double.infinity
        switch prior {
        case let .uniform(lower, upper): scale = zip(lower, upper).map { ($1 - $0) / 2 }.min() ?? .infinity
        case let .normal(sigma): scale = sigma
        case .flat: break
        }
        switch kind {
        case .sgld, .mala:
            c.stepSize = min(stepSize * ratio, scale * scale / 4)
        case .sgnht:
            c.stepSize = min(stepSize * ratio.squareRoot(), scale / 2)
        case .hmc:
            c.stepSize = min(stepSize * ratio.squareRoot(), scale / (2 * Double(max(leapfrogSteps, 1))))
        }
        return c
    }
}

extension ChainSettings {
    /// The settings of run `j` of several independent runs (rungs, temperatures):
    /// the same settings on a seed of its own (run 0 keeps `seed`), so the runs'
    /// Monte Carlo errors are independent.
    func forRun(_ j: Int) -> ChainSettings {
        var s = self
        s.seed = seed &+ UInt64(j) &* 0x9E37_79B9_7F4A_7C15
        return s
    }
}
