import Foundation
import GSL
import Testing

@Suite struct SymmetricEigenTests {
    @Test func twoByTwoInClosedForm() throws {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, −1)/√2 and (1, 1)/√2.
        let (values, vectors) = try SymmetricEigen.decompose([[2, 1], [1, 2]])
        #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
        let s = 1 / 2.0.squareRoot()
        #expect(abs(abs(vectors[0][0]) - s) < 1e-14 && abs(vectors[0][0] + vectors[0][1]) < 1e-14)
        #expect(abs(abs(vectors[1][0]) - s) < 1e-14 && abs(vectors[1][0] - vectors[1][1]) < 1e-14)
    }

    @Test func reusedSolverMatchesTheDecompositionAndSortsAscending() throws {
        let solver = try SymmetricEigenSolver(dimension: 3)
        let a: [[Double]] = [[4, 1, -2], [1, 0, 3], [-2, 3, -5]]
        let full = try solver.decompose(a)
        var out = [Double](repeating: 0, count: 3)
        for _ in 0..<3 {  // the same numbers on every reuse
            try a.flatMap { $0 }.withUnsafeBufferPointer { ap in try out.withUnsafeMutableBufferPointer { try solver.eigenvalues(of: ap, into: $0) } }
            for i in 0..<3 { #expect(abs(out[i] - full.values[i]) < 1e-12) }
        }
        #expect(out[0] <= out[1] && out[1] <= out[2])
        // Trace and A·v = λ·v.
        let trace: Double = out[0] + out[1] + out[2]
        #expect(abs(trace + 1) < 1e-12)
        for k in 0..<3 {
            for i in 0..<3 {
                var av = 0.0
                for j in 0..<3 { av += a[i][j] * full.vectors[k][j] }
                let expected: Double = full.values[k] * full.vectors[k][i]
                #expect(abs(av - expected) < 1e-12)
            }
        }
    }

    @Test func badMatricesAreRefused() {
        #expect(throws: GSLError.self) { try SymmetricEigen.decompose([[1, 2]]) }
        #expect(throws: GSLError.self) { try SymmetricEigen.decompose([[Double.nan]]) }
    }
}
