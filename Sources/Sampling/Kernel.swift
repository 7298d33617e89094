/// A sampling kernel: one transition of a Markov chain on caller-owned state
/// (the BlackJAX shape). Kernels are small immutable values; everything a step
/// changes lives in the `ChainState`.
public protocol Kernel: Sendable {
    /// `sgld`, `mala`, `sgnht`, `hmc`.
    var name: String { get }
    /// The step size the chain starts with.
    var stepSize: Double { get }
    /// Whether the kernel has a Metropolis–Hastings correction (MALA, HMC).
    var isMetropolisAdjusted: Bool { get }
    /// Whether the kernel may use minibatch gradients (SGLD, SGNHT).
    var acceptsMinibatches: Bool { get }
    /// The Langevin ε of an unadjusted Langevin step (SGLD), whose MALA
    /// acceptance probability the runner evaluates as a diagnostic; nil otherwise.
    var langevinStepSize: Double? { get }
    /// The acceptance rate step-size adaptation aims at (MALA 0.574, Roberts &
    /// Rosenthal 1998; HMC 0.8, Hoffman & Gelman 2014); nil without Metropolis.
    var targetAcceptance: Double? { get }

    /// Sets up kernel-specific state before the first step.
    func prepare<M: Model>(_ chain: ChainState<M>)

    /// One transition. Returns the reason when the chain diverged.
    func step<M: Model>(_ chain: ChainState<M>) -> Divergence.Reason?
}

import Models

/// Why and where a chain stopped.
public struct Divergence: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Codable, Equatable {
        case nonFiniteLoss = "non-finite loss"
        case nonFiniteGradient = "non-finite gradient"
        case lossExploded = "loss exploded past the divergence threshold"
        case leftSupport = "left the prior's support"
    }
    public var chain: Int
    public var step: Int
    public var reason: Reason
    /// The last finite full-data loss L_n seen by the chain.
    public var lastFiniteLoss: Double?

    public var description: String {
        let last = lastFiniteLoss.map { String($0) } ?? "none"
        return "chain \(chain) diverged at step \(step): \(reason.rawValue) (last finite loss \(last))"
    }
}
