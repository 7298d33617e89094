import Foundation
import Models
import Sampling
import Testing
@testable import Experiments

/// `rlct select`'s library: the reduced-rank fit, the families' learning
/// coefficients, BIC/sBIC selection and the simulation's counts.
@Suite struct ModelSelectionTests {
    /// λ_ii of every candidate is half its dimension h(M + N − h), for both
    /// families (the BIC penalty and the sBIC diagonal agree).
    @Test(arguments: [SelectionFamily.reducedRank(inputs: 15, outputs: 10, maxRank: 10),
                      .reducedRank(inputs: 4, outputs: 4, maxRank: 4),
                      .deepLinear(inputs: 5, outputs: 4, layers: 3, maxRank: 4)])
    func diagonalCoefficientIsHalfTheDimension(family: SelectionFamily) throws {
        let table = try family.coefficientTable()
        for c in family.candidates {
            #expect(table[c.rank][c.rank]!.lambda == Double(c.dimension) / 2, "\(family.summary), \(c.name)")
            #expect(table[c.rank][c.rank]!.multiplicity == 1)
        }
    }

    /// ℓ̂_h of the fit equals −n L_n of the model's own loss at the fit's factors.
    @Test func fitLikelihoodMatchesTheModelsLoss() throws {
        let truth = try ReducedRankTruth(inputs: 5, outputs: 4, singularValues: [1.5, 0.7], sigma: 0.8)
        let data = try truth.draw(count: 300, seed: 7, stream: 0).data
        let fit = try ReducedRankFit(data: data, sigma: 0.8)
        for h in 1...4 {
            let model = try Models.DeepLinearNetwork(widths: [5, h, 4], sigma: 0.8, data: data)
            let (a, b) = fit.factors(rank: h)
            var workspace = model.makeWorkspace(maxBatchSize: data.count)
            let loss = (a + b).withUnsafeBufferPointer { model.loss($0, workspace: &workspace) }
            let nLoss = Double(data.count) * loss
            #expect(abs(nLoss + fit.logLikelihood(rank: h)) < 1e-9 * abs(nLoss), "rank \(h): nL_n \(nLoss), ℓ̂ \(fit.logLikelihood(rank: h))")
        }
        // More rank never fits worse.
        for h in 0..<4 { #expect(fit.logLikelihood(rank: h) <= fit.logLikelihood(rank: h + 1)) }
    }

    /// On a fixed seed with n large, BIC and sBIC both select the true rank
    /// (M = 15, N = 10, true rank 5, the vignette's singular values, n = 5000).
    @Test func largeNSelectsTheTrueRank() throws {
        let truth = try ReducedRankTruth(inputs: 15, outputs: 10, singularValues: ReducedRankTruth.vignetteSingularValues(rank: 5), sigma: 1)
        let data = try truth.draw(count: 5000, seed: 1, stream: 0).data
        let r = try ModelSelection(family: .reducedRank(inputs: 15, outputs: 10, maxRank: 10)).information(data: data)
        #expect(r.selected.map(\.rank) == [5, 5], "\(r.renderText())")
        #expect(r.sbicResidual < 1e-10)
    }

    /// The counts: R per n and criterion, the same on a second run (replicate
    /// k on stream k, whatever the threads).
    @Test func simulationCountsAreDeterministic() async throws {
        let truth = try ReducedRankTruth(inputs: 6, outputs: 4, singularValues: [1, 0.5], sigma: 1)
        let selection = ModelSelection(family: .reducedRank(inputs: 6, outputs: 4, maxRank: 4))
        let simulation = try SelectionSimulation(selection: selection, truth: truth, sampleSizes: [30, 300], replicates: 25, seed: 3)
        let a = try await simulation.run()
        let b = try await simulation.run()
        #expect(a.selections.count == 2)
        for (x, y) in zip(a.selections, b.selections) {
            #expect(x.counts == y.counts)
            #expect(x.counts.allSatisfy { $0.reduce(0, +) == 25 })
        }
    }

    @Test func badSettingsNameTheirField() throws {
        #expect(throws: SpecError(path: "maxRank", "expected a rank between 0 and min(inputs, outputs) = 3, got 4")) {
            try SelectionFamily.reducedRank(inputs: 3, outputs: 5, maxRank: 4).validate()
        }
        do {
            _ = try SelectionCriterion.list("bic,aic")
            Issue.record("aic accepted")
        } catch let error as SpecError {
            #expect(error.path == "criteria")
        }
        let truth = try ReducedRankTruth(inputs: 3, outputs: 3, singularValues: [1], sigma: 1)
        let selection = ModelSelection(family: .reducedRank(inputs: 3, outputs: 3, maxRank: 3), criteria: [.bic, .exact])
        do {
            _ = try SelectionSimulation(selection: selection, truth: truth, sampleSizes: [10], replicates: 2, seed: 1)
            Issue.record("exact accepted in a simulation")
        } catch let error as SpecError {
            #expect(error.path == "criteria")
        }
    }
}
