// Flat monomial tables for fast repeated evaluation of a polynomial.

/// A polynomial compiled once into flat monomial tables for the samplers' hot
/// loops: value, gradient and Hessian at a point given as a contiguous vector
/// in the order of `variables`.
///
/// Layout: `exponents` is the term × variable exponent matrix (row-major);
/// each term is also stored as a run of its non-zero factors, each pointing
/// into a table of powers x_j^0 … x_j^{m_j} (m_j the largest exponent of
/// variable j) that is rebuilt incrementally at every call (one multiplication
/// per entry, no `pow`). The gradient uses prefix and suffix products within
/// each term, so it costs O(number of factors) per term and stays exact at
/// x_j = 0. The evaluation functions allocate nothing on the heap: pass a
/// scratch buffer of `scratchCount` doubles, or use the overloads without one,
/// which take it from the stack.
public struct CompiledPolynomial: Sendable {
    /// The coordinate order of points and gradients.
    public let variables: [String]
    /// Number of terms.
    public let termCount: Int
    /// Term × variable exponent matrix, row-major (`termCount × variables.count`).
    public let exponents: [Int]
    /// Coefficient of each term.
    public let coefficients: [Double]
    /// Doubles of scratch the evaluation needs (power table + one product per factor).
    public let scratchCount: Int

    @usableFromInline let dimension: Int
    /// Term t's factors are `termStart[t] ..< termStart[t + 1]`.
    @usableFromInline let termStart: [Int]
    /// Variable index of each factor.
    @usableFromInline let factorVariable: [Int]
    /// Index of x_j^e in the power table, for each factor (x_j^{e−1} is one before).
    @usableFromInline let factorPower: [Int]
    /// The exponent e of each factor, as a Double.
    @usableFromInline let factorExponent: [Double]
    /// Start of variable j's powers in the power table.
    @usableFromInline let powerOffset: [Int]
    /// Largest exponent of variable j.
    @usableFromInline let maxExponent: [Int]
    /// Size of the power table (Σ_j (m_j + 1)); the prefix products follow it.
    @usableFromInline let powerTableCount: Int

    /// Compiles `polynomial` over its own variables.
    public init(_ polynomial: Polynomial) {
        self.init(checked: polynomial, variables: polynomial.variables)
    }

    /// Compiles `polynomial` over an explicit coordinate order, which must
    /// contain every variable of the polynomial and may contain others.
    /// - Throws: ``PolynomialVariableError`` naming a missing or repeated variable.
    public init(_ polynomial: Polynomial, variables: [String]) throws(PolynomialVariableError) {
        try PolynomialVariableError.check(polynomial, variables)
        self.init(checked: polynomial, variables: variables)
    }

    private init(checked polynomial: Polynomial, variables: [String]) {
        let rows = polynomial.exponents(over: variables)!
        let d = variables.count
        self.variables = variables
        self.dimension = d
        self.termCount = rows.count
        self.exponents = rows.flatMap { $0 }
        self.coefficients = polynomial.terms.map(\.coefficient)
        var maxExponent = [Int](repeating: 0, count: d)
        for row in rows { for j in 0..<d { maxExponent[j] = Swift.max(maxExponent[j], row[j]) } }
        var offset = [Int](repeating: 0, count: d), total = 0
        for j in 0..<d { offset[j] = total; total += maxExponent[j] + 1 }
        var start = [0], fv: [Int] = [], fp: [Int] = [], fe: [Double] = []
        var maxFactors = 0
        for row in rows {
            var k = 0
            for j in 0..<d where row[j] > 0 {
                fv.append(j); fp.append(offset[j] + row[j]); fe.append(Double(row[j])); k += 1
            }
            maxFactors = Swift.max(maxFactors, k)
            start.append(fv.count)
        }
        self.maxExponent = maxExponent
        self.powerOffset = offset
        self.powerTableCount = total
        self.termStart = start
        self.factorVariable = fv
        self.factorPower = fp
        self.factorExponent = fe
        self.scratchCount = total + maxFactors + 1
    }

    /// Fills the power table x_j^k, k = 0 … m_j, at the start of `scratch`.
    @inlinable @inline(__always)
    func fillPowers(_ point: UnsafeBufferPointer<Double>, _ scratch: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<dimension {
            let offset = powerOffset[j], x = point[j]
            var p = 1.0
            scratch[offset] = 1
            var k = 1
            while k <= maxExponent[j] {
                p *= x
                scratch[offset + k] = p
                k += 1
            }
        }
    }

    /// p(x) with caller-owned scratch of at least `scratchCount` doubles.
    @inlinable
    public func value(at point: UnsafeBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(point.count >= dimension && scratch.count >= scratchCount,
                     "CompiledPolynomial: point or scratch too short")
        fillPowers(point, scratch)
        var sum = 0.0
        for t in 0..<termCount {
            var m = coefficients[t]
            for f in termStart[t]..<termStart[t + 1] { m *= scratch[factorPower[f]] }
            sum += m
        }
        return sum
    }

    /// p(x) and ∇p(x) (written into `gradient`, which it overwrites), with
    /// caller-owned scratch of at least `scratchCount` doubles.
    @inlinable
    public func valueAndGradient(at point: UnsafeBufferPointer<Double>,
                                 gradient: UnsafeMutableBufferPointer<Double>,
                                 scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(point.count >= dimension && gradient.count >= dimension && scratch.count >= scratchCount,
                     "CompiledPolynomial: point, gradient or scratch too short")
        fillPowers(point, scratch)
        for j in 0..<dimension { gradient[j] = 0 }
        let prefix = powerTableCount
        var sum = 0.0
        for t in 0..<termCount {
            let s = termStart[t], e = termStart[t + 1]
            // prefix[i] = c · Π_{f < i} factor_f
            scratch[prefix] = coefficients[t]
            var i = 0
            while i < e - s {
                scratch[prefix + i + 1] = scratch[prefix + i] * scratch[factorPower[s + i]]
                i += 1
            }
            sum += scratch[prefix + e - s]
            var suffix = 1.0
            i = e - s - 1
            while i >= 0 {
                let f = s + i, power = factorPower[f]
                gradient[factorVariable[f]] += scratch[prefix + i] * suffix * factorExponent[f] * scratch[power - 1]
                suffix *= scratch[power]
                i -= 1
            }
        }
        return sum
    }

    /// p(x); scratch from the stack.
    @inlinable
    public func value(at point: UnsafeBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: scratchCount) { scratch in
            value(at: point, scratch: scratch)
        }
    }

    /// p(x) and ∇p(x) into `gradient`; scratch from the stack.
    @inlinable
    public func valueAndGradient(at point: UnsafeBufferPointer<Double>,
                                 gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: scratchCount) { scratch in
            valueAndGradient(at: point, gradient: gradient, scratch: scratch)
        }
    }

    /// p(x) for x in the order of `variables`.
    @inlinable
    public func value(_ point: [Double]) -> Double {
        point.withUnsafeBufferPointer { value(at: $0) }
    }

    /// ∇p(x) as a new array (convenience; allocates).
    public func gradient(_ point: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: dimension)
        point.withUnsafeBufferPointer { p in
            g.withUnsafeMutableBufferPointer { _ = valueAndGradient(at: p, gradient: $0) }
        }
        return g
    }

    /// The exact Hessian ∂²p/∂x_a∂x_b at `point` (allocates; not for hot loops).
    public func hessian(at point: [Double]) -> [[Double]] {
        precondition(point.count >= dimension, "CompiledPolynomial: point too short")
        var h = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: dimension)
        var table = [Double](repeating: 0, count: powerTableCount)
        table.withUnsafeMutableBufferPointer { scratch in
            point.withUnsafeBufferPointer { fillPowers($0, scratch) }
        }
        for t in 0..<termCount {
            let s = termStart[t], e = termStart[t + 1], c = coefficients[t]
            for a in s..<e {
                for b in a..<e {
                    var m = c
                    for f in s..<e where f != a && f != b { m *= table[factorPower[f]] }
                    if a == b {
                        let n = factorExponent[a]
                        guard n >= 2 else { continue }
                        m *= n * (n - 1) * table[factorPower[a] - 2]
                        h[factorVariable[a]][factorVariable[a]] += m
                    } else {
                        m *= factorExponent[a] * table[factorPower[a] - 1] * factorExponent[b] * table[factorPower[b] - 1]
                        h[factorVariable[a]][factorVariable[b]] += m
                        h[factorVariable[b]][factorVariable[a]] += m
                    }
                }
            }
        }
        return h
    }
}
