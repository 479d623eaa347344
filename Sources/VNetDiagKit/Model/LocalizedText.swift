/// Text in the two languages reports speak.
public struct LocalizedText: Sendable {
    public let en: String
    public let es: String

    public init(en: String, es: String) {
        self.en = en
        self.es = es
    }

    public func text(_ language: ReportLanguage) -> String { language == .es ? es : en }
}

public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, es
}
