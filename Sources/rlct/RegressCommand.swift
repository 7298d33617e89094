import ArgumentParser
import DistributedJobs
import Experiments
import Foundation
import Reports
import Sampling

/// `rlct regress`: runs the fixtures' checks against their known learning coefficients.
struct RegressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Run every fixture's analytic check and listed estimators against its known λ (and m).",
        discussion: """
        Each fixture (docs/fixtures.md) states λ, m and a tolerance; its `checks` name the estimators to run \
        (llc with its sampler and seed). An estimate passes when |λ̂ − λ| ≤ tolerance + k·se(λ̂).

        An MPI build (make build-mpi) started by mpirun or srun splits the checks over the ranks, largest \
        first, with the same output as one process (docs/cluster.md).

        Exit codes: 0 all passed, 1 an estimate missed (or an estimator failed), 2 a fixture is malformed \
        (the message names the file and the JSON path; the other fixtures still run).

        Examples:
          rlct regress --quick
          rlct regress Fixtures --filter potential --methods llc --junit regress.xml --json-file regress.json
          rlct regress Fixtures --json-file out/regression.json --resume out/regression.json
        """
    )

    @Argument(help: "Fixture files or folders (searched recursively for .json).")
    var paths: [String] = ["Fixtures"]

    @Option(help: "Only fixtures whose path or name contains PATTERN (case-insensitive).")
    var filter: String?

    @Option(help: "Only these estimators' checks, comma-separated: llc, temperature, freeEnergyFit, volume (the analytic check always runs).")
    var methods: String?

    @Option(help: "Checks run at once (in one process; under mpirun each rank runs one at a time).")
    var jobs: Int = 1

    @Flag(help: "The fixtures' quick settings: fewer draws, wider tolerances.")
    var quick = false

    @Option(help: "Run every llc check with this sampler (sgld, mala, sgnht, hmc) instead of the fixture's: is yours as good?")
    var sampler: SamplerKind?

    @Option(name: .customLong("step-size"), help: "With --sampler: one step size for every llc check (default: the fixture's).")
    var stepSize: Double?

    @Flag(help: "Print the outcomes as JSON on standard output instead of the table (as --json does in every command).")
    var json = false

    @Option(name: .customLong("json-file"), help: "Write the outcomes as JSON to FILE (- for standard output).",
            transform: OutputTarget.argument("--json-file"))
    var jsonFile: OutputTarget?

    @Option(help: "Write JUnit XML (one suite per fixture folder) to FILE.", transform: OutputTarget.argument("--junit"))
    var junit: OutputTarget?

    @Option(help: "Write a Markdown page with the date and the table to FILE.", transform: OutputTarget.argument("--markdown"))
    var markdown: OutputTarget?

    @Option(help: "Write an SVG of estimate against expected λ to FILE.", transform: OutputTarget.argument("--plot"))
    var plot: OutputTarget?

    @Option(help: ArgumentHelp("Rerun only the checks missing from FILE, the --json-file of an earlier run of the same fixtures (written after every check, with the finished pieces of running volume and free-energy checks, so an interrupted run keeps what it finished).", valueName: "file"))
    var resume: String?

    @Flag(help: "No progress line.")
    var quiet = false

    /// --methods as a set (nil: all).
    func selectedMethods() throws -> Set<CheckSpec.Method>? {
        guard let methods else { return nil }
        let names = methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return Set(try names.map { name in
            guard let m = CheckSpec.Method(rawValue: name) else {
                throw ValidationError("--methods: unknown method '\(name)'; expected \(CheckSpec.Method.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return m
        })
    }

    func validate() throws {
        _ = try selectedMethods()
        guard jobs >= 1 else { throw ValidationError("--jobs: expected at least 1, got \(jobs)") }
        if let stepSize, !(stepSize > 0 && stepSize.isFinite) { throw ValidationError("--step-size: expected a positive number, got \(stepSize)") }
    }

    func run() async throws {
        let suite = try RegressionSuite(paths: paths, filter: filter)
        // Under mpirun every rank loads the suite; only rank 0 speaks.
        for message in suite.malformedMessages where Cluster.launchedRank() == 0 {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        }
        if suite.fixtures.isEmpty, !suite.malformed.isEmpty { throw ExitCode(2) }
        guard !suite.fixtures.isEmpty else {
            throw ValidationError("no fixture matches\(filter.map { " --filter \"\($0)\"" } ?? "") under \(paths.joined(separator: ", "))")
        }
        let options = RegressionSuite.Options(quick: quick, jobs: jobs, sampler: sampler, stepSize: stepSize, methods: try selectedMethods())
        let checks = suite.checkJobs(options: options)
        let resumed = try resumed()
        let pending = checks.indices.filter { resumed.outcomes[checks[$0].key] == nil }
        let state = RegressionProgress(suite: suite, checks: checks, pending: pending, options: options, resumed: resumed, file: jsonFile)
        let pieces = state.pieces, remaining = state.remaining
        let queue = try Cluster.queue(concurrency: jobs)
        let progress = ProgressLine("regress", total: remaining.count, quiet: quiet || !queue.isCoordinator)
        let start = ContinuousClock.now
        let run = await queue.map(remaining.enumerated().map { QueuedJob(index: $0.offset, cost: pieces[$0.element].cost, label: pieces[$0.element].label) },
                                  finished: { k, result in
                                      progress.advance()
                                      state.finished(remaining[k], result)
                                  }) { job in
            let piece = pieces[remaining[job.index]]
            return try await suite.run(piece, of: checks[piece.check], options: options)
        }
        progress.finish()
        guard let run else { return }  // a worker rank: rank 0 prints and writes
        run.reportSchedule(quiet: quiet)
        let outcomes = state.outcomes(results: run.results)
        let report = RegressionReport(outcomes: outcomes, quick: quick, seconds: start.secondsSince)

        if json {
            print(try JSONOutput.string(report), terminator: "")
        } else {
            print(report.table.renderText(), terminator: "")
            print("\n\(report.summary)")
        }
        // Every file is attempted; a write error exits 2 only if every check passed.
        var files = OutputWrites()
        files.write(jsonFile) { try JSONOutput.string(report) }
        files.write(junit) { report.junit.renderXML() }
        files.write(markdown) { report.markdown() }
        files.write(plot) { report.plot.renderSVG() }
        if !suite.malformed.isEmpty {
            FileHandle.standardError.write(Data("error: \(suite.malformed.count) fixture(s) could not be loaded (listed above); the others ran\n".utf8))
            throw ExitCode(2)
        }
        if !report.succeeded { throw ExitCode(1) }
        try files.finish()
    }
}
