extension EvidenceQuoter {
    /// The quoted lines as a JSON array of `{"file", "line", "text"}`.
    public func write<Sink: JSONSink>(_ origin: Provenance?, limit: Int = 3, to sink: inout Sink) {
        writeLines(quote(origin, limit: limit), to: &sink)
    }

    /// Every origin's quoted lines, in order, as one array of the same objects.
    public func write<Sink: JSONSink>(_ origins: [Provenance], to sink: inout Sink) {
        writeLines(origins.flatMap { quote($0) }, to: &sink)
    }

    private func writeLines<Sink: JSONSink>(_ lines: [(file: String, line: Int, text: String)], to sink: inout Sink) {
        sink.array(lines) { sink, line in
            sink.object { sink in
                sink.field("file", line.file)
                sink.field("line", line.line)
                sink.field("text", line.text)
            }
        }
    }
}
