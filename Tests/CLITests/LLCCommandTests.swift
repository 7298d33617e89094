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
        for key in ["llc_mean", "llc_std", "llc_mcse", "nbeta", "rhat", "ess", "divergences", "chains", "warnings"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        #expect((j["chains"] as? [Double])?.count == 4)
        let mean = try #require(j["llc_mean"] as? Double)
        #expect(mean > 0.15 && mean < 0.35)
    }

    @Test func sameSeedSameOutput() throws {
        let a = try runRLCT(["llc", "--q", "w1*w2^2", "--batch", "100", "--draws", "300", "--seed", "5", "--json"])
        let b = try runRLCT(["llc", "--q", "w1*w2^2", "--batch", "100", "--draws", "300", "--seed", "5", "--json"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func traceAndPlotFilesAreWritten() throws {
        let dir = try temporaryDirectory()
        let trace = dir.appendingPathComponent("trace.csv").path, plot = dir.appendingPathComponent("llc.svg").path
        let r = try runRLCT(["llc", "--polynomial", "w1^2*w2^4", "--draws", "50", "--chains", "2",
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
        let args = ["llc", "--polynomial", "w^4", "--prior", "flat", "--step-size", "1", "--draws", "100", "--chains", "2"]
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
        let recommended = try #require(j["recommended"] as? [String: Any])
        #expect((recommended["step_size"] as? Double ?? 1) < 1)
        #expect(j["reason"] is String)
    }

    @Test func badListExitsTwo() throws {
        let r = try runRLCT(["calibrate", "--polynomial", "w^4", "--step-sizes", "1e-4,abc"])
        #expect(r.status == 2 && r.stderr.contains("--step-sizes"))
    }
}
