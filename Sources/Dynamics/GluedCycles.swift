/// Cycles of lengths `L_1 … L_k` glued at one shared node (node 0): the graph
/// of the "spooky action at a distance" article's discrete example.
///
/// Cycle c contributes its `L_c − 1` own nodes, numbered after those of the
/// cycles before it, so the graph has `1 + Σ (L_c − 1)` nodes and `Σ L_c`
/// edges. The shared node has degree `2k`, every other node degree 2, and the
/// simple random walk's stationary law is `π(v) = deg(v) / 2|E|` (any
/// connected undirected graph; e.g. Levin, Peres & Wilmer, *Markov Chains and
/// Mixing Times*, §1.5).
public struct GluedCycles: Sendable, Equatable {
    public let cycleLengths: [Int]
    public let nodeCount: Int
    /// Neighbours of node v: `neighbours[neighbourOffsets[v] ..< neighbourOffsets[v + 1]]`.
    public let neighbourOffsets: [Int]
    public let neighbours: [Int]
    /// Group of each node: 0 for the shared node, c + 1 for the own nodes of cycle c.
    public let groups: [Int]

    public init(cycleLengths: [Int]) throws {
        try DynamicsError.require(!cycleLengths.isEmpty, "cycles", "give at least one cycle length")
        for (i, length) in cycleLengths.enumerated() {
            try DynamicsError.require(length >= 3, "cycles",
                                      "cycle \(i + 1) has length \(length); a cycle needs at least 3 nodes")
        }
        let nodes = 1 + cycleLengths.reduce(0) { $0 + $1 - 1 }
        try DynamicsError.require(nodes <= 1_000_000, "cycles", "at most 10⁶ nodes in all, got \(nodes)")
        self.cycleLengths = cycleLengths
        self.nodeCount = nodes
        var adjacency = Array(repeating: [Int](), count: nodes)
        var groups = Array(repeating: 0, count: nodes)
        var next = 1
        for (c, length) in cycleLengths.enumerated() {
            // Walk around the cycle: 0 → own nodes → back to 0.
            var previous = 0
            for _ in 1..<length {
                let v = next
                next += 1
                groups[v] = c + 1
                adjacency[previous].append(v)
                adjacency[v].append(previous)
                previous = v
            }
            adjacency[previous].append(0)
            adjacency[0].append(previous)
        }
        var offsets = [0]
        offsets.reserveCapacity(nodes + 1)
        for list in adjacency { offsets.append(offsets.last! + list.count) }
        self.neighbourOffsets = offsets
        self.neighbours = adjacency.flatMap { $0 }
        self.groups = groups
    }

    public var edgeCount: Int { cycleLengths.reduce(0, +) }

    public func degree(_ v: Int) -> Int { neighbourOffsets[v + 1] - neighbourOffsets[v] }

    /// The stationary law `π(v) = deg(v) / 2|E|` (the shared node: `k / Σ L_c`).
    public var stationary: [Double] {
        let twoE = Double(2 * edgeCount)
        return (0..<nodeCount).map { Double(degree($0)) / twoE }
    }

    /// All cycles even: the graph is bipartite and the simple walk has period 2
    /// (an odd cycle makes it aperiodic, since every node has closed walks of
    /// length 2 and of an odd length through the shared node).
    public var isBipartite: Bool { cycleLengths.allSatisfy { $0 % 2 == 0 } }

    /// One step of the law of the lazy walk: `μ' = p μ + (1 − p) μP`, with
    /// `P(u, v) = 1/deg(u)` for each neighbour v.
    public func propagate(_ mu: [Double], laziness p: Double) -> [Double] {
        var next = mu.map { p * $0 }
        for u in 0..<nodeCount where mu[u] != 0 {
            let share = (1 - p) * mu[u] / Double(degree(u))
            for j in neighbourOffsets[u]..<neighbourOffsets[u + 1] { next[neighbours[j]] += share }
        }
        return next
    }

    /// Total variation distance `½ Σ |μ(v) − ν(v)|`.
    public static func totalVariation(_ mu: [Double], _ nu: [Double]) -> Double {
        0.5 * zip(mu, nu).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    /// The exact law after each step from the uniform start, until its total
    /// variation distance from π is at most `tolerance`: returns that number
    /// of steps and the distance reached, or nil if it takes more than
    /// `maxSteps` (a periodic walk never gets there). The distance never grows
    /// afterwards (`|μP − π| ≤ |μ − π|` because `πP = π`).
    public func mixingSteps(laziness: Double, tolerance: Double, maxSteps: Int) -> (steps: Int, distance: Double)? {
        let pi = stationary
        var mu = Array(repeating: 1 / Double(nodeCount), count: nodeCount)
        for t in 0...maxSteps {
            let d = Self.totalVariation(mu, pi)
            if d <= tolerance { return (t, d) }
            mu = propagate(mu, laziness: laziness)
        }
        return nil
    }
}
