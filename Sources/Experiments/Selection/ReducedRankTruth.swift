import Foundation
import GSL
import Models

/// A random true map B = U diag(s) Vᵀ of rank r (N×M) and data drawn from it,
/// as in the reduced-rank regression vignette of the R package sBIC (after
/// Drton & Plummer 2017, §5.1): U (N×r) and V (M×r) with orthonormal columns,
/// x ~ N(0, I_M), y = B x + σ ε, ε ~ N(0, I_N).
///
/// U and V are the left singular vectors (GSL's SVD) of N×r and M×r matrices
/// of independent N(0, 1) draws. Draw order from one stream: the N·r entries
/// for U, the M·r for V (row-major), then for each sample its M inputs and N
/// noise values, so the first n samples are the same for every larger n.
public struct ReducedRankTruth: Sendable, Hashable {
    public var inputs: Int
    public var outputs: Int
    /// s_1 ≥ … ≥ s_r > 0; r = their count.
    public var singularValues: [Double]
    public var sigma: Double

    /// Checks the sizes; errors name `trueRank`, `singularValues` or `sigma`.
    public init(inputs m: Int, outputs n: Int, singularValues s: [Double], sigma: Double) throws {
        guard s.count <= min(m, n) else {
            throw SpecError(path: "trueRank", "expected a rank ≤ min(inputs, outputs) = \(min(m, n)), got \(s.count)")
        }
        if let bad = s.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw SpecError(path: "singularValues", "expected positive finite singular values, got \(bad)")
        }
        guard sigma > 0, sigma.isFinite else { throw SpecError(path: "sigma", "expected a positive number, got \(sigma)") }
        inputs = m
        outputs = n
        singularValues = s.sorted(by: >)
        self.sigma = sigma
    }

    /// The vignette's singular values (r:1)/r + 1/r: for r = 5, 1.2, 1, 0.8, 0.6, 0.4.
    public static func vignetteSingularValues(rank r: Int) -> [Double] {
        (0..<r).map { Double(r - $0) / Double(r) + 1 / Double(r) }
    }

    public var rank: Int { singularValues.count }

    /// B and n samples from stream k of `seed` (`draw(count:stream:)`).
    public func draw(count n: Int, seed: UInt64, stream k: Int) throws -> (map: [Double], data: Dataset) {
        try draw(count: n, stream: RandomStream(seed: seed, stream: k))
    }

    /// B (N×M, row-major) and n samples, all from `stream`.
    public func draw(count n: Int, stream: RandomStream) throws -> (map: [Double], data: Dataset) {
        guard n >= 1 else { throw SpecError(path: "n", "expected a positive sample size, got \(n)") }
        let (m, k, r) = (inputs, outputs, rank)
        var b = [Double](repeating: 0, count: k * m)
        if r > 0 {
            let u = try orthonormalColumns(rows: k, columns: r, stream: stream)
            let v = try orthonormalColumns(rows: m, columns: r, stream: stream)
            for i in 0..<k {
                for j in 0..<m {
                    var s = 0.0
                    for c in 0..<r { s += u[i * r + c] * singularValues[c] * v[j * r + c] }
                    b[i * m + j] = s
                }
            }
        }
        var x = [Double](repeating: 0, count: n * m)
        var y = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for j in 0..<m { x[i * m + j] = stream.gaussian() }
            for o in 0..<k {
                var s = 0.0
                for j in 0..<m { s += b[o * m + j] * x[i * m + j] }
                y[i * k + o] = s + sigma * stream.gaussian()
            }
        }
        let data = try Dataset(inputs: x, outputs: y, inputDimension: m, outputDimension: k,
                               inputDistribution: .standardNormal,
                               source: "synthetic n=\(n) rank \(r) seed=\(stream.seed) stream \(stream.streamIndex)")
        return (b, data)
    }

    private func orthonormalColumns(rows: Int, columns: Int, stream: RandomStream) throws -> [Double] {
        let g = (0..<(rows * columns)).map { _ in stream.gaussian() }
        do {
            return try LinearAlgebra.singularValueDecomposition(g, rows: rows, columns: columns).leftVectors
        } catch let error as GSLError {
            throw SpecError(path: "trueRank", "could not draw orthonormal singular vectors: \(error)")
        }
    }
}
