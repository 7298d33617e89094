/// A polynomial compiled once into flat monomial tables for fast evaluation:
/// an exponent matrix (terms × d, row-major) and a coefficient vector. Powers
/// of each variable are built incrementally up to its largest exponent on a
/// stack buffer, so evaluation allocates nothing on the heap.
public struct CompiledPolynomial: Sendable {
    /// Variable order of the input vector.
    public let variables: [String]
    public let dimension: Int
    @usableFromInline let termCount: Int
    @usableFromInline let exponents: [Int]
    @usableFromInline let coefficients: [Double]
    /// Largest exponent of each variable.
    @usableFromInline let maxExponent: [Int]
    /// Offsets of each variable's powers in the power table (size Σ(maxExponent+1)).
    @usableFromInline let powerOffset: [Int]
    @usableFromInline let powerTableSize: Int
    /// The source polynomial (for the Hessian and printing).
    public let polynomial: Polynomial

    /// Compiles `polynomial` over its own variables (natural order).
    public init(_ polynomial: Polynomial) {
        self.init(unchecked: polynomial, variables: polynomial.variables)
    }

    /// Compiles `polynomial` over `variables`, which must contain each of the
    /// polynomial's variables and no name twice (a spec may list parameters
    /// the polynomial does not use).
    public init(_ polynomial: Polynomial, variables: [String]) throws(PolynomialVariableError) {
        if let missing = polynomial.variables.first(where: { !variables.contains($0) }) {
            throw PolynomialVariableError(variable: missing, problem: "occurs in the polynomial but not in the variable list \(variables)")
        }
        var seen = Set<String>()
        for v in variables where !seen.insert(v).inserted {
            throw PolynomialVariableError(variable: v, problem: "is listed twice")
        }
        self.init(unchecked: polynomial, variables: variables)
    }

    init(unchecked polynomial: Polynomial, variables vars: [String]) {
        self.variables = vars
        self.polynomial = polynomial
        dimension = vars.count
        termCount = polynomial.terms.count
        let map = polynomial.variables.map { vars.firstIndex(of: $0)! }
        var e = [Int](repeating: 0, count: termCount * vars.count)
        for (t, term) in polynomial.terms.enumerated() {
            for (j, k) in map.enumerated() { e[t * vars.count + k] = term.exponents[j] }
        }
        exponents = e
        coefficients = polynomial.terms.map(\.coefficient)
        var maxE = [Int](repeating: 0, count: vars.count)
        for t in 0..<termCount { for j in 0..<vars.count { maxE[j] = max(maxE[j], e[t * vars.count + j]) } }
        maxExponent = maxE
        var offsets: [Int] = []
        var total = 0
        for m in maxE { offsets.append(total); total += m + 1 }
        powerOffset = offsets
        powerTableSize = max(total, 1)
    }

    /// Doubles of caller-owned scratch the `scratch:` overloads need.
    public var scratchCount: Int { powerTableSize }

    /// Fills `table` with w_j^k for k = 0…maxExponent[j].
    @inlinable
    func fillPowers(_ w: UnsafeBufferPointer<Double>, _ table: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<dimension {
            let base = powerOffset[j]
            table[base] = 1
            var p = 1.0
            let x = w[j]
            var k = 1
            while k <= maxExponent[j] {
                p *= x
                table[base + k] = p
                k += 1
            }
        }
    }

    /// p(w), using `scratch` (at least `scratchCount` doubles) for the power table.
    @inlinable
    public func value(at w: UnsafeBufferPointer<Double>, scratch table: UnsafeMutableBufferPointer<Double>) -> Double {
        fillPowers(w, table)
        var sum = 0.0
        for t in 0..<termCount {
            var v = coefficients[t]
            let row = t * dimension
            for j in 0..<dimension { v *= table[powerOffset[j] + exponents[row + j]] }
            sum += v
        }
        return sum
    }

    /// p(w), with the power table on the stack.
    @inlinable
    public func value(at w: UnsafeBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: powerTableSize) { value(at: w, scratch: $0) }
    }

    public func value(_ w: [Double]) -> Double {
        w.withUnsafeBufferPointer { value(at: $0) }
    }

    /// p(w), with ∇p(w) written into `gradient` (length d), using `scratch`
    /// (at least `scratchCount` doubles) for the power table.
    @inlinable
    public func valueAndGradient(at w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
                                 scratch table: UnsafeMutableBufferPointer<Double>) -> Double {
        fillPowers(w, table)
        for j in 0..<dimension { gradient[j] = 0 }
        var sum = 0.0
        for t in 0..<termCount {
            let c = coefficients[t]
            let row = t * dimension
            var v = c
            for j in 0..<dimension { v *= table[powerOffset[j] + exponents[row + j]] }
            sum += v
            for j in 0..<dimension {
                let e = exponents[row + j]
                if e == 0 { continue }
                var g = c * Double(e) * table[powerOffset[j] + e - 1]
                for i in 0..<dimension where i != j { g *= table[powerOffset[i] + exponents[row + i]] }
                gradient[j] += g
            }
        }
        return sum
    }

    /// p(w) and ∇p(w), with the power table on the stack.
    @inlinable
    public func valueAndGradient(at w: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: powerTableSize) {
            valueAndGradient(at: w, gradient: gradient, scratch: $0)
        }
    }

    /// (p(w), ∇p(w)) as arrays (convenience; allocates).
    public func valueAndGradient(_ w: [Double]) -> (value: Double, gradient: [Double]) {
        var g = [Double](repeating: 0, count: dimension)
        let v = w.withUnsafeBufferPointer { wp in g.withUnsafeMutableBufferPointer { valueAndGradient(at: wp, gradient: $0) } }
        return (v, g)
    }

    /// The exact Hessian ∂²p/∂w_i∂w_j at `w` (from symbolic second derivatives).
    public func hessian(at w: [Double]) -> [[Double]] {
        let point = Dictionary(uniqueKeysWithValues: zip(variables, w))
        return variables.map { vi in
            let di = polynomial.derivative(withRespectTo: vi)
            return variables.map { vj in di.derivative(withRespectTo: vj).evaluate(point) }
        }
    }
}

extension Polynomial {
    /// Compiled over the polynomial's own variables.
    public func compiled() -> CompiledPolynomial { CompiledPolynomial(self) }

    /// Compiled over `variables` (see `CompiledPolynomial.init(_:variables:)`).
    public func compiled(variables: [String]) throws(PolynomialVariableError) -> CompiledPolynomial {
        try CompiledPolynomial(self, variables: variables)
    }
}

/// A variable list that does not fit the polynomial.
public struct PolynomialVariableError: Error, Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    public var problem: String
    public var description: String { "variable '\(variable)' \(problem)" }
}
