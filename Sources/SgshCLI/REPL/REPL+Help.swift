// The text of `:help`: short pages, by topic, for people at the prompt.
// The language reference is docs/LANGUAGE.md; these are reminders.

extension REPL {
    struct HelpTopic {
        let name: String
        let summary: String
        let text: String
    }

    static let helpTopics: [HelpTopic] = [
        HelpTopic(
            name: "commands", summary: "the REPL's : commands",
            text: """
                :help [topic]   this help, or a topic's page
                :vars           variables and functions defined in this session
                :dryrun on|off  plan and show entries without applying them
                :plan           what this session has applied so far, as a script
                :save FILE      this session's successful entries as a script (:save! FILE overwrites)
                :backend        where changes go
                :groups         the backend's security groups (refreshes Tab completion)
                :history        the entries, oldest first (a block is one entry)
                :quit           leave (also :q, Ctrl-D on an empty line)
                """),
        HelpTopic(
            name: "rules", summary: "sg statements: adding and removing rules",
            text: """
                sg GROUP DIRECTION VERB PROTOCOL [PORTS] from|to PEERS ["description"] [tag K=V ...]
                  sg $web ingress allow tcp 443 from 0.0.0.0/0, ::/0 "public https"
                  sg sg-0abc123 egress revoke udp 53 to 10.0.0.0/8
                several rules on one group, and the authoritative form:
                  sg $web ingress {
                    allow tcp 22 from $office "ssh from office"
                  }
                  sg $web ingress exactly { allow tcp 443 from 0.0.0.0/0 }
                ingress peers follow 'from', egress peers follow 'to'.
                a temporary rule ('sgsh expire' revokes it when due):
                  sg $web ingress allow tcp 22 from 203.0.113.7 "debug" for 2h
                on a shared group, own your rules ('exactly' then removes only yours):
                  owner "team-web"
                """),
        HelpTopic(
            name: "groups", summary: "creating, tagging, showing, deleting and replacing groups",
            text: """
                let db = sg create "db" vpc vpc-0123 "database tier"
                let id = sg lookup "web"          # nil when there is none
                sg $web tag Name="web" env="prod"
                sg $web untag env
                sg $web show
                sg $web delete
                let web2 = sg $web replace with "web-v2" "web, v2"   # rename or move: rules, references, interfaces
                """),
        HelpTopic(
            name: "language", summary: "values, variables, functions, modules",
            text: """
                let office = [203.0.113.0/24, 198.51.100.7]   # lists, CIDRs, strings, ints
                office = office + [192.0.2.0/24]
                for cidr in $office { sg $web ingress allow tcp 5432 from $cidr }
                if $env == "prod" { ... } elif ... { ... } else { ... }
                def bastion(group, cidrs) { sg $group ingress allow tcp 22 from $cidrs }
                use "networks"                                 # ports, networks, presets
                print "done: ${len($office)} networks"
                """),
        HelpTopic(
            name: "keys", summary: "editing, history and completion keys",
            text: """
                Tab             complete keywords, names, group ids and names
                Up / Down       history (kept across sessions; SGSH_HISTORY moves it, empty disables)
                Ctrl-C          abandon the line; during an apply, cancel it (what was done is undone and reported)
                Ctrl-D          leave, on an empty line; on a ...> line, abandon the entry
                An open { [ or ( continues the entry on a ...> prompt, until it closes.
                After an if block, an empty line runs it (elif/else may follow).
                Keys are libedit's: emacs by default, 'bind -v' in ~/.editrc for vi.
                """),
    ]

    /// `:help` (an index) or `:help TOPIC`; a `:command` name is accepted as the commands topic.
    static func help(topic: String) -> String {
        let key = topic.hasPrefix(":") ? "commands" : topic
        if let page = helpTopics.first(where: { $0.name == key }) { return page.text + "\n" }
        var text = key.isEmpty ? "" : "no help topic '\(key)'\n"
        text += "Type sgsh statements; each entry is applied when entered. Topics (:help TOPIC):\n"
        for page in helpTopics {
            text += "  " + page.name.padding(toLength: 10, withPad: " ", startingAt: 0) + page.summary + "\n"
        }
        return text
    }
}
