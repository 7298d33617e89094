import GSL
import Models
import Testing
import TestSupport
@testable import Sampling

/// Chains extended from where they stopped (`ChainRunner.extend`): deterministic, appended, w*'s loss kept.
@Suite struct ContinuationTests {
    func posterior() throws -> Posterior<SeparablePower> {
        Posterior(model: SeparablePower(coefficients: [1, 1], power: 4, sampleCount: 1000), nbeta: 200, localization: 1)
    }

    @Test func extensionAppendsAndIsDeterministicWhateverTheThreads() throws {
        let p = try posterior()
        var settings = ChainSettings()
        settings.chains = 3
        settings.draws = 100
        settings.burnIn = 50
        let sampler = SamplerConfiguration(kind: .mala, stepSize: 2e-3)
        let chain = settings
        let first = Parallel.map(3, maxConcurrency: 1) { k in
            ChainRunner.runChain(k, posterior: p, sampler: sampler, initial: p.center, settings: chain)
        }
        let serial = ChainRunner.extend(first, posterior: p, sampler: sampler, settings: settings, draws: 60, segment: 1, maxConcurrency: 1)
        let parallel = ChainRunner.extend(first, posterior: p, sampler: sampler, settings: settings, draws: 60, segment: 1, maxConcurrency: 3)
        for k in 0..<3 {
            #expect(serial[k].losses == parallel[k].losses)
            #expect(serial[k].losses.count == 160)
            #expect(Array(serial[k].losses.prefix(100)) == first[k].losses)
            #expect(serial[k].initialLoss == first[k].initialLoss)
        }
        // A second segment draws from other streams than the first.
        let again = ChainRunner.extend(first, posterior: p, sampler: sampler, settings: settings, draws: 60, segment: 2, maxConcurrency: 1)
        #expect(again[0].losses.suffix(60) != serial[0].losses.suffix(60))
        #expect(ChainRunner.segmentSeed(5, segment: 0) == 5 && ChainRunner.segmentSeed(5, segment: 1) != 5)
    }

    @Test func appendingWeighsRatesByDraws() {
        let a = ChainResult(chain: 0, losses: [1, 2, 3], positions: nil, initialLoss: 0.5, divergence: nil,
                            acceptanceRate: 0.9, diagnosticAcceptance: nil, stepSize: 0.1, finalPosition: [1])
        let b = ChainResult(chain: 0, losses: [4], positions: nil, initialLoss: 9, divergence: nil,
                            acceptanceRate: 0.5, diagnosticAcceptance: nil, stepSize: 0.1, finalPosition: [2])
        let c = a.appending(b)
        #expect(c.losses == [1, 2, 3, 4] && c.initialLoss == 0.5 && c.finalPosition == [2])
        #expect(abs(c.acceptanceRate! - (0.9 * 3 + 0.5) / 4) < 1e-15)
    }
}
