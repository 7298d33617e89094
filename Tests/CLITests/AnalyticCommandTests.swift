import Foundation
import Testing
import TestSupport

@Suite struct AnalyticCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try runRLCT(["analytic"] + arguments + ["--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func reducedRankRegressionJSON() throws {
        // M = N = 5, H = 3, r = 1: case 1, even: [2·4·10 − 0 − 16]/8 = 8.
        let o = try json(["--model", "rrr", "--input", "5", "--hidden", "3", "--output", "5", "--true-rank", "1"])
        #expect(o["lambda"] as? Double == 8)
        #expect(o["lambda_exact"] as? String == "8")
        #expect(o["multiplicity"] as? Int == 1)
        #expect((o["method"] as? String)?.contains("reduced rank regression") == true)
        #expect((o["source"] as? String)?.contains("Aoyagi & Watanabe 2005") == true)
        #expect((o["assumptions"] as? [String])?.isEmpty == false)
    }

    @Test func deepLinearNetworkJSON() throws {
        // Primer table: [4,2,4,4], r = 1 → λ = 5, m = 3.
        let o = try json(["--model", "dln", "--widths", "4,2,4,4", "--true-rank", "1"])
        #expect(o["lambda_exact"] as? String == "5")
        #expect(o["multiplicity"] as? Int == 3)
    }

    @Test func tanhAndRegular() throws {
        let t = try json(["--model", "tanh", "--hidden", "3"])
        #expect(t["lambda_exact"] as? String == "5/6")
        #expect(abs((t["lambda"] as? Double ?? 0) - 5.0 / 6.0) < 1e-12)
        let r = try json(["--model", "regular", "--dimension", "5"])
        #expect(r["lambda_exact"] as? String == "5/2")
        #expect(r["multiplicity"] as? Int == 1)
    }

    @Test func textOutput() throws {
        let r = try runRLCT(["analytic", "--model", "tanh", "--hidden", "3"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("λ = 5/6 ≈ 0.833333, m = 1"))
    }

    @Test func refusalsExitTwoWithTheReason() throws {
        let tanh = try runRLCT(["analytic", "--model", "tanh", "--hidden", "3", "--true-units", "1"])
        #expect(tanh.status == 2)
        #expect(tanh.stderr.contains("no theorem applies"))
        let rank = try runRLCT(["analytic", "--model", "rrr", "--input", "3", "--hidden", "2", "--output", "2", "--true-rank", "4"])
        #expect(rank.status == 2)
        #expect(rank.stderr.contains("true-rank"))
        let widths = try runRLCT(["analytic", "--model", "dln", "--widths", "5,x", "--true-rank", "1"])
        #expect(widths.status == 2)
        #expect(widths.stderr.contains("--widths"))
        let missing = try runRLCT(["analytic", "--model", "rrr", "--input", "3"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--true-rank"))
    }
}
