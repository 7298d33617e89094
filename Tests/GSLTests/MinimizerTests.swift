import Foundation
import GSL
import Testing

@Suite struct MinimizerTests {
    /// min of (x − 2)² + 1 on [0, 5]: x = 2, value 1.
    @Test func brent() throws {
        let m = try Minimizer.brent({ ($0 - 2) * ($0 - 2) + 1 }, lower: 0, upper: 5, guess: 1)
        #expect(abs(m.x - 2) < 1e-6)
        #expect(abs(m.value - 1) < 1e-12)
        // cos on [2, 4] has its minimum at π.
        let c = try Minimizer.brent({ cos($0) }, lower: 2, upper: 4, guess: 3)
        #expect(abs(c.x - Double.pi) < 1e-6)
        #expect(throws: GSLError.self) { try Minimizer.brent({ $0 }, lower: 0, upper: 1, guess: 0.5) }
    }

    /// Rosenbrock (1 − x)² + 100 (y − x²)² has its minimum 0 at (1, 1).
    @Test func nelderMead() throws {
        let m = try Minimizer.nelderMead({ p in
            (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0])
        }, start: [-1.2, 1], stepSizes: [0.5, 0.5], sizeTolerance: 1e-10)
        #expect(abs(m.point[0] - 1) < 1e-6)
        #expect(abs(m.point[1] - 1) < 1e-6)
        #expect(m.value < 1e-12)
        #expect(throws: GSLError.self) { try Minimizer.nelderMead({ $0[0] }, start: [0], stepSizes: [0, 1]) }
    }
}
