import Foundation
import Testing
@testable import Experiments

/// `rlct regress`'s queue jobs: a volume check split into its setup and one piece per ε
/// or replicate, a free-energy fit into one piece per n, everything else whole; the
/// pieces, run in any order, assemble into the rows of the whole checks.
@Suite struct RegressionPiecesTests {
    /// w1² + w2⁴ (λ = 3/4, m = 1) with an llc, a free-energy-fit, a quadrature-volume and a nested-sampling-volume check.
    func fixture() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("w1-2-plus-w2-4.json")
        let text = """
        {"name": "w1^2+w2^4", "model": {"kind": "potential", "k": "w1^2+w2^4", "n": 10000},
         "expected": {"lambda": "3/4", "multiplicity": 1, "tolerance": 0.075, "source": "test"},
         "checks": [{"method": "llc", "sampler": {"kind": "mala", "stepSize": 0.001, "chains": 2, "draws": 200, "burnIn": 100, "seed": 1}},
                    {"method": "freeEnergyFit"}, {"method": "volume"}, {"method": "volume", "volumeMethod": "montecarlo"}]}
        """
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func piecesInReverseOrderAssembleToTheWholeChecksRows() async throws {
        let suite = try RegressionSuite(paths: [try fixture()])
        let options = RegressionSuite.Options()
        let checks = suite.checkJobs(options: options)
        #expect(checks.map { $0.label.split(separator: " ").last! } == ["analytic", "llc", "freeEnergyFit", "volume", "volume"])
        let pieces = suite.pieceJobs(checks, indices: Array(checks.indices), options: options)
        // analytic 1, llc 1, 13 n, setup + 25 ε, setup + 4 replicates.
        #expect(pieces.count == 46)
        let counts: [Int] = [1, 1, 13, 26, 5]
        let expectedChecks: [Int] = counts.indices.flatMap { i in [Int](repeating: i, count: counts[i]) }
        #expect(pieces.map(\.check) == expectedChecks)
        #expect(pieces[2].label.hasSuffix("freeEnergyFit, n = 100") && pieces[15].label.hasSuffix("volume, setup")
            && pieces[16].label.hasSuffix("volume, ε 1 of 25") && pieces[45].label.hasSuffix("volume, replicate 4 of 4"))
        // A check's cost is shared among its pieces.
        #expect(abs(pieces[16].cost * 26 - checks[3].cost) <= 1e-9 * checks[3].cost)

        var outputs = [RegressionSuite.PieceOutput?](repeating: nil, count: pieces.count)
        for k in pieces.indices.reversed() { outputs[k] = try await suite.run(pieces[k], of: checks[pieces[k].check], options: options) }
        let rows = try checks.indices.map { i in
            try suite.assemble(checks[i], pieces.indices.filter { pieces[$0].check == i }.map { outputs[$0]! }, options: options)
        }
        let whole = await suite.run(options: options)
        func untimed(_ o: RegressionOutcome) -> RegressionOutcome { var o = o; o.seconds = 0; return o }
        #expect(rows.map(untimed) == whole.map(untimed))
        #expect(rows.allSatisfy { $0.status == .pass }, "\(rows.map(\.message))")

        // Every kind of output reads back from its JSON (the form a partial --json-file keeps), with snake_case keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for k in [0, 2, 15, 16, 42] {
            let text = try encoder.encode(outputs[k]!)
            #expect(try JSONDecoder().decode(RegressionSuite.PieceOutput.self, from: text) == outputs[k]!)
        }
        let keys = try [2, 15, 16, 42].map { String(decoding: try encoder.encode(outputs[$0]!), as: UTF8.self) }
        #expect(keys[0].hasPrefix(#"{"free_energy":{"error":"#) && keys[1].hasPrefix(#"{"seconds":"#) && keys[1].contains(#""volume":{"reference_loss":"#))
        #expect(keys[2].contains(#""volume":{"point":{"#) && keys[3].contains(#""log_box_mass":"#) && keys[3].contains(#""log_fraction":["#))

        // A split check's pieces, one short or out of kind, are refused.
        let volume = pieces.indices.filter { pieces[$0].check == 3 }.map { outputs[$0]! }
        #expect(throws: (any Error).self) { try suite.assemble(checks[3], Array(volume.dropLast()), options: options) }
        #expect(throws: (any Error).self) { try suite.assemble(checks[2], volume, options: options) }
    }

    /// `--quick` leaves a check the fixture skips whole (one piece: its skipped row).
    @Test func aSkippedCheckIsOnePiece() throws {
        let path = try fixture()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #"{"method": "freeEnergyFit"}"#, with: #"{"method": "freeEnergyFit", "quick": {"skip": true}}"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let suite = try RegressionSuite(paths: [path])
        let options = RegressionSuite.Options(quick: true)
        let checks = suite.checkJobs(options: options)
        let pieces = suite.pieceJobs(checks, indices: [2], options: options)
        #expect(pieces.count == 1 && pieces[0].check == 2)
    }
}
