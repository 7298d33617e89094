import Foundation
import Testing
import TestSupport

@Suite struct PolynomialCommandTests {
    @Test func jsonGivesExpansionAndNewtonPolyhedron() throws {
        // (w1² + w2³)² = w1⁴ + 2w1²w2³ + w2⁶: vertices (4,0), (0,6); one compact
        // edge with normal (3,2) carrying all three terms; diagonal hit t = 12/5.
        let r = try runRLCT(["polynomial", "(w1^2+w2^3)^2", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(o["expanded"] as? String == "w2^6 + 2*w1^2*w2^3 + w1^4")
        #expect(o["variables"] as? [String] == ["w1", "w2"])
        #expect(o["degree"] as? Int == 6)
        #expect((o["terms"] as? [Any])?.count == 3)
        let newton = try #require(o["newton_polyhedron"] as? [String: Any])
        let vertices = try #require(newton["vertices"] as? [[Int]])
        #expect(Set(vertices) == [[4, 0], [0, 6]])
        let faces = try #require(newton["compact_faces"] as? [[String: Any]])
        #expect(faces.count == 3)
        let edge = try #require(faces.first { $0["dimension"] as? Int == 1 })
        #expect(edge["normal"] as? [Int] == [3, 2] && (edge["terms"] as? [Int])?.count == 3)
        let hit = try #require(newton["diagonal_hit"] as? [String: Any])
        #expect(hit["t"] as? String == "12/5" && hit["codimension"] as? Int == 1 && hit["compact"] as? Bool == true)
    }

    @Test func textOutput() throws {
        let r = try runRLCT(["polynomial", "w1^2 + w2^4 + w3^6"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("expanded:  w3^6 + w2^4 + w1^2"))
        #expect(r.stdout.contains("2-face, normal (6, 3, 2)"))
        #expect(r.stdout.contains("diagonal hit: t = 12/11"))
    }

    @Test func parseErrorExitsTwoWithColumnAndCaret() throws {
        let r = try runRLCT(["polynomial", "(w1^2+w2^2"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "error: column 11: expected ')' to close '(' at column 1 (end of input)")
        #expect(lines[1] == "  (w1^2+w2^2")
        #expect(lines[2] == "            ^")
        let implicit = try runRLCT(["polynomial", "2w"])
        #expect(implicit.status == 2 && implicit.stderr.contains("column 2"))
        #expect(implicit.stderr.contains("\n   ^"))
    }

    @Test func zeroPolynomialHasNoPolyhedron() throws {
        let r = try runRLCT(["polynomial", "w - w", "--json"])
        #expect(r.status == 0)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(o["expanded"] as? String == "0" && o["newton_polyhedron"] == nil)
    }
}

@Suite struct PolynomialCommandLimitTests {
    @Test func deepNestingExitsTwoWithAColumn() throws {
        let deep = String(repeating: "(", count: 7000) + "w" + String(repeating: ")", count: 7000)
        let r = try runRLCT(["polynomial", deep])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: column 101: expected at most 100 nested parentheses"))
    }

    @Test func oversizedPowerExitsTwoWithThePrediction() throws {
        let r = try runRLCT(["polynomial", "(w1+w2+w3+w4+w5+w6+w7+w8+w9+w10)^64"])
        #expect(r.status == 2 && r.stderr.contains("97082021465 terms"))
        let a = try runRLCT(["analytic", "--polynomial", "(((w^64)^64)^64)"])
        #expect(a.status == 2 && a.stderr.contains("exceeds the largest degree"))
    }

    @Test func exactCancellationInAnalytic() throws {
        let r = try runRLCT(["analytic", "--polynomial", "1e308*1e308*w^2-1e308*1e308*w^2+w^4"])
        #expect(r.status == 0 && r.stdout.hasPrefix("λ = 1/4"), "stderr: \(r.stderr)")
    }
}
