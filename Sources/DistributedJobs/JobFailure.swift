/// A job whose body threw: which job, on which rank, and the error's text.
/// Counted as a failed job; the other jobs still run.
public struct JobFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var job: Int
    public var label: String
    /// The MPI rank that ran it (0 in a single process).
    public var rank: Int
    /// The error's description, as the single-process run would print it.
    public var message: String
    public var seconds: Double
    /// The error itself, when the job ran in this process (a remote job's error arrives as its text only).
    public var error: (any Error)?

    public init(job: Int, label: String, rank: Int, message: String, seconds: Double, error: (any Error)? = nil) {
        self.job = job
        self.label = label
        self.rank = rank
        self.message = message
        self.seconds = seconds
        self.error = error
    }

    /// The job's own error where it is known (so a single process reports it exactly as before), else this failure.
    public var underlying: any Error { error ?? self }

    public static func == (a: JobFailure, b: JobFailure) -> Bool {
        (a.job, a.label, a.rank, a.message, a.seconds) == (b.job, b.label, b.rank, b.message, b.seconds)
    }

    public var description: String { "job \(job) (\(label)) failed on rank \(rank): \(message)" }
}
