import Sampling

extension SGDEnsemble {
    /// The recorded paths of trajectories `first ..< first + divergedAt.count`:
    /// one job of an ensemble split over processes (`rlct sgd` under mpirun).
    public struct Chunk: Sendable, Codable, Equatable {
        public var first: Int
        /// Trajectory by trajectory, records × d, NaN after a divergence (as `SGDEnsembleResult.positions`).
        public var positions: [Double]
        public var divergedAt: [Int?]

        enum CodingKeys: String, CodingKey {
            case first, positions, divergedAt = "diverged_at"
        }
    }

    /// The trajectories split into at most `count` contiguous ranges of near-equal size.
    public func chunkRanges(count: Int) -> [Range<Int>] {
        let parts = max(1, min(count, trajectories))
        return (0..<parts).map { p in (p * trajectories / parts)..<((p + 1) * trajectories / parts) }
    }

    /// Runs trajectories `range` (trajectory k on stream k of the seed, so a
    /// chunk's paths are those of the whole run), in parallel inside.
    public func run(chunk range: Range<Int>, progress: (@Sendable (Int) -> Void)? = nil) throws -> Chunk {
        try validate()
        let data = dataset()
        let times = recordTimes
        let me = self
        let records = Parallel.map(range.count) { i -> SGDTrajectoryRecord in
            let record = me.trajectory(range.lowerBound + i, data: data, times: times)
            progress?(me.steps)
            return record
        }
        return Chunk(first: range.lowerBound, positions: records.flatMap(\.path), divergedAt: records.map(\.divergedAt))
    }

    /// The ensemble's result from its chunks, in trajectory order (as `run` returns it).
    public func result(chunks: [Chunk]) -> SGDEnsembleResult {
        let d = dimension, r = recordTimes.count
        let records = chunks.sorted { $0.first < $1.first }.flatMap { c in
            c.divergedAt.indices.map { i in
                SGDTrajectoryRecord(path: Array(c.positions[(i * r * d)..<((i + 1) * r * d)]), divergedAt: c.divergedAt[i])
            }
        }
        return SGDEnsembleResult(settings: self, times: recordTimes, records: records)
    }
}
