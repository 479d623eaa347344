/// The fixed phrases of the text and Markdown reports, in English and Spanish.
struct ReportPhrases {
    let mode, why, machines, topology, findings, coverage, read, notRead, runnerUp, margin,
        confidence, ambiguous, candidates, none, unknown, missing, sidesSeen: String

    static func of(_ language: ReportLanguage) -> ReportPhrases { language == .es ? spanish : english }

    static let english = ReportPhrases(
        mode: "Mode", why: "Why", machines: "Machines", topology: "Topology", findings: "Findings",
        coverage: "Input coverage",
        read: "read", notRead: "not read (format unknown)", runnerUp: "runner-up", margin: "margin",
        confidence: "confidence", ambiguous: "ambiguous", candidates: "candidates",
        none: "no virtual-machine networking", unknown: "unknown", missing: "missing",
        sidesSeen: "sides seen")

    static let spanish = ReportPhrases(
        mode: "Modo", why: "Por qué", machines: "Máquinas", topology: "Topología", findings: "Hallazgos",
        coverage: "Cobertura de la entrada",
        read: "leída", notRead: "no leída (formato desconocido)", runnerUp: "segundo", margin: "margen",
        confidence: "confianza", ambiguous: "ambiguo", candidates: "candidatos",
        none: "sin red de máquinas virtuales", unknown: "desconocido", missing: "falta",
        sidesSeen: "lados vistos")

    func roleName(_ role: MachineRole, _ language: ReportLanguage) -> String {
        guard language == .es else { return role.rawValue }
        switch role {
        case .host: return "anfitrión"
        case .guest: return "invitado"
        case .observer: return "observador externo"
        case .unknown: return "desconocido"
        }
    }
}
