import Analytic
import Foundation
import Testing
@testable import Experiments

/// Bound fixtures: `expected` states only `upperBound`/`lowerBound`, and every
/// estimator check passes when the estimate, moved by its allowed deviation
/// towards the bound, respects it.
@Suite struct BoundCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    /// A temporary fixture: the potential w⁴ (λ = 1/4) with the given `expected`
    /// section and one freeEnergyFit check (exact quadrature: λ̂ = 0.2500000, the
    /// shipped potential-w-4 fixture's row in docs/regression.md).
    func w4Fixture(expected: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bound-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("w4.json")
        let text = """
        {"name": "w^4 with a bound", "model": {"kind": "potential", "k": "w^4", "n": 10000},
         "prior": {"kind": "uniform", "lower": -1, "upper": 1},
         "expected": {\(expected), "tolerance": 0.025, "source": "test"},
         "checks": [{"method": "freeEnergyFit"}]}
        """
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func run(_ path: String) async throws -> [RegressionOutcome] {
        let suite = try RegressionSuite(paths: [path])
        #expect(suite.malformed.isEmpty, "\(suite.malformedMessages)")
        return await suite.run(options: .init())
    }

    /// λ = 1/4 respects ≤ 1/2 and ≥ 1/8 (the analytic row checks Newton's exact 1/4 against the bounds too).
    @Test func anEstimateInsideItsBoundsPasses() async throws {
        let outcomes = try await run(try w4Fixture(expected: #""upperBound": "1/2", "lowerBound": "1/8""#))
        #expect(outcomes.map(\.method) == ["analytic", "freeEnergyFit"])
        #expect(outcomes.allSatisfy { $0.status == .pass }, "\(outcomes.map(\.message))")
        #expect(outcomes[1].lowerBound == 0.125 && outcomes[1].upperBound == 0.5 && outcomes[1].expectedText == "[0.1250, 0.5000]")
    }

    /// The bound 1/8 is below λ = 1/4 by more than the tolerance 0.025: the estimate and the theorem both violate it.
    @Test func anEstimateAboveItsUpperBoundFails() async throws {
        let outcomes = try await run(try w4Fixture(expected: #""upperBound": "1/8""#))
        #expect(outcomes.count == 2 && outcomes.allSatisfy { $0.status == .fail })
        #expect(outcomes[1].message.contains("upper bound"), "\(outcomes[1].message)")
    }

    /// A lower bound above λ + tolerance fails the same way.
    @Test func anEstimateBelowItsLowerBoundFails() async throws {
        let outcomes = try await run(try w4Fixture(expected: #""lowerBound": "1/3""#))
        #expect(outcomes[1].status == .fail && outcomes[1].message.contains("lower bound"), "\(outcomes[1].message)")
    }

    /// The judgement itself: λ̂ − allowed must not exceed the upper bound, λ̂ + allowed must reach the lower.
    @Test func boundArithmetic() {
        #expect(RegressionOutcome.boundProblems(estimate: 2.6, allowed: 0.2, lower: 2, upper: 2.5).isEmpty)
        #expect(RegressionOutcome.boundProblems(estimate: 2.8, allowed: 0.2, lower: 2, upper: 2.5).count == 1)
        #expect(RegressionOutcome.boundProblems(estimate: 1.7, allowed: 0.2, lower: 2, upper: 2.5).count == 1)
        #expect(RegressionOutcome.boundProblems(estimate: 1.9, allowed: 0.2, lower: 2, upper: nil).isEmpty)
    }

    /// Malformed bound sections are refused, naming the field.
    @Test func malformedBoundsAreRefused() throws {
        for (expected, field) in [(#""lambda": "1/4", "upperBound": "1/2""#, "expected.upperBound"),
                                  (#""upperBound": "1/4", "lowerBound": "1/2""#, "expected.lowerBound"),
                                  (#""upperBound": "1/2", "multiplicity": 1"#, "expected.multiplicity")] {
            let suite = try RegressionSuite(paths: [try w4Fixture(expected: expected)])
            #expect(suite.fixtures.isEmpty && suite.malformed.count == 1)
            #expect(suite.malformedMessages.first?.contains(field) == true, "\(suite.malformedMessages)")
        }
    }

    /// The shipped NMF bound fixtures: the upper bound is Hayashi & Watanabe's
    /// tighter bound and the lower bound the reduced-rank-regression λ of the
    /// same sizes (restricting the prior to the orthant cannot lower λ).
    @Test func shippedNMFBoundsAreTheTheorems() throws {
        let folder = Self.root.appendingPathComponent("nmf")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var bounded = 0
        for file in files {
            let spec = try ExperimentSpec.load(path: folder.appendingPathComponent(file).path)
            guard let expected = spec.expected, expected.isBound else { continue }
            guard case let .reducedRankRegression(M, N, H, _) = spec.model, let w = spec.truth?.parameters else {
                Issue.record("\(file): a bound NMF fixture is a reducedRankRegression with truth.parameters")
                continue
            }
            var c = [[Double]](repeating: [Double](repeating: 0, count: M), count: N)
            for i in 0..<N { for j in 0..<M { for k in 0..<H { c[i][j] += w[H * M + i * H + k] * w[k * M + j] } } }
            let h0 = ExperimentSpec.numericalRank(c)
            let nmf = try NonnegativeMatrixFactorization(rows: N, columns: M, inner: H, trueRank: h0)
            #expect(expected.upperBound == nmf.upperBound.doubleValue, "\(file): fixture \(String(describing: expected.upperBound)), bound \(nmf.upperBound)")
            let rrr = try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: h0).coefficient()
            #expect(expected.lowerBound == rrr.lambdaValue, "\(file): fixture \(String(describing: expected.lowerBound)), RRR \(rrr.lambda)")
            bounded += 1
        }
        #expect(bounded >= 2)
    }
}
