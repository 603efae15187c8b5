import Testing
import FolioDomain

/// Who may import (issue "Hardening", item 7): a table of roles and databases.
@Suite struct ImportPermissionTests {
    static let vp = User(login: "vera", name: "Vera", email: "v@x.test", role: .vp)
    static let manager = User(login: "max", name: "Max", email: "m@x.test", role: .manager)
    static let csm = User(login: "ana", name: "Ana", email: "a@x.test", role: .csm)
    static let ae = User(login: "sam", name: "Sam", email: "s@x.test", role: .ae)

    @Test(arguments: [
        (vp as User?, true, ImportPermission.defaultRoles, true),
        (manager, true, ImportPermission.defaultRoles, true),
        (csm, true, ImportPermission.defaultRoles, false),
        (ae, true, ImportPermission.defaultRoles, false),
        (nil, true, ImportPermission.defaultRoles, false),
        (nil, false, ImportPermission.defaultRoles, true),    // no users yet: the first import brings the team in
        (csm, true, [.vp, .manager, .csm], true),
        (manager, true, [.vp], false),
    ])
    func decides(_ user: User?, _ hasUsers: Bool, _ roles: Set<User.Role>, _ allowed: Bool) {
        let decision = ImportPermission.decide(login: user?.login ?? "intruder", user: user, databaseHasUsers: hasUsers, allowedRoles: roles)
        #expect((decision == .allowed) == allowed, "\(user?.login ?? "nobody") with \(roles)")
    }

    @Test func rolesReadAndWrite() {
        #expect(ImportPermission.roles(from: "vp, Manager") == [.vp, .manager])
        #expect(ImportPermission.roles(from: "vp,boss") == nil)
        #expect(ImportPermission.roles(from: "") == nil)
        #expect(ImportPermission.text(of: [.vp, .csm]) == "csm,vp")
    }
}
