/// One independent piece of a command's work (a fixture check, a grid cell,
/// a checkpoint, an ensemble member): its place in the command's ordered job
/// list, an estimate of its cost, and a label for messages.
///
/// A job's result must depend only on the job (job k draws from its own
/// stream of the seed), never on where or when it runs: the gathered results,
/// ordered by `index`, are then the same for any number of ranks.
public struct QueuedJob: Sendable, Hashable, Codable {
    /// Position in the command's job list (0-based): the order of the output.
    public var index: Int
    /// Relative cost (any unit, e.g. sampler steps × data size × dimension):
    /// jobs are handed out largest first. Only the schedule depends on it.
    public var cost: Double
    /// What the job is, for messages: `Fixtures/x.json llc`, `cell ε=1e-3 γ=1`.
    public var label: String

    public init(index: Int, cost: Double, label: String) {
        self.index = index
        self.cost = cost
        self.label = label
    }

    /// The order a queue hands `jobs` out in: largest cost first, ties by index.
    public static func handOutOrder(_ jobs: [QueuedJob]) -> [Int] {
        jobs.indices.sorted { a, b in
            let ca = jobs[a].cost.isFinite ? jobs[a].cost : 0, cb = jobs[b].cost.isFinite ? jobs[b].cost : 0
            return ca != cb ? ca > cb : jobs[a].index < jobs[b].index
        }
    }
}
