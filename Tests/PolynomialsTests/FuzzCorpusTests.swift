import Foundation
import Polynomials
import Testing

/// Every committed seed of the `polynomial` fuzz target (Tests/Fuzz/polynomial/corpus),
/// among them the inputs the fuzzer found that crashed or hung before the
/// bounds went in (`bad-power-4-variables-32`, `bad-power-5-terms-64`,
/// `bad-term-count`, `bad-power-tower`), goes through what the fuzz target
/// does: each one parses or throws, and what parses prints, compiles and
/// evaluates. A crash or trap here fails the whole test run.
@Suite struct PolynomialFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/polynomial/corpus")

    static func seeds() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everySeedParsesOrThrows() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count >= 40)
        var refused: [String] = []
        for url in seeds {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            do {
                let p = try Polynomial(parsing: text)
                _ = p.description
                let compiled = p.compiled()
                let w = (0..<compiled.dimension).map { Double($0 % 3) * 0.5 - 0.5 }
                let (value, _) = compiled.valueAndGradient(w)
                #expect(!value.isNaN, "\(url.lastPathComponent)")
            } catch {
                refused.append(url.lastPathComponent)
            }
        }
        // The seeds named bad-* that are not valid polynomials must be refused.
        for name in ["bad-power-4-variables-32", "bad-power-5-terms-64", "bad-term-count", "bad-power-tower",
                     "bad-overflow-coefficient", "bad-unmatched"] {
            #expect(refused.contains(name), "\(name) was accepted")
        }
        #expect(!refused.contains { $0.hasPrefix("valid-") }, "valid seeds refused: \(refused.filter { $0.hasPrefix("valid-") })")
    }

    /// The generated seed that timed out under the fuzzer: 3,000 variables in
    /// one sum. The sum aligns every part to the union of variables with one
    /// index table (it built one per part), and the Newton polyhedron refuses
    /// more than `maximumDimension` variables instead of computing incidences
    /// in 3,000 dimensions.
    @Test func manyVariablesParseAndTheNewtonPolyhedronIsRefused() throws {
        let text = (1...3000).map { "w\($0)^2" }.joined(separator: "+") + "+1"
        let p = try Polynomial(parsing: text)
        #expect(p.variables.count == 3000 && p.terms.count == 3001)
        #expect(throws: NewtonPolyhedronError.tooLarge("3000 variables, more than the 32 it is computed for")) {
            _ = try NewtonPolyhedron(p)
        }
    }

    /// `-(w-E--(w1 -e-3)-6)^32`, found by the fuzzer: about 59,000 terms, under
    /// the term limit, but about 2 million exact term products (8 s): refused
    /// by the predicted work before expanding.
    @Test func expensivePowerIsRefusedBeforeExpanding() {
        #expect(throws: PolynomialParseError.self) { _ = try Polynomial(parsing: "-(w-E--(w1 -e-3)-6)^32") }
    }

    /// `-(w1-(w1 -62e-29)^20-62e-29)^22`, found by the fuzzer (a 5 s timeout):
    /// 441 terms and under the term-product limit, but its exact coefficients
    /// reach hundreds of digits; refused by the predicted limb multiplications.
    @Test func powerWithHugeExactCoefficientsIsRefused() {
        #expect(throws: PolynomialParseError.self) { _ = try Polynomial(parsing: "-(w1-(w1 -62e-29)^20-62e-29)^22") }
        #expect(throws: Never.self) { _ = try Polynomial(parsing: "(w1-62e-29)^20") }
    }
}
