import Foundation
import Testing
@testable import VNetDiagKit

/// The objects rules read serve every field `CheckSchema` declares, with the declared type, so a
/// condition that type-checks at load cannot meet a surprise at run time.
@Suite struct CheckModelTests {
    func conforms(_ value: CheckValue, _ type: ValueType) -> Bool {
        switch (value, type) {
        case (.null, _): return true
        case (.bool, .bool), (.int, .int), (.string, .string), (.ip, .ip), (.cidr, .cidr), (.mac, .mac): return true
        case (.list(let items), .list(let element)): return items.allSatisfy { conforms($0, element) }
        case (.object(let object), .object(let name)): return object.type == name
        default: return false
        }
    }

    /// Walks every field of every object reachable from the globals, two levels deep.
    @Test(arguments: ["modes/libvirt-nat", "seed/vmware-nat", "seed/xen-route", "mixed/windows-host", "modes/xen-bridge-3.2"])
    func everyDeclaredFieldIsServedWithItsType(_ folder: String) throws {
        let url = TestPaths.fixtures.appendingPathComponent(folder)
        let documents = try InputReader().read(paths: [url.path]).map(TextDocument.init)
        let diagnosis = Diagnosis.run(ParsePipeline().parse(documents), catalog: try RuleCatalog.load())
        let context = CheckContext(machines: diagnosis.machines, mode: diagnosis.checkMode)
        var seenTypes: Set<String> = []
        func walk(_ value: CheckValue, depth: Int) {
            switch value {
            case .list(let items): items.prefix(20).forEach { walk($0, depth: depth) }
            case .object(let object):
                seenTypes.insert(object.type)
                guard depth < 3, let fields = CheckSchema.objects[object.type] else { return }
                for (name, type) in fields {
                    let field = object.field(name)
                    #expect(conforms(field, type), "\(folder): \(object.type).\(name) = \(field.literal), declared \(type)")
                    walk(field, depth: depth + 1)
                }
            default: break
            }
        }
        for (name, type) in CheckSchema.globals {
            let value = try #require(context.globals[name], "global \(name) is not provided")
            #expect(conforms(value, type), "\(name)")
            walk(value, depth: 0)
        }
        #expect(seenTypes.contains("Machine") && seenTypes.contains("Interface"))
    }

    @Test func globalsAndSchemaAgree() {
        let context = CheckContext(machines: [], mode: CheckMode(assumed: "xen.route"))
        #expect(Set(context.globals.keys) == Set(CheckSchema.globals.keys))
    }
}
