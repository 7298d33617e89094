import Foundation
import Testing
import TestSupport

/// `mpirun -n N rlct …` (an MPI build: `make build-mpi`, `make test-mpi`): the
/// same JSON as one process for any N, a failing job reported with its rank,
/// and `--resume` completing a cut-short run (docs/cluster.md). Skipped, with
/// the reason, when this rlct was built without the MPI trait or mpirun is missing.
@Suite(.serialized, .enabled(if: MPIRun.available, "MPI tests skipped: \(MPIRun.unavailableReason)"))
struct MPICommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// `regress --quick --json` on 1 process and on 2 and 4 ranks: the same JSON once timings are dropped.
    @Test func quickRegressionIsIdenticalOnTwoAndFourRanks() throws {
        let args = ["regress", Self.fixtures.path, "--quick", "--quiet", "--json"]
        let one = try runRLCT(args)
        #expect(one.status == 0, "\(one.stderr)")
        let reference = DeterminismTests.withoutTimings(one.stdout)
        #expect(reference.contains("\"outcomes\""))
        for n in [2, 4] {
            let r = try MPIRun.run(ranks: n, args)
            #expect(r.status == 0, "\(n) ranks: \(r.stderr)")
            #expect(DeterminismTests.withoutTimings(r.stdout) == reference, "\(n) ranks: the JSON differs from one process")
        }
    }

    /// A calibration grid (eight cells) on 2 and 4 ranks: the same JSON as one process.
    @Test func calibrationGridIsIdenticalOnTwoAndFourRanks() throws {
        let args = ["calibrate", "--polynomial", "w1^2*w2^4", "--sampler", "mala", "--step-sizes", "1e-4,3e-4,1e-3,3e-3",
                    "--localizations", "1,10", "--draws", "200", "--burn-in", "100", "--chains", "2", "--seed", "3", "--json"]
        let one = try runRLCT(args)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("\"cells\""))
        for n in [2, 4] {
            let r = try MPIRun.run(ranks: n, args)
            #expect(r.status == 0, "\(n) ranks: \(r.stderr)")
            #expect(r.stdout == one.stdout, "\(n) ranks: the calibration JSON differs from one process")
        }
    }

    /// A check whose sampler diverges on purpose (SGLD at step 10) fails: exit 1 as in
    /// one process, the same failed row, and the message names the job's rank.
    @Test func aFailingJobIsReportedWithItsRank() throws {
        let args = ["regress", Self.fixtures.path, "--quick", "--quiet", "--json", "--methods", "llc", "--filter", "potential",
                    "--sampler", "sgld", "--step-size", "10"]
        let one = try runRLCT(args)
        #expect(one.status == 1, "\(one.stderr)")
        let r = try MPIRun.run(ranks: 2, args)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("failed on rank "), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("diverged"), "stderr: \(r.stderr)")
        #expect(DeterminismTests.withoutTimings(r.stdout) == DeterminismTests.withoutTimings(one.stdout))
    }

    /// A volume check in pieces whose setup piece fails (w* off the minimum): the same failed
    /// row on 3 ranks as in one process, and the message names the piece and its rank.
    @Test func aFailedPieceIsReportedWithItsRank() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try RegressCommandTests.offMinimumFixture.write(to: dir.appendingPathComponent("off.json"), atomically: true, encoding: .utf8)
        let args = ["regress", dir.path, "--quiet", "--json"]
        let one = try runRLCT(args)
        #expect(one.status == 1, "\(one.stderr)")
        let r = try MPIRun.run(ranks: 3, args)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("volume, setup) failed on rank "), "stderr: \(r.stderr)")
        #expect(DeterminismTests.withoutTimings(r.stdout) == DeterminismTests.withoutTimings(one.stdout))
    }

    /// A run cut short (its JSON keeps only the first third of the outcomes) is
    /// completed by `--resume`: only the missing checks run, and the report is the full one.
    @Test func resumeCompletesATruncatedRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.json"), partial = dir.appendingPathComponent("partial.json")
        let resumed = dir.appendingPathComponent("resumed.json")
        let base = ["regress", Self.fixtures.path, "--quick", "--quiet"]
        let complete = try runRLCT(base + ["--json-file", full.path])
        #expect(complete.status == 0, "\(complete.stderr)")
        // Keep the first third of the outcomes, as a run killed a third of the way leaves them.
        var report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: full)) as? [String: Any])
        let outcomes = try #require(report["outcomes"] as? [Any])
        let kept = outcomes.count / 3
        report["outcomes"] = Array(outcomes.prefix(kept))
        try JSONSerialization.data(withJSONObject: report).write(to: partial)

        // Without --quiet, so that rank 0 prints its schedule line (standard error is no terminal: no progress line).
        let schedule = dir.appendingPathComponent("schedule.json")
        let r = try MPIRun.run(ranks: 2, ["regress", Self.fixtures.path, "--quick", "--resume", partial.path, "--json-file", resumed.path],
                               environment: ["RLCT_MPI_SCHEDULE": schedule.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("mpi: 2 ranks"), "stderr: \(r.stderr)")
        // Only the missing checks ran: every job (a check, or a piece of a split volume or
        // free-energy check, labelled `fixture method, piece`) is one of them, and each of them ran.
        let jobs = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: schedule)) as? [String: Any])?["jobs"] as? [[String: Any]])
        let ran = Set(jobs.compactMap { ($0["label"] as? String)?.components(separatedBy: ", ").first })
        let missing = Set(outcomes.dropFirst(kept).compactMap { o -> String? in
            guard let o = o as? [String: Any], let f = o["fixture"] as? String, let m = o["method"] as? String else { return nil }
            return "\(f) \(m)"
        })
        #expect(!missing.isEmpty && ran == missing, "ran \(ran.subtracting(missing)) beyond, missed \(missing.subtracting(ran))")
        #expect(jobs.count > missing.count, "the volume and free-energy checks among them run in pieces")
        let a = DeterminismTests.withoutTimings(try String(contentsOf: full, encoding: .utf8))
        let b = DeterminismTests.withoutTimings(try String(contentsOf: resumed, encoding: .utf8))
        #expect(a == b, "the resumed report differs from the complete run's")
    }

    /// The other distributed commands: an SGD ensemble (chunks of trajectories and, by
    /// default, 4 more replicates), a sweep (one job per value and replicate), select's
    /// simulated replicates (one job each) and the LLC along training checkpoints (one job per checkpoint).
    @Test func sgdSweepSelectAndCheckpointsAreIdenticalOnThreeRanks() throws {
        let sgd = ["sgd", "--q", "(w+1.6)*(w-1.6)^2", "--trajectories", "300", "--steps", "2000", "--seed", "2", "--json", "--quiet"]
        let sweep = ["sgd-sweep", "--over", "lr", "--values", "0.01,0.02,0.03", "--trajectories", "100", "--steps", "1000", "--json", "--quiet"]
        let select = ["select", "--model", "rrr", "--input", "4", "--output", "3", "--max-rank", "3", "--true-rank", "1",
                      "--simulate", "20", "--sample-sizes", "50,100", "--json", "--quiet"]
        for args in [sgd, sweep, select] {
            let one = try runRLCT(args)
            #expect(one.status == 0, "\(one.stderr)")
            let r = try MPIRun.run(ranks: 3, args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(DeterminismTests.withoutTimings(r.stdout) == DeterminismTests.withoutTimings(one.stdout),
                    "\(args[0]) on 3 ranks differs from one process")
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try TrainCommandTests.spec.write(to: dir.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
        let train = try runRLCT(["train", "--spec", "tiny.json", "--steps", "300", "--lr", "0.02", "--optimizer", "adam", "--batch", "30",
                                 "--checkpoint-every", "100", "--out", "run", "--seed", "1", "--quiet"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let curve = ["llc", "--spec", dir.appendingPathComponent("tiny.json").path, "--checkpoints", dir.appendingPathComponent("run").path,
                     "--sampler", "mala", "--step-size", "1e-3", "--chains", "2", "--draws", "200", "--burn-in", "100",
                     "--target-mcse", "0", "--quiet", "--json"]
        let one = try runRLCT(curve)
        let r = try MPIRun.run(ranks: 3, curve)
        #expect(r.status == one.status, "\(r.stderr)")
        #expect(DeterminismTests.withoutTimings(r.stdout) == DeterminismTests.withoutTimings(one.stdout),
                "llc --checkpoints on 3 ranks differs from one process")
    }

    /// The doctor's MPI line: built in, the library, the rank count.
    @Test func doctorReportsTheRanks() throws {
        let r = try MPIRun.run(ranks: 2, ["doctor"])
        #expect(r.stdout.contains("MPI      Open MPI"), "\(r.stdout)")
        #expect(r.stdout.contains("2 ranks"), "\(r.stdout)")
        // Rank 0 alone prints.
        #expect(r.stdout.components(separatedBy: "rlct doctor").count == 2)
    }
}

/// Runs the tests' `rlct` under mpirun (as root in containers, more ranks than cores).
enum MPIRun {
    static let mpirun: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/mpirun"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Whether the rlct beside the tests has MPI built in (its doctor says so).
    static let builtIn: Bool = {
        guard let r = try? runRLCT(["doctor", "--json"]),
              let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let mpi = json["mpi"] as? [String: Any] else { return false }
        return mpi["built_in"] as? Bool ?? false
    }()

    static var available: Bool { mpirun != nil && builtIn }

    static var unavailableReason: String {
        if !builtIn { return "this rlct was built without the MPI trait (build it with `make build-mpi`, test with `make test-mpi`)" }
        return "no mpirun on PATH (scripts/setup.sh --mpi installs openmpi-bin)"
    }

    static func run(ranks: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try runUnderMPI(mpirun: mpirun!, ranks: ranks, arguments, environment: environment)
    }
}
