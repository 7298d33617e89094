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

    public init(chain: Int, step: Int, reason: Reason, lastFiniteLoss: Double?) {
        self.chain = chain
        self.step = step
        self.reason = reason
        self.lastFiniteLoss = lastFiniteLoss
    }

    public var description: String {
        let last = lastFiniteLoss.map { String($0) } ?? "none"
        return "chain \(chain) diverged at step \(step): \(reason.rawValue) (last finite loss \(last))"
    }
}
