import Foundation

/// Localised words of old-layout `ifconfig` (formats.md §2.3) mapped back to English.
enum IfconfigVocabulary {
    static let englishFlags: Set<String> = [
        "UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS", "RUNNING", "NOARP", "PROMISC",
        "ALLMULTI", "SLAVE", "MASTER", "MULTICAST", "DYNAMIC",
    ]

    /// Whether `bytes` spell an English flag word exactly (no String made: the 1.60 byte reader
    /// asks this of every word of every flags line).
    static func isEnglishFlag(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let base = bytes.base.baseAddress, bytes.count < englishFlagsByLength.count else { return false }
        let start = base + bytes.startIndex
        let count = bytes.count
        return englishFlagsByLength[count].withUnsafeBufferPointer { words in
            var offset = 0
            while offset < words.count {
                if memcmp(words.baseAddress! + offset, start, count) == 0 { return true }
                offset += count
            }
            return false
        }
    }

    /// The English flag words of each length, one after another: a word is compared only with
    /// the flags of its own length.
    private static let englishFlagsByLength: [[UInt8]] = {
        let longest = englishFlags.map(\.utf8.count).max() ?? 0
        var table = [[UInt8]](repeating: [], count: longest + 1)
        for flag in englishFlags.sorted() { table[flag.utf8.count] += Array(flag.utf8) }
        return table
    }()

    static let flagsLongestFirst = englishFlags.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }

    static let localizedFlags: [String: String] = [
        "ARRIBA": "UP", "ACTIVO": "UP", "DIFUSIÓN": "BROADCAST", "DIFUSION": "BROADCAST",
        "CORRIENDO": "RUNNING", "FUNCIONANDO": "RUNNING", "BUCLE": "LOOPBACK", "MAESTRO": "MASTER",
        "ESCLAVO": "SLAVE", "PUNKTZUPUNKT": "POINTOPOINT", "PUNTO_A_PUNTO": "POINTOPOINT",
    ]

    static let noFlagsMarkers = ["[NO FLAGS]", "[KEINE FLAGS]", "[PAS INDICATEURS]", "[NENHUMA FLAG]"]

    static let titles: [String: String] = [
        "bucle local": "Local Loopback", "lokale schleife": "Local Loopback", "boucle locale": "Local Loopback",
        "loopback local": "Local Loopback",
        "protocolo punto a punto": "Point-to-Point Protocol", "punkt-zu-punkt verbindung": "Point-to-Point Protocol",
        "protocole point-à-point": "Point-to-Point Protocol", "protocolo ponto-a-ponto": "Point-to-Point Protocol",
        "ipv6-nach-ipv4": "IPv6-in-IPv4", "ipv6-dans-ipv4": "IPv6-in-IPv4", "ipv6 sobre ipv4": "IPv6-in-IPv4",
        "não especificado": "UNSPEC",
    ]

    static let scopes: [String: String] = [
        "vínculo": "Link", "enlace": "Link", "verbindung": "Link", "lien": "Link",
        "anfitrión": "Host", "maschine": "Host", "hôte": "Host", "máquina": "Host",
        "sitio": "Site", "standort": "Site", "kompatibilität": "Compat",
        "unbekannt": "Unknown", "inconnu": "Unknown", "desconhecido": "Unknown",
    ]

    /// net-tools' own scope words; none lower-cases to a key of `scopes`.
    static let englishScopes = ["Link", "Host", "Global", "Site", "Compat", "Unknown"]

    static let englishTitles: Set<String> = ["Ethernet", "Local Loopback", "UNSPEC", "Point-to-Point Protocol",
                                             "IPv6-in-IPv4", "InfiniBand", "Serial Line IP", "IPIP Tunnel"]

    /// Each English title with its bytes, longest first: the 1.60 byte reader hands back the title
    /// itself instead of decoding a copy.
    static let englishTitlesLongestFirst: [(bytes: [UInt8], title: String)] =
        englishTitles.map { (Array($0.utf8), $0) }.sorted { $0.bytes.count > $1.bytes.count }

    static func englishTitle(_ title: String) -> String? {
        if title == "Ethernet" { return title }  // nearly every interface: no trimming, no hashing
        let trimmed = title.trimmingBlanks
        guard !trimmed.isEmpty else { return nil }
        if englishTitles.contains(trimmed) { return trimmed }
        return titles[trimmed.lowercased()] ?? trimmed
    }

    /// `englishScope` of the bytes as printed: an English scope is its literal, with no String
    /// decoded (a decoded `Link` on every inet6 line was a twentieth of applying the 1.60 lines).
    static func englishScope(bytes: ArraySlice<UInt8>) -> String {
        for scope in englishScopes where scope.utf8.elementsEqual(bytes) { return scope }
        return englishScope(String(decoding: bytes, as: UTF8.self))
    }

    static func englishScope(_ scope: String) -> String {
        if englishScopes.contains(scope) { return scope }  // nearly every line: no lower-casing, one small compare
        return scopes[scope.lowercased()] ?? scope
    }

    /// Flag words of an old-layout flags line: (as written, in English). Handles `PUNTO A PUNTO`,
    /// pt_BR's missing spaces (`BROADCASTRUNNING`) and one-letter typos in hand-typed pastes.
    static func flags(_ text: String) -> (written: [String], english: [String]) {
        flagsCache.value(for: text, compute: translateFlags)
    }

    /// A host prints the same few flags lines thousands of times; translating each was 7 % of a
    /// 1.60-layout parse.
    private static let flagsCache = TranslationCache<(written: [String], english: [String])>(limit: 512)

    private static func translateFlags(_ text: String) -> (written: [String], english: [String]) {
        var source = text.trimmingBlanks
        if source.hasPrefix("[") {
            for marker in noFlagsMarkers where source.uppercased().hasPrefix(marker) { return ([marker], []) }
        }
        if source.containsBytes("PUNTO A PUNTO") {
            source = source.replacingOccurrences(of: "PUNTO A PUNTO", with: "PUNTO_A_PUNTO")
        }
        var written: [String] = []
        var english: [String] = []
        for word in words(in: ArraySlice(source.utf8), separatedBy: 0x20) {
            // Real output is upper case already; only hand-typed pastes need the conversion.
            let upper = word.utf8.allSatisfy({ !($0 >= 0x61 && $0 <= 0x7A) }) ? word : word.uppercased()
            if englishFlags.contains(upper) {
                written.append(word); english.append(upper)
            } else if let translated = localizedFlags[upper] {
                written.append(word.replacingOccurrences(of: "_", with: " ")); english.append(translated)
            } else if let parts = splitConcatenated(upper) {
                written.append(contentsOf: parts); english.append(contentsOf: parts)
            } else if let fixed = closeEnglishFlag(upper) {
                written.append(word); english.append(fixed)
            } else {
                written.append(word); english.append(upper)
            }
        }
        return (written, english)
    }

    static func splitConcatenated(_ word: String) -> [String]? {
        var rest = Substring(word)
        var parts: [String] = []
        outer: while !rest.isEmpty {
            for flag in flagsLongestFirst where rest.hasPrefix(flag) {
                parts.append(flag)
                rest = rest.dropFirst(flag.count)
                continue outer
            }
            return nil
        }
        return parts.count > 1 ? parts : nil
    }

    /// `MYLTICAST` → `MULTICAST`: edit distance one from a known flag of five letters or more.
    static func closeEnglishFlag(_ word: String) -> String? {
        guard word.count >= 5 else { return nil }
        return englishFlags.first { $0.count >= 5 && editDistanceAtMostOne(Array($0), Array(word)) }
    }

    static func editDistanceAtMostOne(_ a: [Character], _ b: [Character]) -> Bool {
        if abs(a.count - b.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if a.count < b.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }

    /// The language of a line's labels, when it is not English.
    static func locale(of text: String) -> String? {
        let markers: [(String, String)] = [
            ("Direc. inet", "es"), ("inet dirección", "es"), ("direcciónHW", "es"), ("Difus", "es"),
            ("Másc", "es"), ("ARRIBA", "es"), ("ACTIVO", "es"), ("Bucle local", "es"),
            ("Protokoll:", "de"), ("Hardware Adresse", "de"), ("inet Adresse", "de"), ("Maske:", "de"),
            ("Lokale Schleife", "de"),
            ("Lien encap", "fr"), ("inet adr", "fr"), ("Masque:", "fr"), ("Boucle locale", "fr"),
            ("Encapsulamento do Link", "pt_BR"), ("Endereço de HW", "pt_BR"), ("inet end.", "pt_BR"),
            ("Masc:", "pt_BR"), ("Loopback Local", "pt_BR"),
        ]
        for (marker, language) in markers where text.containsBytes(marker) { return language }
        return nil
    }
}

/// Results of a pure function of a line's text, kept for the texts seen first (at most `limit`),
/// shared by the threads that parse chunks of one input.
final class TranslationCache<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Value] = [:]
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func value(for key: String, compute: (String) -> Value) -> Value {
        if let known = lock.withLock({ entries[key] }) { return known }
        let value = compute(key)
        lock.withLock {
            if entries.count < limit { entries[key] = value }
        }
        return value
    }
}
