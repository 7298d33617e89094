import Testing
import Polynomials

@Suite struct SquareRootTests {
    func p(_ s: String) throws -> Polynomial { try Polynomial(parsing: s) }

    @Test func squaresGiveTheirRoot() throws {
        for (k, root, factor) in [("(w1^2+w2^3)^2", "w1^2+w2^3", Rational(1)), ("4*w^2 - 12*w + 9", "2*w - 3", Rational(1)),
                                  ("2*w^2", "w", Rational(2)), ("(w1-w2)^2*(w1+w2)^2", "w1^2 - w2^2", Rational(1)),
                                  ("(a*b+c*d)^2", "a*b + c*d", Rational(1)), ("0.25*(w1 + 3*w2)^4", "w1^2 + 6*w1*w2 + 9*w2^2", Rational(1, 4)),
                                  ("(w - 1.6)^4", "25*w^2 - 80*w + 64", Rational(1, 625))] {
            let s = try #require(try p(k).squareRoot(), "\(k) is a square")
            #expect(s.root == (try p(root)), "\(k): root \(s.root)")
            #expect(s.factor == factor, "\(k): factor \(s.factor)")
            // K = c·Q² exactly.
            let back = try s.root.power(2) * Polynomial(constant: ExactDecimal(s.factor.numerator)) - (try p(k)) * Polynomial(constant: ExactDecimal(s.factor.denominator))
            #expect(back.isZero, "\(k)")
        }
    }

    @Test func nonSquaresAreNil() throws {
        for k in ["w1^2 + w2^2", "w^3", "-(w^2)", "(w1+w2)^2 + w1^4", "w^2 + 1 + w", "w1^2*w2", "(w1^2+w2^3)^2 + w2^7"] {
            #expect(try p(k).squareRoot() == nil, "\(k) is not a square")
        }
    }

    @Test func quadraticSignatures() throws {
        func sig(_ s: String) throws -> Polynomial.QuadraticSignature? { try p(s).quadraticSignature() }
        let a = try #require(try sig("w1^2 - w2^2"))
        #expect(a.positive == 1 && a.negative == 1 && a.isExactlyQuadratic)
        let b = try #require(try sig("w1*w2"))
        #expect(b.positive == 1 && b.negative == 1)
        let c = try #require(try sig("(w1-w2)^2"))
        #expect(c.rank == 1 && c.positive == 1 && c.dimension == 2)
        let d = try #require(try sig("a*b + c*d"))
        #expect(d.positive == 2 && d.negative == 2)
        let e = try #require(try sig("w1^2 + w1*w2 + w2^2"))
        #expect(e.positive == 2 && e.negative == 0)
        let f = try #require(try sig("w1^2 + w2^3"))
        #expect(f.rank == 1 && !f.isExactlyQuadratic)
        #expect(try sig("w + w^2") == nil)
        #expect(try sig("w^3") == nil)
    }
}
