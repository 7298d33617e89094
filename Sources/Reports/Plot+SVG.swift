import Foundation

extension Plot {
    /// Margins around the plotting area, in pixels.
    private var margin: (left: Double, right: Double, top: Double, bottom: Double) {
        (78, heatmap != nil ? 96 : secondary != nil ? 78 : 24, 44, 58)
    }

    /// The longest title drawn in full; a longer one is cut with "…" (a
    /// title names the model, it does not spell out its polynomial).
    public static let maxTitleLength = 64

    /// The title as drawn: at most `maxTitleLength` characters.
    public var displayTitle: String {
        title.count <= Plot.maxTitleLength ? title : String(title.prefix(Plot.maxTitleLength - 1)) + "…"
    }

    /// The SVG document.
    public func renderSVG() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement(x: nil, y: nil, clipID: "plotarea")
    }

    /// The legend's entries: every named series, the right axis's marked as such.
    private var legendEntries: [Series] {
        let secondaries = (secondary?.series ?? []).enumerated().map { k, s -> Series in
            var s = s
            s.color = s.color ?? Plot.palette[(series.count + k) % Plot.palette.count]
            if !s.name.isEmpty { s.name += " (right axis)" }
            return s
        }
        let primaries = series.enumerated().map { k, s -> Series in
            var s = s
            s.color = s.color ?? Plot.palette[k % Plot.palette.count]
            return s
        }
        return (primaries + secondaries).filter { !$0.name.isEmpty }
    }

    /// Where the legend goes: to the right of the plotting area (beyond the
    /// right axis or colour bar when there is one), never over the data.
    private var legendBox: (x: Double, y: Double, width: Double, height: Double)? {
        let entries = legendEntries
        guard !entries.isEmpty else { return nil }
        let m = margin
        let x = heatmap != nil || secondary != nil ? width + 4 : width - m.right + 12
        let w = 30 + Double(entries.map(\.name.count).max() ?? 0) * 7
        return (x, m.top, w, Double(entries.count) * 18 + 8)
    }

    /// The drawing's size: `width` × `height` widened (and lengthened) for the legend.
    public var canvasSize: (width: Double, height: Double) {
        guard let box = legendBox else { return (width, height) }
        return (max(width, box.x + box.width + 10), max(height, box.y + box.height + 10))
    }

    /// The `<svg>` element; `x`, `y` place it inside another one (`PlotGrid`),
    /// `clipID` must be unique within the document.
    func svgElement(x: Double?, y: Double?, clipID: String) -> String {
        let m = margin
        let plotW = width - m.left - m.right, plotH = height - m.top - m.bottom
        let (xr, yr) = ranges()
        let xAxis = Axis(scale: xScale, lo: xr.0, hi: xr.1, pixelLo: m.left, pixelHi: m.left + plotW)
        let yAxis = Axis(scale: yScale, lo: yr.0, hi: yr.1, pixelLo: m.top + plotH, pixelHi: m.top)
        let canvas = canvasSize
        let position = x.map { " x=\"\(f($0))\" y=\"\(f(y ?? 0))\"" } ?? " xmlns=\"http://www.w3.org/2000/svg\""

        var svg = """
        <svg\(position) width="\(f(canvas.width))" height="\(f(canvas.height))" viewBox="0 0 \(f(canvas.width)) \(f(canvas.height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect x="0" y="0" width="\(f(canvas.width))" height="\(f(canvas.height))" fill="white"/>
        <text class="title" x="\(f(m.left + plotW / 2))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(escape(displayTitle))</text>

        """
        svg += "<defs><clipPath id=\"\(clipID)\"><rect x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\"/></clipPath></defs>\n"

        if let heatmap { svg += renderHeatmap(heatmap, xAxis: xAxis, yAxis: yAxis) }
        svg += renderGridAndTicks(xAxis: xAxis, yAxis: yAxis, plotW: plotW, plotH: plotH)

        svg += "<g clip-path=\"url(#\(clipID))\">\n"
        for reference in references where yAxis.contains(reference.y) {
            let y = yAxis.pixel(reference.y)
            svg += "<line class=\"reference\" x1=\"\(f(m.left))\" y1=\"\(f(y))\" x2=\"\(f(m.left + plotW))\" y2=\"\(f(y))\" stroke=\"#555\" stroke-dasharray=\"6,4\"/>\n"
            svg += "<text x=\"\(f(m.left + plotW - 4))\" y=\"\(f(y - 4))\" text-anchor=\"end\" fill=\"#555\">\(escape(reference.label))</text>\n"
        }
        for (k, s) in series.enumerated() {
            svg += renderSeries(s, color: s.color ?? Plot.palette[k % Plot.palette.count], xAxis: xAxis, yAxis: yAxis)
        }
        let secondAxis = secondary.map { second -> Axis in
            let r = Axis.range(of: second.series.flatMap(\.y), scale: second.scale, pad: true)
            return Axis(scale: second.scale, lo: r.0, hi: r.1, pixelLo: m.top + plotH, pixelHi: m.top)
        }
        if let secondary, let secondAxis {
            for (k, s) in secondary.series.enumerated() {
                let color = s.color ?? Plot.palette[(series.count + k) % Plot.palette.count]
                svg += renderSeries(s, color: color, xAxis: xAxis, yAxis: secondAxis)
            }
        }
        svg += "</g>\n"
        if let secondary, let secondAxis { svg += renderSecondAxis(secondary, axis: secondAxis, plotW: plotW, plotH: plotH) }

        // Frame and axis labels.
        svg += "<rect class=\"frame\" x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f(m.left + plotW / 2))\" y=\"\(f(height - 14))\" text-anchor=\"middle\" font-size=\"13\">\(escape(xLabel))</text>\n"
        svg += "<text x=\"18\" y=\"\(f(m.top + plotH / 2))\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 \(f(m.top + plotH / 2)))\">\(escape(yLabel))</text>\n"
        svg += renderLegend()
        svg += "</svg>\n"
        return svg
    }

    /// Writes the SVG to `path` (see `OutputTarget.write`).
    public func write(toPath path: String) throws {
        try AtomicFile.write(renderSVG(), toPath: path)
    }

    /// Writes the SVG to `target`.
    public func write(to target: OutputTarget) throws {
        try target.write(renderSVG())
    }

    // MARK: - Pieces

    private func renderSeries(_ s: Series, color: String, xAxis: Axis, yAxis: Axis) -> String {
        var out = "<g class=\"series\" data-name=\"\(escape(s.name))\">\n"
        let points = zip(s.x, s.y).enumerated().filter { xAxis.accepts($0.element.0) && yAxis.accepts($0.element.1) }
        switch s.style {
        case .bars(let barWidth):
            let base = yAxis.pixel(yAxis.scale == .log ? yAxis.lo : max(yAxis.lo, 0))
            for (_, p) in points {
                let x0 = xAxis.pixel(p.0 - barWidth / 2), x1 = xAxis.pixel(p.0 + barWidth / 2)
                let top = yAxis.pixel(p.1)
                out += "<rect class=\"point\" x=\"\(f(min(x0, x1)))\" y=\"\(f(min(top, base)))\" width=\"\(f(abs(x1 - x0)))\" height=\"\(f(abs(base - top)))\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\"/>\n"
            }
        case .line, .lineAndPoints, .scatter:
            if s.style != .scatter && points.count > 1 {
                let path = points.map { "\(f(xAxis.pixel($0.element.0))),\(f(yAxis.pixel($0.element.1)))" }.joined(separator: " ")
                out += "<polyline class=\"line\" points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(s.dashed ? " stroke-dasharray=\"7,4\"" : "")/>\n"
            }
            for (i, p) in points {
                let px = xAxis.pixel(p.0), py = yAxis.pixel(p.1)
                if let errors = s.yError, i < errors.count, errors[i].isFinite, errors[i] > 0 {
                    let lo = p.1 - errors[i], hi = p.1 + errors[i]
                    let pyLo = yAxis.pixel(yAxis.accepts(lo) ? lo : yAxis.lo), pyHi = yAxis.pixel(hi)
                    out += "<path class=\"errorbar\" d=\"M\(f(px)),\(f(pyLo))V\(f(pyHi))M\(f(px - 4)),\(f(pyLo))h8M\(f(px - 4)),\(f(pyHi))h8\" stroke=\"\(color)\" fill=\"none\"/>\n"
                }
                if s.style != .line {
                    out += "<circle class=\"point\" cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"3.5\" fill=\"\(color)\"/>\n"
                }
            }
        }
        return out + "</g>\n"
    }

    private func renderGridAndTicks(xAxis: Axis, yAxis: Axis, plotW: Double, plotH: Double) -> String {
        let m = margin
        var out = "<g class=\"axes\" stroke=\"#e3e3e3\">\n"
        for t in xAxis.ticks() {
            let x = xAxis.pixel(t.value)
            if t.major { out += "<line x1=\"\(f(x))\" y1=\"\(f(m.top))\" x2=\"\(f(x))\" y2=\"\(f(m.top + plotH))\"/>\n" }
            out += "<line x1=\"\(f(x))\" y1=\"\(f(m.top + plotH))\" x2=\"\(f(x))\" y2=\"\(f(m.top + plotH + (t.major ? 6 : 3)))\" stroke=\"#333\"/>\n"
            if let label = t.label {
                out += "<text x=\"\(f(x))\" y=\"\(f(m.top + plotH + 20))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#222\">\(escape(label))</text>\n"
            }
        }
        for t in yAxis.ticks() {
            let y = yAxis.pixel(t.value)
            if t.major { out += "<line x1=\"\(f(m.left))\" y1=\"\(f(y))\" x2=\"\(f(m.left + plotW))\" y2=\"\(f(y))\"/>\n" }
            out += "<line x1=\"\(f(m.left - (t.major ? 6 : 3)))\" y1=\"\(f(y))\" x2=\"\(f(m.left))\" y2=\"\(f(y))\" stroke=\"#333\"/>\n"
            if let label = t.label {
                out += "<text x=\"\(f(m.left - 9))\" y=\"\(f(y + 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#222\">\(escape(label))</text>\n"
            }
        }
        return out + "</g>\n"
    }

    /// Ticks, labels and the title of the right-hand axis.
    private func renderSecondAxis(_ second: SecondAxis, axis: Axis, plotW: Double, plotH: Double) -> String {
        let m = margin, right = m.left + plotW
        var out = "<g class=\"second-axis\" stroke=\"#333\">\n"
        for t in axis.ticks() {
            let y = axis.pixel(t.value)
            out += "<line x1=\"\(f(right))\" y1=\"\(f(y))\" x2=\"\(f(right + (t.major ? 6 : 3)))\" y2=\"\(f(y))\"/>\n"
            if let label = t.label {
                out += "<text x=\"\(f(right + 9))\" y=\"\(f(y + 4))\" text-anchor=\"start\" stroke=\"none\" fill=\"#222\">\(escape(label))</text>\n"
            }
        }
        let x = width - 14, cy = m.top + plotH / 2
        out += "<text x=\"\(f(x))\" y=\"\(f(cy))\" text-anchor=\"middle\" font-size=\"13\" stroke=\"none\" transform=\"rotate(90 \(f(x)) \(f(cy)))\">\(escape(second.label))</text>\n"
        return out + "</g>\n"
    }

    private func renderLegend() -> String {
        guard let box = legendBox else { return "" }
        let (x, y) = (box.x, box.y)
        let rowH = 18.0
        var out = "<g class=\"legend\">\n<rect class=\"legend-box\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(box.width))\" height=\"\(f(box.height))\" fill=\"white\" stroke=\"#bbb\"/>\n"
        for (row, entry) in legendEntries.enumerated() {
            let color = entry.color ?? Plot.palette[row % Plot.palette.count]
            let cy = y + 13 + Double(row) * rowH
            out += "<line x1=\"\(f(x + 6))\" y1=\"\(f(cy))\" x2=\"\(f(x + 24))\" y2=\"\(f(cy))\" stroke=\"\(color)\" stroke-width=\"3\"\(entry.dashed ? " stroke-dasharray=\"5,3\"" : "")/>\n"
            out += "<text x=\"\(f(x + 28))\" y=\"\(f(cy + 4))\">\(escape(entry.name))</text>\n"
        }
        return out + "</g>\n"
    }

    private func renderHeatmap(_ h: Heatmap, xAxis: Axis, yAxis: Axis) -> String {
        let finite = h.values.flatMap { $0 }.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        var out = "<g class=\"heatmap\">\n"
        for (r, row) in h.values.enumerated() where r + 1 < h.yEdges.count {
            for (c, value) in row.enumerated() where c + 1 < h.xEdges.count {
                let x0 = xAxis.pixel(h.xEdges[c]), x1 = xAxis.pixel(h.xEdges[c + 1])
                let y0 = yAxis.pixel(h.yEdges[r]), y1 = yAxis.pixel(h.yEdges[r + 1])
                let fill = value.isFinite ? Plot.viridis((value - lo) / max(hi - lo, .leastNormalMagnitude)) : "#dddddd"
                out += "<rect class=\"cell\" x=\"\(f(min(x0, x1)))\" y=\"\(f(min(y0, y1)))\" width=\"\(f(abs(x1 - x0)))\" height=\"\(f(abs(y1 - y0)))\" fill=\"\(fill)\"/>\n"
                if let text = h.annotations?[r][c], !text.isEmpty {
                    let t = (value - lo) / max(hi - lo, .leastNormalMagnitude)
                    out += "<text x=\"\(f((x0 + x1) / 2))\" y=\"\(f((y0 + y1) / 2 + 4))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(t > 0.6 ? "#000" : "#fff")\">\(escape(text))</text>\n"
                }
            }
        }
        // Colour bar.
        let m = margin
        let barX = width - m.right + 16, barTop = m.top, barH = height - m.top - m.bottom
        for i in 0..<50 {
            let t0 = Double(i) / 50
            out += "<rect x=\"\(f(barX))\" y=\"\(f(barTop + barH * (1 - t0 - 0.02)))\" width=\"14\" height=\"\(f(barH * 0.02 + 0.5))\" fill=\"\(Plot.viridis(t0))\"/>\n"
        }
        out += "<text x=\"\(f(barX + 18))\" y=\"\(f(barTop + 10))\">\(escape(NumberFormat.significant(hi, digits: 3)))</text>\n"
        out += "<text x=\"\(f(barX + 18))\" y=\"\(f(barTop + barH))\">\(escape(NumberFormat.significant(lo, digits: 3)))</text>\n"
        out += "<text x=\"\(f(barX + 7))\" y=\"\(f(barTop + barH + 18))\" text-anchor=\"middle\">\(escape(h.label))</text>\n"
        return out + "</g>\n"
    }

    /// The axes' ranges: `xRange`/`yRange` where given, else the data's with 5%
    /// padding (of the span, or of the span in decades on a log axis).
    private func ranges() -> ((Double, Double), (Double, Double)) {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            xs += s.x
            if case .bars(let w) = s.style {
                xs += s.x.map { $0 - w / 2 } + s.x.map { $0 + w / 2 }
                if yScale == .linear { ys.append(0) }
            }
            ys += s.y
            if let e = s.yError {
                for (i, y) in s.y.enumerated() where i < e.count && e[i].isFinite {
                    ys.append(y + e[i])
                    if yScale == .linear || y - e[i] > 0 { ys.append(y - e[i]) }
                }
            }
        }
        if let h = heatmap { xs += h.xEdges; ys += h.yEdges }
        ys += references.map(\.y)
        let x = xRange.map { ($0.lowerBound, $0.upperBound) } ?? Axis.range(of: xs, scale: xScale, pad: heatmap == nil)
        let y = yRange.map { ($0.lowerBound, $0.upperBound) } ?? Axis.range(of: ys, scale: yScale, pad: heatmap == nil)
        return (x, y)
    }

    func f(_ v: Double) -> String { String(format: "%.2f", v) }

    func escape(_ s: String) -> String { XMLText.escape(s) }

    /// The viridis colour map at t ∈ [0, 1] (a few anchor colours, interpolated).
    static func viridis(_ t: Double) -> String {
        let anchors: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(u), anchors.count - 2), frac = u - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        return String(format: "#%02x%02x%02x", Int(a.0 + (b.0 - a.0) * frac), Int(a.1 + (b.1 - a.1) * frac), Int(a.2 + (b.2 - a.2) * frac))
    }
}
