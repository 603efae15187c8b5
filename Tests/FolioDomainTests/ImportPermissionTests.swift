import Testing
import FolioDomain

/// Who may import (issue "Hardening", item 7): a table of roles and databases.
@Suite struct ImportPermissionTests {
    static let vp = User(login: "vera", name: "Vera", email: "v@x.test", role: .vp)
    static let manager = User(login: "max", name: "Max", email: "m@x.test", role: .manager)
    static let csm = User(login: "ana", name: "Ana", email: "a@x.test", role: .csm)
    static let ae = User(login: "sam", name: "Sam", email: "s@x.test", role: .ae)

    struct Case: Sendable, CustomTestStringConvertible {
        var user: User?
        var hasUsers = true
        var roles: Set<User.Role> = ImportPermission.defaultRoles
        var allowed: Bool
        var testDescription: String { "\(user?.login ?? "nobody") with \(ImportPermission.text(of: roles)), users: \(hasUsers)" }
    }

    @Test(arguments: [
        Case(user: vp, allowed: true),
        Case(user: manager, allowed: true),
        Case(user: csm, allowed: false),
        Case(user: ae, allowed: false),
        Case(user: nil, allowed: false),
        Case(user: nil, hasUsers: false, allowed: true),    // no users yet: the first import brings the team in
        Case(user: csm, roles: [.vp, .manager, .csm], allowed: true),
        Case(user: manager, roles: [.vp], allowed: false),
    ])
    func decides(_ c: Case) {
        let decision = ImportPermission.decide(login: c.user?.login ?? "intruder", user: c.user, databaseHasUsers: c.hasUsers, allowedRoles: c.roles)
        #expect((decision == .allowed) == c.allowed)
    }

    @Test func rolesReadAndWrite() {
        #expect(ImportPermission.roles(from: "vp, Manager") == [.vp, .manager])
        #expect(ImportPermission.roles(from: "vp,boss") == nil)
        #expect(ImportPermission.roles(from: "") == nil)
        #expect(ImportPermission.text(of: [.vp, .csm]) == "csm,vp")
    }
}
