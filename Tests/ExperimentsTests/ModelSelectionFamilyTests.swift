import Foundation
import Models
import Polynomials
import TensorFiles
import Testing
@testable import Experiments

/// `rlct select`'s nonlinear families: the tanh networks and polynomialRegression candidates.
@Suite struct ModelSelectionFamilyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    /// λ(truth 0, H) is the value of Fixtures/tanh (Aoyagi & Watanabe 2005),
    /// λ(H, H) = H (regular), and 0 < H0 < H is the bound H0 + λ_0(H − H0), marked.
    @Test func tanhCoefficientsAreTheFixturesAndTheBound() throws {
        let family = SelectionFamily.tanh(maxHidden: 9)
        for h in 1...9 {
            let url = Self.fixtures.appendingPathComponent("tanh/tanh-network-h-\(h)-truth-0.json")
            let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let expected = try #require(json["expected"] as? [String: Any])
            let c = try family.pairCoefficient(candidate: h, truth: 0)
            let text = (expected["lambda"] as? String) ?? (expected["lambda"] as? Int).map(String.init)
            #expect("\(c.lambda)" == text, "H = \(h)")
            #expect(c.multiplicity == expected["multiplicity"] as? Int, "H = \(h)")
            #expect(!c.upperBound)
            let regular = try family.pairCoefficient(candidate: h, truth: h)
            #expect(regular.lambda == Rational(h) && regular.multiplicity == 1 && !regular.upperBound)
        }
        let bound = try family.pairCoefficient(candidate: 3, truth: 1)
        #expect(bound.upperBound)
        #expect(bound.lambda == Rational(5, 3), "1 + λ_0(2) = 1 + 2/3")
        #expect(try family.pairCoefficient(candidate: 4, truth: 2).lambda == Rational(8, 3), "2 + λ_0(2)")
        // Every bound is below the regular d/2 = H.
        for h in 2...9 { for h0 in 1..<h { #expect(try family.pairCoefficient(candidate: h, truth: h0).lambda < Rational(h)) } }
    }

    /// On a fixed seed with n large (n = 2000, σ = 0.1, truth with H0 = 2
    /// units, x ~ U[−2, 2]) BIC and sBIC select H = 2. The margin: the best
    /// 1-unit fit leaves E(f* − g)² = 2.9e-4 (nK ≈ 29 against a penalty
    /// difference of log n ≈ 7.6), and the overfitted units gain 0.5 and 0.8
    /// in ℓ̂ against sBIC's extra ≥ 0.5 log n each.
    /// sBIC equals BIC for H ≤ H0 (the smaller candidates fit e^(−30) worse,
    /// so they carry no weight) and is strictly below it for H > H0, where
    /// the λ_ij (j < i) are smaller than H.
    @Test func tanhLargeNSelectsTheTrueUnits() throws {
        let data = try TanhFit.syntheticData(activeUnits: 2, count: 2000, sigma: 0.1, seed: 1)
        var selection = ModelSelection(family: .tanh(maxHidden: 4), sigma: 0.1)
        selection.fitStarts = 6
        let r = try selection.information(data: data)
        #expect(r.selected.map(\.rank) == [2, 2], "\(r.renderText())")
        for h in 0...2 { #expect(abs(r.rows[h].sbic - r.rows[h].bic) < 1e-6 * abs(r.rows[h].bic), "H = \(h)") }
        for h in 3...4 { #expect(r.rows[h].sbic < r.rows[h].bic - 1, "H = \(h): sBIC \(r.rows[h].sbic), BIC \(r.rows[h].bic)") }
        // More units never fit worse, and the H0-unit fit beats the truth.
        for h in 0..<4 { #expect(r.rows[h].logLikelihood <= r.rows[h + 1].logLikelihood) }
        let atTruth = -TanhFit.residualSum(x: data.inputs, y: data.outputs, hidden: 2, w: [1, 2, 1, 1]) / (2 * 0.01)
            - Double(data.count) / 2 * log(2 * Double.pi * 0.01)
        #expect(r.rows[2].logLikelihood >= atTruth)
        #expect(r.pairCoefficients?[3][1]?.upperBound == true)
        #expect(r.renderText().contains("≤ 5/3"))
    }

    /// Three polynomialRegression fixtures at the truth a = 0: λ from
    /// Analytic (1/4; 1/2; 1/2 with m = 2), and with one truth for all,
    /// sBIC_i = −ℓ̂_i + λ_i log n − (m_i − 1) log log n. ℓ̂ is the
    /// least-squares slope projected onto Q's image over the prior box [−1, 1]^d.
    @Test func polynomialCandidatesFromFixtures() throws {
        let paths = ["regression-q-w-2", "regression-q-w", "regression-q-w1-w2"].map {
            Self.fixtures.appendingPathComponent("regression/\($0).json").path
        }
        let list = try PolynomialCandidate.load(paths: paths)
        let data = try SelectionData.spec(path: paths[0])
        let r = try ModelSelection(family: .polynomials(list)).information(data: data)
        #expect(r.rows.map(\.lambda) == [0.25, 0.5, 0.5])
        #expect(r.pairCoefficients?[2][0]?.multiplicity == 2)
        let n = Double(data.count), logN = log(n)
        for (i, row) in r.rows.enumerated() {
            let m = Double(list[i].coefficients[i].multiplicity)
            let expected = -row.logLikelihood + row.lambda * logN - (m - 1) * log(logN)
            #expect(abs(row.sbic - expected) < 1e-9 * abs(expected), "\(row.candidate.name)")
            #expect(abs(row.bic - (-row.logLikelihood + 0.5 * logN)) < 1e-9 * abs(row.bic))
        }
        // ℓ̂ in closed form: slope Sxy/Sxx, clamped to [0, 1] for w², [−1, 1] for w and w1·w2.
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<data.count { sxx += data.inputs[i] * data.inputs[i]; sxy += data.inputs[i] * data.outputs[i]; syy += data.outputs[i] * data.outputs[i] }
        func ell(_ c: Double) -> Double { -(syy - 2 * c * sxy + c * c * sxx) / 2 - n / 2 * log(2 * Double.pi) }
        let slope = sxy / sxx
        #expect(abs(r.rows[0].logLikelihood - ell(min(max(slope, 0), 1))) < 1e-9 * n)
        #expect(abs(r.rows[1].logLikelihood - ell(min(max(slope, -1), 1))) < 1e-9 * n)
        #expect(abs(r.rows[2].logLikelihood - ell(min(max(slope, -1), 1))) < 1e-9 * n)
    }

    /// Candidates with different truths: λ_ij is Q_i at spec j's truth
    /// (w² at a = 0: 1/4; at its own a = 1/4, w0 = 1/2: regular 1/2), and a
    /// family where every λ_ij = λ_ii with m = 1 (Q = w, Q = w1 + w2) has sBIC = BIC exactly.
    @Test func polynomialPairsAndTheRegularCase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("select-candidates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ q: String, _ truth: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data("""
            {"model": {"kind": "polynomialRegression", "q": "\(q)"}, "truth": \(truth), "data": {"kind": "synthetic", "n": 500, "seed": 2}}
            """.utf8).write(to: url)
            return url.path
        }
        let a = try write("a.json", "w1*w2", "{\"a\": 0}")
        let b = try write("b.json", "w^2", "{\"a\": 0.25, \"parameters\": [0.5]}")
        let pairs = try SelectionFamily.polynomials(try PolynomialCandidate.load(paths: [a, b])).pairTable()
        #expect(pairs[1][0]?.lambda == Rational(1, 4))
        #expect(pairs[1][1]?.lambda == Rational(1, 2) && pairs[1][1]?.multiplicity == 1)
        #expect(pairs[0][0]?.lambda == Rational(1, 2) && pairs[0][0]?.multiplicity == 2)

        let c = try write("c.json", "w", "{\"a\": 0}"), d = try write("d.json", "w1 + w2", "{\"a\": 0}")
        let regular = try PolynomialCandidate.load(paths: [c, d])
        let r = try ModelSelection(family: .polynomials(regular)).information(data: try SelectionData.spec(path: c))
        for row in r.rows { #expect(abs(row.sbic - row.bic) < 1e-9 * abs(row.bic), "\(row.candidate.name)") }

        let other = dir.appendingPathComponent("rrr.json")
        try Data(#"{"model": {"kind": "reducedRankRegression", "inputs": 2, "outputs": 2, "hidden": 1}, "data": {"kind": "synthetic", "n": 50}}"#.utf8).write(to: other)
        #expect(throws: SpecError.self) { try PolynomialCandidate.load(paths: [c, other.path]) }
        do { _ = try PolynomialCandidate.load(paths: [c, other.path]) } catch let e as SpecError { #expect(e.path == "\(other.path): model.kind") }
    }

    /// `--data`: a CSV (inputs then outputs) and a `.npy` [n, M + N] give the
    /// same dataset; bad shapes name the array and the shape expected.
    @Test func dataFilesAndTheirErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("select-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows: [[Double]] = [[0.5, -1, 2, 0.25], [1.5, 2, -3, 1], [-0.5, 0.75, 1, -2]]
        let csv = dir.appendingPathComponent("d.csv")
        try Data(("x1,x2,y1,y2\n" + rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let npy = dir.appendingPathComponent("d.npy")
        try TensorFiles.TensorFile.encodeNpy(TensorFiles.Tensor(name: "d", shape: [3, 4], values: rows.flatMap { $0 })).write(to: npy)
        let a = try SelectionData.file(path: csv.path, inputs: 2, outputs: nil)
        let b = try SelectionData.file(path: npy.path, inputs: nil, outputs: 2)
        #expect(a.inputs == b.inputs && a.outputs == b.outputs)
        #expect(a.inputs == [0.5, -1, 1.5, 2, -0.5, 0.75] && a.outputDimension == 2)
        let flat = dir.appendingPathComponent("flat.npy")
        try TensorFiles.TensorFile.encodeNpy(TensorFiles.Tensor(name: "v", shape: [12], values: rows.flatMap { $0 })).write(to: flat)
        do {
            _ = try SelectionData.file(path: flat.path, inputs: 2, outputs: 2)
            Issue.record("a 1-D array accepted")
        } catch let e as SpecError {
            #expect(e.message.contains("shape [12]") && e.message.contains("[n, M + N]"), "\(e)")
        }
        do {
            _ = try SelectionData.file(path: csv.path, inputs: nil, outputs: nil)
            Issue.record("4 columns split without --input/--output")
        } catch let e as SpecError {
            #expect(e.message.contains("give --input M or --output N"), "\(e)")
        }
    }
}
