import Foundation
import Testing
import TestSupport

@Suite struct SGDCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try runRLCT(arguments + ["--json", "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func sgdOneDimensionalJSONAndPlots() throws {
        let dir = try temporaryDirectory()
        let svg = dir.appendingPathComponent("escape.svg").path
        let o = try json(["sgd", "--q", "(w+1.7)*(w-1.7)^2", "--lr", "0.02", "--batch", "32", "--trajectories", "1000",
                          "--steps", "300", "--seed", "2", "--plot", svg])
        for key in ["q", "variables", "learning_rate", "batch_size", "momentum", "steps", "trajectories", "samples",
                    "seed", "init_range", "diverged", "escape", "posterior"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["samples"] as? Int == 9600)
        let escape = try #require(o["escape"] as? [String: Any])
        #expect((escape["basins"] as? [String: Any])?["orders"] as? [Int] == [1, 2])
        #expect(((escape["fit"] as? [String: Any])?["rate"] as? Double ?? 0) > 0)
        let posterior = try #require(o["posterior"] as? [String: Any])
        #expect(posterior["total_variation"] is Double)
        #expect(FileManager.default.fileExists(atPath: svg))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape-hist.svg").path))
    }

    @Test func sgdTwoDimensionalText() throws {
        let r = try runRLCT(["sgd", "--q", "(w1^2+w2^2)*w1", "--trajectories", "200", "--steps", "200", "--samples", "0",
                             "--momentum", "0.5", "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("Distance to the origin"))
        #expect(r.stdout.contains("fresh samples every step"))
        #expect(r.stdout.contains("mean |w2|"))
    }

    @Test func badInputExitsTwoNamingTheFlag() throws {
        let q = try runRLCT(["sgd", "--q", "(w+1.6*(w-1.6)^2", "--quiet"])
        #expect(q.status == 2)
        #expect(q.stderr.contains("--q: column"))
        let lr = try runRLCT(["sgd", "--lr", "-0.1", "--quiet"])
        #expect(lr.status == 2 && lr.stderr.contains("--lr"))
        let over = try runRLCT(["sgd-sweep", "--over", "momentum", "--values", "0.1"])
        #expect(over.status == 2 && over.stderr.contains("--over"))
        let pts = try runRLCT(["sgd-noise", "--points", "1;x"])
        #expect(pts.status == 2 && pts.stderr.contains("--points"))
    }

    @Test func sweepJSON() throws {
        let o = try json(["sgd-sweep", "--over", "w0", "--values", "1.5,1.8", "--lr", "0.02", "--trajectories", "500",
                          "--steps", "200"])
        let result = try #require(o["result"] as? [String: Any])
        let rows = try #require(result["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["escaped_fraction"] as? Double == 0)
        #expect((rows[1]["escaped_fraction"] as? Double ?? 0) > 0.9)
        #expect(o["onset"] as? Double == 1.8)
    }

    @Test func noiseText() throws {
        let r = try runRLCT(["sgd-noise", "--q", "(w1^2+w2^2)*w1", "--points", "0.01,1;0.5,0.5", "--batches", "2000", "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("B·tr Σ̂/tr H"))
    }
}

/// Every example in the help of the seed-experiment commands parses and runs
/// (exit 0). The examples run as printed, with size flags appended (the last
/// value of a repeated option wins) so that the test stays small.
@Suite struct SeedCommandHelpExampleTests {
    static let shrink: [String: [String]] = [
        "sgd": ["--trajectories", "40", "--steps", "40"],
        "sgd-sweep": ["--trajectories", "40", "--steps", "40", "--replicates", "2"],
        "sgd-noise": ["--batches", "200"],
        "langevin": ["--steps", "2000", "--burn-in", "100", "--trajectories", "2"],
        "sphere": ["--steps", "60", "--walkers", "20", "--shell-samples", "20", "--baselines", "5", "--perturbations", "2"],
        "walk": ["--steps", "400", "--walkers", "20"],
        "sgd-posterior": ["--trajectories", "20", "--n", "64,128"],
        "sgd-langevin": ["--steps", "50", "--trajectories", "20"],
        "critical-points": ["--samples", "200", "--starts", "4"],
    ]

    /// Splits a shell command line on blanks outside double quotes and drops the quotes.
    static func words(_ line: String) -> [String] {
        var out: [String] = [], current = "", quoted = false, started = false
        for c in line {
            if c == "\"" { quoted.toggle(); started = true; continue }
            if c == " " && !quoted {
                if started { out.append(current) }
                current = ""; started = false
            } else { current.append(c); started = true }
        }
        if started { out.append(current) }
        return out
    }

    @Test(arguments: ["sgd", "sgd-sweep", "sgd-noise", "langevin", "sphere", "walk", "sgd-posterior", "sgd-langevin", "critical-points"])
    func helpExamplesRun(_ command: String) throws {
        let help = try runRLCT([command, "--help"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let examples = lines.drop { !$0.hasPrefix("Examples:") }.filter { $0.hasPrefix("rlct \(command) ") }
        #expect(!examples.isEmpty, "no examples in rlct \(command) --help")
        let dir = try temporaryDirectory()
        for example in examples {
            let args = Array(Self.words(example).dropFirst()) + (Self.shrink[command] ?? []) + ["--quiet"]
            let r = try runRLCT(args, in: dir)
            #expect(r.status == 0, "\(example): exit \(r.status), \(r.stderr)")
        }
    }
}
