import Foundation
import Testing
@testable import Estimators

/// Drton & Plummer's sBIC: agreement with BIC for a regular family, the
/// uniqueness and precision of its solution, and its numerics.
@Suite struct SingularBICTests {
    /// A chain 0 ≺ 1 ≺ … ≺ k−1.
    static func chain(_ count: Int) -> [[Int]] { (0..<count).map { Array(0..<$0) } }

    /// Reduced rank regression's λ and m (Aoyagi & Watanabe 2005), inline
    /// so that this test does not lean on the Analytic module; rank 0: λ = 0.
    static func rrr(_ m: Int, _ n: Int, hidden h: Int, truth r: Int) -> SingularBIC.Coefficient {
        guard h > 0 else { return .init(lambda: 0, multiplicity: 1) }
        if m + h < n + r { return .init(lambda: Double(h * m - h * r + n * r) / 2, multiplicity: 1) }
        if n + h < m + r { return .init(lambda: Double(h * n - h * r + m * r) / 2, multiplicity: 1) }
        if m + n < h + r { return .init(lambda: Double(m * n) / 2, multiplicity: 1) }
        let base = 2 * (h + r) * (m + n) - (m - n) * (m - n) - (h + r) * (h + r)
        return (m + h + n + r) % 2 == 0 ? .init(lambda: Double(base) / 8, multiplicity: 1) : .init(lambda: Double(base + 1) / 8, multiplicity: 2)
    }

    static func rrrProblem(_ m: Int, _ n: Int, logLikelihoods: [Double], sampleCount: Int) -> SingularBIC.Problem {
        let k = logLikelihoods.count
        let table = (0..<k).map { i in (0..<k).map { j in j <= i ? rrr(m, n, hidden: i, truth: j) : nil } }
        return SingularBIC.Problem(logLikelihoods: logLikelihoods, submodels: chain(k), coefficients: table, sampleCount: sampleCount)
    }

    /// Nested regular models (d_i = i + 1, λ_ij = d_i/2, m = 1 whatever the
    /// truth): L'_ij = L'_ii, so L'(M_i) = L'_ii and sBIC is BIC exactly.
    @Test func regularFamilyAgreesWithBIC() throws {
        let ell = [-812.4, -790.1, -788.9, -788.2, -787.95]
        let table = (0..<5).map { i in (0..<5).map { j in j <= i ? SingularBIC.Coefficient(lambda: Double(i + 1) / 2, multiplicity: 1) : nil } }
        let r = try SingularBIC.solve(.init(logLikelihoods: ell, submodels: Self.chain(5), coefficients: table, sampleCount: 400))
        for i in 0..<5 {
            #expect(abs(r.sbic[i] - r.bic[i]) <= 1e-10 * abs(r.bic[i]), "candidate \(i): sBIC \(r.sbic[i]), BIC \(r.bic[i])")
            #expect(abs(r.bic[i] - (-ell[i] + Double(i + 1) / 2 * log(400))) < 1e-12 * abs(r.bic[i]))
        }
    }

    /// In topological order the equation of candidate i is
    /// g(x) = x (x − L'_ii) + Σ_{j≺i} L_j (x − L'_ij) = 0 with g(0) = −Σ L'_ij L_j < 0:
    /// one positive root. The solver's x must bracket it to 1e-10 (g changes
    /// sign between x(1 − 1e-10) and x(1 + 1e-10)), and the residual of the
    /// equations must be below 1e-10. Likelihoods chosen so exp does not underflow.
    @Test func fixedPointIsUniqueAndFoundTo1e10() throws {
        let ell = [-70.0, -52.5, -44.1, -41.3, -40.2, -39.9]
        let p = Self.rrrProblem(6, 5, logLikelihoods: ell, sampleCount: 60)
        let r = try SingularBIC.solve(p)
        #expect(r.residual < 1e-10)
        let L = r.logMarginal.map(exp)
        for i in 1..<ell.count {
            let pair = { (j: Int) in exp(SingularBIC.logPairLikelihood(ell[i], p.coefficients[i][j]!, sampleCount: 60)) }
            func g(_ x: Double) -> Double {
                x * (x - pair(i)) + (0..<i).reduce(0) { $0 + L[$1] * (x - pair($1)) }
            }
            #expect(g(0) < 0, "candidate \(i): g(0) must be negative, so the positive root is unique")
            #expect(g(L[i] * (1 - 1e-10)) < 0 && g(L[i] * (1 + 1e-10)) > 0, "candidate \(i): the root is not bracketed to 1e-10")
        }
    }

    /// The solution does not depend on how the candidates are numbered.
    @Test func solutionIsIndependentOfTheCandidatesOrder() throws {
        let ell = [-1503.2, -1290.7, -1231.0, -1228.4, -1227.9]
        let p = Self.rrrProblem(6, 4, logLikelihoods: ell, sampleCount: 300)
        let r = try SingularBIC.solve(p)
        let perm = [3, 0, 4, 2, 1]  // new index k holds old candidate perm[k]
        let inverse = (0..<5).map { old in perm.firstIndex(of: old)! }
        let q = SingularBIC.Problem(
            logLikelihoods: perm.map { ell[$0] },
            submodels: perm.map { old in p.submodels[old].map { inverse[$0] }.sorted() },
            coefficients: perm.map { oldI in perm.map { oldJ in p.coefficients[oldI][oldJ] } },
            sampleCount: 300)
        let s = try SingularBIC.solve(q)
        for k in 0..<5 {
            #expect(abs(s.sbic[k] - r.sbic[perm[k]]) <= 1e-12 * abs(r.sbic[perm[k]]))
        }
    }

    /// Log-likelihoods 10⁴ apart: e^(−10⁴) underflows, the log-space solution
    /// does not; the smallest candidates keep finite sBIC values.
    @Test func hugeLikelihoodGapsStayFinite() throws {
        let ell = [-60_000.0, -20_000, -12_000, -11_990, -11_985]
        let r = try SingularBIC.solve(Self.rrrProblem(15, 10, logLikelihoods: ell, sampleCount: 5000))
        let finite = r.sbic.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(r.residual < 1e-10)
        // A minimal candidate's sBIC is its BIC.
        #expect(r.sbic[0] == r.bic[0])
    }

    @Test func badPosetsAreRefused() {
        let c = SingularBIC.Coefficient(lambda: 1, multiplicity: 1)
        let cycle = SingularBIC.Problem(logLikelihoods: [-1, -2], submodels: [[1], [0]], coefficients: [[c, c], [c, c]], sampleCount: 10)
        #expect(throws: SpecificationError.self) { try SingularBIC.solve(cycle) }
        let missing = SingularBIC.Problem(logLikelihoods: [-1, -2], submodels: [[], [0]], coefficients: [[c, nil], [nil, c]], sampleCount: 10)
        #expect(throws: SpecificationError.self) { try SingularBIC.solve(missing) }
        let open = SingularBIC.Problem(logLikelihoods: [-1, -2, -3], submodels: [[], [0], [1]],
                                       coefficients: [[c, nil, nil], [c, c, nil], [c, c, c]], sampleCount: 10)
        #expect(throws: SpecificationError.self) { try SingularBIC.solve(open) }
    }
}
