/// A 2-D chart written as a self-contained SVG file: lines, scatter points
/// with error bars, histogram bars, a heat map, reference lines, linear or
/// log axes with ticks, labels and a legend, optionally a second y axis on
/// the right. No scripts, no external fonts.
public struct Plot: Sendable {
    public enum Scale: Sendable, Equatable { case linear, log }

    /// How a series is drawn.
    public enum Style: Sendable, Equatable {
        case line
        case scatter
        case lineAndPoints
        /// Bars of the given width in data units, centred on x (histograms).
        case bars(width: Double)
    }

    public struct Series: Sendable {
        public var name: String
        public var style: Style
        public var x: [Double]
        public var y: [Double]
        /// Symmetric error bars (one per point), or nil.
        public var yError: [Double]?
        public var dashed: Bool
        /// CSS colour; nil picks the next colour of the palette.
        public var color: String?

        public init(_ name: String, style: Style = .lineAndPoints, x: [Double], y: [Double],
                    yError: [Double]? = nil, dashed: Bool = false, color: String? = nil) {
            self.name = name
            self.style = style
            self.x = x
            self.y = y
            self.yError = yError
            self.dashed = dashed
            self.color = color
        }
    }

    /// A heat map over a regular grid: `values[row][column]`, rows along y.
    public struct Heatmap: Sendable {
        public var xEdges: [Double]
        public var yEdges: [Double]
        public var values: [[Double]]
        public var label: String
        /// Text drawn in each cell (same shape as `values`), or nil.
        public var annotations: [[String]]?
        public init(xEdges: [Double], yEdges: [Double], values: [[Double]], label: String, annotations: [[String]]? = nil) {
            self.xEdges = xEdges
            self.yEdges = yEdges
            self.values = values
            self.label = label
            self.annotations = annotations
        }
    }

    /// A horizontal reference line (an exact λ, a threshold).
    public struct Reference: Sendable {
        public var y: Double
        public var label: String
        public init(y: Double, label: String) { self.y = y; self.label = label }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale = .linear
    public var yScale: Scale = .linear
    public var series: [Series] = []
    public var heatmap: Heatmap?
    public var references: [Reference] = []
    /// Series read against a second y axis on the right (`Plot+SecondAxis.swift`).
    public var secondary: SecondAxis?
    /// Fixed axis ranges; nil: the data's range, padded by 5%.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// The plotting area's frame and margins; the legend is drawn to the
    /// right of them and widens the drawing (`canvasSize`).
    public var width: Double = 760
    public var height: Double = 470

    public init(title: String, xLabel: String, yLabel: String, xScale: Scale = .linear, yScale: Scale = .linear) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
    }

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
}
