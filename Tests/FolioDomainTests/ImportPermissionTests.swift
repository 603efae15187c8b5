import Testing
import FolioDomain

/// Who may import (`Access.refusalToImport`, issue "Hardening", item 7): a table of roles and
/// databases, and the messages that say what to do.
@Suite struct ImportPermissionTests {
    static let vp = User(login: "vera", name: "Vera", email: "v@x.test", role: .vp)
    static let manager = User(login: "max", name: "Max", email: "m@x.test", role: .manager)
    static let csm = User(login: "ana", name: "Ana", email: "a@x.test", role: .csm)
    static let ae = User(login: "sam", name: "Sam", email: "s@x.test", role: .ae)

    struct Case: Sendable, CustomTestStringConvertible {
        var user: User?
        var hasUsers = true
        var roles: Set<User.Role> = Access.defaultImportRoles
        var allowed: Bool
        var testDescription: String { "\(user?.login ?? "nobody") with \(Access.text(of: roles)), users: \(hasUsers)" }
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
        let refusal = Access.refusalToImport(by: c.user, login: c.user?.login ?? "intruder", databaseHasUsers: c.hasUsers, allowedRoles: c.roles)
        #expect((refusal == nil) == c.allowed)
    }

    @Test func refusalsSayWhatToDo() {
        #expect(Access.refusalToImport(by: Self.csm, databaseHasUsers: true)?.description
                == "ana is a csm, and importing is allowed to manager, vp on this database (it changes owners, ARR and dates for everyone); ask one of them to import, or a VP to allow your role with `folio import --roles`")
        #expect(Access.refusalToImport(by: nil, login: "intruder", databaseHasUsers: true)?.description
                == "\"intruder\" is not a user of this database; importing is recorded under a user whose role may import (manager, vp): pass --user LOGIN, or ask one of them to add you to users.csv and import it")
        #expect(Access.refusalToChangeImportRoles(by: Self.manager, login: "max")?.description == "max is a manager; only a VP may change who can import")
        #expect(Access.refusalToChangeImportRoles(by: Self.vp, login: "vera") == nil)
    }

    @Test func rolesReadAndWrite() {
        #expect(Access.roles(from: "vp, Manager") == [.vp, .manager])
        #expect(Access.roles(from: "vp,boss") == nil)
        #expect(Access.roles(from: "") == nil)
        #expect(Access.text(of: [.vp, .csm]) == "csm,vp")
    }
}
