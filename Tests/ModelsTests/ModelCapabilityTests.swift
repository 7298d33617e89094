import Models
import Polynomials
import Testing
import TestSupport

/// The capabilities runs ask a `Model` about instead of casting to a concrete type.
@Suite struct ModelCapabilityTests {
    /// A generic caller sees the conformer's own answer, not the protocol's default.
    func perSampleData<M: Model>(_ model: M) -> Bool { model.hasPerSampleData }
    func atSampleCount<M: Model>(_ model: M, _ n: Int) throws -> M? { try model.withSampleCount(n) }

    @Test func potentialHasNoSamplesAndTakesAnyN() throws {
        let p = try Potential(k: try Polynomial(parsing: "w1^2*w2^4"), sampleCount: 100, truth: [0, 0.5])
        #expect(!perSampleData(p))
        let big = try #require(try atSampleCount(p, 1_000_000))
        #expect(big.sampleCount == 1_000_000 && big.truth == [0, 0.5] && big.parameterNames == p.parameterNames)
        #expect(big.populationLoss([0.3, 0.2]) == p.populationLoss([0.3, 0.2]))
    }

    @Test func regressionKeepsItsFirstSamples() throws {
        let bare = try LinearRegression(inputs: 2, outputs: 1)
        let truth = [Double](repeating: 0.5, count: bare.dimension)
        let full = try bare.withSyntheticData(truth: truth, count: 50, seed: 3)
        #expect(perSampleData(full))
        let first = try #require(try atSampleCount(full, 20))
        #expect(first.sampleCount == 20 && first.truth == truth)
        #expect(first.data.inputs == Array(full.data.inputs.prefix(40)))
        #expect(first.data.outputs == Array(full.data.outputs.prefix(20)))
        #expect(throws: ModelError.self) { try atSampleCount(full, 51) }
        #expect(throws: ModelError.self) { try atSampleCount(full, 0) }
    }

    /// A model that says nothing gets the defaults: no data, no change of n.
    @Test func defaultsForOtherModels() throws {
        let m = SeparablePower(coefficients: [1, 1], power: 2, sampleCount: 10)
        #expect(!perSampleData(m))
        #expect(try atSampleCount(m, 5) == nil)
    }
}
