import ArgumentParser

/// Splitting and number reading shared by the typed arguments.
enum ArgumentText {
    /// `text` split at `separator`, except inside brackets (`W1[0,0]=1,b=2`
    /// has two items); items are trimmed, empty ones kept (they are errors).
    static func items(_ text: String, separator: Character) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "[" || c == "(" { depth += 1 }
            if c == "]" || c == ")" { depth = max(0, depth - 1) }
            if c == separator && depth == 0 {
                items.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        items.append(current.trimmingCharacters(in: .whitespaces))
        return items
    }

    /// A finite number, or nil.
    static func number(_ text: String) -> Double? {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else { return nil }
        return v
    }
}
