/// When and where one job ran, in seconds from the start of the run as the
/// coordinator saw it (a remote job's interval includes the message round trip).
public struct JobRecord: Sendable, Codable, Equatable {
    public var job: Int
    public var label: String
    public var cost: Double
    public var rank: Int
    public var started: Double
    public var finished: Double
    /// The job's own duration, measured where it ran.
    public var seconds: Double
    public var failed: Bool

    public init(job: Int, label: String, cost: Double, rank: Int, started: Double, finished: Double, seconds: Double, failed: Bool) {
        self.job = job
        self.label = label
        self.cost = cost
        self.rank = rank
        self.started = started
        self.finished = finished
        self.seconds = seconds
        self.failed = failed
    }

    enum CodingKeys: String, CodingKey {
        case job, label, cost, rank, started = "started_seconds", finished = "finished_seconds", seconds = "job_seconds", failed
    }
}
