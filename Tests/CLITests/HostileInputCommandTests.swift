import Foundation
import Testing
import TestSupport

/// Hostile input through the binary: exit 2 with one clear message naming the
/// flag or field, never a trap (132), an allocation failure (134) or a hang.
@Suite struct HostileInputCommandTests {
    @Test(arguments: [
        (["llc", "--polynomial", "w", "--draws", "9223372036854775807"], "--draws: 9223372036854775807 draws × thin 10 + burn-in 500 steps per chain overflow a 64-bit count"),
        (["llc", "--polynomial", "w", "--draws", "922337203685477580", "--thin", "10"], "--draws: 922337203685477580 draws × thin 10"),
        (["llc", "--polynomial", "w", "--n", "9223372036854775807"], "--n: "),
        (["llc", "--polynomial", "w", "--chains", "1000000000"], "--chains: 1000000000 chains × 2000 draws need about 64 TB of memory"),
        (["llc", "--q", "w", "--n", "1000000000000"], "--n: 1000000000000 "),
        (["llc", "--polynomial", "w", "--n", "2"], "nbeta: the default nβ = n/log n needs n ≥ 3, got n = 2"),
        (["llc", "--polynomial", "w", "--sampler", "sgnht", "--diffusion=-1"], "--diffusion: expected a finite number ≥ 0, got -1.0"),
        (["llc", "--polynomial", "w", "--sampler", "sgnht", "--diffusion", "inf"], "--diffusion: expected a finite number ≥ 0, got inf"),
        (["llc", "--polynomial", "w", "--localization", "inf"], "--localization: expected a finite number ≥ 0, got inf"),
        (["llc", "--polynomial", "w", "--nbeta", "inf"], "--nbeta: expected a positive finite number, got inf"),
        (["free-energy", "--polynomial", "w", "--method", "ti", "--rungs", "9223372036854775806"], "--rungs: "),
    ])
    func refusedWithExitTwo(_ arguments: [String], _ message: String) throws {
        let r = try runRLCT(arguments + ["--quiet"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("CommandError") && !r.stderr.contains("Fatal") && !r.stderr.contains("crashed"), "\(r.stderr)")
    }

    /// A FIFO as CSV data is refused at once (no writer ever opens it), and /dev/null is not a data file.
    @Test func specialFilesAsCSV() throws {
        let dir = try temporaryDirectory()
        #expect(mkfifo(dir.appendingPathComponent("fifo.csv").path, 0o600) == 0)
        for file in ["fifo.csv", "/dev/null"] {
            let spec = #"{"model": {"kind": "linearRegression", "inputs": 1, "outputs": 1}, "data": {"kind": "csv", "file": "\#(file)", "inputs": ["x"], "outputs": ["y"]}}"#
            let specFile = dir.appendingPathComponent("spec.json")
            try spec.write(to: specFile, atomically: true, encoding: .utf8)
            let r = try runRLCT(["model", "--spec", specFile.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("not a regular file"), "\(r.stderr)")
        }
    }

    /// One hostile fixture among good ones: regress runs the good one, names the
    /// hostile file and field once on stderr, and exits 2.
    @Test func regressReportsAHostileFixtureAndRunsTheOthers() throws {
        let dir = try temporaryDirectory()
        let good = #"{"name": "good-w4", "model": {"kind": "potential", "k": "w^4", "n": 10000}, "expected": {"lambda": "1/4", "multiplicity": 1, "tolerance": 0.01}}"#
        let hostile = #"{"model": {"kind": "potential", "k": "w^4", "n": 10000}, "expected": {"lambda": "1/4", "tolerance": 0.05}, "sampler": {"kind": "sgld", "chains": 1e9}, "checks": [{"method": "llc"}]}"#
        let syntax = "{\"model\": {\"kind\": \"potential\",\n \"k\": \"w\", \"k\": \"w^2\", \"n\": 10}}"
        try good.write(to: dir.appendingPathComponent("a-good.json"), atomically: true, encoding: .utf8)
        try hostile.write(to: dir.appendingPathComponent("b-hostile.json"), atomically: true, encoding: .utf8)
        try syntax.write(to: dir.appendingPathComponent("c-duplicate.json"), atomically: true, encoding: .utf8)
        let r = try runRLCT(["regress", dir.path, "--quiet"])
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("a-good.json") && r.stdout.contains("pass"), "\(r.stdout)")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let hostileLine = try #require(lines.first { $0.contains("b-hostile.json") }, "\(r.stderr)")
        #expect(hostileLine.contains("sampler.chains: 1000000000 chains × 2000 draws need about 64 TB of memory"), "\(hostileLine)")
        let duplicateLine = try #require(lines.first { $0.contains("c-duplicate.json") }, "\(r.stderr)")
        #expect(duplicateLine.contains("c-duplicate.json:2:12: model.k: duplicate key \"k\""), "\(duplicateLine)")
        #expect(duplicateLine.components(separatedBy: "c-duplicate.json").count == 2, "the path once: \(duplicateLine)")
    }
}

/// `rlct analytic` sizes near 2^62 are refused before the exact formulas multiply them.
@Suite struct HostileAnalyticSizeTests {
    @Test(arguments: [
        ["--model", "tanh", "--hidden", "4611686018427387904"],
        ["--model", "dln", "--widths", "4611686018427387904,3,2", "--true-rank", "1"],
        ["--model", "rrr", "--input", "4611686018427387904", "--hidden", "3", "--output", "5", "--true-rank", "1"],
        ["--model", "regular", "--dimension", "9223372036854775807"],
    ])
    func hugeSizesExitTwo(_ arguments: [String]) throws {
        let r = try runRLCT(["analytic"] + arguments)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("at most 100000"), "\(r.stderr)")
    }
}
