/// An exact decimal number m·10^e with an arbitrary-precision integer m.
///
/// Polynomial coefficients are decimals: literals are decimals (`1.6` = 16/10,
/// `1e308`), and sums and products of decimals are decimals, so expansion,
/// cancellation (`0.1+0.2-0.3` = 0) and shifts to a decimal point are exact
/// and independent of the order of operations. Coefficients become Doubles
/// once, by correct rounding (`doubleValue`), where a polynomial is compiled.
///
/// m is stored in base 10^9 limbs, so the decimal text is exact and cheap.
/// Sizes are bounded by `maximumDigits`: an operation whose exact result
/// would need more digits throws `PolynomialLimitError` instead.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// |m| in base 10^9, least significant limb first; empty for zero.
    /// Normalised: no zero top limb and m not divisible by 10.
    private(set) var limbs: [UInt32]
    /// Whether the number is negative (false for zero).
    public private(set) var isNegative: Bool
    /// e in m·10^e (0 for zero).
    public private(set) var exponent: Int

    /// The largest number of decimal digits an exact value may need (its
    /// mantissa, or the aligned operands of a sum).
    public static let maximumDigits = 10_000

    static let base: UInt64 = 1_000_000_000

    public static let zero = ExactDecimal(limbs: [], negative: false, exponent: 0)
    public static let one = ExactDecimal(1)

    init(limbs: [UInt32], negative: Bool, exponent: Int) {
        self.limbs = limbs
        self.isNegative = negative
        self.exponent = exponent
        normalise()
    }

    /// An integer.
    public init(_ value: Int) {
        var m = value.magnitude
        var l: [UInt32] = []
        while m > 0 { l.append(UInt32(m % UInt(Self.base))); m /= UInt(Self.base) }
        self.init(limbs: l, negative: value < 0, exponent: 0)
    }

    /// A decimal literal: optional sign, digits with at most one '.', optional
    /// exponent (`-1.5e-3`, `2E+10`, `.5`). Nil for anything else, or beyond `maximumDigits`.
    public init?(_ text: String) {
        var chars = Substring(text)
        var negative = false
        if let c = chars.first, c == "+" || c == "-" { negative = c == "-"; chars = chars.dropFirst() }
        var digits: [UInt8] = []
        var fraction = 0, seenPoint = false, seenDigit = false
        while let c = chars.first, c.isASCII, c.isNumber || c == "." {
            chars = chars.dropFirst()
            if c == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            seenDigit = true
            let v = c.asciiValue! - 48
            if digits.isEmpty && v == 0 { if seenPoint { fraction += 1 }; continue }
            digits.append(v)
            if seenPoint { fraction += 1 }
        }
        guard seenDigit else { return nil }
        var power = 0
        if let c = chars.first, c == "e" || c == "E" {
            chars = chars.dropFirst()
            guard let p = Int(chars), abs(p) <= 1_000_000_000 else { return nil }
            power = p
            chars = ""
        }
        guard chars.isEmpty, digits.count <= Self.maximumDigits else { return nil }
        // Limbs from the least significant digit.
        var l: [UInt32] = []
        var i = digits.count
        while i > 0 {
            let start = max(0, i - 9)
            var v: UInt32 = 0
            for k in start..<i { v = v * 10 + UInt32(digits[k]) }
            l.append(v)
            i = start
        }
        self.init(limbs: l, negative: negative, exponent: power - fraction)
    }

    /// The decimal a finite Double was written as: its shortest round-tripping
    /// text (`1.6` → 16/10, not the binary 1.600000000000000088…). Nil if not finite.
    public init?(_ x: Double) {
        guard x.isFinite else { return nil }
        self.init("\(x)")
    }

    public var isZero: Bool { limbs.isEmpty }
    public var signum: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    /// The nearest Double (correctly rounded; ±infinity beyond the Double range).
    public var doubleValue: Double {
        if isZero { return 0 }
        return Double((isNegative ? "-" : "") + mantissaDigits + "e\(exponent)") ?? .nan
    }

    /// Decimal digits of |m|.
    var mantissaDigits: String {
        guard let top = limbs.last else { return "0" }
        var s = String(top)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            s += String(repeating: "0", count: 9 - part.count) + part
        }
        return s
    }

    /// Number of decimal digits of |m|.
    var digitCount: Int {
        guard let top = limbs.last else { return 0 }
        var n = 0, t = top
        while t > 0 { n += 1; t /= 10 }
        return (limbs.count - 1) * 9 + n
    }

    /// Exact text that parses back: `-2.56`, `1e308`, `4.096e-30`, `12`.
    public var description: String {
        if isZero { return "0" }
        let sign = isNegative ? "-" : ""
        let digits = mantissaDigits
        let n = digits.count
        if exponent >= 0 {
            if n + exponent <= 21 { return sign + digits + String(repeating: "0", count: exponent) }
        } else if -exponent < n {
            let point = digits.index(digits.endIndex, offsetBy: exponent)
            return sign + digits[..<point] + "." + digits[point...]
        } else if n - exponent <= 21 {
            return sign + "0." + String(repeating: "0", count: -exponent - n) + digits
        }
        // Scientific: d.ddd e(exponent + n − 1).
        let head = digits.prefix(1), tail = digits.dropFirst()
        return sign + head + (tail.isEmpty ? "" : "." + tail) + "e\(exponent + n - 1)"
    }

    // MARK: Arithmetic

    public static prefix func - (a: ExactDecimal) -> ExactDecimal {
        var r = a
        if !r.isZero { r.isNegative.toggle() }
        return r
    }

    /// a + b, exactly.
    public func adding(_ b: ExactDecimal) throws(PolynomialLimitError) -> ExactDecimal {
        if isZero { return b }
        if b.isZero { return self }
        // Align to the smaller exponent.
        let (low, high) = exponent <= b.exponent ? (self, b) : (b, self)
        let (shift, o) = high.exponent.subtractingReportingOverflow(low.exponent)
        guard !o, shift <= Self.maximumDigits, high.digitCount + shift <= Self.maximumDigits else {
            throw PolynomialLimitError("the exact sum \(self) + \(b) needs more than \(Self.maximumDigits) decimal digits")
        }
        let scaled = Self.shiftedLeft(high.limbs, decimalPlaces: shift)
        let l: [UInt32], negative: Bool
        if low.isNegative == high.isNegative {
            l = Self.addMagnitudes(low.limbs, scaled)
            negative = low.isNegative
        } else {
            switch Self.compareMagnitudes(low.limbs, scaled) {
            case 0: return .zero
            case 1: l = Self.subtractMagnitudes(low.limbs, scaled); negative = low.isNegative
            default: l = Self.subtractMagnitudes(scaled, low.limbs); negative = high.isNegative
            }
        }
        return ExactDecimal(limbs: l, negative: negative, exponent: low.exponent)
    }

    public func subtracting(_ b: ExactDecimal) throws(PolynomialLimitError) -> ExactDecimal { try adding(-b) }

    /// a · b, exactly.
    public func multiplied(by b: ExactDecimal) throws(PolynomialLimitError) -> ExactDecimal {
        if isZero || b.isZero { return .zero }
        let (e, o) = exponent.addingReportingOverflow(b.exponent)
        guard !o, digitCount + b.digitCount <= Self.maximumDigits + 1 else {
            throw PolynomialLimitError("an exact product of coefficients needs more than \(Self.maximumDigits) decimal digits")
        }
        var r = [UInt32](repeating: 0, count: limbs.count + b.limbs.count)
        for (i, x) in limbs.enumerated() {
            var carry: UInt64 = 0
            let xi = UInt64(x)
            for (j, y) in b.limbs.enumerated() {
                let t = UInt64(r[i + j]) + xi * UInt64(y) + carry
                r[i + j] = UInt32(t % Self.base)
                carry = t / Self.base
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let t = UInt64(r[k]) + carry
                r[k] = UInt32(t % Self.base)
                carry = t / Self.base
                k += 1
            }
        }
        let result = ExactDecimal(limbs: r, negative: isNegative != b.isNegative, exponent: e)
        guard result.digitCount <= Self.maximumDigits else {
            throw PolynomialLimitError("an exact product of coefficients needs more than \(Self.maximumDigits) decimal digits")
        }
        return result
    }

    /// a^k for k ≥ 0, by repeated squaring.
    public func power(_ k: Int) throws(PolynomialLimitError) -> ExactDecimal {
        var result = ExactDecimal.one, base = self, e = k
        while e > 0 {
            if e & 1 == 1 { result = try result.multiplied(by: base) }
            e >>= 1
            if e > 0 { base = try base.multiplied(by: base) }
        }
        return result
    }

    /// The exact value as a 64-bit rational, if numerator and denominator fit.
    public var rational: Rational? {
        guard digitCount <= 18 else { return nil }
        var m = 0
        for limb in limbs.reversed() { m = m * Int(Self.base) + Int(limb) }
        if isNegative { m = -m }
        if exponent >= 0 {
            var v = m
            for _ in 0..<exponent {
                let (x, o) = v.multipliedReportingOverflow(by: 10)
                if o { return nil }
                v = x
            }
            return Rational(v)
        }
        var q = 1
        for _ in 0..<(-exponent) {
            let (x, o) = q.multipliedReportingOverflow(by: 10)
            if o { return nil }
            q = x
        }
        return Rational(m, q)
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        // Exact comparison by the sign of a − b; the difference is computed
        // without the digit limit being a concern for ordering purposes.
        if a.signum != b.signum { return a.signum < b.signum }
        if a.isZero { return false }
        // Same sign: compare magnitudes by order of magnitude first.
        let magA = a.digitCount + a.exponent, magB = b.digitCount + b.exponent
        let lessMagnitude: Bool
        if magA != magB {
            lessMagnitude = magA < magB
        } else {
            let da = a.mantissaDigits, db = b.mantissaDigits
            let n = max(da.count, db.count)
            let pa = da + String(repeating: "0", count: n - da.count)
            let pb = db + String(repeating: "0", count: n - db.count)
            if pa == pb { return false }
            lessMagnitude = pa < pb
        }
        return a.isNegative ? !lessMagnitude : lessMagnitude
    }

    // MARK: Magnitudes

    private mutating func normalise() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        if limbs.isEmpty { isNegative = false; exponent = 0; return }
        var zeroLimbs = 0
        while limbs[zeroLimbs] == 0 { zeroLimbs += 1 }
        if zeroLimbs > 0 {
            limbs.removeFirst(zeroLimbs)
            exponent += 9 * zeroLimbs
        }
        var k = 0, first = limbs[0], divisor: UInt64 = 1
        while first % 10 == 0 { first /= 10; k += 1; divisor *= 10 }
        if k > 0 {
            var remainder: UInt64 = 0
            for i in limbs.indices.reversed() {
                let current = remainder * Self.base + UInt64(limbs[i])
                limbs[i] = UInt32(current / divisor)
                remainder = current % divisor
            }
            while let last = limbs.last, last == 0 { limbs.removeLast() }
            exponent += k
        }
    }

    /// |m|·10^places.
    private static func shiftedLeft(_ a: [UInt32], decimalPlaces places: Int) -> [UInt32] {
        let whole = places / 9, rest = places % 9
        var factor: UInt64 = 1
        for _ in 0..<rest { factor *= 10 }
        var r = [UInt32](repeating: 0, count: whole)
        r.reserveCapacity(whole + a.count + 1)
        var carry: UInt64 = 0
        for x in a {
            let t = UInt64(x) * factor + carry
            r.append(UInt32(t % base))
            carry = t / base
        }
        if carry > 0 { r.append(UInt32(carry)) }
        return r
    }

    private static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r: [UInt32] = []
        r.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let t = (i < a.count ? UInt64(a[i]) : 0) + (i < b.count ? UInt64(b[i]) : 0) + carry
            r.append(UInt32(t % base))
            carry = t / base
        }
        if carry > 0 { r.append(UInt32(carry)) }
        return r
    }

    /// a − b for |a| ≥ |b|.
    private static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r = a
        var borrow: Int64 = 0
        for i in r.indices {
            var t = Int64(r[i]) - (i < b.count ? Int64(b[i]) : 0) - borrow
            if t < 0 { t += Int64(base); borrow = 1 } else { borrow = 0 }
            r[i] = UInt32(t)
        }
        while let last = r.last, last == 0 { r.removeLast() }
        return r
    }

    /// −1, 0, 1 as |a| <, =, > |b| (normalised limb arrays).
    private static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in a.indices.reversed() where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }
}

/// A polynomial too large to expand or represent exactly: the reason names
/// the size that was predicted or reached and the limit.
public struct PolynomialLimitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
