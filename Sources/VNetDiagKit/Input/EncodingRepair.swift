/// Repairs the encoding damage of pasted output (formats.md §7.4, §9.3):
/// UTF-8 read as CP1252 (`DirecciÃ³n`), CP850 read as CP1252 (`Direcci¢n`, `M\u{A0}scara`),
/// and raw CP850 or Latin-1 bytes that are not UTF-8 at all.
enum EncodingRepair {
    struct Result {
        let bytes: [UInt8]
        let changed: Bool
        let noBreakSpaces: Int
    }

    static func repair(_ bytes: [UInt8]) -> Result {
        var scalars: [Unicode.Scalar]
        var changed = false
        if let decoded = decodeUTF8(bytes) {
            scalars = decoded
            if let fixed = undoDoubleEncoding(scalars) {
                scalars = fixed
                changed = true
            }
        } else {
            scalars = decodeSingleByte(bytes)
            changed = true
        }
        if undoCP850ReadAsCP1252(&scalars) { changed = true }
        let noBreakSpaces = foldNoBreakSpaces(&scalars)
        guard changed || noBreakSpaces > 0 else { return Result(bytes: bytes, changed: false, noBreakSpaces: 0) }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return Result(bytes: Array(String(text).utf8), changed: changed, noBreakSpaces: noBreakSpaces)
    }

    static func decodeUTF8(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        var scalars: [Unicode.Scalar] = []
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return scalars
            case .error: return nil
            }
        }
    }

    /// `Ã³` → `ó`: text that was UTF-8, decoded as CP1252, and encoded again as UTF-8.
    static func undoDoubleEncoding(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard scalars.contains(where: { $0 == "\u{C3}" || $0 == "\u{C2}" }) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                bytes.append(UInt8(scalar.value))
            } else if let byte = cp1252Byte(for: scalar) {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        guard let decoded = decodeUTF8(bytes), decoded.count < scalars.count else { return nil }
        return decoded
    }

    /// `Direcci¢n` → `Dirección`: only next to a letter, so real symbols elsewhere survive.
    static let cp850ReadAsCP1252: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{A2}": "ó", "\u{A1}": "í", "\u{A3}": "ú", "\u{201A}": "é", "\u{A4}": "ñ", "\u{A5}": "Ñ",
        "\u{A0}": "á", "\u{81}": "ü", "\u{90}": "É",
    ]

    static func undoCP850ReadAsCP1252(_ scalars: inout [Unicode.Scalar]) -> Bool {
        var changed = false
        for index in scalars.indices where scalars[index].value >= 0x80 {
            guard let replacement = cp850ReadAsCP1252[scalars[index]] else { continue }
            let before = index > 0 && isLetter(scalars[index - 1])
            let after = index + 1 < scalars.count && isLetter(scalars[index + 1])
            // NO-BREAK SPACE is also a plain space in web pastes: require letters on both sides.
            let needsBoth = scalars[index] == "\u{A0}"
            if needsBoth ? (before && after) : (before || after) {
                scalars[index] = replacement
                changed = true
            }
        }
        return changed
    }

    static func foldNoBreakSpaces(_ scalars: inout [Unicode.Scalar]) -> Int {
        var count = 0
        for index in scalars.indices where scalars[index] == "\u{A0}" || scalars[index] == "\u{202F}" {
            scalars[index] = " "
            count += 1
        }
        return count
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    /// Bytes that are not UTF-8: CP850 (Windows console redirected to a file) or Latin-1/CP1252.
    static func decodeSingleByte(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        var cp850Letters = 0
        var latinLetters = 0
        for byte in bytes where byte >= 0x80 {
            if byte <= 0xA5 { cp850Letters += 1 } else if byte >= 0xC0 { latinLetters += 1 }
        }
        let useCP850 = cp850Letters > latinLetters
        return bytes.map { byte in
            if byte < 0x80 { return Unicode.Scalar(byte) }
            if useCP850 { return cp850High[Int(byte - 0x80)] }
            if (0x80...0x9F).contains(byte), let scalar = cp1252Specials[byte] { return scalar }
            return Unicode.Scalar(byte)
        }
    }

    static func cp1252Byte(for scalar: Unicode.Scalar) -> UInt8? {
        cp1252Reverse[scalar]
    }

    static let cp1252Specials: [UInt8: Unicode.Scalar] = [
        0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
        0x8A: "Š", 0x8B: "‹", 0x8C: "Œ", 0x8E: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
        0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9A: "š", 0x9B: "›", 0x9C: "œ", 0x9E: "ž", 0x9F: "Ÿ",
    ]

    static let cp1252Reverse: [Unicode.Scalar: UInt8] = {
        var reverse: [Unicode.Scalar: UInt8] = [:]
        for (byte, scalar) in cp1252Specials { reverse[scalar] = byte }
        // Undefined CP1252 positions pass through as C1 controls when text was decoded leniently.
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] { reverse[Unicode.Scalar(byte)] = byte }
        return reverse
    }()

    static let cp850High: [Unicode.Scalar] = Array((
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐" +
        "└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{AD}±‗¾¶§÷¸°¨·¹³²■\u{A0}").unicodeScalars)
}
