import DistributedJobs
import Foundation
import Reports

extension JobRun {
    /// What the coordinator says about a run over several ranks, on standard
    /// error: each failed job with its rank, then (unless `quiet`) the schedule
    /// line. When `RLCT_MPI_SCHEDULE` names a file, the schedule (every job's
    /// rank, times and cost) is written there as JSON (scripts/mpi-scaling.sh reads it).
    func reportSchedule(quiet: Bool) {
        guard ranks > 1 || ProcessInfo.processInfo.environment["RLCT_MPI_SCHEDULE"] != nil else { return }
        for failure in failures {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
        }
        if !quiet, ranks > 1 {
            FileHandle.standardError.write(Data("mpi: \(summary)\n".utf8))
        }
        if let path = ProcessInfo.processInfo.environment["RLCT_MPI_SCHEDULE"], !path.isEmpty {
            do {
                try OutputTarget(path, flag: "RLCT_MPI_SCHEDULE").write(scheduleJSON())
            } catch {
                FileHandle.standardError.write(Data("warning: RLCT_MPI_SCHEDULE: \(error)\n".utf8))
            }
        }
    }
}
