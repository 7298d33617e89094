import Testing
import GSL
@testable import Dynamics

@Test func explore() throws {
    for seed in UInt64(1)...4 {
        let walk = try GluedCycleWalk(cycleLengths: [3, 5, 8], steps: 2000, walkers: 4000, seed: seed)
        let r = try walk.run()
        print("walk", seed, r.mixingSteps, r.chiSquare.statistic, r.chiSquare.pValue, r.groups.map { $0.zScore }, r.sharedNodeRatio)
        let pot = try TorusPotential(a: 2, b: 2, length: 4)
        let l = try TorusLangevin(potential: pot, temperature: 0.5, stepSize: 1e-3, steps: 200_000, burnIn: 10_000, trajectories: 8, seed: seed, bins: 10).run()
        print("torus", l.regions.map { ($0.predicted, $0.simulated, $0.standardError, $0.zScore, $0.naive) }, l.histogramTotalVariation)
        let s = try SphereDiffusion(dimensions: [3, 10, 50], radius: 1, diffusion: 1, stepSize: nil, steps: 1000, walkers: 400, seed: seed).run()
        for x in s { print("sphere", x.dimension, x.predictedRate, x.discreteRate, x.fittedRate, x.fitError, x.batchError, x.relativeDeviation, x.finalMeanDisplacement) }
    }
    for n in [3, 10, 100, 1000] {
        let k = try KaimingShell(fanIn: n, samples: 4000, seed: 1)
        print("kaiming", n, k.meanNorm, k.exactMeanNorm, k.relativeThickness, k.exactRelativeThickness, k.articleRelativeThickness, k.relativeSquaredThickness)
        let c = try SpherePerturbationCheck(dimension: n, relativeEpsilon: 0.1, baselines: 500, perturbationsPerBaseline: 20, seed: 1, stream: 0)
        print("householder", n, c.maxRadiusError, c.maxDistanceError, c.secondMomentRatio, c.secondMomentError)
    }
}
