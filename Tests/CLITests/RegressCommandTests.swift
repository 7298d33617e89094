import Foundation
import Testing
import TestSupport

/// `rlct regress` over the shipped fixtures and over deliberately broken ones.
@Suite struct RegressCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    /// Table rows on stdout: the lines between the rule under the header and the blank line before the summary.
    func tableRows(_ stdout: String) -> [String] {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("-----") }) else { return [] }
        return Array(lines[(rule + 1)...].prefix { !$0.isEmpty })
    }

    /// Every shipped fixture passes in quick mode, and the JSON, JUnit, Markdown
    /// and SVG outputs agree with the table they were written beside.
    @Test func quickRunOverAllFixturesPassesAndEveryOutputAgrees() throws {
        let dir = try temporaryDirectory()
        let json = dir.appendingPathComponent("r.json").path, junit = dir.appendingPathComponent("r.xml").path
        let markdown = dir.appendingPathComponent("r.md").path, plot = dir.appendingPathComponent("r.svg").path
        let r = try runRLCT(["regress", Self.fixtures.path, "--quick", "--jobs", "2", "--json-file", json, "--junit", junit,
                             "--markdown", markdown, "--plot", plot, "--quiet"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let rows = tableRows(r.stdout)

        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let outcomes = try #require(report["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == rows.count)
        let passed = try #require(report["passed"] as? Int), skipped = try #require(report["skipped"] as? Int)
        #expect(report["failed"] as? Int == 0 && passed + skipped == outcomes.count)
        #expect(skipped == outcomes.filter { $0["status"] as? String == "skip" }.count)
        let files = Set(outcomes.compactMap { $0["fixture"] as? String })
        #expect(files.count >= 40, "every fixture has its analytic row")
        let llc = outcomes.filter { $0["method"] as? String == "llc" && $0["status"] as? String != "skip" }
        #expect(llc.count >= 10)
        for o in llc { #expect(o["error"] is Double && o["estimate"] is Double) }
        // Sampled checks carry their verdict; the fit checks do not.
        for o in llc { #expect((o["verdict"] as? [String: Any])?["level"] is String) }
        #expect(outcomes.filter { $0["method"] as? String == "freeEnergyFit" }.allSatisfy { $0["verdict"] == nil })

        let (ok, elements) = XMLElements.parse(try String(contentsOfFile: junit, encoding: .utf8))
        #expect(ok)
        let cases = XMLElements.named("testcase", in: elements)
        #expect(cases.count == rows.count)
        #expect(XMLElements.named("failure", in: elements).isEmpty)
        let root = try #require(XMLElements.named("testsuites", in: elements).first)
        #expect(root["tests"] == "\(rows.count)" && root["failures"] == "0")
        let suites = XMLElements.named("testsuite", in: elements)
        #expect(suites.reduce(0) { $0 + (Int($1["tests"] ?? "") ?? 0) } == rows.count)

        let page = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(page.contains("\(rows.count) checks: \(passed) passed, 0 failed, \(skipped) skipped"))
        #expect(page.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == rows.count + 1)

        let (svgOK, counter) = SVGCounter.parse(try String(contentsOfFile: plot, encoding: .utf8))
        #expect(svgOK)
        let methods = Set(outcomes.compactMap { $0["method"] as? String })
        #expect(counter.seriesCount == 2 * methods.count, "one panel per method: its estimates and the line λ̂ = λ")
        #expect(counter.pointCount == outcomes.filter { $0["estimate"] is Double }.count, "one point per estimate")
        for method in ["llc", "temperature", "freeEnergyFit"] {
            #expect(outcomes.contains { $0["method"] as? String == method && $0["status"] as? String == "pass" }, "no \(method) check ran")
        }
    }

    /// A fixture that expects the wrong λ (1/3 for w^4) fails its analytic check and every estimator: exit 1,
    /// each named in the JUnit failures.
    @Test func wrongFixtureExitsOne() throws {
        let dir = try temporaryDirectory()
        var text = try String(contentsOf: Self.fixtures.appendingPathComponent("potential/potential-w-4.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"lambda\": \"1/4\"", with: "\"lambda\": \"1/3\"")
        let file = dir.appendingPathComponent("wrong.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("r.xml").path
        let r = try runRLCT(["regress", file.path, "--quick", "--junit", junit, "--quiet"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        let rows = tableRows(r.stdout)
        #expect(rows.count == 5 && rows.allSatisfy { $0.contains("fail:") }, "analytic, llc, freeEnergyFit, temperature, volume")
        let (ok, elements) = XMLElements.parse(try String(contentsOfFile: junit, encoding: .utf8))
        #expect(ok && XMLElements.named("failure", in: elements).count == rows.count)
    }

    /// A malformed fixture stops the run before anything is estimated: exit 2, naming the file and the JSON path.
    @Test func malformedFixtureExitsTwoNamingFileAndPath() throws {
        let dir = try temporaryDirectory()
        let bad = """
        {"model": {"kind": "potential", "k": "w^4", "n": 10000},
         "expected": {"lambda": "1/4", "tolerance": 0.025},
         "checks": [{"method": "llc", "sampler": {"kind": "mala", "stepSize": -1}}]}
        """
        try bad.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let r = try runRLCT(["regress", dir.path, "--quiet"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.json") && r.stderr.contains("checks[0].sampler.stepSize"), "\(r.stderr)")

        let noFixture = try runRLCT(["regress", dir.appendingPathComponent("missing").path])
        #expect(noFixture.status == 2 && noFixture.stderr.contains("no such file"))
        let filtered = try runRLCT(["regress", Self.fixtures.path, "--filter", "no-fixture-is-called-this"])
        #expect(filtered.status == 2 && filtered.stderr.contains("no fixture matches"))
    }

    /// The same fixtures give the same estimates whatever --jobs is.
    @Test func estimatesDoNotDependOnJobs() throws {
        let dir = try temporaryDirectory()
        var estimates: [[Double]] = []
        for jobs in ["1", "3"] {
            let json = dir.appendingPathComponent("r\(jobs).json").path
            let r = try runRLCT(["regress", Self.fixtures.appendingPathComponent("potential").path, "--quick", "--jobs", jobs, "--json-file", json, "--quiet"])
            #expect(r.status == 0)
            let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            estimates.append((report["outcomes"] as? [[String: Any]] ?? []).compactMap { $0["estimate"] as? Double })
        }
        #expect(!estimates[0].isEmpty && estimates[0] == estimates[1])
    }

    /// A volume check runs as pieces (its setup, then one per ε); when the setup piece fails
    /// (here w* = (0.5, 0) is no minimum of w1² + w2²), the row is the failed one with the
    /// setup's message, whatever --jobs is, and the exit code is 1.
    @Test func aFailedVolumePieceFailsItsCheck() throws {
        let dir = try temporaryDirectory()
        try Self.offMinimumFixture.write(to: dir.appendingPathComponent("off.json"), atomically: true, encoding: .utf8)
        var rows: [[String]] = []
        for jobs in ["1", "3"] {
            let r = try runRLCT(["regress", dir.path, "--jobs", jobs, "--quiet"])
            #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
            rows.append(tableRows(r.stdout).map { $0.replacingOccurrences(of: #"\d+\.\d+ s"#, with: "", options: .regularExpression) })
        }
        #expect(rows[0].count == 2 && rows[0][1].contains("volume") && rows[0][1].contains("goes down to"), "\(rows[0])")
        #expect(rows[0] == rows[1])
    }

    /// A run killed (SIGKILL) while a volume check's nested-sampling replicates run keeps
    /// the finished pieces in its --json-file (`unfinished_pieces`); `--resume` runs only
    /// the other pieces (the schedule lists them) and writes the report a whole run writes.
    @Test func resumeKeepsTheFinishedPiecesOfAKilledRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixtures = dir.appendingPathComponent("fixtures")
        try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        // λ = 4 in d = 8: nested sampling, a setup and four replicates of about a second each.
        try """
        {"name": "sum of 8 squares", "model": {"kind": "potential", "k": "w1^2+w2^2+w3^2+w4^2+w5^2+w6^2+w7^2+w8^2", "n": 1000},
         "expected": {"lambda": "4", "multiplicity": 1, "tolerance": 0.5, "source": "test"}, "checks": [{"method": "volume"}]}
        """.write(to: fixtures.appendingPathComponent("sum8.json"), atomically: true, encoding: .utf8)
        let whole = dir.appendingPathComponent("whole.json"), partial = dir.appendingPathComponent("partial.json")
        let resumed = dir.appendingPathComponent("resumed.json"), schedule = dir.appendingPathComponent("schedule.json")
        let complete = try runRLCT(["regress", fixtures.path, "--quiet", "--json-file", whole.path])
        #expect(complete.status == 0, "\(complete.stderr)")

        // Kill the run once its file holds two finished pieces of the unfinished volume check.
        let process = Process()
        process.executableURL = rlctExecutableURL()
        process.arguments = ["regress", fixtures.path, "--quiet", "--json-file", partial.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var saved: [[String: Any]] = []
        while process.isRunning {
            if let data = try? Data(contentsOf: partial),
               let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let pieces = report["unfinished_pieces"] as? [[String: Any]], pieces.count >= 2 {
                kill(process.processIdentifier, SIGKILL)
                saved = pieces
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        try #require(saved.count >= 2, "the run ended before two pieces were saved")
        #expect(process.terminationReason == .uncaughtSignal)

        let r = try runRLCT(["regress", fixtures.path, "--quiet", "--resume", partial.path, "--json-file", resumed.path],
                            environment: ["RLCT_MPI_SCHEDULE": schedule.path])
        #expect(r.status == 0, "\(r.stderr)")
        let jobs = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: schedule)) as? [String: Any])?["jobs"] as? [[String: Any]])
        // 6 pieces in all: the analytic check, the volume's setup and its 4 replicates.
        #expect(jobs.count == 6 - saved.count, "ran \(jobs.compactMap { $0["label"] })")
        let a = DeterminismTests.withoutTimings(try String(contentsOf: whole, encoding: .utf8))
        let b = DeterminismTests.withoutTimings(try String(contentsOf: resumed, encoding: .utf8))
        #expect(a == b, "the resumed report differs from the whole run's")
        #expect(!b.contains("unfinished_pieces"))
    }

    /// w1² + w2² with its volume measured around (0.5, 0), where K dips 0.25 below K(w*).
    static let offMinimumFixture = """
    {"name": "off the minimum", "model": {"kind": "potential", "k": "w1^2+w2^2", "n": 1000},
     "expected": {"lambda": "1", "multiplicity": 1, "tolerance": 0.05, "source": "test"},
     "llc": {"at": [0.5, 0]}, "checks": [{"method": "volume"}]}
    """

    /// --methods runs only the named estimators' checks (and every analytic one); an unknown name exits 2.
    @Test func methodsSelectTheChecks() throws {
        let json = try temporaryDirectory().appendingPathComponent("r.json").path
        let r = try runRLCT(["regress", Self.fixtures.appendingPathComponent("regression").path, "--methods", "volume",
                             "--quick", "--json-file", json, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let methods = Set((report["outcomes"] as? [[String: Any]] ?? []).compactMap { $0["method"] as? String })
        #expect(methods == ["analytic", "volume"])
        let bad = try runRLCT(["regress", "--methods", "llc,bogus"])
        #expect(bad.status == 2 && bad.stderr.contains("--methods: unknown method 'bogus'"))
    }
}
