import DistributedJobs
import Foundation
import GSL
import Models

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
    /// The BLAS behind the network kernels: library and version, its own
    /// configuration string, and the threads per call (1: one per chain).
    public var blasLibrary: String
    public var blasConfiguration: String
    public var blasThreads: Int
    public var swiftVersion: String
    public var cores: Int
    public var os: String
    public var checks: [Check]
    public var ok: Bool
    /// Open MPI: built in or not, the library's version, this launch's rank count (`rlct doctor` fills it in).
    public var mpi: Cluster.Status?

    public init(rlctVersion: String, gslVersion: String, blasLibrary: String, blasConfiguration: String, blasThreads: Int,
                swiftVersion: String, cores: Int, os: String, checks: [Check], ok: Bool) {
        self.rlctVersion = rlctVersion
        self.gslVersion = gslVersion
        self.blasLibrary = blasLibrary
        self.blasConfiguration = blasConfiguration
        self.blasThreads = blasThreads
        self.swiftVersion = swiftVersion
        self.cores = cores
        self.os = os
        self.checks = checks
        self.ok = ok
    }

    enum CodingKeys: String, CodingKey {
        case rlctVersion = "rlct_version"
        case gslVersion = "gsl_version"
        case blasLibrary = "blas_library"
        case blasConfiguration = "blas_configuration"
        case blasThreads = "blas_threads"
        case swiftVersion = "swift_version"
        case cores, os, checks, ok, mpi
    }

    public static func collect(version: String) -> DoctorReport {
        let checks = [quadratureCheck(), linearFitCheck(), randomStreamCheck(), errorHandlerCheck(), blasCheck()]
        return DoctorReport(
            rlctVersion: version,
            gslVersion: GSLLibrary.version,
            blasLibrary: "\(BLAS.library) \(BLAS.version)",
            blasConfiguration: BLAS.configuration,
            blasThreads: BLAS.threads,
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

    /// The network kernels' dgemm on a one-layer network f = W x (exact
    /// small integers, so the gradient at an exact fit is exactly 0), and
    /// one BLAS thread per call.
    public static func blasCheck() -> Check {
        let name = "BLAS dgemm multiplies, one thread per call"
        do {
            // A 1-input network y = W x with W = (1, 2, 3)ᵀ and x = 2: f = (2, 4, 6).
            let net = try MLP(widths: [1, 3], activations: [], biases: false)
            let f = net.predict([1, 2, 3], input: [2])
            let data = try Dataset(inputs: [2], outputs: [2, 4, 6], inputDimension: 1, outputDimension: 3)
            let onData = try net.withData(data, truth: nil)
            let at = try AnyModel.mlp(onData).accept(PointEvaluation(point: [1, 2, 3]))
            let residual = at.gradient.map(abs).max() ?? .infinity
            let ok = f == [2, 4, 6] && residual == 0 && BLAS.threads == 1
            return Check(name: name, ok: ok, detail: "f = \(f), gradient at the exact fit \(at.gradient), threads \(BLAS.threads)")
        } catch {
            return Check(name: name, ok: false, detail: "\(error)")
        }
    }

    /// The readable report.
    public var text: String {
        var lines = [
            "rlct doctor",
            "  rlct     \(rlctVersion)",
            "  GSL      \(gslVersion)",
            "  BLAS     \(blasLibrary), \(blasThreads) thread\(blasThreads == 1 ? "" : "s") per call",
            "           \(blasConfiguration)",
            "  Swift    \(swiftVersion)",
            "  cores    \(cores)",
            "  OS       \(os)",
        ] + (mpi.map { ["  MPI      " + ($0.builtIn ? "\($0.library ?? "unknown library"), \($0.ranks) rank\($0.ranks == 1 ? "" : "s")" : "not built in (make build-mpi)")] } ?? []) + [
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
