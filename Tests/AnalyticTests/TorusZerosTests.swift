import Testing
@testable import Analytic

@Suite struct TorusZerosTests {
    let names = ["w1", "w2", "w3"]

    func terms(_ list: [([Int], Double)]) -> [FaceTerm] { list.map { FaceTerm(exponents: $0.0, coefficient: $0.1) } }

    @Test func sturmCountsRealRoots() throws {
        // (u+1)²(u²+1): one distinct real root, repeated.
        let p = IntegerPolynomial([1, 2, 2, 2, 1])
        #expect(try p.distinctRealRootCount() == 1)
        #expect(try p.repeatedPart().degree == 1)
        // (u−1)(u−2)(u+3) = u³ − 7u + 6
        #expect(try IntegerPolynomial([6, -7, 0, 1]).distinctRealRootCount() == 3)
        #expect(try IntegerPolynomial([1, 0, 1]).distinctRealRootCount() == 0)
        #expect(try IntegerPolynomial([-1, 0, 0, 0, 1]).distinctRealRootCount() == 2)
    }

    @Test func monomialsAndBinomials() {
        #expect(TorusZeros.classify(terms([([2, 4], 1)]), names: names) == .noZero)
        // w1² + w2²: no torus zero; w1² − w2²: simple zeros; w1² + w2³: simple zeros (odd).
        #expect(TorusZeros.classify(terms([([2, 0], 1), ([0, 2], 1)]), names: names) == .noZero)
        #expect(TorusZeros.classify(terms([([2, 0], 1), ([0, 2], -1)]), names: names) == .nonSingularZeros)
        #expect(TorusZeros.classify(terms([([2, 0], 1), ([0, 3], 1)]), names: names) == .nonSingularZeros)
        #expect(TorusZeros.classify(terms([([1, 1, 0], 1), ([0, 0, 2], 0.3)]), names: names) == .nonSingularZeros)
    }

    @Test func squaresOfLinearFormsAreSingular() {
        // (w1 + w2)² and (w1 − w2)²: a repeated factor on the torus.
        let plus = TorusZeros.classify(terms([([2, 0], 1), ([1, 1], 2), ([0, 2], 1)]), names: names)
        #expect(plus == .singularZero(factor: "w1 + w2"))
        let minus = TorusZeros.classify(terms([([2, 0], 1), ([1, 1], -2), ([0, 2], 1)]), names: names)
        #expect(minus == .singularZero(factor: "w1 - w2"))
        // (w1² + w2³)² = w1⁴ + 2w1²w2³ + w2⁶
        let cusp = TorusZeros.classify(terms([([4, 0], 1), ([2, 3], 2), ([0, 6], 1)]), names: names)
        #expect(cusp == .singularZero(factor: "w1^2 + w2^3"))
        // w1² + w1 w2 + w2²: definite, no zero
        #expect(TorusZeros.classify(terms([([2, 0], 1), ([1, 1], 1), ([0, 2], 1)]), names: names) == .noZero)
        // decimal coefficients read as the rationals written: (w1 − 0.1 w2)²
        let decimal = TorusZeros.classify(terms([([2, 0], 1), ([1, 1], -0.2), ([0, 2], 0.01)]), names: names)
        #expect(decimal == .singularZero(factor: "10*w1 - w2"))
    }

    @Test func higherFaces() {
        // w1² + w2² + w3²: definite
        #expect(TorusZeros.classify(terms([([2, 0, 0], 1), ([0, 2, 0], 1), ([0, 0, 2], 1)]), names: names) == .noZero)
        // w1² + w2² − w3²: undecided, but seen negative
        let mixed = TorusZeros.classify(terms([([2, 0, 0], 1), ([0, 2, 0], 1), ([0, 0, 2], -1)]), names: names)
        #expect(mixed == .undecided(reason: "a face of dimension ≥ 2 whose polynomial is not a definite sum of even monomials", negativeValue: true))
    }

    @Test func exactRationals() {
        #expect(TorusZeros.exactRational(0.1) == .init(1, 10))
        #expect(TorusZeros.exactRational(-2.5) == .init(-5, 2))
        #expect(TorusZeros.exactRational(1.0 / 3.0) == .init(1, 3))
        #expect(TorusZeros.exactRational(7) == .init(7))
        #expect(TorusZeros.exactRational(Double.pi) == nil)
    }
}
