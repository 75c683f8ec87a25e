// What the shell completes for --profile and --region: the profiles named in
// the shared config and credentials files (found as EC2Configuration finds
// them), and the public regions with EC2. Completion runs on every Tab, so
// this reads two small files and never fails: a missing or unreadable file
// completes nothing.

import Foundation

public enum CompletionCandidates {
    /// Profile names from `[profile NAME]`/`[default]` in the config file and `[NAME]` in the
    /// credentials file, sorted and without duplicates.
    public static func profiles(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = env("HOME") ?? NSHomeDirectory()
        func sections(_ path: String) -> [String] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return Array(INIFile(text).sections.keys)
        }
        let fromConfig = sections(env("AWS_CONFIG_FILE") ?? "\(home)/.aws/config").compactMap { name -> String? in
            if name == "default" { return name }
            guard name.hasPrefix("profile ") else { return nil }  // sso-session, services: not profiles
            return String(name.dropFirst("profile ".count)).trimmingASCIIWhitespace()
        }
        let fromCredentials = sections(env("AWS_SHARED_CREDENTIALS_FILE") ?? "\(home)/.aws/credentials")
        return Set(fromConfig + fromCredentials).filter { !$0.isEmpty }.sorted()
    }

    /// The public (aws partition) regions, for completing --region; any other name is accepted.
    public static let regions = [
        "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
        "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
        "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
        "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ]
}
