import Foundation

/// Nesterov dual averaging of log step size towards a target acceptance rate
/// (Hoffman & Gelman 2014, §3.2), used during burn-in only: after burn-in the
/// chain runs with the averaged step size, so the draws come from a
/// time-homogeneous kernel.
public struct StepSizeAdaptation: Sendable {
    public var targetAcceptance: Double
    var mu: Double
    var hBar = 0.0
    var logStep: Double
    var logStepBar = 0.0
    var t = 0
    let gamma = 0.05, t0 = 10.0, kappa = 0.75

    public init(initialStepSize: Double, targetAcceptance: Double) {
        self.targetAcceptance = targetAcceptance
        self.mu = log(10 * initialStepSize)
        self.logStep = log(initialStepSize)
    }

    /// Feeds one step's acceptance probability; returns the next step size.
    public mutating func update(acceptance: Double) -> Double {
        t += 1
        let tt = Double(t)
        let a = acceptance.isFinite ? min(max(acceptance, 0), 1) : 0
        hBar = (1 - 1 / (tt + t0)) * hBar + (targetAcceptance - a) / (tt + t0)
        logStep = mu - tt.squareRoot() / gamma * hBar
        let weight = pow(tt, -kappa)
        logStepBar = weight * logStep + (1 - weight) * logStepBar
        return exp(logStep)
    }

    /// The averaged step size to use after burn-in.
    public var finalStepSize: Double { exp(t == 0 ? logStep : logStepBar) }
}
