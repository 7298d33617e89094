import ArgumentParser
import DistributedJobs
import Foundation
import Rendering

/// `rlct doctor`: what this build links against and whether its numerical
/// core works, in a form to paste into a bug report.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report the GSL, BLAS and Swift versions, the core count, and run quick self-checks.",
        discussion: """
        Runs three small checks with known answers: QAGS on ∫₀¹ x^(−1/2) dx = 2, \
        a linear fit that must recover exact coefficients from noiseless data, \
        and random-stream reproducibility; plus a check that a failing GSL \
        routine throws instead of aborting, and that BLAS (the network kernels' \
        matrix products) multiplies correctly with one thread per call. The MPI \
        line says whether this build has Open MPI (make build-mpi), its version \
        and the launch's rank count (`mpirun -n 2 rlct doctor`; docs/cluster.md). Exits 0 when all pass, 1 otherwise.

        Examples:
          rlct doctor
          rlct doctor --json
        """
    )

    @Flag(help: "Print the report as JSON (keys gsl_version, blas_library, blas_configuration, blas_threads, swift_version, cores, os, mpi, checks, ok).")
    var json = false

    func run() throws {
        var report = DoctorReport.collect(version: RLCTVersion.string)
        report.mpi = Cluster.status()
        // Under mpirun every rank runs the doctor; rank 0 reports.
        guard Cluster.launchedRank() == 0 else { return }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.ok { throw ExitCode(1) }
    }
}
