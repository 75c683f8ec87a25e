// The questions the first request asks the Swift runtime, asked ahead on another thread
// (SgshCLI's ConformanceWarmUp asks them once ArgumentParser's are asked, during the parse).
//
// Why: each first "does type T conform to protocol P" of a process scans all ~9,900 conformance
// records of the binary (~0.37 M instructions) and is then cached for every thread. The first
// request asks ~40 of them inside NIO and async-http-client, one after another on its critical
// path (docs/BENCHMARKS.md, ninth pass). About half are about public types and are asked here the
// same way, with no socket, no event loop and no client. Asked before the backend is known:
// started when the backend opens, they came too late to be ahead of the first request.

import AsyncHTTPClient
import NIOCore
import NIOEmbedded
import NIOHTTP1

public enum TransportWarmUp {
    /// Asks, in the order the first request does, what can be asked without a connection.
    public static func askFirstRequestQuestions() {
        // The client's configuration: its default tracer.
        _ = HTTPClient.Configuration()
        // A channel pipeline, with the HTTP/1 client's encoder and decoder, as on a connection.
        let channel = EmbeddedChannel()
        try? channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
        try? channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)))
        // A request wrapped for the pipeline: NIOAny asks whether an object is a buffer. As an
        // `AnyObject`, as the request reaches it: a concrete class type would answer at compile time.
        _ = NIOAny(channel as AnyObject)
        _ = try? channel.finish()
    }
}
