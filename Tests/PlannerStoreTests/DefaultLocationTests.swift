import Foundation
import Testing
@testable import PlannerStore

@Suite("Default locations")
struct DefaultLocationTests {
    @Test("the database: PLANNER_DATABASE, then XDG_DATA_HOME, then HOME", arguments: [
        (["PLANNER_DATABASE": "/srv/planner.sqlite", "XDG_DATA_HOME": "/x", "HOME": "/home/kim"], "/srv/planner.sqlite"),
        (["PLANNER_DATABASE": "", "XDG_DATA_HOME": "/x", "HOME": "/home/kim"], "/x/planner/planner.sqlite"),
        (["HOME": "/home/kim"], "/home/kim/.local/share/planner/planner.sqlite"),
    ])
    func database(_ environment: [String: String], _ expected: String) {
        #expect(DefaultLocations.database(environment: environment)?.path == expected)
    }

    @Test("the key file: PLANNER_KEY_FILE, then XDG_CONFIG_HOME, then HOME", arguments: [
        (["PLANNER_KEY_FILE": "/secure/p.key", "XDG_CONFIG_HOME": "/c", "HOME": "/home/kim"], "/secure/p.key"),
        (["XDG_CONFIG_HOME": "/c", "HOME": "/home/kim"], "/c/planner/planner.key"),
        (["HOME": "/home/kim"], "/home/kim/.config/planner/planner.key"),
    ])
    func keyFile(_ environment: [String: String], _ expected: String) {
        #expect(DefaultLocations.keyFile(environment: environment)?.path == expected)
    }

    @Test("nothing to go by gives nil")
    func nothing() {
        #expect(DefaultLocations.database(environment: [:]) == nil)
        #expect(DefaultLocations.keyFile(environment: ["HOME": ""]) == nil)
    }
}
