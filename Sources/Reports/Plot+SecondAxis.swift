extension Plot {
    /// A second y axis on the right, with its own label, scale and series
    /// (drawn against the shared x axis; the legend marks them "(right axis)"),
    /// e.g. the train loss beside λ̂ along a training run.
    public struct SecondAxis: Sendable {
        public var label: String
        public var scale: Scale
        public var series: [Series]

        public init(label: String, scale: Scale = .linear, series: [Series] = []) {
            self.label = label
            self.scale = scale
            self.series = series
        }
    }
}
