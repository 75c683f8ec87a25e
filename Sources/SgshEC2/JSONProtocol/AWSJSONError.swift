// The error a JSON 1.1 service sends: `{"__type": "…#AccessDeniedException",
// "message": "…"}`, the code possibly also in the `x-amzn-ErrorType` header.
// It is read into the same `EC2Error` value the Query services give, so
// retries (throttling codes, 5xx) and BackendError mapping are shared.

import Foundation

enum AWSJSONError {
    /// The error of a non-2xx answer.
    static func parse(_ response: HTTPTransportResponse) -> EC2Error {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        let header = response.headers.first { $0.name.lowercased() == "x-amzn-errortype" }?.value
        let type = header ?? (object?["__type"] as? String) ?? (object?["code"] as? String)
        let message = (object?["message"] as? String) ?? (object?["Message"] as? String)
        guard let type, !type.isEmpty else {
            var fallback = EC2Error.parse(response.body, httpStatus: response.status)
            fallback.message = "HTTP \(response.status) without a JSON error body"
            return fallback
        }
        return EC2Error(
            code: code(of: type), message: message ?? "", requestID: requestID(response), httpStatus: response.status)
    }

    /// `com.amazonaws.organizations#AccessDeniedException:http://…` → `AccessDeniedException`.
    static func code(of type: String) -> String {
        var code = Substring(type)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return String(code)
    }

    private static func requestID(_ response: HTTPTransportResponse) -> String? {
        response.headers.first { $0.name.lowercased() == "x-amzn-requestid" }?.value
    }
}
