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
    /// Only in the `--json-file` a run rewrites as it goes: the finished pieces of the
    /// checks still running (a volume's ε or replicates, a free-energy fit's n), so that
    /// `--resume` reruns only the pieces missing. Absent from a finished run's report.
    public var unfinishedPieces: [RegressionSuite.SavedPiece]?

    enum CodingKeys: String, CodingKey {
        case date, quick, passed, failed, skipped, seconds, outcomes, unfinishedPieces = "unfinished_pieces"
    }

    public init(outcomes: [RegressionOutcome], quick: Bool, seconds: Double, date: Date = Date(),
                unfinishedPieces: [RegressionSuite.SavedPiece]? = nil) {
        self.outcomes = outcomes
        self.unfinishedPieces = unfinishedPieces
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
            var expected = o.expectedText
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
        method gives one) equals the fixture's; where only a bound on λ is known (≤ b, ≥ b), when
        estimate − allowed ≤ b for an upper bound and estimate + allowed ≥ b for a lower one. Sampled estimates show their verdict (ok, check or unreliable
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
            let detail = "expected \(o.expectedText), estimate \(o.estimate.map { "\($0)" } ?? "none")"
                + (o.error.map { " ± \($0)" } ?? "") + (o.allowed.map { ", allowed \($0)" } ?? "")
            groups[folder, default: []].append(.init(name: o.method, className: o.fixture, seconds: o.seconds,
                                                     outcome: outcome, output: detail))
        }
        return JUnitReport(name: "rlct regress", suites: order.map { JUnitReport.Suite(name: $0, cases: groups[$0] ?? []) })
    }
}

extension RegressionReport {
    /// One panel per method: each check's estimate λ̂ (with its error bar)
    /// against the expected λ, on log axes ranged to that method's values,
    /// with the diagonal λ̂ = λ the estimates should lie on.
    public var plot: PlotGrid {
        let estimated = outcomes.filter { ($0.estimate ?? 0) > 0 && $0.estimate!.isFinite && $0.expected > 0 }
        let methods = estimated.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let panels = methods.map { method -> Plot in
            let rows = estimated.filter { $0.method == method }
            var plot = Plot(title: method, xLabel: "expected λ", yLabel: "estimate λ̂", xScale: .log, yScale: .log)
            plot.width = 430
            plot.height = 360
            let x = rows.map(\.expected), y = rows.map { $0.estimate ?? .nan }, e = rows.map { $0.error ?? 0 }
            // One range for both axes, so the diagonal is the 45° line; error bars below 0 are cut.
            let values = x + y + zip(y, e).map { $0 + $1 } + zip(y, e).map { $0 - $1 }.filter { $0 > 0 }
            var lo = values.filter { $0 > 0 && $0.isFinite }.min() ?? 0.1, hi = values.filter(\.isFinite).max() ?? 1
            if hi <= lo { lo /= 2; hi *= 2 }
            let pad = pow(10, (log10(hi) - log10(lo)) * 0.05)
            lo /= pad
            hi *= pad
            plot.xRange = lo...hi
            plot.yRange = lo...hi
            plot.series.append(.init("λ̂ = λ", style: .line, x: [lo, hi], y: [lo, hi], dashed: true, color: "#555"))
            plot.series.append(.init("\(rows.count) checks", style: .scatter, x: x, y: y, yError: e))
            return plot
        }
        return PlotGrid(title: "rlct regress: estimates against known λ", panels: panels, columns: 2)
    }
}
