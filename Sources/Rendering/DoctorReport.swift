import Foundation
import GSL

/// The doctor's findings.
public struct DoctorReport: Codable, Sendable {
    public struct Check: Codable, Sendable {
        public var name: String
        public var ok: Bool
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }
    }

    public var rlctVersion: String
    public var gslVersion: String
    public var swiftVersion: String
    public var cores: Int
    public var os: String
    public var checks: [Check]
    public var ok: Bool

    public init(rlctVersion: String, gslVersion: String, swiftVersion: String, cores: Int, os: String, checks: [Check], ok: Bool) {
        self.rlctVersion = rlctVersion
        self.gslVersion = gslVersion
        self.swiftVersion = swiftVersion
        self.cores = cores
        self.os = os
        self.checks = checks
        self.ok = ok
    }

    enum CodingKeys: String, CodingKey {
        case rlctVersion = "rlct_version"
        case gslVersion = "gsl_version"
        case swiftVersion = "swift_version"
        case cores, os, checks, ok
    }

    public static func collect(version: String) -> DoctorReport {
        let checks = [quadratureCheck(), linearFitCheck(), randomStreamCheck(), errorHandlerCheck()]
        return DoctorReport(
            rlctVersion: version,
            gslVersion: GSLLibrary.version,
            swiftVersion: swiftVersion,
            cores: ProcessInfo.processInfo.activeProcessorCount,
            os: ProcessInfo.processInfo.operatingSystemVersionString,
            checks: checks,
            ok: checks.allSatisfy(\.ok)
        )
    }

    /// The compiler's language version, from a compile-time `#if swift` chain.
    public static var swiftVersion: String {
        #if swift(>=7.0)
        return "7.0 or later"
        #elseif swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// QAGS on ∫₀¹ x^(−1/2) dx = 2 (integrable endpoint singularity).
    public static func quadratureCheck() -> Check {
        let name = "qags ∫₀¹ x^(−1/2) dx = 2"
        do {
            let r = try Integration.qags({ 1 / $0.squareRoot() }, from: 0, to: 1)
            let ok = abs(r.value - 2) < 1e-10
            return Check(name: name, ok: ok, detail: "value \(r.value), error estimate \(r.error)")
        } catch {
            return Check(name: name, ok: false, detail: "\(error)")
        }
    }

    /// Noiseless y = 2 + 3x − x²/2 at x = 0…5 must give back (2, 3, −1/2).
    public static func linearFitCheck() -> Check {
        let name = "linear fit recovers y = 2 + 3x − x²/2"
        do {
            let x = (0...5).map(Double.init)
            let y = x.map { 2 + 3 * $0 - 0.5 * $0 * $0 }
            let fit = try LeastSquares.fit(x: x, y: y, basis: [{ _ in 1 }, { $0 }, { $0 * $0 }])
            let expected = [2.0, 3.0, -0.5]
            let worst = zip(fit.coefficients, expected).map { abs($0 - $1) }.max() ?? .infinity
            return Check(name: name, ok: worst < 1e-10,
                         detail: "coefficients \(fit.coefficients), largest deviation \(worst)")
        } catch {
            return Check(name: name, ok: false, detail: "\(error)")
        }
    }

    /// Same (seed, stream) → same numbers; a different stream → different ones.
    public static func randomStreamCheck() -> Check {
        let name = "random streams reproducible"
        func draws(_ s: RandomStream) -> [Double] { (0..<1000).map { _ in s.gaussian() } }
        let a = draws(RandomStream(seed: 2024, stream: 1))
        let b = draws(RandomStream(seed: 2024).stream(1))
        let c = draws(RandomStream(seed: 2024, stream: 2))
        let same = a == b, differs = a != c
        return Check(name: name, ok: same && differs,
                     detail: "seed 2024 stream 1 twice: \(same ? "identical" : "DIFFERENT"); stream 2: \(differs ? "different" : "IDENTICAL")")
    }

    /// A NaN integrand must throw GSLError (GSL's abort handler is off).
    public static func errorHandlerCheck() -> Check {
        let name = "GSL errors throw instead of aborting"
        do {
            let r = try Integration.qags({ _ in .nan }, from: 0, to: 1)
            return Check(name: name, ok: false, detail: "NaN integrand returned \(r.value) without an error")
        } catch let error as GSLError {
            return Check(name: name, ok: true, detail: "NaN integrand threw: \(error)")
        } catch {
            return Check(name: name, ok: false, detail: "unexpected error \(error)")
        }
    }

    /// The readable report.
    public var text: String {
        var lines = [
            "rlct doctor",
            "  rlct     \(rlctVersion)",
            "  GSL      \(gslVersion)",
            "  Swift    \(swiftVersion)",
            "  cores    \(cores)",
            "  OS       \(os)",
            "",
            "checks",
        ]
        for check in checks {
            lines.append("  \(check.ok ? "ok  " : "FAIL")  \(check.name)")
            lines.append("        \(check.detail)")
        }
        lines.append("")
        let failed = checks.filter { !$0.ok }.count
        lines.append(ok ? "all \(checks.count) checks passed" : "\(failed) of \(checks.count) checks FAILED")
        return lines.joined(separator: "\n")
    }
}
