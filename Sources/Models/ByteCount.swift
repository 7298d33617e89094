/// Byte counts as people read them: `812 bytes`, `3.2 GB`, `24 TB` (decimal units).
public enum ByteCount {
    public static func format(_ bytes: Int) -> String {
        if bytes == Int.max { return "more than 9.2 EB" }
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let shown = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
        let text = shown == shown.rounded() ? "\(Int(shown))" : "\(shown)"
        return "\(text) \(units[unit])"
    }
}
