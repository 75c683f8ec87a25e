// A transport for tests: records every request and answers from a script
// (canned XML, error envelopes, or thrown transport faults).

import Foundation
import SgshEC2
import Synchronization

final class RecordingTransport: HTTPTransport {
    typealias Responder = @Sendable (HTTPTransportRequest, Int) throws -> HTTPTransportResponse
    private let responder: Responder
    private let recorded = Mutex<[HTTPTransportRequest]>([])
    private let shutDown = Mutex(false)

    init(_ responder: @escaping Responder) { self.responder = responder }

    /// Answers with the given responses in order (the last one repeats).
    convenience init(responses: [HTTPTransportResponse]) {
        self.init { _, index in responses[min(index, responses.count - 1)] }
    }

    var requests: [HTTPTransportRequest] { recorded.withLock { $0 } }
    var isShutDown: Bool { shutDown.withLock { $0 } }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        let index = recorded.withLock { list in
            list.append(request)
            return list.count - 1
        }
        return try responder(request, index)
    }

    func shutdown() async throws { shutDown.withLock { $0 = true } }

    /// A 200 response with an EC2 body for `action`.
    static func ok(_ action: String, _ inner: String) -> HTTPTransportResponse {
        HTTPTransportResponse(
            status: 200,
            body: Array(
                "<\(action)Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>\(inner)</\(action)Response>"
                    .utf8))
    }

    /// An EC2 error envelope.
    static func error(_ status: Int, _ code: String, _ message: String = "m") -> HTTPTransportResponse {
        HTTPTransportResponse(
            status: status,
            body: Array(
                "<Response><Errors><Error><Code>\(code)</Code><Message>\(message)</Message></Error></Errors><RequestID>req-err</RequestID></Response>"
                    .utf8))
    }
}

extension HTTPTransportRequest {
    /// The form pairs of the body, decoded.
    var formPairs: [String: String] {
        var out: [String: String] = [:]
        for item in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            out[key] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        }
        return out
    }
}
