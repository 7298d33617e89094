import Foundation
import Testing
import TestSupport

/// `rlct train` writes checkpoints and train.csv; `rlct llc --checkpoints`
/// reads them back and prints one row per checkpoint.
@Suite struct TrainCommandTests {
    static let spec = """
        {"name": "tiny", "model": {"kind": "mlp", "widths": [2, 4, 1], "activations": "tanh", "sigma": 0.5},
         "truth": {"widths": [2, 2, 1], "seed": 3}, "data": {"kind": "synthetic", "n": 300, "seed": 4}, "prior": {"kind": "normal", "sigma": 5}}
        """

    func train(_ dir: URL, out: String = "run", seed: String = "1") throws -> CommandResult {
        try Self.spec.write(to: dir.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
        return try runRLCT(["train", "--spec", "tiny.json", "--steps", "300", "--lr", "0.02", "--optimizer", "adam", "--batch", "30",
                            "--checkpoint-every", "100", "--out", out, "--seed", seed, "--quiet"], in: dir)
    }

    @Test func trainWritesCheckpointsAndTheLossCSV() throws {
        let dir = try temporaryDirectory()
        let r = try train(dir)
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("run").path).sorted()
        #expect(files == ["step-000000.safetensors", "step-000100.safetensors", "step-000200.safetensors", "step-000300.safetensors", "train.csv"])
        let csv = try String(contentsOf: dir.appendingPathComponent("run/train.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5 && csv[0] == "step,train_loss,minibatch_loss,weight_norm")
        let losses = csv.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[1])! }
        #expect(losses.last! < losses.first!)
        // Same seed, same weights.
        let again = try train(dir, out: "run2")
        #expect(again.status == 0)
        for name in files where name.hasSuffix(".safetensors") {
            let a = try Data(contentsOf: dir.appendingPathComponent("run/\(name)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("run2/\(name)"))
            #expect(a == b, "\(name)")
        }
    }

    @Test func outMustBeADirectory() throws {
        let dir = try temporaryDirectory()
        try "x".write(to: dir.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let r = try train(dir, out: "file")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--out file: exists and is not a directory"), "\(r.stderr)")
    }

    @Test func llcAlongCheckpointsHasOneRowEach() throws {
        let dir = try temporaryDirectory()
        #expect(try train(dir).status == 0)
        let args = ["llc", "--spec", "tiny.json", "--checkpoints", "run", "--sampler", "mala", "--step-size", "1e-3",
                    "--chains", "2", "--draws", "200", "--burn-in", "100", "--target-mcse", "0", "--quiet"]
        let r = try runRLCT(args + ["--plot", "curve.svg", "--csv", "curve.csv"], in: dir)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { line in ["0", "100", "200", "300"].contains(line.split(separator: " ").first.map(String.init) ?? "") }
        #expect(rows.count == 4, "\(r.stdout)")
        let csv = try String(contentsOf: dir.appendingPathComponent("curve.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5)
        let svg = try String(contentsOf: dir.appendingPathComponent("curve.svg"), encoding: .utf8)
        #expect(svg.contains("second-axis"))
        // The same JSON, timings aside, from a second run.
        func stripped(_ r: CommandResult) throws -> [[String: String]] {
            let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let rows = try #require(j["checkpoints"] as? [[String: Any]])
            return rows.map { row in ["llc_mean": "\(row["llc_mean"]!)", "mcse_mean": "\(row["mcse_mean"] ?? "")", "chains": "\(row["chains"]!)"] }
        }
        let a = try runRLCT(args + ["--json"], in: dir), b = try runRLCT(args + ["--json"], in: dir)
        #expect(try stripped(a) == stripped(b))
        #expect(try stripped(a).count == 4)
    }

    @Test func optimizeCenterShowsTheGradientBeforeAndAfter() throws {
        let dir = try temporaryDirectory()
        #expect(try train(dir).status == 0)
        let r = try runRLCT(["llc", "--spec", "tiny.json", "--checkpoints", "run/step-000100.safetensors,run/step-000300.safetensors",
                             "--optimize-center", "--sampler", "mala", "--step-size", "1e-3", "--chains", "2", "--draws", "200",
                             "--burn-in", "100", "--target-mcse", "0", "--json"], in: dir)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(j["checkpoints"] as? [[String: Any]])
        #expect(rows.count == 2)
        for row in rows {
            let move = try #require(row["optimize_center"] as? [String: Any])
            let before = try #require(move["gradient_norm_before"] as? Double), after = try #require(move["gradient_norm_after"] as? Double)
            #expect(after < before)
        }
    }
}
