import Foundation
import GSL
import Testing

@Suite struct IntegrationTests {
    /// ∫₀¹ x^(−1/2) dx = 2: an integrable singularity at the endpoint.
    @Test func qagsSingularEndpoint() throws {
        let r = try Integration.qags({ 1 / $0.squareRoot() }, from: 0, to: 1)
        #expect(abs(r.value - 2) < 1e-10)
        #expect(r.error < 1e-8)
    }

    /// ∫ℝ exp(−x²) dx = √π.
    @Test func qagiGaussian() throws {
        let r = try Integration.qagi { exp(-$0 * $0) }
        #expect(abs(r.value - Double.pi.squareRoot()) < 1e-10)
    }

    /// ∫₀^∞ e^(−x) dx = 1 and ∫_{−∞}^0 e^(x) dx = 1; `adaptive` picks the routine.
    @Test func semiInfinite() throws {
        #expect(abs(try Integration.qagiu({ exp(-$0) }, from: 0).value - 1) < 1e-10)
        #expect(abs(try Integration.qagil({ exp($0) }, to: 0).value - 1) < 1e-10)
        #expect(abs(try Integration.adaptive({ exp(-$0 * $0) }, over: -.infinity ... .infinity).value
                    - Double.pi.squareRoot()) < 1e-10)
    }

    /// CQUAD on ∫₀¹ log(x) dx = −1 (log singularity at 0).
    @Test func cquadLog() throws {
        let r = try Integration.cquad({ log($0) }, from: 0, to: 1)
        #expect(abs(r.value + 1) < 1e-9)
        #expect((r.evaluations ?? 0) > 0)
    }

    /// ∫₀¹∫₀² x·y² dy dx = (1/2)(8/3) = 4/3, and the non-separable
    /// ∫₀¹∫₀¹ 1/(1 + x + y) dy dx = 3 log 3 − 4 log 2 (within 10× its error estimate).
    @Test func iterated2D() throws {
        let r = try Integration.iterated2D({ x, y in x * y * y }, x: 0...1, y: 0...2)
        #expect(abs(r.value - 4.0 / 3.0) < 1e-10)
        let s = try Integration.iterated2D({ x, y in 1 / (1 + x + y) }, x: 0...1, y: 0...1)
        let exact = 3 * log(3.0) - 4 * log(2.0)
        #expect(abs(s.value - exact) < 1e-9)
        #expect(abs(s.value - exact) <= max(s.error, 1e-15) * 10)
    }

    /// ∫[0,1]³ x·y·z·exp(x + y + z) = (∫₀¹ t eᵗ dt)³ = 1, and the
    /// non-separable ∫[0,1]³ (x + y + z)² = 3·(1/3) + 6·(1/4) = 5/2.
    @Test func iterated3D() throws {
        let r = try Integration.iterated3D({ x, y, z in x * y * z * exp(x + y + z) },
                                           x: 0...1, y: 0...1, z: 0...1)
        #expect(abs(r.value - 1) < 1e-8)
        let s = try Integration.iterated3D({ x, y, z in (x + y + z) * (x + y + z) },
                                           x: 0...1, y: 0...1, z: 0...1)
        #expect(abs(s.value - 2.5) < 1e-8)
    }

    /// Area of {(w1, w2) ∈ [−1,1]² : (w1 w2)² < 1e−4} = 4c(1 − ln c), c = 0.01
    /// (|w1 w2| < c: ∫∫ over the square gives 4·(c + c·ln(1/c))).
    /// VEGAS must agree within 4 of its own reported σ.
    @Test func vegasVolume() throws {
        let c = 0.01
        let exact = 4 * c * (1 - log(c))
        let rng = RandomStream(seed: 12345)
        let r = try Integration.vegas({ w in
            let p = w[0] * w[1]
            return p * p < 1e-4 ? 1 : 0
        }, lower: [-1, -1], upper: [1, 1], calls: 100_000, rng: rng)
        #expect(abs(exact - 0.224207) < 1e-6)
        #expect(abs(r.value - exact) < 4 * r.error)
        #expect(r.error < 0.01 * exact)
        let chi = try #require(r.chiSquaredPerDof)
        #expect(abs(chi - 1) <= 0.5)
        #expect((r.iterations ?? 0) >= 1)
    }

    /// PLAIN and MISER on ∫[0,1]³ (x² + y² + z²) = 1, within 5σ of their
    /// reported standard errors (fixed seeds).
    @Test func plainAndMiser() throws {
        let f: (UnsafeBufferPointer<Double>) -> Double = { x in x[0] * x[0] + x[1] * x[1] + x[2] * x[2] }
        let p = try Integration.plain(f, lower: [0, 0, 0], upper: [1, 1, 1], calls: 200_000,
                                      rng: RandomStream(seed: 1))
        #expect(abs(p.value - 1) < 5 * p.error)
        #expect(p.error < 0.005)
        let m = try Integration.miser(f, lower: [0, 0, 0], upper: [1, 1, 1], calls: 200_000,
                                      rng: RandomStream(seed: 2))
        #expect(abs(m.value - 1) < 5 * m.error)
        #expect(m.error < p.error)
    }

    /// Same seed → same Monte Carlo estimate.
    @Test func monteCarloReproducible() throws {
        let f: (UnsafeBufferPointer<Double>) -> Double = { x in exp(-x[0] * x[1]) }
        let a = try Integration.vegas(f, lower: [0, 0], upper: [1, 1], calls: 20_000, rng: RandomStream(seed: 5))
        let b = try Integration.vegas(f, lower: [0, 0], upper: [1, 1], calls: 20_000, rng: RandomStream(seed: 5))
        #expect(a == b)
    }

    @Test func nanIntegrandThrows() {
        #expect(throws: GSLError.self) {
            try Integration.qags({ _ in .nan }, from: 0, to: 1)
        }
        #expect(throws: GSLError.self) {
            try Integration.iterated2D({ x, _ in x > 0.5 ? .nan : 1 }, x: 0...1, y: 0...1)
        }
        #expect(throws: GSLError.self) {
            try Integration.plain({ _ in .nan }, lower: [0], upper: [1], calls: 100, rng: RandomStream(seed: 1))
        }
    }

    @Test func impossibleToleranceThrows() throws {
        let error = try #require(throws: GSLError.self) {
            try Integration.qags({ 1 / $0.squareRoot() }, from: 0, to: 1,
                                 absoluteTolerance: 0, relativeTolerance: 1e-30, limit: 2)
        }
        #expect(error.routine == "gsl_integration_qags")
        #expect(error.status == 13)  // GSL_EBADTOL: epsrel < 50·DBL_EPSILON with epsabs = 0
        #expect(error.description.hasPrefix("gsl_integration_qags failed: "))
        #expect(error.description.contains("(status \(error.status))"))
        // A reachable tolerance with too few subintervals: GSL_EMAXITER, reason from gsl_strerror.
        let limited = try #require(throws: GSLError.self) {
            try Integration.qags({ 1 / $0.squareRoot() }, from: 0, to: 1,
                                 absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 2)
        }
        #expect(limited.status == 11)
        #expect(limited.description == "gsl_integration_qags failed: exceeded max number of iterations (status 11)")
    }

    @Test func badInputThrows() {
        #expect(throws: GSLError.self) { try Integration.qags({ $0 }, from: 0, to: .infinity) }
        #expect(throws: GSLError.self) { try Integration.qags({ $0 }, from: 0, to: 1, limit: 0) }
        #expect(throws: GSLError.self) {
            try Integration.plain({ $0[0] }, lower: [0, 0], upper: [1], calls: 10, rng: RandomStream(seed: 1))
        }
    }

    /// Calls from concurrent tasks (each with its own stream) give the same
    /// numbers as serial calls: no shared workspace or generator state.
    @Test func concurrentCallsAreIndependent() async throws {
        @Sendable func estimate(_ k: Int) throws -> Double {
            let rng = RandomStream(seed: 99, stream: k)
            let v = try Integration.vegas({ x in exp(-x[0] * x[0] - x[1] * x[1]) },
                                          lower: [-1, -1], upper: [1, 1], calls: 20_000, rng: rng)
            let q = try Integration.qags({ exp(-Double(k) * $0) }, from: 0, to: 1)
            return v.value + q.value
        }
        let serial = try (0..<4).map(estimate)
        let concurrent = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            for k in 0..<4 { group.addTask { (k, try estimate(k)) } }
            var out = [Double](repeating: 0, count: 4)
            for try await (k, v) in group { out[k] = v }
            return out
        }
        #expect(serial == concurrent)
    }
}
