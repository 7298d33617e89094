import Foundation
import Testing
import TestSupport

@Suite struct VolumeCommandTests {
    /// --json keys and values for (w1 w2)² (λ = 1/2, m = 2): V against its
    /// closed form t(1 − log t), t = √ε, and the fit within the 5 % bar.
    @Test func jsonForTheNormalCrossing() throws {
        let r = try runRLCT(["volume", "--polynomial", "(w1*w2)^2", "--points", "12", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["lambda", "lambda_error", "multiplicity", "multiplicity_error", "multiplicity_rounded", "slope",
                    "points", "method", "center", "reference_loss", "chi_squared_per_dof"] {
            #expect(j[key] != nil, "missing \(key)")
        }
        #expect(j["method"] as? String == "quadrature")
        #expect(j["multiplicity_rounded"] as? Int == 2)
        let lambda = try #require(j["lambda"] as? Double)
        #expect(abs(lambda - 0.5) < 0.025)
        let points = try #require(j["points"] as? [[String: Double]])
        #expect(points.count == 12)
        #expect(points.first?["epsilon"].map { abs($0 - 1e-2) < 1e-15 } == true)
        #expect(points.last?["epsilon"].map { abs($0 - 1e-10) < 1e-22 } == true)
        for p in points {
            let e = try #require(p["epsilon"]), v = try #require(p["volume"])
            let t = e.squareRoot()
            #expect(abs(v - t * (1 - log(t))) < 1e-8 * v)
            #expect(p["error"] != nil)
        }
    }

    @Test func textOutputAndPlot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("volume-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runRLCT(["volume", "--polynomial", "w^4", "--points", "8", "--plot", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("λ̂ = 0.25") && r.stdout.contains("(rounds to m = 1)") && r.stdout.contains("plain slope"))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.contains("<svg"))
    }

    @Test func badInputExitsTwo() throws {
        let order = try runRLCT(["volume", "--polynomial", "w^4", "--epsilon-min", "1e-2", "--epsilon-max", "1e-3"])
        #expect(order.status == 2 && order.stderr.contains("--epsilon-min"))
        let unknown = try runRLCT(["volume", "--polynomial", "w^4", "--at", "w3=0"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown parameter 'w3'"))
        let notMinimum = try runRLCT(["volume", "--polynomial", "(w-0.5)^2"])
        #expect(notMinimum.status == 2 && notMinimum.stderr.contains("--at"))
        let points = try runRLCT(["volume", "--polynomial", "w^4", "--points", "3"])
        #expect(points.status == 2 && points.stderr.contains("--points"))
    }
}
