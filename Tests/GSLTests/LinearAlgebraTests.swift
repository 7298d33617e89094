import Foundation
import Testing
@testable import GSL

@Suite struct LinearAlgebraTests {
    /// A = U diag(3, 2) Vᵀ with a rotation V and orthonormal columns U.
    @Test func singularValuesAndVectorsReconstructTheMatrix() throws {
        let c = cos(0.3), s = sin(0.3)
        let u = [[1.0, 0], [0, 0.6], [0, 0.8]]  // 3×2, orthonormal columns
        let v = [[c, -s], [s, c]]
        let sv = [3.0, 2.0]
        var a = [Double](repeating: 0, count: 6)
        for i in 0..<3 { for j in 0..<2 { a[i * 2 + j] = (0..<2).reduce(0) { $0 + u[i][$1] * sv[$1] * v[j][$1] } } }
        let d = try LinearAlgebra.singularValueDecomposition(a, rows: 3, columns: 2)
        #expect(abs(d.singularValues[0] - 3) < 1e-12 && abs(d.singularValues[1] - 2) < 1e-12)
        for i in 0..<3 {
            for j in 0..<2 {
                let back = (0..<2).reduce(0.0) { $0 + d.leftVectors[i * 2 + $1] * d.singularValues[$1] * d.rightVectors[j * 2 + $1] }
                #expect(abs(back - a[i * 2 + j]) < 1e-12)
            }
        }
        #expect(throws: GSLError.self) { try LinearAlgebra.singularValueDecomposition(a, rows: 2, columns: 3) }
    }

    /// Noiseless responses Y = X C are fitted exactly, residual 0.
    @Test func multiResponseLeastSquaresRecoversTheCoefficients() throws {
        let x: [Double] = [1, 0, 2, 1, 3, -1, 0, 4, 1, 1]  // 5×2
        let coefficients: [Double] = [0.5, -1, 2, 0.25, 0, 3]  // 2×3
        var y = [Double](repeating: 0, count: 15)
        for i in 0..<5 { for r in 0..<3 { y[i * 3 + r] = x[i * 2] * coefficients[r] + x[i * 2 + 1] * coefficients[3 + r] } }
        let (c, rss) = try LinearAlgebra.leastSquares(design: x, rows: 5, columns: 2, responses: y, count: 3)
        #expect(rss < 1e-20)
        for k in 0..<6 { #expect(abs(c[k] - coefficients[k]) < 1e-12) }
    }
}
