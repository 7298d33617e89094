import GSL

/// What a `GluedCycleWalk` measured, beside the stationary law `π ∝ degree`.
public struct GluedCycleWalkResult: Sendable, Codable {
    /// One node: π(v), its time-averaged occupation over walkers (± standard
    /// error across walkers) and its end-state count against `walkers · π(v)`.
    public struct Node: Sendable, Codable {
        public var node: Int
        public var group: Int
        public var degree: Int
        public var predicted: Double
        public var simulated: Double
        public var standardError: Double
        public var endCount: Int
        public var expectedEndCount: Double
    }

    /// A group of nodes (the shared node, or one cycle's own nodes).
    public struct Group: Sendable, Codable {
        public var name: String
        public var nodes: Int
        public var predicted: Double
        public var simulated: Double
        public var standardError: Double
        /// `(simulated − predicted) / standardError`.
        public var zScore: Double
        /// Fraction of walkers that ended in the group.
        public var endFraction: Double
    }

    /// Pearson's `χ² = Σ_v (O_v − E_v)² / E_v` over nodes, for the end states
    /// (independent draws), `dof = nodes − 1`; `pValue = P(χ²_dof > χ²)`.
    public struct ChiSquare: Sendable, Codable {
        public var statistic: Double
        public var dof: Int
        public var pValue: Double
        public var samples: Int
    }

    public var cycleLengths: [Int]
    public var nodeCount: Int
    public var edgeCount: Int
    public var walkers: Int
    public var steps: Int
    public var burnIn: Int
    public var laziness: Double
    public var seed: UInt64
    /// Exact mixing time from the uniform start: first t with TV(μ_t, π) ≤ tolerance.
    public var mixingSteps: Int
    /// TV(μ_t, π) at the burn-in when it is the mixing time (a bound for the end states).
    public var mixingDistance: Double
    public var nodes: [Node]
    public var groups: [Group]
    public var chiSquare: ChiSquare
    /// Time-averaged occupation of the shared node over the mean of the other
    /// nodes'; π predicts k (its degree 2k over 2).
    public var sharedNodeRatio: Double
    public var predictedSharedNodeRatio: Double

    init(walk: GluedCycleWalk, laziness: Double, burnIn: Int, mixingDistance: Double, mixingSteps: Int,
         tally: WalkTally) throws {
        let graph = walk.graph
        let m = Double(walk.walkers)
        let pi = graph.stationary
        func meanAndError(_ sum: Double, _ sumSquares: Double) -> (Double, Double) {
            let mean = sum / m
            let variance = max(0, (sumSquares - m * mean * mean) / (m - 1))
            return (mean, (variance / m).squareRoot())
        }
        nodes = (0..<graph.nodeCount).map { v in
            let (mean, error) = meanAndError(tally.sum[v], tally.sumSquares[v])
            return Node(node: v, group: graph.groups[v], degree: graph.degree(v), predicted: pi[v],
                        simulated: mean, standardError: error, endCount: tally.endCounts[v], expectedEndCount: m * pi[v])
        }
        var groups: [Group] = []
        for g in 0...graph.cycleLengths.count {
            let members = (0..<graph.nodeCount).filter { graph.groups[$0] == g }
            let predicted = members.reduce(0) { $0 + pi[$1] }
            let (mean, error) = meanAndError(tally.groupSum[g], tally.groupSumSquares[g])
            let ends = members.reduce(0) { $0 + tally.endCounts[$1] }
            groups.append(Group(name: g == 0 ? "shared node" : "cycle \(g) (length \(graph.cycleLengths[g - 1]))",
                                nodes: members.count, predicted: predicted, simulated: mean, standardError: error,
                                zScore: error > 0 ? (mean - predicted) / error : 0, endFraction: Double(ends) / m))
        }
        self.groups = groups
        let statistic = nodes.reduce(0) { $0 + pow2(Double($1.endCount) - $1.expectedEndCount) / $1.expectedEndCount }
        let dof = graph.nodeCount - 1
        chiSquare = ChiSquare(statistic: statistic, dof: dof,
                              pValue: dof > 0 ? try SpecialFunctions.chiSquaredQ(statistic, dof: Double(dof)) : 1,
                              samples: walk.walkers)
        let others = nodes.dropFirst()
        let otherMean = others.isEmpty ? .nan : others.reduce(0) { $0 + $1.simulated } / Double(others.count)
        sharedNodeRatio = nodes[0].simulated / otherMean
        predictedSharedNodeRatio = Double(graph.cycleLengths.count)
        cycleLengths = graph.cycleLengths
        nodeCount = graph.nodeCount
        edgeCount = graph.edgeCount
        walkers = walk.walkers
        steps = walk.steps
        self.burnIn = burnIn
        self.laziness = laziness
        seed = walk.seed
        self.mixingSteps = mixingSteps
        self.mixingDistance = mixingDistance
    }
}

@inline(__always) func pow2(_ x: Double) -> Double { x * x }
