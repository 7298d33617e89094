import Foundation
import Reports

/// The result of `rlct regress`: every outcome, with the counts, rendered as
/// the terminal table, Markdown (`docs/regression.md`), JSON and JUnit XML.
public struct RegressionReport: Sendable, Codable {
    public var date: String
    public var quick: Bool
    public var passed: Int
    public var failed: Int
    public var skipped: Int
    public var seconds: Double
    public var outcomes: [RegressionOutcome]

    public init(outcomes: [RegressionOutcome], quick: Bool, seconds: Double, date: Date = Date()) {
        self.outcomes = outcomes
        self.quick = quick
        self.seconds = seconds
        self.date = ISO8601DateFormatter().string(from: date)
        passed = outcomes.filter { $0.status == .pass }.count
        failed = outcomes.filter { $0.status == .fail }.count
        skipped = outcomes.filter { $0.status == .skip }.count
    }

    /// True when nothing failed (exit 0).
    public var succeeded: Bool { failed == 0 }

    /// One line: `53 fixtures, 70 checks: 69 passed, 1 failed, 0 skipped`.
    public var summary: String {
        let fixtures = Set(outcomes.map(\.fixture)).count
        return "\(fixtures) fixture\(fixtures == 1 ? "" : "s"), \(outcomes.count) check\(outcomes.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed, \(skipped) skipped (\(String(format: "%.1f", seconds)) s)"
    }

    /// fixture, method, expected, estimate ± error, status: one row per check.
    public var table: Table {
        var t = Table(columns: [.init("fixture", alignment: .left), .init("method", alignment: .left), .init("expected"),
                                .init("estimate ± error"), .init("allowed"), .init("status", alignment: .left)])
        for o in outcomes {
            var expected = NumberFormat.significant(o.expected)
            if let m = o.expectedMultiplicity { expected += " (m=\(m))" }
            var estimate = o.estimate.map { e in o.error.map { NumberFormat.plusMinus(e, $0) } ?? NumberFormat.significant(e) } ?? "-"
            if let m = o.multiplicity, o.estimate != nil { estimate += " (m=\(m))" }
            var status = o.status == .pass ? "pass" : "\(o.status.rawValue): \(o.message)"
            if let v = o.verdict { status += " [verdict \(v)]" }
            t.append([o.fixture, o.method, expected, estimate, o.allowed.map { NumberFormat.significant($0) } ?? "-", status])
        }
        return t
    }

    /// The Markdown page: a heading with the date and counts, then the table.
    public func markdown(title: String = "Regression run") -> String {
        """
        # \(title)

        \(quick ? "`rlct regress --quick`" : "`rlct regress`") on \(date): \(summary).
        An estimate passes when |estimate − λ| ≤ allowed = tolerance + k·(its standard error), with the
        tolerance and k declared in each fixture's `checks` (docs/fixtures.md), and the estimated m (where the
        method gives one) equals the fixture's. Sampled estimates show their verdict (ok, check or unreliable
        with its reason codes; docs/estimators.md), which does not change the status.

        \(table.renderMarkdown())
        """
    }

    /// JUnit XML: one suite per fixture folder, one case per check.
    public var junit: JUnitReport {
        var groups: [String: [JUnitReport.TestCase]] = [:]
        var order: [String] = []
        for o in outcomes {
            let folder = URL(fileURLWithPath: o.fixture).deletingLastPathComponent().lastPathComponent
            if groups[folder] == nil { order.append(folder) }
            let outcome: JUnitReport.TestCase.Outcome
            switch o.status {
            case .pass: outcome = .passed
            case .fail: outcome = .failed(message: o.message)
            case .skip: outcome = .skipped(message: o.message)
            }
            let detail = "expected \(o.expected), estimate \(o.estimate.map { "\($0)" } ?? "none")"
                + (o.error.map { " ± \($0)" } ?? "") + (o.allowed.map { ", allowed \($0)" } ?? "")
            groups[folder, default: []].append(.init(name: o.method, className: o.fixture, seconds: o.seconds,
                                                     outcome: outcome, output: detail))
        }
        return JUnitReport(name: "rlct regress", suites: order.map { JUnitReport.Suite(name: $0, cases: groups[$0] ?? []) })
    }
}

extension RegressionReport {
    /// Each estimator's λ̂ (with error bars) against the expected λ, one
    /// series per method, and the line λ̂ = λ they should lie on.
    public var plot: Plot {
        // Log axes: the fixtures' λ run from 1/8 to 12.5.
        var plot = Plot(title: "rlct regress: estimates against known learning coefficients", xLabel: "expected λ",
                        yLabel: "estimate λ̂", xScale: .log, yScale: .log)
        let estimated = outcomes.filter { ($0.estimate ?? 0) > 0 && $0.estimate!.isFinite }
        let methods = estimated.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let lambdas = estimated.map(\.expected)
        if let lo = lambdas.min(), let hi = lambdas.max() {
            plot.series.append(.init("λ̂ = λ", style: .line, x: [lo / 1.25, hi * 1.25], y: [lo / 1.25, hi * 1.25], dashed: true, color: "#555"))
        }
        for method in methods {
            let rows = estimated.filter { $0.method == method }
            plot.series.append(.init(method, style: .scatter, x: rows.map(\.expected), y: rows.map { $0.estimate ?? .nan },
                                     yError: rows.map { $0.error ?? 0 }))
        }
        return plot
    }
}
