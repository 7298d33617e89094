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
    /// λ from the fixture (for a bound fixture: its upper bound, else its lower bound).
    public var expected: Double
    /// A bound fixture's bounds on λ: the estimate is judged against these instead of a value.
    public var lowerBound: Double?
    public var upperBound: Double?
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
        case fixture, name, method, expected, expectedMultiplicity = "expected_multiplicity", lowerBound = "lower_bound"
        case upperBound = "upper_bound", estimate, error
        case multiplicity, allowed, status, message, seconds, verdict
    }

    /// Decides pass or fail: |estimate − expected| ≤ allowed, and the rounded
    /// multiplicity equals the expected one when both are known. A bound
    /// fixture's estimate passes when estimate − allowed ≤ its upper bound and
    /// estimate + allowed ≥ its lower bound (m is not judged).
    static func judged(fixture: RegressionSuite.Fixture, method: String, estimate: Double, error: Double?,
                       multiplicity: Int?, tolerance: Double, standardErrors: Double, note: String, seconds: Double,
                       verdict: Verdict? = nil) -> RegressionOutcome {
        let expected = fixture.expected
        let allowed = tolerance + standardErrors * (error ?? 0)
        var problems: [String] = []
        if !estimate.isFinite {
            problems.append("the estimate \(estimate) is not finite")
        } else if let lambda = expected.lambda {
            if abs(estimate - lambda) > allowed {
                problems.append("|λ̂ − λ| = \(NumberFormat.significant(abs(estimate - lambda))) > \(NumberFormat.significant(allowed))")
            }
        } else {
            problems += boundProblems(estimate: estimate, allowed: allowed, lower: expected.lowerBound, upper: expected.upperBound)
        }
        if let m = multiplicity, let want = expected.multiplicity, m != want {
            problems.append("m̂ = \(m), expected \(want)")
        }
        var outcome = failed(fixture: fixture, method: method, message: note, seconds: seconds)
        outcome.estimate = estimate
        outcome.error = error
        outcome.multiplicity = multiplicity
        outcome.allowed = allowed
        outcome.status = problems.isEmpty ? .pass : .fail
        outcome.message = problems.isEmpty ? note : problems.joined(separator: "; ")
        outcome.verdict = verdict
        return outcome
    }

    /// Why an estimate violates a bound: λ̂ − allowed above the upper bound, or λ̂ + allowed below the lower.
    static func boundProblems(estimate: Double, allowed: Double, lower: Double?, upper: Double?) -> [String] {
        var problems: [String] = []
        if let upper, estimate - allowed > upper {
            problems.append("λ̂ − allowed = \(NumberFormat.significant(estimate - allowed)) > the upper bound \(NumberFormat.significant(upper))")
        }
        if let lower, estimate + allowed < lower {
            problems.append("λ̂ + allowed = \(NumberFormat.significant(estimate + allowed)) < the lower bound \(NumberFormat.significant(lower))")
        }
        return problems
    }

    /// A check that could not produce an estimate (a divergence, a refused model).
    static func failed(fixture: RegressionSuite.Fixture, method: String, message: String, seconds: Double) -> RegressionOutcome {
        let e = fixture.expected
        return RegressionOutcome(fixture: fixture.path, name: fixture.name, method: method, expected: e.reference,
                                 lowerBound: e.lowerBound, upperBound: e.upperBound, expectedMultiplicity: e.multiplicity,
                                 status: .fail, message: message, seconds: seconds)
    }

    /// A check with nothing to compare (no theorem applies, or left out of `--quick`).
    static func skipped(fixture: RegressionSuite.Fixture, method: String, message: String, seconds: Double) -> RegressionOutcome {
        var outcome = failed(fixture: fixture, method: method, message: message, seconds: seconds)
        outcome.status = .skip
        return outcome
    }
}

extension RegressionOutcome {
    /// What the fixture expects, as the table shows it: λ, or its bounds (`≤ 2.5`, `≥ 2`, `[2, 2.5]`).
    public var expectedText: String {
        switch (lowerBound, upperBound) {
        case let (lo?, hi?): return "[\(NumberFormat.significant(lo)), \(NumberFormat.significant(hi))]"
        case let (nil, hi?): return "≤ \(NumberFormat.significant(hi))"
        case let (lo?, nil): return "≥ \(NumberFormat.significant(lo))"
        case (nil, nil): return NumberFormat.significant(expected)
        }
    }
}
