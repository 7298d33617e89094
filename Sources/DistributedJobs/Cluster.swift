import Foundation

/// Which queue a command uses, and what `rlct doctor` says about MPI.
///
/// A build with the `MPI` trait (`make build-mpi`) started by a launcher
/// (`mpirun`, or Slurm's `srun` with PMIx) runs its jobs over the launch's
/// ranks; every other start runs them in this process. A build without MPI
/// started as several ranks refuses to run: each rank would do all the work
/// and write every file.
public enum Cluster {
    /// True when this build has Open MPI (the `MPI` trait).
    public static var isBuiltIn: Bool {
        #if MPI
        return true
        #else
        return false
        #endif
    }

    /// The rank count the launcher announced in the environment
    /// (`OMPI_COMM_WORLD_SIZE` from mpirun, `PMIX_SIZE`/`SLURM_NTASKS` under srun), nil when not launched by one.
    public static func launchedRanks(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let size = environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init) { return size }
        guard environment["PMIX_RANK"] != nil || environment["PMI_RANK"] != nil else { return nil }
        return environment["PMIX_SIZE"].flatMap(Int.init) ?? environment["PMI_SIZE"].flatMap(Int.init)
            ?? environment["SLURM_NTASKS"].flatMap(Int.init) ?? 1
    }

    /// The queue for one command's jobs: MPI ranks under a launcher in an MPI
    /// build, else `concurrency` jobs at once in this process. Under MPI each rank
    /// runs one job at a time. Call once per process, right before `run`/`map`
    /// (MPI is initialised here and finalised when the run ends).
    public static func queue(concurrency: Int) throws -> any JobQueue {
        let launched = launchedRanks()
        #if MPI
        if launched != nil { return MPIQueue() }
        #else
        if let launched, launched > 1 {
            throw ClusterError("this rlct was built without MPI but started as \(launched) ranks: every rank would run every job "
                               + "and write every file. Build the MPI version with `make build-mpi` (docs/cluster.md), or run one process.")
        }
        #endif
        return InProcessQueue(concurrency: concurrency)
    }

    /// What `rlct doctor` reports: whether MPI is built in, the library's version line, and the launch's rank count.
    public struct Status: Sendable, Codable, Equatable {
        public var builtIn: Bool
        /// `MPI_Get_library_version`'s first line (nil without MPI).
        public var library: String?
        /// Ranks of this launch (1 when not started by a launcher).
        public var ranks: Int

        enum CodingKeys: String, CodingKey {
            case builtIn = "built_in", library, ranks
        }

        public var text: String {
            guard builtIn else { return "MPI: not built in (make build-mpi; docs/cluster.md)" }
            return "MPI: \(library ?? "unknown library"), \(ranks) rank\(ranks == 1 ? "" : "s")"
        }
    }

    /// Doctor's MPI status, without initialising MPI (the rank count comes from the launcher's environment).
    public static func status() -> Status {
        #if MPI
        return Status(builtIn: true, library: MPISession.libraryVersion(), ranks: launchedRanks() ?? 1)
        #else
        return Status(builtIn: false, library: nil, ranks: launchedRanks() ?? 1)
        #endif
    }

    /// This process's rank as the launcher announced it (0 when not launched by one).
    public static func launchedRank(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        for key in ["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"] {
            if let r = environment[key].flatMap(Int.init) { return r }
        }
        return 0
    }
}

/// A launch this build cannot serve.
public struct ClusterError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
