/// The BSD/macOS keys of jc's `ifconfig` schema, written only when the block has the line:
/// `options`/`options_flags` (only the `options=HEX<...>` form), `nd6_options` (the hex digits
/// read as a decimal number, as jc does), `status`, `media`/`media_flags` (only with `<flags>`),
/// FreeBSD's `hw_address`, SFP module `plugged`, `vendor*`, `module_*`, `lanes`, `rx_power` and
/// jc's misspelt `tx_pwer`.
enum JCIfconfigBSD {
    static func writeAttributes<Sink: JSONSink>(_ attributes: [(key: String, value: String)], to sink: inout Sink) {
        var lanes: [(lane: Int, values: [(JSONKey, Double?)])] = []
        for (key, value) in attributes {
            switch key {
            case "options":
                if let (number, flags) = numberAndFlags(value) {
                    sink.field("options", number)
                    sink.field("options_flags", flags)
                }
            case "nd6 options":
                if let (number, flags) = numberAndFlags(value) {
                    sink.field("nd6_options", Int(number))
                    sink.field("nd6_flags", flags)
                }
            case "status": sink.field("status", value)
            case "media":
                if let open = value.range(of: " <"), let close = value[open.upperBound...].firstIndex(of: ">") {
                    sink.field("media", String(value[..<open.lowerBound]))
                    sink.field("media_flags", value[open.upperBound..<close].split(separator: ",").map(String.init))
                }
            case "hwaddr": sink.field("hw_address", value)
            case "plugged": sink.field("plugged", value)
            case "vendor":
                let parts = labelled(value, labels: ["PN:", "SN:", "DATE:"])
                sink.field("vendor", parts[""])
                sink.field("vendor_pn", parts["PN:"])
                sink.field("vendor_sn", parts["SN:"])
                sink.field("vendor_date", parts["DATE:"])
            case "module temperature":
                let parts = labelled(value, labels: ["voltage:", "Voltage:"])
                sink.field("module_temperature", parts[""])
                sink.field("module_voltage", parts["voltage:"] ?? parts["Voltage:"])
            case "RX":
                let parts = labelled(value, labels: ["TX:"])
                sink.field("rx_power", parts[""])
                sink.field("tx_pwer", parts["TX:"])
            default:
                if key.hasPrefix("lane "), let number = Int(key.dropFirst(5)) {
                    lanes.append((number, laneValues(value)))
                }
            }
        }
        // jc's hwaddr pattern also expects a media part: without one it writes both as null.
        if attributes.contains(where: { $0.key == "hwaddr" }), !attributes.contains(where: { $0.key == "media" }) {
            sink.key("media")
            sink.null()
            sink.key("media_flags")
            sink.null()
        }
        if !lanes.isEmpty {
            sink.key("lanes")
            sink.array(lanes) { sink, lane in
                sink.object { sink in
                    sink.field("lane", lane.lane)
                    for (key, number) in lane.values {
                        sink.key(key)
                        if let number { sink.double(number) } else { sink.null() }
                    }
                }
            }
        }
    }

    /// `63<RXCSUM,TXCSUM>` → ("63", [RXCSUM, TXCSUM]).
    static func numberAndFlags(_ value: String) -> (String, [String])? {
        guard let open = value.firstIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close else { return nil }
        return (String(value[..<open]), value[value.index(after: open)..<close].split(separator: ",").map(String.init))
    }

    /// Splits `A PN: B SN: C` at the given labels; the text before the first label has key "".
    static func labelled(_ value: String, labels: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var currentKey = ""
        var words: [Substring] = []
        for word in value.split(separator: " ") {
            if labels.contains(String(word)) {
                result[currentKey] = words.joined(separator: " ")
                currentKey = String(word)
                words = []
            } else {
                words.append(word)
            }
        }
        result[currentKey] = words.joined(separator: " ")
        return result
    }

    /// `RX power: 0.49 mW (-3.10 dBm) TX bias: 23.85 mA` → rx_power_mw, rx_power_dbm, tx_bias_ma.
    static func laneValues(_ value: String) -> [(JSONKey, Double?)] {
        let words = value.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
            .split(separator: " ").map(String.init)
        func number(before unit: String) -> Double? {
            guard let index = words.firstIndex(of: unit), index > 0 else { return nil }
            return Double(words[index - 1])
        }
        return [("rx_power_mw", number(before: "mW")), ("rx_power_dbm", number(before: "dBm")),
                ("tx_bias_ma", number(before: "mA"))]
    }
}
