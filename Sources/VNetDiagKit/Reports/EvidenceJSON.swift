extension EvidenceQuoter {
    /// The quoted lines as a JSON array of `{"file", "line", "text"}`.
    public func write<Sink: JSONSink>(_ origin: Provenance?, limit: Int = 3, to sink: inout Sink) {
        sink.array(quote(origin, limit: limit)) { sink, line in
            sink.object { sink in
                sink.field("file", line.file)
                sink.field("line", line.line)
                sink.field("text", line.text)
            }
        }
    }
}
