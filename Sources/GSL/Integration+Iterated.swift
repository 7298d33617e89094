import CGSL

extension Integration {
    /// ∫_x ∫_y f(x, y) dy dx over a box by iterated adaptive quadrature
    /// (QAGS inside QAGS, one workspace per level, reused across evaluations).
    ///
    /// The inner integrals run at a tenth of the requested tolerances. The
    /// error estimate adds the outer error and the width of the outer range
    /// times the largest inner error: `E = E_x + |x| · max_x E_y(x)`.
    public static func iterated2D(
        _ f: (Double, Double) -> Double,
        x: ClosedRange<Double>, y: ClosedRange<Double>,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-8,
        limit: Int = 200
    ) throws -> IntegrationResult {
        let routine = "Integration.iterated2D"
        try requireFinite(x, "x", routine)
        try requireFinite(y, "y", routine)
        let outer = try QuadratureWorkspace(limit: limit, routine: routine)
        let inner = try QuadratureWorkspace(limit: limit, routine: routine)
        let innerAbsolute = absoluteTolerance / (10 * Swift.max(x.upperBound - x.lowerBound, 1))
        return try iterate(over: x, absoluteTolerance: absoluteTolerance,
                           relativeTolerance: relativeTolerance, workspace: outer) { xv in
            try adaptive({ yv in f(xv, yv) }, lower: y.lowerBound, upper: y.upperBound,
                         absoluteTolerance: innerAbsolute, relativeTolerance: relativeTolerance / 10,
                         workspace: inner)
        }
    }

    /// ∫_x ∫_y ∫_z f(x, y, z) dz dy dx over a box by iterated adaptive
    /// quadrature (three nested QAGS levels). Each inner level runs at a tenth
    /// of the tolerances of the level around it; errors combine as in
    /// `iterated2D`, level by level.
    public static func iterated3D(
        _ f: (Double, Double, Double) -> Double,
        x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-7,
        limit: Int = 100
    ) throws -> IntegrationResult {
        let routine = "Integration.iterated3D"
        try requireFinite(x, "x", routine)
        try requireFinite(y, "y", routine)
        try requireFinite(z, "z", routine)
        let outer = try QuadratureWorkspace(limit: limit, routine: routine)
        let middle = try QuadratureWorkspace(limit: limit, routine: routine)
        let inner = try QuadratureWorkspace(limit: limit, routine: routine)
        let middleAbsolute = absoluteTolerance / (10 * Swift.max(x.upperBound - x.lowerBound, 1))
        let innerAbsolute = middleAbsolute / (10 * Swift.max(y.upperBound - y.lowerBound, 1))
        return try iterate(over: x, absoluteTolerance: absoluteTolerance,
                           relativeTolerance: relativeTolerance, workspace: outer) { xv in
            try iterate(over: y, absoluteTolerance: middleAbsolute,
                        relativeTolerance: relativeTolerance / 10, workspace: middle) { yv in
                try adaptive({ zv in f(xv, yv, zv) }, lower: z.lowerBound, upper: z.upperBound,
                             absoluteTolerance: innerAbsolute, relativeTolerance: relativeTolerance / 100,
                             workspace: inner)
            }
        }
    }

    /// One level of iterated quadrature: integrates `inner(x).value` over
    /// `range`. The first error an inner integral throws is rethrown as is
    /// (GSL only sees NaN from then on).
    static func iterate(
        over range: ClosedRange<Double>, absoluteTolerance: Double, relativeTolerance: Double,
        workspace: QuadratureWorkspace, inner: (Double) throws -> IntegrationResult
    ) throws -> IntegrationResult {
        var failure: (any Error)?
        var largestInnerError = 0.0
        let outer: IntegrationResult
        do {
            outer = try adaptive({ x in
                if failure != nil { return .nan }
                do {
                    let r = try inner(x)
                    largestInnerError = Swift.max(largestInnerError, r.error)
                    return r.value
                } catch {
                    failure = error
                    return .nan
                }
            }, lower: range.lowerBound, upper: range.upperBound,
               absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
               workspace: workspace)
        } catch {
            throw failure ?? error
        }
        if let failure { throw failure }
        let width = range.upperBound - range.lowerBound
        return IntegrationResult(value: outer.value, error: outer.error + width * largestInnerError)
    }

    static func requireFinite(_ range: ClosedRange<Double>, _ name: String, _ routine: String) throws {
        guard range.lowerBound.isFinite, range.upperBound.isFinite else {
            throw GSLError.invalidArgument(routine, "\(name) range must be finite, got \(range)")
        }
    }
}
