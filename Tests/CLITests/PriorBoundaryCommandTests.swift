import Foundation
import Testing
import TestSupport

/// A truth on the edge of the prior's support: `analytic`, `model` and `llc`
/// warn on stderr, `regress` refuses the fixture (exit 2) and runs the others.
@Suite struct PriorBoundaryCommandTests {
    /// Reduced-rank regression 1-1-1 with truth b·a = 1 at the corner (1, 1) of the default prior [−1, 1]².
    static let corner = """
        {"model": {"kind": "reducedRankRegression", "inputs": 1, "outputs": 1, "hidden": 1},
         "truth": {"parameters": [1, 1]}, "data": {"kind": "synthetic", "n": 200, "seed": 1},
         "expected": {"lambda": "1/2", "tolerance": 0.05, "source": "Aoyagi & Watanabe 2005"}}
        """

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func modelAndAnalyticWarnAndSayOnTheBoundary() throws {
        let file = try Self.write(Self.corner, "corner.json", in: try temporaryDirectory())
        let model = try runRLCT(["model", "--spec", file])
        #expect(model.status == 0, "\(model.stderr)")
        #expect(model.stderr.contains("warning: the truth A[0,0] = 1 (and 1 other coordinate) lies on the boundary of the prior's support [−1, 1]"),
                "\(model.stderr)")
        #expect(model.stdout.contains("on the boundary (A[0,0] = 1)") && !model.stdout.contains("truth in prior  yes"), "\(model.stdout)")
        let json = try runRLCT(["model", "--spec", file, "--json"])
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["truth_prior_position"] as? String == "on boundary")

        let analytic = try runRLCT(["analytic", "--spec", file])
        #expect(analytic.status == 0 && analytic.stderr.contains("warning: the truth A[0,0] = 1"), "\(analytic.stderr)")

        // Inside with margin: no warning, the line says inside.
        let inside = try Self.write(Self.corner.replacingOccurrences(of: "[1, 1]", with: "[0.5, 0.5]"), "inside.json", in: try temporaryDirectory())
        let fine = try runRLCT(["model", "--spec", inside])
        #expect(fine.status == 0 && !fine.stderr.contains("warning"), "\(fine.stderr)")
        #expect(fine.stdout.contains("inside"))
        // Near (0.95, within 5 % of the width 2) also warns.
        let near = try Self.write(Self.corner.replacingOccurrences(of: "[1, 1]", with: "[0.95, 0.5]"), "near.json", in: try temporaryDirectory())
        let nearRun = try runRLCT(["model", "--spec", near])
        #expect(nearRun.stderr.contains("the truth A[0,0] = 0.95 lies 0.05 from the boundary"), "\(nearRun.stderr)")
    }

    @Test func llcWarnsForTheTruthAndForAGivenPoint() throws {
        let file = try Self.write(Self.corner, "corner.json", in: try temporaryDirectory())
        let short = ["--chains", "1", "--draws", "20", "--burn-in", "10", "--quiet"]
        let r = try runRLCT(["llc", "--spec", file] + short)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: the truth A[0,0] = 1 (and 1 other coordinate) lies on the boundary"), "\(r.stderr)")
        let at = try runRLCT(["llc", "--polynomial", "(w1*w2)^2", "--at", "w1=0,w2=-1"] + short)
        #expect(at.status == 0 && at.stderr.contains("warning: w* w2 = −1 lies on the boundary"), "\(at.stderr)")
        let inside = try runRLCT(["llc", "--polynomial", "(w1*w2)^2"] + short)
        #expect(inside.status == 0 && !inside.stderr.contains("warning"), "\(inside.stderr)")
    }

    /// regress refuses the corner fixture (exit 2, naming the file and the coordinate) and still runs the good one.
    @Test func regressRefusesATruthOnTheBoundary() throws {
        let dir = try temporaryDirectory()
        _ = try Self.write(Self.corner, "corner.json", in: dir)
        _ = try Self.write(Self.corner.replacingOccurrences(of: "[1, 1]", with: "[0.5, 0.5]"), "inside.json", in: dir)
        // w* moved by llc.at to the edge: refused too, naming llc.at.
        _ = try Self.write(#"{"model": {"kind": "potential", "k": "w^4", "n": 1000}, "llc": {"at": [-1]}, "expected": {"lambda": "1/4", "tolerance": 0.05}}"#,
                           "at.json", in: dir)
        let r = try runRLCT(["regress", dir.path, "--quiet"])
        #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("corner.json: truth: the truth A[0,0] = 1"), "\(r.stderr)")
        #expect(r.stderr.contains("at.json: llc.at: w* w = −1 lies on the boundary"), "\(r.stderr)")
        #expect(!r.stderr.contains("inside.json"))
        #expect(r.stdout.contains("inside") && r.stdout.contains("analytic"), "\(r.stdout)")
    }

    /// Reduced-rank regression M = N = H = 1, r = 1 at every default (truth 1/2 on the diagonals, prior
    /// uniform on [−1, 1]², SGLD ε = 1e-4, γ = 1, 4 × 2000 draws): the LLC is within 10% of λ = 1/2.
    /// Measured with chain seeds 1…8: 0.509, 0.482, 0.474, 0.469, 0.487, 0.475, 0.494, 0.503 (mean 0.487,
    /// sd 0.014, MCSE ≈ 0.015 each), so the 10% band (±0.05) is over 2.5 sd from every one of them; the
    /// old truth at the corner (1, 1) gives 0.872 ± 0.016 at seed 1.
    @Test func reducedRankRegressionAtTheDefaultsIsNearOneHalf() throws {
        let file = try Self.write("""
            {"model": {"kind": "reducedRankRegression", "inputs": 1, "outputs": 1, "hidden": 1},
             "truth": {"rank": 1}, "data": {"kind": "synthetic", "n": 10000, "seed": 1}}
            """, "rrr.json", in: try temporaryDirectory())
        let r = try runRLCT(["llc", "--spec", file, "--json", "--quiet"])
        #expect(r.status == 0 && !r.stderr.contains("warning"), "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let llc = try #require(json["llc_mean"] as? Double)
        #expect(abs(llc - 0.5) <= 0.05, "λ̂ = \(llc)")
    }
}
