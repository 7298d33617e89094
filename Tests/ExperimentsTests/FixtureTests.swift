import Analytic
import Foundation
import Testing
@testable import Experiments

/// The Fixtures library: every file decodes strictly, builds its model, and
/// its expected λ (and m, where given) is what `Analytic` computes for it.
/// The expected values were typed from the primer's tables and the cited
/// papers, not produced by this code, so a disagreement is a real failure.
@Suite struct FixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    static func files() -> [String] {
        let e = FileManager.default.enumerator(atPath: root.path)
        var out: [String] = []
        while let f = e?.nextObject() as? String { if f.hasSuffix(".json") { out.append(f) } }
        return out.sorted()
    }

    @Test func thereAreAtLeastEightyCoveringEveryFamily() {
        let files = Self.files()
        #expect(files.count >= 80)
        for family in ["potential/", "seed/", "regression/", "regular/", "rrr/", "dln/", "tanh/", "square/", "global/", "nmf/"] {
            #expect(files.contains { $0.hasPrefix(family) }, "no fixture in \(family)")
        }
    }

    @Test(arguments: files())
    func expectedLambdaMatchesAnalytic(file: String) throws {
        let spec = try ExperimentSpec.load(path: Self.root.appendingPathComponent(file).path)
        let expected = try #require(spec.expected, "\(file) has no expected section")
        #expect(expected.source?.isEmpty == false, "\(file) names no source")
        _ = try spec.build()
        guard let lambda = expected.lambda else {
            // A bound fixture: no theorem gives λ (BoundFixtureTests checks the bounds themselves).
            #expect(throws: (any Error).self, "\(file) states only bounds, but a theorem gives λ") { try spec.analyticCoefficient() }
            return
        }
        let coefficient = try spec.analyticCoefficient()
        #expect(abs(coefficient.lambdaValue - lambda) < 1e-12, "\(file): Analytic \(coefficient.lambda), fixture \(lambda)")
        if let m = expected.multiplicity {
            #expect(coefficient.multiplicity == m, "\(file): Analytic m = \(String(describing: coefficient.multiplicity)), fixture \(m)")
        }
    }
}
