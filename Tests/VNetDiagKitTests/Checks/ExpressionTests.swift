import Testing
@testable import VNetDiagKit

/// The condition language: what parses, what type-checks, and how it evaluates.
@Suite struct ExpressionTests {
    static let scope: [String: ValueType] = CheckSchema.globals.merging(["machine": .object("Machine")]) { a, _ in a }

    func evaluate(_ source: String, _ variables: [String: CheckValue] = [:]) throws -> CheckValue {
        let compiled = try ExpressionChecker.compile(source, scope: Self.scope.merging(["n": .int, "s": .string, "xs": .list(.int)]) { a, _ in a })
        var evaluator = ExpressionEvaluator(compiled, variables: variables)
        return try evaluator.run()
    }

    @Test(arguments: [
        ("1 + 2 == 3", "true"),
        ("inSubnet(ip('172.16.62.2'), cidr('172.16.62.0/24'))", "true"),
        ("inSubnet(ip('10.0.1.254'), cidr('10.0.0.0/24'))", "false"),
        ("hostIndex(ip('172.16.62.2'), cidr('172.16.62.0/24'))", "2"),
        ("address(cidr('192.168.122.0/24'), 1)", "192.168.122.1"),
        ("broadcastOf(cidr('192.168.0.0/24'))", "192.168.0.255"),
        ("network(ip('10.0.0.7'), 8)", "10.0.0.0/8"),
        ("overlaps(cidr('172.16.0.0/12'), cidr('172.16.62.0/24'))", "true"),
        ("sameSubnet(ip('10.0.0.1'), ip('10.0.1.1'), 24)", "false"),
        ("[1, 2, 3].filter(x, x > 1).map(x, x + 10)", "12, 13"),
        ("[1, 2, 3].count(x, x != 2)", "2"),
        ("[1, 2, 3].all(x, x > 0) && [1, 2].exists(x, x == 2)", "true"),
        ("size(unique([1, 1, 2]))", "2"),
        ("first([7, 8])", "7"),
        ("2 in [1, 2]", "true"),
        ("'vif1.0' =~ '^vif\\\\d+\\\\.\\\\d+$'", "true"),
        ("'peth0'.startsWith('peth') ? 'physical' : 'other'", "physical"),
        ("macVendor(mac('00:0C:29:73:A4:09'))", "vmware"),
        ("isMulticast(mac('01:16:3e:11:22:33'))", "true"),
        ("isLinkLocal(ip('169.254.7.12'))", "true"),
        ("-3 + 5", "2"),
        ("'a' < 'b'", "true"),
    ])
    func evaluates(_ source: String, _ expected: String) throws {
        #expect(try evaluate(source).text == expected, "\(source)")
    }

    /// An unknown fact is neither true nor false: it never makes a check fire on its own.
    @Test func nullIsUnknownNotFalse() throws {
        #expect(try evaluate("inSubnet(ip('nonsense'), cidr('10.0.0.0/8'))").isNull)
        #expect(try evaluate("!inSubnet(ip('nonsense'), cidr('10.0.0.0/8'))").isNull)
        #expect(try evaluate("false && inSubnet(ip('x'), cidr('10.0.0.0/8'))").asBool == false)
        #expect(try evaluate("true || inSubnet(ip('x'), cidr('10.0.0.0/8'))").asBool == true)
        #expect(try evaluate("ip('x') == null").asBool == true)
        #expect(try evaluate("[1, 2].exists(x, inSubnet(ip('x'), cidr('10.0.0.0/8')))").isNull)
        #expect(try evaluate("[1, 2][5]").isNull)
    }

    @Test(arguments: [
        ("machine.nme", "Machine has no field 'nme'"),
        ("machin.name", "unknown name 'machin'"),
        ("size(machine.routes) == 'two'", "cannot compare int with string"),
        ("machine.routes.exists(r, r.gateway)", "must be bool"),
        ("inSubnet(machine.name, cidr('10.0.0.0/8'))", "argument of inSubnet() must be ip, not string"),
        ("frobnicate(1)", "unknown function 'frobnicate'"),
        ("machine.name =~ '(unclosed'", "pattern does not compile"),
        ("machine.name =~ machine.role", "must be a text literal"),
        ("1 < 2 < 3", "cannot be chained"),
        ("machine.routes.exists(machine, true)", "already a name in scope"),
        ("'open", "text literal is not closed"),
        ("(1 + 2", "expected ')'"),
        ("1 ? 2 : 3", "must be bool"),
        ("[1, 'a']", "a list holds one type"),
        ("machine.name.lower(1)", "takes 0 argument"),
    ])
    func refusesAtLoad(_ source: String, _ message: String) {
        do {
            _ = try ExpressionChecker.compile(source, scope: Self.scope)
            Issue.record("\(source) compiled")
        } catch {
            #expect(error.message.contains(message), "\(source): \(error.message)")
        }
    }

    /// `explain` prints each sub-expression, outermost first, with its value.
    @Test func traceListsSubExpressionsTopDown() throws {
        let compiled = try ExpressionChecker.compile("size(xs) > 1 && n == 2", scope: ["xs": .list(.int), "n": .int])
        var evaluator = ExpressionEvaluator(compiled, variables: ["xs": .list([.int(1), .int(2)]), "n": .int(3)], tracing: true)
        #expect(try evaluator.run().asBool == false)
        #expect(evaluator.trace.map(\.text) == ["size(xs) > 1 && n == 2", "size(xs) > 1", "size(xs)", "xs", "n == 2", "n"])
        #expect(evaluator.trace.map(\.value.literal) == ["false", "true", "2", "[1, 2]", "false", "3"])
        #expect(evaluator.trace.map(\.depth) == [0, 1, 2, 3, 1, 2])
    }
}
