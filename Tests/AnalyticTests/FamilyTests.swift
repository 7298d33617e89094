import Testing
@testable import Analytic
import Polynomials

@Suite struct LearningCoefficientTests {
    @Test func descriptionShowsFractionAndDecimal() {
        let a = LearningCoefficient(lambda: Rational(5, 12), multiplicity: 1, method: "m", source: "s")
        #expect(a.description == "λ = 5/12 ≈ 0.416667, m = 1")
        let b = LearningCoefficient(lambda: Rational(1, 2), multiplicity: 2, method: "m", source: "s")
        #expect(b.description == "λ = 1/2 = 0.5, m = 2")
        let c = LearningCoefficient(lambda: Rational(3), multiplicity: nil, method: "m", source: "s")
        #expect(c.description == "λ = 3 (m not determined)")
        #expect(LearningCoefficient(lambda: Rational(2, 3), multiplicity: 1, method: "", source: "").lambdaDecimal == "0.666667")
        #expect(a.lambdaValue == 5.0 / 12.0)
    }
}

@Suite struct RegularTests {
    @Test func halfTheDimension() throws {
        for d in 0...12 {
            let c = try Regular.coefficient(dimension: d)
            #expect(c.lambda == Rational(d, 2))
            #expect(c.multiplicity == 1)
        }
        #expect(throws: AnalyticError.self) { try Regular.coefficient(dimension: -1) }
    }
}

@Suite struct NormalCrossingTests {
    @Test func classics() throws {
        // w^(2k): 1/(2k)
        for k in 1...6 {
            let c = try NormalCrossing(k: [k]).coefficient()
            #expect(c.lambda == Rational(1, 2 * k) && c.multiplicity == 1)
        }
        // w1²w2⁴: 1/4, m = 1; w1⁴w2⁴: 1/4, m = 2
        let a = try NormalCrossing(k: [1, 2]).coefficient()
        #expect(a.lambda == Rational(1, 4) && a.multiplicity == 1)
        let b = try NormalCrossing(k: [2, 2]).coefficient()
        #expect(b.lambda == Rational(1, 4) && b.multiplicity == 2)
        // prior exponents: K = w1² w2², φ ∝ |w2|²: min(1/2, 3/2) = 1/2
        let c = try NormalCrossing(k: [1, 1], h: [0, 2]).coefficient()
        #expect(c.lambda == Rational(1, 2) && c.multiplicity == 1)
        // k = 0 factors do not count
        let d = try NormalCrossing(k: [0, 3]).coefficient()
        #expect(d.lambda == Rational(1, 6) && d.multiplicity == 1)
    }

    @Test func symmetricUnderPermutation() throws {
        let cases: [([Int], [Int])] = [([1, 2, 3], [0, 1, 2]), ([2, 2, 1], [1, 1, 0]), ([3, 1, 0, 2], [0, 0, 4, 1])]
        for (k, h) in cases {
            let reference = try NormalCrossing(k: k, h: h).coefficient()
            for perm in permutations(Array(k.indices)) {
                let p = try NormalCrossing(k: perm.map { k[$0] }, h: perm.map { h[$0] }).coefficient()
                #expect(p.lambda == reference.lambda && p.multiplicity == reference.multiplicity)
            }
        }
    }

    @Test func localAtPointsOfTheTrueSet() throws {
        // (w1 w2)²: the origin has 1/2 with m = 2, points on the axes 1/2 with m = 1.
        let nc = try NormalCrossing(k: [1, 1])
        let origin = try nc.localCoefficient(at: [0, 0])
        #expect(origin.lambda == Rational(1, 2) && origin.multiplicity == 2)
        let axis = try nc.localCoefficient(at: [0, 1.5])
        #expect(axis.lambda == Rational(1, 2) && axis.multiplicity == 1)
        #expect(nc.coefficient().multiplicity == 2)
        #expect(nc.coefficient().attainedAt != nil)
        // w1² w2⁴ at (1, 0): only w2⁴ vanishes → 1/4; at (0, 1): 1/2.
        let nc2 = try NormalCrossing(k: [1, 2])
        #expect(try nc2.localCoefficient(at: [1, 0]).lambda == Rational(1, 4))
        #expect(try nc2.localCoefficient(at: [0, 1]).lambda == Rational(1, 2))
        #expect(throws: AnalyticError.self) { try nc2.localCoefficient(at: [1, 1]) }
    }

    @Test func rejectsBadInput() {
        #expect(throws: AnalyticError.self) { try NormalCrossing(k: []) }
        #expect(throws: AnalyticError.self) { try NormalCrossing(k: [1, -1]) }
        #expect(throws: AnalyticError.self) { try NormalCrossing(k: [1, 1], h: [0]) }
        #expect(throws: AnalyticError.self) { try NormalCrossing(k: [0, 0]) }
    }
}

@Suite struct ReducedRankRegressionTests {
    /// The primer's table: (M, N, H, r) → λ, m, d/2.
    static let table: [(Int, Int, Int, Int, Rational, Int, Rational)] = [
        (1, 1, 1, 0, Rational(1, 2), 2, Rational(1)),
        (2, 2, 1, 0, Rational(1), 2, Rational(2)),
        (2, 2, 2, 0, Rational(3, 2), 1, Rational(4)),
        (3, 3, 3, 0, Rational(7, 2), 2, Rational(9)),
        (3, 2, 2, 1, Rational(5, 2), 1, Rational(5)),
        (4, 6, 2, 1, Rational(6), 1, Rational(10)),
        (10, 1, 3, 0, Rational(3, 2), 1, Rational(33, 2)),
        (2, 3, 10, 1, Rational(3), 1, Rational(25)),
    ]

    @Test func primerTable() throws {
        for (M, N, H, r, lambda, m, halfD) in Self.table {
            let rrr = try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: r)
            let c = rrr.coefficient()
            #expect(c.lambda == lambda, "RRR \(M),\(N),\(H),\(r)")
            #expect(c.multiplicity == m, "RRR \(M),\(N),\(H),\(r)")
            #expect(Rational(rrr.parameterCount, 2) == halfD)
        }
    }

    @Test func everyCaseIsReached() throws {
        var seen = Set<Int>()
        for M in 1...6 { for N in 1...6 { for H in 1...8 { for r in 0...min(M, N, H) {
            seen.insert(try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: r).theoremCase)
        } } } }
        #expect(seen == [1, 2, 3, 4])
    }

    /// At full true rank r = H ≤ min(M, N) the true set is the manifold of
    /// rank-H maps, of dimension H(M + N − H): λ = H(M + N − H)/2, m = 1.
    @Test func fullTrueRankIsRegular() throws {
        for M in 1...8 { for N in 1...8 { for H in 1...min(M, N) {
            let c = try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: H).coefficient()
            #expect(c.lambda == Rational(H * (M + N - H), 2), "RRR \(M),\(N),\(H),\(H)")
            #expect(c.multiplicity == 1)
        } } }
    }

    @Test func neverAboveHalfTheDimension() throws {
        for M in 1...7 { for N in 1...7 { for H in 1...9 { for r in 0...min(M, N, H) {
            let rrr = try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: r)
            let c = rrr.coefficient()
            #expect(c.lambda <= Rational(rrr.parameterCount, 2))
            #expect(c.lambda > .zero)
        } } } }
    }

    @Test func rejectsBadInput() {
        #expect(throws: AnalyticError.self) { try ReducedRankRegression(inputs: 0, outputs: 1, hidden: 1, trueRank: 0) }
        #expect(throws: AnalyticError.self) { try ReducedRankRegression(inputs: 3, outputs: 3, hidden: 2, trueRank: 3) }
        #expect(throws: AnalyticError.self) { try ReducedRankRegression(inputs: 3, outputs: 3, hidden: 2, trueRank: -1) }
    }
}

@Suite struct DeepLinearNetworkTests {
    @Test func primerTable() throws {
        let table: [([Int], Int, Rational, Int)] = [
            ([2, 2, 2, 2], 0, Rational(3, 2), 3),
            ([3, 3, 3, 3], 0, Rational(3), 1),
            ([5, 5, 5, 5], 2, Rational(11), 1),
            ([4, 2, 4, 4], 1, Rational(5), 3),
        ]
        for (widths, r, lambda, m) in table {
            let c = try DeepLinearNetwork(widths: widths, trueRank: r).coefficient()
            #expect(c.lambda == lambda, "DLN \(widths), r = \(r)")
            #expect(c.multiplicity == m, "DLN \(widths), r = \(r)")
        }
    }

    /// Widths [M, H, N] are reduced rank regression (M, N, H, r).
    @Test func twoLayersEqualReducedRankRegression() throws {
        var count = 0
        for M in 1...9 { for N in 1...9 { for H in 1...9 { for r in 0...min(M, N, H) {
            let dln = try DeepLinearNetwork(widths: [M, H, N], trueRank: r).coefficient()
            let rrr = try ReducedRankRegression(inputs: M, outputs: N, hidden: H, trueRank: r).coefficient()
            #expect(dln.lambda == rrr.lambda, "widths \([M, H, N]), r = \(r)")
            #expect(dln.multiplicity == rrr.multiplicity, "widths \([M, H, N]), r = \(r)")
            count += 1
        } } } }
        #expect(count > 2000)
    }

    /// One layer is linear regression: regular, λ = H1·H2/2.
    @Test func oneLayerIsRegular() throws {
        for a in 1...6 { for b in 1...6 { for r in 0...min(a, b) {
            let c = try DeepLinearNetwork(widths: [a, b], trueRank: r).coefficient()
            #expect(c.lambda == Rational(a * b, 2) && c.multiplicity == 1)
        } } }
    }

    @Test func neverAboveHalfTheDimensionOnRandomShapes() throws {
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        for _ in 0..<3000 {
            let widths = (0..<(2 + next(5))).map { _ in 1 + next(7) }
            let r = next(widths.min()! + 1)
            let dln = try DeepLinearNetwork(widths: widths, trueRank: r)
            let c = try dln.coefficient()
            #expect(c.lambda <= Rational(dln.parameterCount, 2), "DLN \(widths), r = \(r)")
            #expect(c.lambda >= Rational(r * (widths.first! + widths.last! - r), 2), "DLN \(widths), r = \(r)")
            #expect(c.multiplicity! >= 1)
        }
    }

    @Test func rejectsBadInput() {
        #expect(throws: AnalyticError.self) { try DeepLinearNetwork(widths: [3], trueRank: 0) }
        #expect(throws: AnalyticError.self) { try DeepLinearNetwork(widths: [3, 0, 2], trueRank: 0) }
        #expect(throws: AnalyticError.self) { try DeepLinearNetwork(widths: [3, 2, 4], trueRank: 3) }
    }
}

@Suite struct TanhNetworkTests {
    @Test func truthZeroForHOneToSix() throws {
        let expected: [(Rational, Int)] = [(Rational(1, 2), 2), (Rational(2, 3), 1), (Rational(5, 6), 1),
                                           (Rational(1), 2), (Rational(11, 10), 1), (Rational(6, 5), 1)]
        for (H, (lambda, m)) in zip(1..., expected) {
            let c = try TanhNetwork(hidden: H).coefficient()
            #expect(c.lambda == lambda && c.multiplicity == m, "H = \(H)")
            #expect(c.lambda <= Rational(H))  // ≤ d/2 = H
        }
        // i = ⌊√H⌋ on perfect squares further out: H = 9 → (9+9+3)/14 = 3/2, m = 2.
        let nine = try TanhNetwork(hidden: 9).coefficient()
        #expect(nine.lambda == Rational(3, 2) && nine.multiplicity == 2)
    }

    @Test func activeTruth() throws {
        let c = try TanhNetwork(hidden: 1, activeTrueUnits: 1).coefficient()
        #expect(c.lambda == Rational(1) && c.multiplicity == 1)
        #expect(throws: AnalyticError.self) { try TanhNetwork(hidden: 3, activeTrueUnits: 1).coefficient() }
        #expect(throws: AnalyticError.self) { try TanhNetwork(hidden: 0) }
        #expect(throws: AnalyticError.self) { try TanhNetwork(hidden: 2, activeTrueUnits: 3) }
    }
}

func permutations(_ a: [Int]) -> [[Int]] {
    guard a.count > 1 else { return [a] }
    return a.indices.flatMap { i -> [[Int]] in
        var rest = a
        let x = rest.remove(at: i)
        return permutations(rest).map { [x] + $0 }
    }
}
