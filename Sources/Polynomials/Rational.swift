/// An exact rational number p/q in lowest terms with q > 0.
///
/// Learning coefficients of the closed-form families are rationals (λ = 5/12);
/// Newton-polyhedron geometry on integer exponents is exact in rationals.
/// Arithmetic traps on overflow of the 64-bit numerator or denominator, which
/// the small problems of this toolkit never reach; use the `…ReportingOverflow`
/// forms where inputs are unbounded.
public struct Rational: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// p/q reduced to lowest terms; `denominator` must not be zero.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "Rational with zero denominator")
        let g = Rational.gcd(numerator, denominator)
        var p = numerator / g, q = denominator / g
        if q < 0 { p = -p; q = -q }
        self.numerator = p
        self.denominator = q
    }

    public init(integerLiteral value: Int) { self.init(value) }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public var doubleValue: Double { Double(numerator) / Double(denominator) }
    public var isInteger: Bool { denominator == 1 }

    /// `5/12`, or `3` for an integer.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int(x)
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        let g = gcd(a.denominator, b.denominator)
        return Rational(a.numerator * (b.denominator / g) + b.numerator * (a.denominator / g),
                        a.denominator / g * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    public static prefix func - (a: Rational) -> Rational { Rational(-a.numerator, a.denominator) }
    public static func * (a: Rational, b: Rational) -> Rational {
        let g1 = gcd(a.numerator, b.denominator), g2 = gcd(b.numerator, a.denominator)
        return Rational((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(b.numerator != 0, "Rational division by zero")
        return a * Rational(b.denominator, b.numerator)
    }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }
    public static func /= (a: inout Rational, b: Rational) { a = a / b }

    public static func < (a: Rational, b: Rational) -> Bool {
        // Denominators are positive, so cross-multiplication preserves order.
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// ⌊p/q⌋.
    public var floor: Int { numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator) }
}

extension Rational: ExpressibleByIntegerLiteral {}
