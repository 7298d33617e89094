/// What one kernel step did (BlackJAX's `info`): the Metropolis acceptance
/// probability and decision, the loss the step evaluated, and why the chain
/// diverged if it did.
public struct StepInfo: Sendable, Equatable {
    /// min(1, exp(log ratio)) for MALA and HMC (0 for a proposal outside the
    /// prior's support or with a non-finite potential); 1 for the unadjusted kernels.
    public var acceptanceProbability: Double
    /// Whether the chain moved to the proposal (always true without Metropolis).
    public var isAccepted: Bool
    /// L_n at the position after the step, when the step knows it exactly (MALA, HMC).
    public var loss: Double?
    /// The loss of the minibatch the step evaluated (SGLD, SGNHT; at the position before the step).
    public var batchLoss: Double
    /// Set when the chain diverged.
    public var divergence: Divergence.Reason?

    public init(acceptanceProbability: Double, isAccepted: Bool, loss: Double?, batchLoss: Double,
                divergence: Divergence.Reason? = nil) {
        self.acceptanceProbability = acceptanceProbability
        self.isAccepted = isAccepted
        self.loss = loss
        self.batchLoss = batchLoss
        self.divergence = divergence
    }

    /// A chain that stopped.
    @inlinable
    public static func diverged(_ reason: Divergence.Reason, batchLoss: Double = .nan) -> StepInfo {
        StepInfo(acceptanceProbability: 0, isAccepted: false, loss: nil, batchLoss: batchLoss, divergence: reason)
    }
}
