import Estimators
import Reports

/// One row of `rlct regress`: a fixture, one method, what was expected and
/// what came out.
public struct RegressionOutcome: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Within tolerance (and the multiplicity, where estimated, is right).
        case pass
        /// Outside tolerance, the wrong multiplicity, or the estimator failed (a divergence).
        case fail
        /// Nothing to compare: no theorem covers the model (analytic check only).
        case skip
    }

    /// The fixture's file.
    public var fixture: String
    /// The fixture's name.
    public var name: String
    /// `analytic`, or the check's method (`llc`, …).
    public var method: String
    /// λ from the fixture.
    public var expected: Double
    /// m from the fixture, where it gives one.
    public var expectedMultiplicity: Int?
    public var estimate: Double?
    /// The estimate's standard error (MCSE, fit error), where it has one.
    public var error: Double?
    /// The estimated multiplicity (rounded), where the method gives one.
    public var multiplicity: Int?
    /// The allowed |estimate − expected|: tolerance + standardErrors·error.
    public var allowed: Double?
    public var status: Status
    /// Why it failed or was skipped, or what was run.
    public var message: String
    public var seconds: Double
    /// The estimate's verdict (sampled methods: llc, temperature); reported beside the
    /// status, which it does not change (a divergence already fails the check).
    public var verdict: Verdict?

    enum CodingKeys: String, CodingKey {
        case fixture, name, method, expected, expectedMultiplicity = "expected_multiplicity", estimate, error
        case multiplicity, allowed, status, message, seconds, verdict
    }

    /// Decides pass or fail: |estimate − expected| ≤ allowed, and the rounded
    /// multiplicity equals the expected one when both are known.
    static func judged(fixture: RegressionSuite.Fixture, method: String, estimate: Double, error: Double?,
                       multiplicity: Int?, tolerance: Double, standardErrors: Double, note: String, seconds: Double,
                       verdict: Verdict? = nil) -> RegressionOutcome {
        let expected = fixture.expected
        let allowed = tolerance + standardErrors * (error ?? 0)
        var problems: [String] = []
        if !estimate.isFinite || abs(estimate - expected.lambda) > allowed {
            problems.append("|λ̂ − λ| = \(NumberFormat.significant(abs(estimate - expected.lambda))) > \(NumberFormat.significant(allowed))")
        }
        if let m = multiplicity, let want = expected.multiplicity, m != want {
            problems.append("m̂ = \(m), expected \(want)")
        }
        return RegressionOutcome(fixture: fixture.path, name: fixture.name, method: method, expected: expected.lambda,
                                 expectedMultiplicity: expected.multiplicity, estimate: estimate, error: error,
                                 multiplicity: multiplicity, allowed: allowed, status: problems.isEmpty ? .pass : .fail,
                                 message: problems.isEmpty ? note : problems.joined(separator: "; "), seconds: seconds,
                                 verdict: verdict)
    }

    /// A check that could not produce an estimate (a divergence, a refused model).
    static func failed(fixture: RegressionSuite.Fixture, method: String, message: String, seconds: Double) -> RegressionOutcome {
        RegressionOutcome(fixture: fixture.path, name: fixture.name, method: method, expected: fixture.expected.lambda,
                          expectedMultiplicity: fixture.expected.multiplicity, status: .fail, message: message, seconds: seconds)
    }

    /// A check with nothing to compare (no theorem applies, or left out of `--quick`).
    static func skipped(fixture: RegressionSuite.Fixture, method: String, message: String, seconds: Double) -> RegressionOutcome {
        var outcome = failed(fixture: fixture, method: method, message: message, seconds: seconds)
        outcome.status = .skip
        return outcome
    }
}
