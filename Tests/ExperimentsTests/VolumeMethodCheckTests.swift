import Foundation
import Testing
@testable import Experiments

/// A volume check's `"volumeMethod"`: nested sampling where the quadrature
/// would be slow, and the setting refused where it means nothing.
@Suite struct VolumeMethodCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    func fixture(checks: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("volume-method-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("w1w2.json")
        let text = """
        {"name": "w1^2 + w2^2", "model": {"kind": "potential", "k": "w1^2 + w2^2", "n": 10000},
         "expected": {"lambda": "1", "multiplicity": 1, "tolerance": 0.05, "source": "test"},
         "checks": [\(checks)]}
        """
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The same 2-D check by nested sampling: the row says which integration
    /// ran, and λ = 1 is found (seed 1; `rlct volume --method montecarlo` on
    /// the 3-D fixtures gave λ̂ within 0.01–0.02 of λ with errors ≈ 0.01–0.02).
    @Test func montecarloIsUsedWhereAsked() async throws {
        let quadrature = try RegressionSuite(paths: [try fixture(checks: #"{"method": "volume"}"#)])
        let nested = try RegressionSuite(paths: [try fixture(checks: #"{"method": "volume", "volumeMethod": "montecarlo"}"#)])
        let q = await quadrature.run(options: .init()), m = await nested.run(options: .init())
        #expect(q[1].message.hasPrefix("quadrature"), "\(q[1].message)")
        #expect(m[1].message.hasPrefix("montecarlo"), "\(m[1].message)")
        #expect(m[1].status == .pass && abs(m[1].estimate! - 1) < 0.05, "\(m[1])")
        #expect(q[1].estimate != m[1].estimate)
    }

    /// An unknown integration, or one on a check that integrates no level set, names the field.
    @Test func badVolumeMethodsAreRefused() throws {
        for (checks, message) in [(#"{"method": "volume", "volumeMethod": "simpson"}"#, "checks[0].volumeMethod"),
                                  (#"{"method": "freeEnergyFit", "volumeMethod": "montecarlo"}"#, "checks[0].volumeMethod")] {
            let suite = try RegressionSuite(paths: [try fixture(checks: checks)])
            #expect(suite.fixtures.isEmpty && suite.malformed.count == 1)
            #expect(suite.malformedMessages.first?.contains(message) == true, "\(suite.malformedMessages)")
        }
    }

    /// The shipped 3-D volume checks that ask for nested sampling keep it.
    @Test func shippedThreeDimensionalVolumesUseNestedSampling() throws {
        let suite = try RegressionSuite(paths: [Self.root.appendingPathComponent("regular/linear-regression-2-in-1-out-bias-true.json").path])
        let volume = suite.fixtures.first?.spec.checks?.first { $0.method == .volume }
        #expect(volume?.volumeMethod == .montecarlo)
    }
}
