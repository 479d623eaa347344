/// Which machines have an interface with a given MAC: for each MAC, every machine that shows it,
/// in machine order, with the first of its interfaces that has it. Built once per input; machine
/// roles (an ARP entry naming another machine's NIC) and the topology (the observer's links) ask it.
struct MACOwners: Sendable {
    struct Owner: Sendable {
        let machine: Int
        let interface: String
    }

    private var owners: [MACAddress: [Owner]] = [:]

    init(_ machines: [Machine]) {
        for (index, machine) in machines.enumerated() {
            for interface in machine.interfaces {
                guard let mac = interface.mac else { continue }
                if owners[mac]?.last?.machine == index { continue }
                owners[mac, default: []].append(Owner(machine: index, interface: interface.name))
            }
        }
    }

    /// The machines with `mac`, in machine order.
    func owners(of mac: MACAddress) -> [Owner] {
        owners[mac] ?? []
    }
}
