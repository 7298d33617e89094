extension LLCCurveRun {
    /// The curve from one report per checkpoint (in `checkpoints` order), each
    /// from this run restricted to that checkpoint: how a queue of checkpoint
    /// jobs (`rlct llc --checkpoints` under mpirun) gathers the curve a single run computes.
    public func curve(reports: [LLCReport]) -> LLCCurve {
        LLCCurve(title: title, rows: zip(checkpoints, reports).map { c, r in
            LLCCurve.Row(step: c.step, trainLoss: c.trainLoss, source: c.source, report: r)
        })
    }
}
