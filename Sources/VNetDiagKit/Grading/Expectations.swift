/// Whether a submission shows a profile's expected gateway, address or subnet.
enum Expectations {
    static func grade(_ expectation: LabProfile.Expectation, machines: [Machine]) -> GradedItem {
        let subjects = expectation.role == "any" ? machines : CheckScope.subjects(expectation.role, in: machines)
        var seen: [(text: String, origin: Provenance)] = []
        for machine in subjects {
            switch expectation.kind {
            case .gateway:
                for route in machine.routes where route.family == .inet && route.isDefault {
                    if let gateway = route.gateway?.address, gateway.value != 0 { seen.append((gateway.description, route.origin)) }
                }
                for interface in machine.distinctInterfaces {
                    for gateway in interface.gateways { if let address = gateway.address { seen.append((address.description, interface.origin)) } }
                }
            case .address:
                for interface in machine.distinctInterfaces {
                    for assignment in interface.ipv4 { if let address = assignment.address.address { seen.append((address.description, interface.origin)) } }
                }
            case .subnet:
                for network in machine.ownNetworks {
                    if let prefix = IPv4Network(address: network.network, mask: network.mask) { seen.append((prefix.description, network.origin)) }
                }
            }
        }
        let wanted: String
        let matching: [(text: String, origin: Provenance)]
        switch expectation.match {
        case .exact(let value):
            wanted = value
            matching = seen.filter { $0.text == value }
        case .pattern(let regex):
            wanted = regex.pattern
            matching = seen.filter { regex.matches($0.text) }
        }
        let what = LocalizedText(en: expectation.kind.rawValue, es: ["gateway": "pasarela", "address": "dirección", "subnet": "subred"][expectation.kind.rawValue]!)
        func item(_ status: String, _ earned: Int, _ reason: SkipReason?, _ message: LocalizedText, _ evidence: [Provenance],
                  needs: [String] = []) -> GradedItem {
            GradedItem(id: "expect:\(expectation.id)", kind: .expectation, title: expectation.title, points: expectation.points, earned: earned,
                       status: status, reason: reason, message: message, evidence: evidence, fix: nil, severity: nil, needs: needs)
        }
        if !matching.isEmpty {
            return item("pass", expectation.points, nil, LocalizedText(en: "\(what.en) \(matching[0].text) as expected", es: "\(what.es) \(matching[0].text), como se esperaba"),
                        [matching[0].origin])
        }
        let input = expectation.kind == .gateway ? "routes" : (expectation.kind == .address ? "addresses" : "networks")
        let shown = subjects.contains { CheckInputs.present(in: $0).contains(input) || (input == "routes" && $0.interfaces.contains { !$0.gateways.isEmpty }) }
        if subjects.isEmpty || !shown {
            let needs = subjects.isEmpty && expectation.role != "any" ? [expectation.role, input] : [input]
            let hint = InputHints.text(needs)
            return item("skip", 0, .missingInput, LocalizedText(en: "no \(what.en) to compare with \(wanted): \(hint.en)", es: "no hay \(what.es) que comparar con \(wanted): \(hint.es)"), [],
                        needs: needs)
        }
        if seen.isEmpty {
            return item("fail", 0, nil, LocalizedText(en: "expected \(what.en) \(wanted), there is none", es: "se esperaba \(what.es) \(wanted), no hay ninguna"),
                        subjects.flatMap { expectation.kind == .gateway ? $0.routes.map(\.origin) : $0.interfaces.map(\.origin) }.prefix(3).map { $0 })
        }
        let found = seen.map(\.text).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", ")
        return item("fail", 0, nil, LocalizedText(en: "expected \(what.en) \(wanted), found \(found)", es: "se esperaba \(what.es) \(wanted), hay \(found)"),
                    seen.prefix(3).map(\.origin))
    }
}
