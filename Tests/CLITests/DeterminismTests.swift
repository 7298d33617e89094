import Foundation
import Testing
import TestSupport

/// Same spec and seed, same bytes: the binary runs in five separate processes
/// (Swift seeds `Dictionary`/`Set` hashing per process, so an iteration order
/// that reached a number or a line would show up here as a difference), with
/// one and two worker threads, and the outputs are compared byte for byte
/// once wall-clock fields ("seconds", "date") are removed.
@Suite(.serialized) struct DeterminismTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The output without wall-clock time: JSON lines with "seconds" or
    /// "date" keys, and the "(12.3 s)" that ends the regression summary.
    static func withoutTimings(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"seconds\"") && !$0.contains("\"date\"") && !$0.contains("_seconds\"") }
            .map { $0.replacing(/\([0-9.]+ s\)$/, with: "(… s)") }
            .joined(separator: "\n")
    }

    /// Runs `arguments` five times and expects exit 0 and identical output.
    /// `threads` alternates when the command takes `--jobs`.
    func expectFiveIdenticalRuns(_ arguments: [String], jobs: Bool = false) throws {
        var outputs: [String] = []
        for run in 0..<5 {
            let args = jobs ? arguments + ["--jobs", run % 2 == 0 ? "1" : "2"] : arguments
            let r = try runRLCT(args)
            #expect(r.status == 0, "\(args.joined(separator: " ")): \(r.stderr)")
            outputs.append(Self.withoutTimings(r.stdout))
        }
        #expect(!outputs[0].isEmpty)
        for k in 1..<5 {
            #expect(outputs[k] == outputs[0], "run \(k + 1) of \(arguments.joined(separator: " ")) differs from run 1")
        }
    }

    /// Every fixture's quick checks (analytic, LLC, temperature, volume, free-energy fits).
    @Test func quickRegressionIsByteIdenticalAcrossProcesses() throws {
        try expectFiveIdenticalRuns(["regress", Self.fixtures.path, "--quick", "--quiet", "--json"], jobs: true)
    }

    /// The reproductions of the nondeterminism report: polynomial expansion
    /// (coefficients were summed in hash order) and the MALA LLC that gave
    /// λ̂ = 0.2317, 0.3127, 0.2317 in three runs.
    @Test func polynomialCommandsAreByteIdenticalAcrossProcesses() throws {
        try expectFiveIdenticalRuns(["polynomial", "(w+1.6)^4*(w-1.6)^6", "--json"])
        try expectFiveIdenticalRuns(["analytic", "--polynomial", "(w+1.6)^4*(w-1.6)^6", "--at", "w=-1.6"])
        try expectFiveIdenticalRuns(["llc", "--polynomial", "(w+1.6)^4*(w-1.6)^6", "--at", "w=-1.6", "--prior", "uniform:-3,3",
                                     "--sampler", "mala", "--step-size", "0.001", "--seed", "5", "--json", "--quiet"])
    }
}
