import Dynamics

/// What `rlct sgd` reports: the settings, and the 1-D escape analysis with the
/// posterior comparison, or the 2-D distances and a few paths.
public struct SGDReport: Codable, Sendable {
    public var q: String
    public var variables: [String]
    public var learningRate: Double
    public var batchSize: Int
    public var momentum: Double
    public var steps: Int
    public var trajectories: Int
    public var samples: Int?
    public var seed: UInt64
    public var initRange: [Double]
    public var diverged: Int
    public var escape: EscapeAnalysis?
    public var posterior: PosteriorComparison?
    /// The escape numbers over R replicates (fresh dataset each), 1-D only.
    public var replicates: EscapeReplicates?
    public var distance: SGDEnsembleResult.DistanceSummary?
    public var paths: [[[Double]]]?

    public init(q: String, variables: [String], learningRate: Double, batchSize: Int, momentum: Double, steps: Int,
                trajectories: Int, samples: Int?, seed: UInt64, initRange: [Double], diverged: Int) {
        self.q = q
        self.variables = variables
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.momentum = momentum
        self.steps = steps
        self.trajectories = trajectories
        self.samples = samples
        self.seed = seed
        self.initRange = initRange
        self.diverged = diverged
    }
}
