/// A small document model that both the Markdown and the self-contained HTML renderings of the
/// feedback and class pages are written from, so the two always say the same.
public struct ReportDocument: Sendable {
    public enum Block: Sendable {
        case heading(Int, String)
        case paragraph(String)
        case table(header: [String], rows: [[String]])
        case list([String])
        case code([String])
        /// A verdict line: `pass`, `fail`, `skip` or `error`, then the text.
        case status(String, String)
        case svg(String)
    }

    public let title: String
    public let language: ReportLanguage
    public var blocks: [Block] = []

    public init(title: String, language: ReportLanguage) {
        self.title = title
        self.language = language
    }

    public var markdown: String {
        var out = ["# \(title)", ""]
        for block in blocks {
            switch block {
            case .heading(let level, let text): out += [String(repeating: "#", count: level + 1) + " " + text, ""]
            case .paragraph(let text): out += [text, ""]
            case .table(let header, let rows):
                out.append("| " + header.map(cell).joined(separator: " | ") + " |")
                out.append("|" + String(repeating: " --- |", count: header.count))
                out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
                out.append("")
            case .list(let items): out += items.map { "- " + $0 } + [""]
            case .code(let lines): out += ["```"] + lines + ["```", ""]
            case .status(let status, let text): out += ["\(Self.symbol(status)) \(text)", ""]
            case .svg: continue  // Markdown readers show the HTML page's drawing; the text topology is in a code block.
            }
        }
        return out.joined(separator: "\n")
    }

    func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    static func symbol(_ status: String) -> String {
        ["pass": "✔", "fail": "✘", "skip": "–", "error": "!"][status] ?? "·"
    }

    /// One file, no external resources: inline CSS, inline SVG.
    public var html: String {
        var out = ["<!DOCTYPE html>", "<html lang=\"\(language.rawValue)\">", "<head>", "<meta charset=\"utf-8\">",
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<title>\(MarkupText.escaped(title))</title>",
                   "<style>\(Self.style)</style>", "</head>", "<body>", "<main>", "<h1>\(MarkupText.escaped(title))</h1>"]
        for block in blocks {
            switch block {
            case .heading(let level, let text): out.append("<h\(level + 1)>\(MarkupText.escaped(text))</h\(level + 1)>")
            case .paragraph(let text): out.append("<p>\(MarkupText.escaped(text))</p>")
            case .table(let header, let rows):
                out.append("<table><thead><tr>" + header.map { "<th>\(MarkupText.escaped($0))</th>" }.joined() + "</tr></thead><tbody>")
                for row in rows {
                    out.append("<tr>" + row.map { cell in
                        let symbol = ["✔", "✘", "–", "!"].first { cell.hasPrefix($0) }
                        let kind = symbol.map { ["✔": "pass", "✘": "fail", "–": "skip", "!": "error"][$0]! }
                        return kind.map { "<td class=\"\($0)\">\(MarkupText.escaped(cell))</td>" } ?? "<td>\(MarkupText.escaped(cell))</td>"
                    }.joined() + "</tr>")
                }
                out.append("</tbody></table>")
            case .list(let items): out.append("<ul>" + items.map { "<li>\(MarkupText.escaped($0))</li>" }.joined() + "</ul>")
            case .code(let lines): out.append("<pre>" + lines.map(MarkupText.escaped).joined(separator: "\n") + "</pre>")
            case .status(let status, let text):
                out.append("<p class=\"\(status)\"><span class=\"mark\">\(Self.symbol(status))</span> \(MarkupText.escaped(text))</p>")
            case .svg(let svg): out.append("<figure>\(svg)</figure>")
            }
        }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f7f9;color:#1d2330}\
    main{max-width:60rem;margin:0 auto;padding:1.5rem;background:#fff}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #dde}\
    table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}\
    th{background:#eef1f6}.pass{color:#11702f}.fail{color:#b3261e;font-weight:600}.skip{color:#6b6f7a}.error{color:#8a4b00}\
    pre{background:#f1f3f6;padding:.6rem;overflow-x:auto;font-size:.85rem}figure{margin:1rem 0}svg{max-width:100%;height:auto}
    """

}
