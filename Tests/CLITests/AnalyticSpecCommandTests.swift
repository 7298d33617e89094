import Foundation
import Testing
import TestSupport

@Suite struct AnalyticSpecCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    @Test func fixtureSpecPrintsItsCoefficient() throws {
        let r = try runRLCT(["analytic", "--spec", Self.fixtures.appendingPathComponent("rrr/reduced-rank-regression-m-5-n-5-h-3-r-1.json").path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"lambda_exact\" : \"8\""))
    }

    @Test func deliberatelyWrongFixtureExitsOneAndMalformedExitsTwo() throws {
        let dir = try temporaryDirectory()
        let wrong = dir.appendingPathComponent("wrong.json"), bad = dir.appendingPathComponent("bad.json")
        try #"{"model": {"kind": "potential", "k": "w^2", "n": 10}, "expected": {"lambda": "1/3", "source": "deliberately wrong"}}"#.write(to: wrong, atomically: true, encoding: .utf8)
        try #"{"model": {"kind": "potential", "k": "w^2", "n": 10}, "expected": {"lamda": 1}}"#.write(to: bad, atomically: true, encoding: .utf8)
        let r1 = try runRLCT(["analytic", "--spec", wrong.path])
        #expect(r1.status == 1 && r1.stderr.contains("the spec expects λ = 0.333"))
        let r2 = try runRLCT(["analytic", "--spec", bad.path])
        #expect(r2.status == 2 && r2.stderr.contains("expected.lambda: missing"))
    }
}
