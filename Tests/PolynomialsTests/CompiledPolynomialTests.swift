import Foundation
import Testing
@testable import Polynomials

/// SplitMix64: a tiny seeded generator so the random points are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Compiled polynomial")
struct CompiledPolynomialTests {
    static let examples = [
        "(w1^2+w2^2)^2*w1^4", "(w+1.6)*(w-1.6)^2", "w1^2*w2^4 - 3.5*w1 + 1",
        "(a*b + c*d)^2 + 0.5*a^3*d - 2", "(w1 + 2*w2 - w3)^3 * w3 + w1*w2*w3", "7",
    ]

    /// Central difference of f along coordinate j with step h.
    func centralDifference(_ f: ([Double]) -> Double, _ x: [Double], _ j: Int, _ h: Double) -> Double {
        var plus = x, minus = x
        plus[j] += h
        minus[j] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }

    @Test(arguments: examples)
    func valueMatchesDirectEvaluation(_ text: String) throws {
        let p = try Polynomial(parsing: text)
        let c = CompiledPolynomial(p)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let x = p.variables.map { _ in Double.random(in: -1.5...1.5, using: &rng) }
            let direct = p.evaluate(Dictionary(uniqueKeysWithValues: zip(p.variables, x)))!
            #expect(abs(c.value(x) - direct) <= 1e-12 * max(1, abs(direct)))
        }
    }

    @Test(arguments: examples)
    func gradientMatchesCentralDifferences(_ text: String) throws {
        let p = try Polynomial(parsing: text)
        let c = CompiledPolynomial(p)
        var rng = SplitMix64(seed: 12)
        for _ in 0..<20 {
            let x = p.variables.map { _ in Double.random(in: -1.5...1.5, using: &rng) }
            let g = c.gradient(x)
            for j in x.indices {
                let fd = centralDifference(c.value, x, j, 1e-5)
                // Truncation O(h²·p''') and rounding O(ε·p/h) are both below 1e-8 here.
                #expect(abs(g[j] - fd) <= 1e-6 * max(1, abs(g[j])), "∂/∂\(p.variables[j]) at \(x)")
            }
            // Agrees with the symbolic derivative too.
            for (j, v) in p.variables.enumerated() {
                let d = p.derivative(withRespectTo: v).evaluate(Dictionary(uniqueKeysWithValues: zip(p.variables, x)))!
                #expect(abs(g[j] - d) <= 1e-12 * max(1, abs(d)))
            }
        }
    }

    @Test(arguments: examples)
    func hessianMatchesCentralDifferencesOfTheGradient(_ text: String) throws {
        let p = try Polynomial(parsing: text)
        let c = CompiledPolynomial(p)
        var rng = SplitMix64(seed: 13)
        for _ in 0..<10 {
            let x = p.variables.map { _ in Double.random(in: -1.5...1.5, using: &rng) }
            let h = c.hessian(at: x)
            for a in x.indices {
                for b in x.indices {
                    let fd = centralDifference({ c.gradient($0)[a] }, x, b, 1e-5)
                    #expect(abs(h[a][b] - fd) <= 1e-6 * max(1, abs(h[a][b])), "H[\(a)][\(b)] at \(x)")
                }
            }
        }
    }

    @Test func exactAtZeroCoordinates() throws {
        let c = CompiledPolynomial(try Polynomial(parsing: "w1*w2 + w1 + w2^3"))
        #expect(c.gradient([0, 0]) == [1, 0])
        #expect(c.gradient([0, 3]) == [4, 27])
        #expect(c.hessian(at: [0, 0]) == [[0, 1], [1, 0]])
        #expect(c.hessian(at: [5, 2]) == [[0, 1], [1, 12]])
        let nc = CompiledPolynomial(try Polynomial(parsing: "w1^2*w2^4"))
        #expect(nc.hessian(at: [0, 0]) == [[0, 0], [0, 0]])
        #expect(nc.hessian(at: [1, 2]) == [[32, 64], [64, 48]])
    }

    @Test func explicitVariableOrder() throws {
        let p = try Polynomial(parsing: "w1^2*w2^4 - 3.5*w1 + 1")
        let c = try CompiledPolynomial(p, variables: ["w2", "extra", "w1"])
        #expect(c.value([2, 100, 3]) == 9 * 16 - 10.5 + 1)
        #expect(c.gradient([1, 100, 1]) == [4, 0, -1.5])
        #expect(throws: PolynomialVariableError.self) { try CompiledPolynomial(p, variables: ["w1"]) }
        #expect(throws: PolynomialVariableError.self) { try CompiledPolynomial(p, variables: ["w1", "w2", "w1"]) }
    }

    @Test func callerScratchAndStackScratchAgree() throws {
        let c = CompiledPolynomial(try Polynomial(parsing: "(a*b + c*d)^2 + 0.5*a^3*d - 2"))
        let x: [Double] = [0.3, -1.2, 0.7, 2.0]
        var scratch = [Double](repeating: .nan, count: c.scratchCount)
        var g1 = [Double](repeating: .nan, count: 4), g2 = g1
        let v1 = x.withUnsafeBufferPointer { p in
            g1.withUnsafeMutableBufferPointer { g in
                scratch.withUnsafeMutableBufferPointer { c.valueAndGradient(at: p, gradient: g, scratch: $0) }
            }
        }
        let v2 = x.withUnsafeBufferPointer { p in
            g2.withUnsafeMutableBufferPointer { c.valueAndGradient(at: p, gradient: $0) }
        }
        #expect(v1 == v2)
        #expect(g1 == g2)
        #expect(v1 == c.value(x))
        #expect(c.termCount == 5)
        #expect(c.exponents.count == 5 * 4)
    }

    #if !DEBUG
    /// The samplers need ≥ 1e6 evaluations per second; a release build does far more.
    @Test func throughputInRelease() throws {
        let c = CompiledPolynomial(try Polynomial(parsing: "(w1^2+w2^2)^2*w1^4 - 3*w1*w2 + 1"))
        var x: [Double] = [0.3, -0.2], g = [0.0, 0.0]
        var scratch = [Double](repeating: 0, count: c.scratchCount)
        let count = 1_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        var sink = 0.0
        for i in 0..<count {
            x[0] = Double(i & 1023) * 1e-3
            sink += x.withUnsafeBufferPointer { p in
                g.withUnsafeMutableBufferPointer { gp in
                    scratch.withUnsafeMutableBufferPointer { c.valueAndGradient(at: p, gradient: gp, scratch: $0) }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        #expect(sink.isFinite)
        #expect(Double(count) / seconds >= 1e6, "\(Double(count) / seconds) value+gradient per second")
    }
    #endif
}
