import Yams

/// A course's or a site's choices in `.vnetdiag.yaml`: which checks run and how severe they are.
///
/// ```yaml
/// disable: [guest-default-route-missing]
/// enable: [some-opt-in-check]
/// severity: {mtu-mismatch-in-bridge: error}
/// waive: {xen-route-proxy-arp-off: "the lab router has a static route"}
/// ```
public struct ProjectSettings: Sendable {
    public var disable: [(id: String, line: Int?)] = []
    public var enable: [(id: String, line: Int?)] = []
    public var severity: [(id: String, severity: Severity, line: Int?)] = []
    public var waive: [(id: String, reason: String, line: Int?)] = []
    public let file: String

    public static func load(file: String, text: String) throws(RuleError) -> ProjectSettings {
        let document = try YAMLDocument(file: file, text: text)
        var settings = ProjectSettings(file: file)
        for pair in try document.mapping(allowed: ["disable", "enable", "severity", "waive"]) {
            switch pair.key {
            case "disable", "enable":
                guard case .sequence(let items) = pair.value else { throw document.fail(pair.value, "\(pair.key) must be a list of rule ids") }
                var ids: [(String, Int?)] = []
                for item in items { ids.append((try document.string(item, pair.key), document.line(item))) }
                if pair.key == "disable" { settings.disable = ids } else { settings.enable = ids }
            case "severity":
                for entry in try document.mapping(pair.value, allowed: nil, what: "severity") {
                    let text = try document.string(entry.value, "severity of \(entry.key)")
                    guard let severity = Severity(rawValue: text) else {
                        throw document.fail(entry.value, "severity of \(entry.key) must be info, warning or error")
                    }
                    settings.severity.append((entry.key, severity, document.line(entry.keyNode)))
                }
            default:
                for entry in try document.mapping(pair.value, allowed: nil, what: "waive") {
                    settings.waive.append((entry.key, try document.string(entry.value, "reason for waiving \(entry.key)"), document.line(entry.keyNode)))
                }
            }
        }
        return settings
    }
}

extension RuleCatalog {
    /// Applies `.vnetdiag.yaml`; an id that names no check is an error on its line.
    public mutating func apply(_ settings: ProjectSettings) throws(RuleError) {
        func index(_ id: String, _ line: Int?) throws(RuleError) -> Int {
            guard let index = checks.firstIndex(where: { $0.id == id }) else {
                throw RuleError(file: settings.file, line: line, message: "unknown check id '\(id)' (see `vnetdiag rules list`)")
            }
            return index
        }
        for (id, line) in settings.disable { checks[try index(id, line)].enabled = false }
        for (id, line) in settings.enable { checks[try index(id, line)].enabled = true }
        for (id, severity, line) in settings.severity { checks[try index(id, line)].severity = severity }
        for (id, reason, line) in settings.waive { checks[try index(id, line)].waiver = reason }
    }
}
