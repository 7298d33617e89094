import ArgumentParser
import Experiments
import Foundation
import Models
import Reports
import Sampling

/// `rlct bench`: SGLD steps per second on the reference models.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure SGLD steps per second (one thread and all cores) at n = 10,000, batch 100, and a devinterp-shaped LLC job on two MLPs.",
        discussion: """
        Build with `swift build -c release` (or run `make bench`) before reading the numbers.

        Examples:
          rlct bench --steps 200000
          rlct bench --filter MLP --steps 200000
          rlct bench --filter MLP --job-only
          rlct bench --json --quiet
          rlct bench --markdown docs/benchmarks.md
        """
    )

    @Option(help: "SGLD steps per chain for each measurement.")
    var steps: Int = 2_000_000

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(help: "Also write the results as a Markdown report (docs/benchmarks.md) to FILE.", transform: OutputTarget.argument("--markdown"))
    var markdown: OutputTarget?

    @Flag(help: "No progress line.")
    var quiet = false

    @Option(help: "Only the models whose name contains this text (case-insensitive).")
    var filter: String?

    @Flag(name: .customLong("job-only"), help: "Only the devinterp-shaped LLC job, on the models that have one (the two MLPs): no throughput or overhead measurement.")
    var jobOnly = false

    func validate() throws {
        guard steps >= 1000 else { throw ValidationError("--steps: expected at least 1000, got \(steps)") }
        if jobOnly, markdown != nil {
            throw ValidationError("--markdown writes the whole page (every measurement); it cannot be combined with --job-only")
        }
    }

    func run() async throws {
        let n = 10_000, batch = 100
        let cases = Benchmark.referenceCases.filter { c in
            (filter.map { c.name.lowercased().contains($0.lowercased()) } ?? true) && (!jobOnly || c.llcJob)
        }
        let progress = ProgressLine("benchmarking", total: cases.count, quiet: quiet || json)
        var results: [BenchmarkResult] = []
        for c in cases {
            let experiment = try ExperimentSpec.decode(Data(c.spec.utf8), source: c.name).build()
            let s = max(1000, Int(Double(steps) * c.stepsScale))
            // The time outside the steps of a default `rlct llc` run, on the networks small enough to run it here.
            var overhead: ChainSettings?
            if c.llcJob, !jobOnly, experiment.model.dimension <= 10_000 {
                overhead = try RunConfiguration.resolve(for: .llc, spec: nil, flags: SamplerOverrides(), model: experiment.model).settings
            }
            results.append(try await experiment.model.accept(BenchmarkRun(name: c.name, batchSize: batch, steps: s, llcJob: c.llcJob,
                                                                           overheadSettings: overhead, center: experiment.truth, jobOnly: jobOnly)))
            progress.advance()
        }
        progress.finish()

        var table = Table(columns: [.init("model", alignment: .left), .init("d"), .init("steps/s, 1 thread"), .init("CPU s, 1 thread"),
                                    .init("steps/s, all cores"), .init("speed-up"), .init("ns/gradient"), .init("wall s")])
        for r in results {
            table.append([r.name, "\(r.parameters)", String(format: "%.3g", r.stepsPerSecondSingle), String(format: "%.2f", r.cpuSecondsSingle),
                          String(format: "%.3g", r.stepsPerSecondAllCores), String(format: "%.2f×", r.speedup),
                          String(format: "%.0f", r.nanosecondsPerGradient), String(format: "%.2f", r.wallTime)])
        }
        var jobs = Table(columns: [.init("model", alignment: .left), .init("d"), .init("job s"), .init("fastest–slowest s"), .init("job CPU s"), .init("steps/s end to end"),
                                   .init("steps per CPU s"), .init("λ̂")])
        for r in results {
            guard let j = r.llcJob else { continue }
            jobs.append([r.name, "\(r.parameters)", String(format: "%.3f", j.seconds), String(format: "%.3f–%.3f", j.minSeconds, j.maxSeconds),
                         String(format: "%.3f", j.cpuSeconds),
                         String(format: "%.0f", j.stepsPerSecond), String(format: "%.0f", j.stepsPerCPUSecond), String(format: "%.4g", j.llc)])
        }
        var overheads: [String] = []
        for r in results {
            guard let b = r.outsideStepsBudgeted, let f = r.outsideStepsFullData else { continue }
            overheads.append(String(format: "- %@: a default `rlct llc` run (4 chains, 500 burn-in, 2000 draws, thin 10, batch %d) spends %.0f%% of its chain time outside the SGLD steps with the diagnostics budget, %.0f%% with the full-data loss at every draw and 100 probes per chain.\n",
                                    r.name, r.batchSize, 100 * b, 100 * f))
        }
        let jobShape = "the devinterp-shaped LLC job: 4 chains one after another on one thread, 200 draws each, no burn-in, a draw at every step, the minibatch loss at draws, λ̂ summarised at the end; run 3 times, the median run shown with the fastest and slowest"
        let machine = BenchCommand.machineDescription()
        let date = BenchCommand.today()
        if json {
            print(try JSONOutput.string(BenchReport(machine: machine, date: date, command: commandLine, results: results)), terminator: "")
        } else {
            print("SGLD throughput, n = \(n), batch \(batch), \(machine)\n")
            if !jobOnly { print(table.renderText() + "\n", terminator: "") }
            if !jobs.rows.isEmpty {
                print("End to end, \(jobShape):\n")
                print(jobs.renderText(), terminator: "")
            }
            if !overheads.isEmpty { print("\n" + overheads.joined(), terminator: "") }
        }
        if let markdown {
            var doc = "# Benchmarks\n\nWritten by `make bench` (release build) on \(date) with\n\n```console\n$ \(commandLine)\n```\n\n"
            doc += "Machine: \(machine).\n\n"
            doc += "SGLD at n = \(n), batch \(batch), \(steps) steps per chain on the small models (fewer on the larger ones); \"all cores\" runs one chain per core and counts every chain's steps; "
            doc += "CPU s is the CPU time (user + system) of the one-thread measurement, which other load on the machine does not inflate; ns/gradient is one minibatch loss + gradient call.\n\n"
            doc += table.renderMarkdown()
            doc += "\nTargets: ≥ 10⁶ steps/s on one thread for the polynomial models, ≥ 10⁴ for the 1,200-parameter network, ≥ 1.8× from two cores.\n\n"
            for r in results {
                let target = r.parameters <= 2 ? 1e6 : (r.parameters >= 1000 && r.parameters < 5000 ? 1e4 : nil)
                let speed = target.map { r.stepsPerSecondSingle >= $0 ? "meets \(String(format: "%.0e", $0)) steps/s" : "below \(String(format: "%.0e", $0)) steps/s" }
                let scaling = r.speedup >= 1.8 ? "meets 1.8×" : "below 1.8×"
                doc += "- \(r.name): \([speed, scaling].compactMap { $0 }.joined(separator: "; ")).\n"
            }
            if !jobs.rows.isEmpty {
                doc += "\nEnd to end, \(jobShape). Steps per CPU s = 800 / job CPU s:\n\n" + jobs.renderMarkdown()
                doc += "\nTargets, one thread: ≥ 3,000 steps/s end to end on the 5.5k MLP, ≥ 450 on the 100k classifier.\n\n"
                for r in results {
                    guard let j = r.llcJob else { continue }
                    let target = r.parameters < 50_000 ? 3000.0 : 450.0
                    let verdict = { (x: Double) in x >= target ? "meets" : "below" }
                    doc += "- \(r.name): \(verdict(j.stepsPerSecond)) \(String(format: "%.0f", target)) steps/s by wall time, \(verdict(j.stepsPerCPUSecond)) by CPU time.\n"
                }
            }
            if !overheads.isEmpty { doc += "\n" + overheads.joined() }
            doc += "\nTwo-core speed-ups vary by about ±0.1 between runs on this machine (a shared virtual machine); rerun `make bench` to refresh this page.\n"
            doc += "The comparison with devinterp is written below by `make bench-peer` (`scripts/bench-peer.sh`), which `make bench` keeps.\n"
            if let peer = BenchCommand.peerSection(of: markdown) {
                doc += "\n" + peer + "\n"
            }
            try markdown.write(doc)
        }
    }

    /// The markers of the section `make bench-peer` writes (scripts/bench_peer.py).
    static let peerBegin = "<!-- bench-peer: begin -->", peerEnd = "<!-- bench-peer: end -->"

    /// The section `make bench-peer` wrote into the page at `target`, markers included (nil: none).
    static func peerSection(of target: OutputTarget) -> String? {
        guard !target.isStandardOutput, let text = try? String(contentsOfFile: target.path, encoding: .utf8),
              let begin = text.range(of: peerBegin), let end = text.range(of: peerEnd, range: begin.upperBound..<text.endIndex)
        else { return nil }
        return String(text[begin.lowerBound..<end.upperBound])
    }

    /// The command as run, for the page: `rlct bench` and the flags that change the numbers.
    var commandLine: String {
        var parts = ["rlct bench"]
        if steps != 2_000_000 { parts.append("--steps \(steps)") }
        if let filter { parts.append("--filter \(filter.contains(" ") ? "'\(filter)'" : filter)") }
        if jobOnly { parts.append("--job-only") }
        if let markdown { parts.append("--markdown \(markdown.path)") }
        return parts.joined(separator: " ")
    }

    struct BenchReport: Codable {
        var machine: String
        var date: String
        var command: String
        var results: [BenchmarkResult]
    }

    static func today() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }

    /// CPU model, core count, memory, OS and BLAS, as `rlct doctor` reports them.
    static func machineDescription() -> String {
        let info = ProcessInfo.processInfo
        var cpu = "unknown CPU"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            cpu = name.trimmingCharacters(in: .whitespaces)
        }
        let gib = Double(info.physicalMemory) / 1_073_741_824
        let blas = "\(BLAS.library) \(BLAS.version) (\(BLAS.configuration)), \(BLAS.threads) thread per call"
        return "\(cpu), \(info.activeProcessorCount) cores, \(String(format: "%.0f", gib)) GiB, \(info.operatingSystemVersionString); BLAS \(blas)"
    }
}
