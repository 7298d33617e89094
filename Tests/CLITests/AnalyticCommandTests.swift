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

    @Test func polynomialJSON() throws {
        // w1²w2⁴: normal crossing, λ = 1/4, m = 1; w1⁴w2⁴: m = 2.
        let a = try json(["--polynomial", "w1^2*w2^4"])
        #expect(a["lambda_exact"] as? String == "1/4" && a["multiplicity"] as? Int == 1)
        #expect((a["method"] as? String)?.contains("normal crossing") == true)
        let b = try json(["--polynomial", "w1^4*w2^4"])
        #expect(b["lambda_exact"] as? String == "1/4" && b["multiplicity"] as? Int == 2)
        // (w1² + w2²)²: Newton, λ = 1/2.
        let c = try json(["--polynomial", "(w1^2+w2^2)^2"])
        #expect(c["lambda_exact"] as? String == "1/2" && c["multiplicity"] as? Int == 1)
        #expect((c["method"] as? String)?.contains("Newton polyhedron") == true)
        // Prior |w1|: w1² + w2², weights (2, 1) → t = 2/3, λ = 3/2.
        let h = try json(["--polynomial", "w1^2+w2^2", "--prior-exponents", "1,0"])
        #expect(h["lambda_exact"] as? String == "3/2")
    }

    @Test func regressionOutputJSON() throws {
        // Q = w1² + w2³: λ of Q² is 5/12.
        let o = try json(["--q", "w1^2+w2^3"])
        #expect(o["lambda_exact"] as? String == "5/12" && o["multiplicity"] as? Int == 1)
        #expect(abs((o["lambda"] as? Double ?? 0) - 5.0 / 12.0) < 1e-12)
    }

    @Test func localAtAPoint() throws {
        // (w1 w2)² at (0, 1): K = w1² × unit, λ = 1/2, m = 1 (m = 2 at the origin).
        let o = try json(["--polynomial", "w1^2*w2^2", "--at", "w1=0,w2=1"])
        #expect(o["lambda_exact"] as? String == "1/2" && o["multiplicity"] as? Int == 1)
        // Seed potential (w+1.6)²(w−1.6)⁴ at +1.6: λ = 1/4.
        let s = try json(["--polynomial", "(w+1.6)^2*(w-1.6)^4", "--at", "w=1.6"])
        #expect(s["lambda_exact"] as? String == "1/4")
        // Not a true parameter.
        let r = try runRLCT(["analytic", "--polynomial", "w1^2*w2^2", "--at", "w1=1,w2=1"])
        #expect(r.status == 2 && r.stderr.contains("not a true parameter"))
    }

    @Test func polynomialRefusalsExitTwo() throws {
        let degenerate = try runRLCT(["analytic", "--polynomial", "(w1+w2)^2+w1^4"])
        #expect(degenerate.status == 2)
        #expect(degenerate.stderr.contains("degenerate on the compact face with normal (1, 1)"))
        #expect(degenerate.stderr.contains("w1 + w2"))
        let parse = try runRLCT(["analytic", "--polynomial", "w1^2+"])
        #expect(parse.status == 2 && parse.stderr.contains("--polynomial: column 6"))
        let at = try runRLCT(["analytic", "--polynomial", "w1^2", "--at", "w1"])
        #expect(at.status == 2 && at.stderr.contains("--at"))
        let both = try runRLCT(["analytic", "--polynomial", "w1^2", "--q", "w1"])
        #expect(both.status == 2)
    }

    @Test func perfectSquaresAndQuadraticForms() throws {
        // (w1² + w2³)² answers from Q = w1² + w2³ (it used to exit 2 with a hint).
        let cusp = try json(["--polynomial", "(w1^2+w2^3)^2"])
        #expect(cusp["lambda_exact"] as? String == "5/12" && cusp["multiplicity"] as? Int == 1)
        // Q = w1² − w2² ~ uv: m = 2, not "m not determined".
        let uv = try json(["--q", "w1^2-w2^2"])
        #expect(uv["lambda_exact"] as? String == "1/2" && uv["multiplicity"] as? Int == 2)
    }

    @Test func globalOverTheSupport() throws {
        let r = try runRLCT(["analytic", "--polynomial", "(w+1.6)^2*(w-1.6)^4", "--global", "--prior", "uniform:-3,3"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasPrefix("λ = 1/4 = 0.25, m = 1"))
        #expect(r.stdout.contains("attained: (w = 1.6)"))
        #expect(r.stdout.contains("zeros of K in the support:\n  (w = -1.6): λ = 1/2, m = 1\n  (w = 1.6): λ = 1/4, m = 1"))
        // Several variables: over the minima found, with the list.
        let m = try runRLCT(["analytic", "--polynomial", "((w1-1)^2+w2^2)*((w1+1)^4+w2^4)", "--global", "--prior", "uniform:-2,2", "--starts", "16"])
        #expect(m.status == 0, "stderr: \(m.stderr)")
        #expect(m.stdout.contains("over the minima found:") && m.stdout.contains("(w1 = -1, w2 = 0): λ = 1/2, m = 1"))
        // Bad combinations exit 2.
        #expect(try runRLCT(["analytic", "--model", "tanh", "--hidden", "2", "--global"]).status == 2)
        #expect(try runRLCT(["analytic", "--polynomial", "w^2", "--global", "--at", "w=0"]).status == 2)
        #expect(try runRLCT(["analytic", "--polynomial", "w", "--global"]).status == 2)
    }

    @Test func nonnegativeMatrixFactorization() throws {
        let o = try json(["--model", "nmf", "--input", "3", "--output", "3", "--hidden", "2", "--true-rank", "0"])
        #expect(o["lambda_exact"] as? String == "3" && o["multiplicity"] as? Int == 3)
        let bound = try runRLCT(["analytic", "--model", "nmf", "--input", "3", "--output", "3", "--hidden", "2", "--true-rank", "1"])
        #expect(bound.status == 2 && bound.stderr.contains("upper bound"))
    }
}
