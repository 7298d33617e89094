import ArgumentParser
import Experiments
import Foundation
import Reports

/// `rlct compare`: singular and regular models side by side at the same n.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Models side by side at one n: d/2, λ and m, LLC, temperature λ̂, exact F_n, WBIC, BIC and their errors.",
        discussion: """
        The spec (e.g. Examples/singular-vs-regular.json) lists experiment specs and the n to compare them at; \
        `plotN` adds the curves of F_n, WBIC and BIC against n for --plot. For singular models BIC misses F_n by \
        about (d/2 − λ) log n; WBIC stays within O(√log n).

        Examples:
          rlct compare --spec Examples/singular-vs-regular.json
          rlct compare --spec Examples/singular-vs-regular.json --plot cmp.svg
        """
    )

    @Option(help: "A comparison spec (JSON): name, n, plotN and a list of experiment specs under models.")
    var spec: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "Write an SVG of F_n, WBIC and BIC against n (needs plotN in the spec) to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Flag(help: "No progress line.")
    var quiet = false

    func run() async throws {
        let comparison = try ComparisonSpec.load(path: spec)
        if plot != nil, comparison.plotN == nil {
            throw ValidationError("--plot: the spec has no plotN (the n values of the curves)")
        }
        let total = comparison.models.count * ComparisonRun.steps(points: Set((comparison.plotN ?? []) + [comparison.n]).count)
        let progress = ProgressLine("compare", total: total, quiet: quiet || json)
        let report = try await ComparisonReport.run(comparison, baseDirectory: URL(fileURLWithPath: spec).deletingLastPathComponent(),
                                                    progress: { progress.advance() })
        progress.finish()
        if json {
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(report.renderText(), terminator: "")
        }
        if let plot { try report.plot.write(to: plot) }
    }
}
