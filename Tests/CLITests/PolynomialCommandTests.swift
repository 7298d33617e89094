import Foundation
import Testing
import TestSupport

@Suite("rlct polynomial")
struct PolynomialCommandTests {
    @Test func jsonDescribesExpansionAndNewtonPolyhedron() throws {
        let result = try runRLCT(["polynomial", "(w1^2+w2^3)^2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["expanded"] as? String == "w2^6 + 2*w1^2*w2^3 + w1^4")
        #expect(json["variables"] as? [String] == ["w1", "w2"])
        #expect(json["degree"] as? Int == 6)
        let newton = try #require(json["newton"] as? [String: Any])
        #expect(newton["vertices"] as? [[Int]] == [[0, 6], [4, 0]])
        let diagonal = try #require(newton["diagonal"] as? [String: Any])
        #expect(diagonal["t"] as? String == "12/5")
        #expect(diagonal["codimension"] as? Int == 1)
        let faces = try #require(newton["compactFaces"] as? [[String: Any]])
        #expect(faces.map { $0["dimension"] as? Int } == [0, 0, 1])
        // Pretty-printed with sorted keys.
        #expect(result.stdout.contains("\"degree\" : 6,\n  \"expanded\""))
    }

    @Test func textOutputAndLeadingMinus() throws {
        let result = try runRLCT(["polynomial", "-w1^2*w2^4 + 1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("expanded:  -w1^2*w2^4 + 1"))
        #expect(result.stdout.contains("variables: w1, w2"))
        #expect(result.stdout.contains("degree:    6"))
    }

    @Test func parseErrorExitsTwoWithColumnAndCaret() throws {
        let result = try runRLCT(["polynomial", "(w1+w2^2"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: column 9: expected ')' to close '(' at column 1\n  (w1+w2^2\n          ^\n")
        let implicit = try runRLCT(["polynomial", "2w", "--json"])
        #expect(implicit.status == 2)
        #expect(implicit.stderr.contains("column 2: "))
        #expect(implicit.stderr.contains("write 2*w"))
    }
}
