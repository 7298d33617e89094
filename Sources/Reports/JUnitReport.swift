import Foundation

/// Test results as JUnit XML, the format CI systems (GitLab, Jenkins, GitHub
/// test reporters) read: `<testsuites>` holding one `<testsuite>` per group,
/// each `<testcase>` with an optional `<failure>` or `<skipped>`.
public struct JUnitReport: Sendable {
    public struct TestCase: Sendable {
        public enum Outcome: Sendable, Equatable {
            case passed
            case failed(message: String)
            case skipped(message: String)
        }
        public var name: String
        /// The class the case belongs to (a fixture's path, say).
        public var className: String
        public var seconds: Double
        public var outcome: Outcome
        /// Extra text for `<system-out>` (the estimate and its error).
        public var output: String?

        public init(name: String, className: String, seconds: Double, outcome: Outcome, output: String? = nil) {
            self.name = name
            self.className = className
            self.seconds = seconds
            self.outcome = outcome
            self.output = output
        }
    }

    public struct Suite: Sendable {
        public var name: String
        public var cases: [TestCase]
        public init(name: String, cases: [TestCase]) {
            self.name = name
            self.cases = cases
        }
        var failures: Int { cases.filter { if case .failed = $0.outcome { return true } else { return false } }.count }
        var skipped: Int { cases.filter { if case .skipped = $0.outcome { return true } else { return false } }.count }
        var seconds: Double { cases.reduce(0) { $0 + $1.seconds } }
    }

    public var name: String
    public var suites: [Suite]
    /// ISO 8601 time stamp written on every suite.
    public var timestamp: Date

    public init(name: String, suites: [Suite], timestamp: Date = Date()) {
        self.name = name
        self.suites = suites
        self.timestamp = timestamp
    }

    /// The XML document.
    public func renderXML() -> String {
        let all = suites.flatMap(\.cases)
        let failures = suites.reduce(0) { $0 + $1.failures }, skipped = suites.reduce(0) { $0 + $1.skipped }
        let stamp = ISO8601DateFormatter().string(from: timestamp)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(XMLText.escape(name))\" tests=\"\(all.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(Self.seconds(suites.reduce(0) { $0 + $1.seconds }))\">\n"
        for suite in suites {
            xml += "  <testsuite name=\"\(XMLText.escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" errors=\"0\" skipped=\"\(suite.skipped)\" time=\"\(Self.seconds(suite.seconds))\" timestamp=\"\(stamp)\">\n"
            for c in suite.cases {
                xml += "    <testcase name=\"\(XMLText.escape(c.name))\" classname=\"\(XMLText.escape(c.className))\" time=\"\(Self.seconds(c.seconds))\""
                var body = ""
                switch c.outcome {
                case .passed: break
                case let .failed(message):
                    body += "      <failure message=\"\(XMLText.escape(message))\" type=\"regression\">\(XMLText.escape(message))</failure>\n"
                case let .skipped(message):
                    body += "      <skipped message=\"\(XMLText.escape(message))\"/>\n"
                }
                if let output = c.output { body += "      <system-out>\(XMLText.escape(output))</system-out>\n" }
                xml += body.isEmpty ? "/>\n" : ">\n\(body)    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// Writes the XML to `path` (see `OutputTarget.write`).
    public func write(toPath path: String) throws {
        try AtomicFile.write(renderXML(), toPath: path)
    }

    /// Writes the XML to `target`.
    public func write(to target: OutputTarget) throws {
        try target.write(renderXML())
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

}
