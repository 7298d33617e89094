import GSL
import Models
import TestSupport
import Testing
@testable import Sampling

/// The kernel shape: a step returns what happened, and the pieces the kernels share.
@Suite struct KernelStepTests {
    let posterior = Posterior(model: SeparablePower(coefficients: [1, 1], power: 2, sampleCount: 1000), nbeta: 100, localization: 1)

    /// MALA's `StepInfo`: the probability is in [0, 1], a probability-1 step is
    /// accepted, an accepted step moved the state, and the loss reported is L_n there.
    @Test func malaReportsItsAcceptance() {
        let rng = RandomStream(seed: 7)
        let potential = PotentialEvaluator(posterior: posterior, batchSize: nil, rng: rng)
        let kernel = MALA(stepSize: 0.02)
        let state = kernel.initialize(at: [0.3, -0.2], potential: potential, rng: rng)
        var accepted = 0, probabilitySum = 0.0
        for _ in 0..<2000 {
            let before = Array(state.position)
            let info = kernel.step(state, potential: potential, stepSize: 0.02, rng: rng)
            #expect(info.divergence == nil)
            #expect((0...1).contains(info.acceptanceProbability))
            if info.acceptanceProbability == 1 { #expect(info.isAccepted) }
            #expect(info.isAccepted == (Array(state.position) != before))
            #expect(info.loss == potential.loss(at: state.position))
            if info.isAccepted { accepted += 1 }
            probabilitySum += info.acceptanceProbability
        }
        // The mean probability and the accepted fraction estimate the same rate:
        // over 2000 correlated steps they agree to a few percent (measured 0.01 apart).
        #expect(abs(Double(accepted) / 2000 - probabilitySum / 2000) < 0.05)
        #expect(accepted > 0 && accepted < 2000)
    }

    /// SGLD always moves and reports probability 1; a non-finite gradient stops it.
    @Test func sgldStepAndDivergence() {
        let rng = RandomStream(seed: 8)
        let potential = PotentialEvaluator(posterior: posterior, batchSize: nil, rng: rng)
        let kernel = SGLD(stepSize: 1e-3)
        let state = kernel.initialize(at: [0.1, 0.1], potential: potential, rng: rng)
        let info = kernel.step(state, potential: potential, stepSize: 1e-3, rng: rng)
        #expect(info.isAccepted && info.acceptanceProbability == 1 && info.divergence == nil)
        state.position[0] = .nan
        #expect(kernel.step(state, potential: potential, stepSize: 1e-3, rng: rng).divergence != nil)
    }

    /// The Langevin proposal in place (SGLD) and into a buffer (MALA, the probe)
    /// is the same map; with ε → 0 the probe's MALA acceptance tends to 1, and
    /// with a huge ε it collapses.
    @Test func sharedLangevinProposalAndProbe() {
        let d = 2
        let w = UnsafeMutableBufferPointer<Double>.allocate(capacity: d), g = UnsafeMutableBufferPointer<Double>.allocate(capacity: d)
        let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: d)
        defer { w.deallocate(); g.deallocate(); out.deallocate() }
        w[0] = 0.5; w[1] = -0.25; g[0] = 2; g[1] = -1
        _ = Langevin.propose(from: w, gradient: g, into: out, stepSize: 0.01, rng: RandomStream(seed: 3))
        _ = Langevin.propose(from: w, gradient: g, into: w, stepSize: 0.01, rng: RandomStream(seed: 3))
        #expect(Array(w) == Array(out))

        let rng = RandomStream(seed: 4)
        let potential = PotentialEvaluator(posterior: posterior, batchSize: nil, rng: rng)
        let probe = LangevinProbe(dimension: d)
        w[0] = 0.05; w[1] = 0.02
        let small = probe.acceptanceProbability(at: w, stepSize: 1e-6, potential: potential, rng: rng)
        let large = probe.acceptanceProbability(at: w, stepSize: 1, potential: potential, rng: rng)
        #expect(small > 0.99)
        #expect(large < 0.01)
    }

    /// A stochastic kernel's minibatches are `MinibatchSchedule`'s: the batch
    /// losses SGLD reports equal the losses of the batches a schedule draws from
    /// the same stream (SGLD draws d Gaussians after each batch, replayed here).
    @Test func chainsUseTheMinibatchSchedule() throws {
        let x: [Double] = (0..<10).map { Double($0) / 10 }, y = x.map { 1 - $0 }
        let model = TinyRegression(x: x, y: y)
        let p = Posterior(model: model, nbeta: 10, localization: 0, center: [0])
        let rng = RandomStream(seed: 9)
        let potential = PotentialEvaluator(posterior: p, batchSize: 4, rng: rng)
        #expect(potential.usesMinibatches)
        let kernel = SGLD(stepSize: 1e-12)  // w stays (numerically) at 0
        let state = kernel.initialize(at: [0], potential: potential, rng: rng)

        let replay = RandomStream(seed: 9)
        let schedule = try MinibatchSchedule(count: 10, batchSize: 4)
        for _ in 0..<7 {
            let batch = schedule.next(rng: replay)
            _ = replay.gaussian()
            let expected = batch.reduce(0.0) { $0 + y[$1] * y[$1] } / 8
            let info = kernel.step(state, potential: potential, stepSize: 1e-12, rng: rng)
            #expect(abs(info.batchLoss - expected) < 1e-5)  // w drifts by ~1e-6
        }
        #expect(schedule.epochsStarted == 4)  // two batches of 4 per epoch of 10
    }

    /// `Parallel.map` returns results in task order whatever the thread count.
    @Test func parallelMapKeepsTaskOrder() {
        let one = Parallel.map(50, maxConcurrency: 1) { k in RandomStream(seed: 5, stream: k).uniform() }
        let many = Parallel.map(50, maxConcurrency: 4) { k in RandomStream(seed: 5, stream: k).uniform() }
        #expect(one == many)
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    /// Step-size adaptation takes a probability, not a 0/1 flag: fed exactly
    /// the target every step, the error term stays 0 and ε settles at μ = 10 ε₀.
    @Test func adaptationUsesTheProbability() {
        var a = StepSizeAdaptation(initialStepSize: 0.1, targetAcceptance: 0.5)
        for _ in 0..<100 { _ = a.update(acceptance: 0.5) }
        // With zero error every step, hBar stays 0 and log ε = μ.
        #expect(abs(a.finalStepSize - 1.0) < 1e-12)
    }
}
