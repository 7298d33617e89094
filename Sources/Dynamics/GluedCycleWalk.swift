import Sampling
import GSL

/// Independent random walks on `GluedCycles`, compared with the stationary
/// law `π ∝ degree`.
///
/// Every walker starts at a uniformly drawn node, runs `burnIn` steps (by
/// default the exact number after which the law from that start is within
/// `mixingTolerance` of π in total variation), then `steps − burnIn` recorded
/// steps. Two comparisons, both free of the chain's autocorrelation:
/// - the **end states** of the walkers are independent draws from a law
///   within `mixingTolerance` of π: a Pearson χ² test per node;
/// - the **time-averaged occupation** of each node is averaged over
///   independent walkers, so its standard error is the spread across walkers
///   divided by √walkers (each walker is one "batch").
public struct GluedCycleWalk: Sendable {
    public var graph: GluedCycles
    /// Steps per walker (burn-in included).
    public var steps: Int
    public var walkers: Int
    /// Probability of staying put at each step; nil chooses 0 when some cycle
    /// is odd (the walk is aperiodic) and ½ when all are even (bipartite).
    public var laziness: Double?
    /// Steps before recording; nil uses the exact mixing time.
    public var burnIn: Int?
    /// The total variation distance from π that defines the mixing time.
    public var mixingTolerance: Double = 1e-4
    public var seed: UInt64

    public init(cycleLengths: [Int], steps: Int, walkers: Int, seed: UInt64,
                laziness: Double? = nil, burnIn: Int? = nil) throws {
        self.graph = try GluedCycles(cycleLengths: cycleLengths)
        self.steps = steps
        self.walkers = walkers
        self.seed = seed
        self.laziness = laziness
        self.burnIn = burnIn
    }

    /// The laziness used: the given one, or 0 / ½ as documented on `laziness`.
    public var effectiveLaziness: Double { laziness ?? (graph.isBipartite ? 0.5 : 0) }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> GluedCycleWalkResult {
        try DynamicsError.require(walkers >= 2, "walkers", "need at least 2 walkers, got \(walkers)")
        try DynamicsError.require(steps >= 1, "steps", "need at least 1 step, got \(steps)")
        try DynamicsError.require(mixingTolerance > 0 && mixingTolerance < 1, "mixingTolerance",
                                  "expected a number in (0, 1), got \(mixingTolerance)")
        let p = effectiveLaziness
        try DynamicsError.require(p >= 0 && p < 1, "laziness", "expected a probability in [0, 1), got \(p)")
        if graph.isBipartite && p == 0 {
            throw DynamicsError(field: "laziness",
                                "all cycles are even, so the graph is bipartite and the plain walk has period 2; use a laziness in (0, 1)")
        }
        guard let mixing = graph.mixingSteps(laziness: p, tolerance: mixingTolerance, maxSteps: steps) else {
            throw DynamicsError(field: "steps",
                                "\(steps) steps per walker are not enough to mix to total variation \(mixingTolerance) from the uniform start; raise it")
        }
        let burn = burnIn ?? mixing.steps
        try DynamicsError.require(burn >= 0 && burn < steps, "burnIn",
                                  "expected 0 ≤ burn-in < steps = \(steps), got \(burn)")
        let n = graph.nodeCount, k = graph.cycleLengths.count
        let recorded = steps - burn

        // Walkers in contiguous chunks; walker w draws from stream w only.
        let chunks = min(walkers, 64)
        let graph = self.graph, seed = self.seed, walkers = self.walkers, steps = self.steps
        let partials = Parallel.map(chunks) { chunk -> WalkTally in
            var tally = WalkTally(nodes: n, groups: k + 1)
            let first = chunk * walkers / chunks, end = (chunk + 1) * walkers / chunks
            var visits = [Int](repeating: 0, count: n)
            var groupFraction = [Double](repeating: 0, count: k + 1)
            for w in first..<end {
                let rng = RandomStream(seed: seed, stream: w)
                var v = rng.uniformInt(below: n)
                for i in visits.indices { visits[i] = 0 }
                graph.neighbourOffsets.withUnsafeBufferPointer { offsets in
                    graph.neighbours.withUnsafeBufferPointer { adjacent in
                        for t in 0..<steps {
                            if p == 0 || rng.uniform() >= p {
                                let lo = offsets[v], degree = offsets[v + 1] - lo
                                v = adjacent[lo + rng.uniformInt(below: degree)]
                            }
                            if t >= burn { visits[v] += 1 }
                        }
                    }
                }
                tally.endCounts[v] += 1
                for i in groupFraction.indices { groupFraction[i] = 0 }
                for u in 0..<n {
                    let f = Double(visits[u]) / Double(recorded)
                    tally.sum[u] += f
                    tally.sumSquares[u] += f * f
                    groupFraction[graph.groups[u]] += f
                }
                for g in 0...k {
                    tally.groupSum[g] += groupFraction[g]
                    tally.groupSumSquares[g] += groupFraction[g] * groupFraction[g]
                }
                progress?(steps)
            }
            return tally
        }
        var total = WalkTally(nodes: n, groups: k + 1)
        for t in partials { total.add(t) }
        return try GluedCycleWalkResult(walk: self, laziness: p, burnIn: burn, mixingDistance: mixing.distance,
                                        mixingSteps: mixing.steps, tally: total)
    }
}

/// Sums over walkers (per node and per group) of time-averaged occupation
/// fractions and their squares, and the end-state counts.
struct WalkTally: Sendable {
    var sum: [Double], sumSquares: [Double], endCounts: [Int]
    var groupSum: [Double], groupSumSquares: [Double]

    init(nodes: Int, groups: Int) {
        sum = Array(repeating: 0, count: nodes)
        sumSquares = sum
        endCounts = Array(repeating: 0, count: nodes)
        groupSum = Array(repeating: 0, count: groups)
        groupSumSquares = groupSum
    }

    mutating func add(_ other: WalkTally) {
        for i in sum.indices {
            sum[i] += other.sum[i]
            sumSquares[i] += other.sumSquares[i]
            endCounts[i] += other.endCounts[i]
        }
        for g in groupSum.indices {
            groupSum[g] += other.groupSum[g]
            groupSumSquares[g] += other.groupSumSquares[g]
        }
    }
}
