import Foundation
import GSL

extension VolumeScaling {
    /// Grid points per line before the minima are refined (fewer under two outer levels).
    static func lineGrid(dimension d: Int) -> Int { d >= 3 ? 16 : 32 }
    /// The outer integrals run over u = log|w_j − w*_j| down to this many
    /// e-folds below the box edge (e^−60 ≈ 10⁻²⁶); the rest is one rectangle.
    static let logDepth = 60.0

    /// V(ε) by iterated quadrature. The innermost coordinate's set
    /// {s : K − K(w*) < ε} is found exactly: K on a 32-point line grid (16 in 3-D) plus
    /// w*, every discrete local minimum above ε refined by Brent, then each
    /// sign change of K − K(w*) − ε located by Brent–Dekker root finding, and
    /// the prior mass of the intervals summed. The outer coordinates are
    /// integrated by QAGS in u = log|w_j − w*_j| on each side of w*, which
    /// resolves sets of width √ε next to w* that a plain QAGS on the box
    /// would step over.
    static func quadratureVolume(_ f: LevelFunction, density: AxisDensity, lower: [Double], upper: [Double],
                                 center: [Double], epsilon: Double) throws -> Point {
        let d = center.count
        f.point = center
        let inner = d - 1
        func line() throws -> Double {
            try lineMass(f, axis: inner, lower: lower[inner], upper: upper[inner], center: center[inner],
                         epsilon: epsilon, density: density, grid: lineGrid(dimension: d))
        }
        switch d {
        case 1:
            let v = try line()
            // Root brackets are tight to 1e-13 relative: the error is rounding.
            return Point(epsilon: epsilon, volume: v, error: 1e-12 * v)
        case 2:
            let r = try logSplitIntegral(lower: lower[0], upper: upper[0], center: center[0], relativeTolerance: 1e-9) { x in
                f.point[0] = x
                return exp(density.logDensity(axis: 0, x)) * (try line())
            }
            return Point(epsilon: epsilon, volume: r.value, error: r.error)
        default:
            var innerRelativeError = 0.0
            let r = try logSplitIntegral(lower: lower[0], upper: upper[0], center: center[0], relativeTolerance: 1e-6) { x in
                f.point[0] = x
                let m = try logSplitIntegral(lower: lower[1], upper: upper[1], center: center[1], relativeTolerance: 1e-7) { y in
                    f.point[1] = y
                    return exp(density.logDensity(axis: 1, y)) * (try line())
                }
                if m.value > 0 { innerRelativeError = max(innerRelativeError, m.error / m.value) }
                return exp(density.logDensity(axis: 0, x)) * m.value
            }
            return Point(epsilon: epsilon, volume: r.value, error: r.error + innerRelativeError * r.value)
        }
    }

    /// ∫_lower^upper g(x) dx as Σ_± ∫ g(c ± e^u) e^u du (QAGS, GSL) over
    /// u ∈ [log(reach) − 60, log(reach)], plus the last e^−60·reach next to c
    /// as one rectangle (counted in the error too). The edges of g's support
    /// (where the level set ends, and g has a square-root or kink singularity)
    /// are located first — g on one point per e-fold, then bisection in u —
    /// and made endpoints of the QAGS pieces, where its extrapolation handles
    /// them; pieces where g vanishes are skipped. A throwing `g` stops the
    /// integration and its error is rethrown; a QAGS failure at the requested
    /// tolerance (round-off on a kinked or noisy integrand) is retried by CQUAD
    /// at 10⁻⁶. The
    /// absolute tolerance is 10⁻³ of the relative one times a grid estimate of the integral.
    static func logSplitIntegral(lower: Double, upper: Double, center c: Double, relativeTolerance: Double,
                                 _ g: (Double) throws -> Double) throws -> (value: Double, error: Double) {
        var value = 0.0, error = 0.0
        for side in [-1.0, 1.0] {
            let reach = side < 0 ? c - lower : upper - c
            guard reach > 0 else { continue }
            let uMax = log(reach), uMin = uMax - logDepth
            var failure: (any Error)?
            func integrand(_ u: Double) -> Double {
                if failure != nil { return .nan }
                let t = exp(u)
                let x = min(max(c + side * t, lower), upper)
                do { return try g(x) * t } catch { failure = error; return .nan }
            }
            // Support edges on the e-fold grid, refined by bisection.
            let steps = Int(logDepth)
            let us = (0...steps).map { uMin + (uMax - uMin) * Double($0) / Double(steps) }
            var positive: [Bool] = []
            var scale = 0.0  // a crude ∫ (rectangles on the grid), to set an absolute tolerance
            for u in us {
                let v = integrand(u)
                if let failure { throw failure }
                positive.append(v > 0)
                scale += v * (uMax - uMin) / Double(steps)
            }
            let absolute = 1e-3 * relativeTolerance * scale
            var cuts = [uMin]
            for k in 0..<steps where positive[k] != positive[k + 1] {
                var a = us[k], b = us[k + 1]
                for _ in 0..<40 {
                    let mid = 0.5 * (a + b)
                    if (integrand(mid) > 0) == positive[k] { a = mid } else { b = mid }
                }
                if let failure { throw failure }
                cuts.append(positive[k] ? a : b)
            }
            cuts.append(uMax)
            for p in 0..<(cuts.count - 1) where cuts[p + 1] > cuts[p] {
                // Skip a piece only if every grid point inside it (and its ends) is zero.
                let inside = us.indices.filter { us[$0] >= cuts[p] && us[$0] <= cuts[p + 1] }
                if !inside.isEmpty, inside.allSatisfy({ !positive[$0] }), integrand(0.5 * (cuts[p] + cuts[p + 1])) == 0 { continue }
                var r: IntegrationResult
                do {
                    r = try Integration.qags(integrand, from: cuts[p], to: cuts[p + 1],
                                             absoluteTolerance: absolute, relativeTolerance: relativeTolerance)
                } catch {
                    if let failure { throw failure }
                    r = try Integration.cquad(integrand, from: cuts[p], to: cuts[p + 1], absoluteTolerance: 1e3 * absolute,
                                              relativeTolerance: max(relativeTolerance, 1e-6))
                }
                if let failure { throw failure }
                value += r.value
                error += r.error
            }
            let t = exp(uMin)
            let tail = try g(c + side * t) * t
            value += tail
            error += tail
        }
        return (value, error)
    }

    /// The prior mass of {s ∈ [lower, upper] : K − K(w*) < ε} on the line
    /// through `f.point` along `axis` (the other coordinates as set).
    static func lineMass(_ f: LevelFunction, axis j: Int, lower: Double, upper: Double, center: Double,
                         epsilon: Double, density: AxisDensity, grid n: Int) throws -> Double {
        func k(_ s: Double) -> Double {
            f.point[j] = s
            return f.valueAtPoint()
        }
        var s = (0...n).map { lower + (upper - lower) * Double($0) / Double(n) }
        s[n] = upper
        if center > lower && center < upper { s.append(center) }
        s.sort()
        var v = s.map(k)
        // A component of the set may hide between grid points: refine every
        // discrete local minimum that is still above ε (interior ones by
        // Brent, the end cells by their midpoint).
        var extra: [(Double, Double)] = []
        for i in s.indices where v[i] >= epsilon {
            let left = i > 0 ? v[i - 1] : .infinity, right = i + 1 < s.count ? v[i + 1] : .infinity
            guard v[i] <= left, v[i] <= right else { continue }
            var a = i > 0 ? s[i - 1] : s[i], b = i + 1 < s.count ? s[i + 1] : s[i]
            var guess = s[i], fGuess = v[i]
            if i == 0 || i == s.count - 1 {
                // The minimum may sit inside the end cell.
                a = i == 0 ? s[0] : s[i - 1]
                b = i == 0 ? s[1] : s[i]
                guess = 0.5 * (a + b)
                fGuess = k(guess)
                extra.append((guess, fGuess))
            }
            guard fGuess < k(a), fGuess < k(b) else { continue }
            if let m = try? Minimizer.brent({ k($0) }, lower: a, upper: b, guess: guess,
                                            absoluteTolerance: 1e-15 * (upper - lower), relativeTolerance: 1e-11,
                                            maxIterations: 100) {
                extra.append((m.x, k(m.x)))
            }
        }
        if !extra.isEmpty {
            var pairs = Array(zip(s, v)) + extra
            pairs.sort { $0.0 < $1.0 }
            s = pairs.map(\.0)
            v = pairs.map(\.1)
        }
        var mass = 0.0
        for i in 0..<(s.count - 1) {
            let a = s[i], b = s[i + 1]
            guard b > a else { continue }
            let inA = v[i] < epsilon, inB = v[i + 1] < epsilon
            if inA && inB {
                mass += density.mass(axis: j, from: a, to: b)
            } else if inA != inB {
                let root = try RootFinder.brent({ k($0) - epsilon }, lower: a, upper: b,
                                                absoluteTolerance: 1e-300, relativeTolerance: 1e-13).x
                mass += inA ? density.mass(axis: j, from: a, to: root) : density.mass(axis: j, from: root, to: b)
            }
        }
        return mass
    }
}
