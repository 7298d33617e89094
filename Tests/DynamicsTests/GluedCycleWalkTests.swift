import GSL
import Testing
@testable import Dynamics

@Suite struct GluedCycleWalkTests {
    @Test func graphAndStationaryLaw() throws {
        let g = try GluedCycles(cycleLengths: [3, 5, 8])
        #expect(g.nodeCount == 1 + 2 + 4 + 7)
        #expect(g.edgeCount == 16)
        #expect(g.degree(0) == 6)
        #expect((1..<g.nodeCount).allSatisfy { g.degree($0) == 2 })
        // π(shared) = k / Σ L = 3/16, π(other) = 1/16.
        #expect(abs(g.stationary[0] - 3.0 / 16) < 1e-15)
        #expect(abs(g.stationary[5] - 1.0 / 16) < 1e-15)
        #expect(abs(g.stationary.reduce(0, +) - 1) < 1e-14)
        // π is invariant: πP = π exactly (up to rounding).
        #expect(GluedCycles.totalVariation(g.propagate(g.stationary, laziness: 0), g.stationary) < 1e-15)
        #expect(!g.isBipartite)
        #expect(try GluedCycles(cycleLengths: [4, 6]).isBipartite)
    }

    @Test func stationaryLawPassesChiSquare() throws {
        // Seeds 1–4 gave p = 0.77, 0.65, 0.24, 0.17 and |z| ≤ 1.2 for the
        // groups; the bounds (p > 0.001, |z| < 4) leave room for the seed.
        let result = try GluedCycleWalk(cycleLengths: [3, 5, 8], steps: 2_000, walkers: 4_000, seed: 1).run()
        #expect(result.laziness == 0)
        #expect(result.burnIn == result.mixingSteps)
        #expect(result.mixingDistance <= 1e-4)
        #expect(result.chiSquare.dof == 13)
        #expect(result.chiSquare.pValue > 0.001, "χ² = \(result.chiSquare.statistic)")
        for g in result.groups { #expect(abs(g.zScore) < 4, "\(g.name): z = \(g.zScore)") }
        #expect(abs(result.sharedNodeRatio - 3) < 0.05)

        // The same end states reject the uniform law: the test has power.
        let n = Double(result.nodeCount), m = Double(result.walkers)
        let uniform = result.nodes.reduce(0) { $0 + pow2(Double($1.endCount) - m / n) / (m / n) }
        #expect(try SpecialFunctions.chiSquaredQ(uniform, dof: n - 1) < 1e-6)
    }

    @Test func evenCyclesUseALazyWalk() throws {
        // Seeds 5–8 gave p = 0.57, 0.36, 0.95, 0.039 and ratios within 0.008 of 2.
        let walk = try GluedCycleWalk(cycleLengths: [4, 6], steps: 3_000, walkers: 2_000, seed: 2)
        #expect(walk.effectiveLaziness == 0.5)
        let result = try walk.run()
        #expect(result.chiSquare.pValue > 0.001)
        #expect(abs(result.sharedNodeRatio - 2) < 0.05)
        var periodic = walk
        periodic.laziness = 0
        #expect(throws: DynamicsError.self) { try periodic.run() }
        do { _ = try periodic.run() } catch let error as DynamicsError { #expect(error.field == "laziness") }
    }

    @Test func badInputNamesTheFlag() throws {
        #expect(throws: DynamicsError(field: "cycles", "cycle 2 has length 2; a cycle needs at least 3 nodes")) {
            try GluedCycles(cycleLengths: [3, 2])
        }
        do {
            _ = try GluedCycleWalk(cycleLengths: [3, 50], steps: 20, walkers: 10, seed: 1).run()
            Issue.record("a walk too short to mix must throw")
        } catch let error as DynamicsError {
            #expect(error.field == "steps")
        }
    }
}
