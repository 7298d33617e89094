import Foundation
import Testing
import TestSupport

/// `rlct llc --nbeta-sweep`.
@Suite struct NBetaSweepCommandTests {
    /// w⁴ over nβ = 10 … 10⁴ (5 points): the JSON keys, the step size ∝ 1/nβ, the plot, and λ, m
    /// (λ = ¼, m = 1). These short chains, seeds 1–3: λ̂ 0.241, 0.275, 0.256 and m̂ 0.85, 1.43, 1.06;
    /// the test (seed 1) asserts λ within 0.025 and m̂ rounding to 1.
    @Test func quarticSweepJSONAndPlot() throws {
        let dir = try temporaryDirectory()
        let plot = dir.appendingPathComponent("sweep.svg").path
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--sampler", "mala", "--step-size", "0.2", "--localization", "0",
                             "--nbeta-sweep", "1e1,1e4,5", "--draws", "4000", "--thin", "5", "--burn-in", "5000",
                             "--json", "--plot", plot])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["lambda", "lambda_error", "multiplicity", "multiplicity_error", "multiplicity_rounded",
                    "chi_squared_per_dof", "kappa", "kappa_error", "dof", "points", "warnings"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        let points = try #require(j["points"] as? [[String: Any]])
        #expect(points.count == 5)
        for key in ["nbeta", "step_size", "llc_mean", "llc_mcse", "rhat", "ess_bulk", "acceptance"] {
            #expect(points[0][key] != nil, "missing points[0].\(key)")
        }
        let nb = points.compactMap { $0["nbeta"] as? Double }, eps = points.compactMap { $0["step_size"] as? Double }
        #expect(nb.count == 5 && eps.count == 5)
        for i in 1..<min(nb.count, eps.count) { #expect(abs(eps[i] * nb[i] / (eps[0] * nb[0]) - 1) < 1e-9) }
        let lambda = try #require(j["lambda"] as? Double)
        #expect(abs(lambda - 0.25) < 0.025)
        #expect(j["multiplicity_rounded"] as? Int == 1)
        #expect(try String(contentsOfFile: plot, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test func textNamesTheFit() throws {
        let r = try runRLCT(["llc", "--polynomial", "w^2", "--sampler", "mala", "--step-size", "0.1", "--localization", "0",
                             "--nbeta-sweep", "1e1,1e3,4", "--draws", "500", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        for s in ["nβ", "λ̂ ± MCSE", "λ = ", "m = ", "κ = ", "χ²/dof"] { #expect(r.stdout.contains(s), "missing \(s)") }
    }

    @Test(arguments: [["1e4,10"], ["0,10"], ["1e1,1e4,2"], ["1e1,1e4,5.5"], ["1e1"], ["1e1,1e2,5,7"], ["1e1,x"]])
    func badSweepExitsTwo(_ value: [String]) throws {
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--nbeta-sweep"] + value)
        #expect(r.status == 2, "\(value): status \(r.status)")
        #expect(r.stderr.contains("--nbeta-sweep"), "\(r.stderr)")
    }

    @Test func sweepRefusesAFixedNBeta() throws {
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--nbeta", "100", "--nbeta-sweep", "1e1,1e4"])
        #expect(r.status == 2 && r.stderr.contains("--nbeta"), "\(r.stderr)")
    }
}
