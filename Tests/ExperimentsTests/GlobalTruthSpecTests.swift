import Foundation
import Testing
@testable import Experiments

@Suite struct GlobalTruthSpecTests {
    func spec(_ text: String) throws -> ExperimentSpec { try ExperimentSpec.decode(Data(text.utf8)) }

    @Test func globalTruthTakesTheGlobalLambda() throws {
        let s = try spec(#"{"model": {"kind": "potential", "k": "(w+1.6)^2*(w-1.6)^4", "n": 100}, "truth": "global", "prior": {"kind": "uniform", "lower": -3, "upper": 3}}"#)
        #expect(s.truth?.global == true)
        #expect(try s.analyticCoefficient().lambdaValue == 0.25)
        // Round trip through JSON keeps "global".
        let again = try ExperimentSpec.decode(try JSONEncoder().encode(s))
        #expect(again.truth?.global == true)
        // A regression output Q: K ∝ Q², zeros of Q of multiplicity k give 1/(2k).
        let q = try spec(#"{"model": {"kind": "polynomialRegression", "q": "(w-0.5)*w^2"}, "truth": "global", "data": {"kind": "synthetic", "n": 100, "seed": 1}}"#)
        #expect(try q.analyticCoefficient().lambdaValue == 0.25)
    }

    @Test func badGlobalTruthsNameTheField() {
        #expect(performing: { try spec(#"{"model": {"kind": "potential", "k": "w^2", "n": 10}, "truth": "everywhere"}"#) },
                throws: { "\($0)".contains("truth") && "\($0)".contains("global") })
        #expect(performing: {
            try spec(#"{"model": {"kind": "reducedRankRegression", "inputs": 2, "outputs": 2, "hidden": 1}, "truth": "global", "data": {"kind": "synthetic", "n": 10, "seed": 1}}"#)
        }, throws: { "\($0)".contains("truth") })
    }

    @Test func reducedRankRegressionOnTheOrthantIsNMF() throws {
        let s = try spec(#"{"model": {"kind": "reducedRankRegression", "inputs": 3, "outputs": 3, "hidden": 2}, "truth": {"rank": 0}, "prior": {"kind": "uniform", "lower": 0, "upper": 1}, "data": {"kind": "synthetic", "n": 10, "seed": 1}}"#)
        let c = try s.analyticCoefficient()
        #expect(c.lambdaValue == 3 && c.multiplicity == 3 && c.method.contains("non-negative"))
        // The same model on [−1, 1]: reduced-rank regression, 5/2.
        let r = try spec(#"{"model": {"kind": "reducedRankRegression", "inputs": 3, "outputs": 3, "hidden": 2}, "truth": {"rank": 0}, "data": {"kind": "synthetic", "n": 10, "seed": 1}}"#)
        #expect(try r.analyticCoefficient().lambdaValue == 2.5)
        // Rank 1 of 2: only the bound is known.
        let b = try spec(#"{"model": {"kind": "reducedRankRegression", "inputs": 3, "outputs": 3, "hidden": 2}, "truth": {"parameters": [1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0]}, "prior": {"kind": "uniform", "lower": 0, "upper": 2}, "data": {"kind": "synthetic", "n": 10, "seed": 1}}"#)
        #expect(throws: (any Error).self) { try b.analyticCoefficient() }
    }
}
