import Foundation
import Testing
import TestSupport

@Suite struct LLCCommandTests {
    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func potentialJSONHasTheDocumentedKeys() throws {
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--draws", "500", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try json(r)
        // Diagnostics under their ArviZ names; the verdict with its coded reasons.
        for key in ["llc_mean", "llc_std", "mcse_mean", "nbeta", "r_hat", "ess_bulk", "ess_tail", "divergences", "chains",
                    "target_mcse", "verdict"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        for old in ["rhat", "ess", "llc_mcse", "warnings"] { #expect(j[old] == nil, "old key \(old)") }
        let verdict = try #require(j["verdict"] as? [String: Any])
        #expect(["ok", "check", "unreliable"].contains(verdict["level"] as? String ?? ""))
        let reasons = try #require(verdict["reasons"] as? [[String: Any]])
        #expect(reasons.allSatisfy { $0["code"] is String && $0["level"] is String && $0["message"] is String })
        #expect((j["chains"] as? [Double])?.count == 4)
        let mean = try #require(j["llc_mean"] as? Double)
        #expect(mean > 0.15 && mean < 0.35)
    }

    /// The text report prints the verdict and one line per reason.
    @Test func textShowsTheVerdict() throws {
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--sampler", "mala", "--step-size", "1e-3", "--draws", "500", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        let at = try #require(lines.firstIndex { $0.hasPrefix("verdict: ") })
        // Acceptance ≈ 0.99 at ε = 1e-3 (measured): check, with the advice to increase the step.
        #expect(lines[at] == "verdict: check")
        #expect(lines[(at + 1)...].contains { $0.hasPrefix("  check: acceptance") && $0.contains("increase the step size") })
    }

    @Test func sameSeedSameOutput() throws {
        let a = try runRLCT(["llc", "--q", "w1*w2^2", "--batch", "100", "--draws", "300", "--seed", "5", "--json"])
        let b = try runRLCT(["llc", "--q", "w1*w2^2", "--batch", "100", "--draws", "300", "--seed", "5", "--json"])
        // Wall-clock fields (`*_seconds`) aside, the output is byte-identical.
        #expect(a.status == 0 && DeterminismTests.withoutTimings(a.stdout) == DeterminismTests.withoutTimings(b.stdout))
    }

    @Test func traceAndPlotFilesAreWritten() throws {
        let dir = try temporaryDirectory()
        let trace = dir.appendingPathComponent("trace.csv").path, plot = dir.appendingPathComponent("llc.svg").path
        let r = try runRLCT(["llc", "--polynomial", "w1^2*w2^4", "--draws", "50", "--chains", "2", "--target-mcse", "0",
                             "--trace", trace, "--trace-parameters", "--plot", plot, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "chain,draw,loss,w1,w2")
        #expect(lines.count == 1 + 2 * 50)
        #expect(try String(contentsOfFile: plot, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test func parseErrorExitsTwoWithTheColumn() throws {
        let r = try runRLCT(["llc", "--polynomial", "(w1^2+w2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--polynomial: column 9: expected ')' to close '(' at column 1"))
    }

    @Test func badFlagsExitTwoNamingTheFlag() throws {
        let cases: [([String], String)] = [
            (["llc", "--polynomial", "w^2", "--step-size", "-1"], "--step-size"),
            (["llc", "--polynomial", "w^2", "--at", "v=0"], "unknown parameter 'v'"),
            (["llc", "--polynomial", "w^2", "--at", "w=3"], "outside the prior's support"),
            (["llc", "--polynomial", "w^2", "--prior", "cauchy:1"], "invalid for '--prior <prior>': expected normal:SIGMA, uniform:LO,HI or flat"),
            (["llc", "--polynomial", "w^2", "--q", "w"], "not both"),
            (["llc"], "give a model: --polynomial"),
            (["llc", "--polynomial", "w^2", "--sampler", "nuts"], "nuts"),
        ]
        for (args, text) in cases {
            let r = try runRLCT(args)
            #expect(r.status == 2, "\(args): status \(r.status)")
            #expect(r.stderr.contains(text), "\(args): \(r.stderr)")
        }
    }

    /// A step size far too large makes every chain diverge: exit 1 with the
    /// chain, step and last finite loss; --allow-divergent turns that into 0.
    @Test func divergenceExitsOneUnlessAllowed() throws {
        let args = ["llc", "--polynomial", "w^4", "--prior", "flat", "--sampler", "sgld", "--step-size", "1", "--draws", "100", "--chains", "2"]
        let r = try runRLCT(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains("chain 0 diverged at step"))
        #expect(r.stderr.contains("last finite loss"))
        #expect(try runRLCT(args + ["--allow-divergent"]).status == 0)
    }
}

@Suite struct CalibrateCommandTests {
    @Test func gridJSONHasEveryCellAndARecommendation() throws {
        let r = try runRLCT(["calibrate", "--polynomial", "w^4", "--step-sizes", "1e-4,3e-4,1e-3,1", "--draws", "500", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let cells = try #require(j["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        // ε = 1 diverges on w^4 at nβ ≈ 1086 and must not be recommended.
        #expect(cells.last?["usable"] as? Bool == false)
        #expect(cells.last?["passes"] as? Bool == false)
        let last = try #require(cells.last?["estimate"] as? [String: Any])
        #expect((last["verdict"] as? [String: Any])?["level"] as? String == "unreliable")
        let recommended = try #require(j["recommended"] as? [String: Any])
        #expect((recommended["step_size"] as? Double ?? 1) < 1)
        #expect(j["reason"] is String)
    }

    /// MALA at small steps accepts almost everything: the cells are `check` with the advice to
    /// increase the step size, a cell is still recommended, and nothing advises smaller steps
    /// (measured acceptance 0.99–1.00 at ε = 1e-4 and 1e-3, seed 1).
    @Test func malaHighAcceptanceIsCheckNotRejected() throws {
        let r = try runRLCT(["calibrate", "--polynomial", "w^4", "--sampler", "mala", "--step-sizes", "1e-4,1e-3", "--draws", "500", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("recommended: --step-size"))
        #expect(r.stdout.contains("acceptance_high"))
        #expect(r.stdout.contains("increase the step size"))
        #expect(!r.stdout.contains("smaller step sizes"))
    }

    @Test func badListExitsTwo() throws {
        let r = try runRLCT(["calibrate", "--polynomial", "w^4", "--step-sizes", "1e-4,abc"])
        #expect(r.status == 2 && r.stderr.contains("--step-sizes"))
    }
}
