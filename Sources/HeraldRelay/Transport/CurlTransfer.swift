import HeraldCore
import CCurl
import Foundation
import Synchronization

/// One request's libcurl easy handle and everything it must keep alive until the
/// transfer ends: header list, error buffer, response buffers, and the waiting caller.
///
/// `@unchecked Sendable`: a transfer is created by the caller and then handed to
/// the engine thread, which alone touches the handle and the buffers from then on.
/// The only state another thread touches afterwards is `cancelRequested`, which is
/// behind a `Mutex`; `continuation` is resumed exactly once, by the engine thread.
final class CurlTransfer: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var status = 0
    private var responseHeaders: [(name: String, value: String)] = []
    private var responseBody: [UInt8] = []
    private let maximumResponseBytes: Int
    private(set) var overflowed = false
    private let continuation: CheckedContinuation<Result<OutboundResponse, TransportError>, Never>
    private let cancelRequested = Mutex(false)

    /// Prepares the easy handle; nil (with the continuation already resumed) when curl refuses the request.
    init?(
        request: OutboundRequest,
        maximumResponseBytes: Int,
        continuation: CheckedContinuation<Result<OutboundResponse, TransportError>, Never>
    ) {
        guard let handle = curl_easy_init() else {
            continuation.resume(returning: .failure(.other("curl_easy_init failed")))
            return nil
        }
        self.handle = handle
        self.maximumResponseBytes = maximumResponseBytes
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        if let problem = configure(request) {
            release()
            continuation.resume(returning: .failure(.invalidRequest(problem)))
            return nil
        }
    }

    /// Sets every option; returns a reason when one is refused.
    private func configure(_ request: OutboundRequest) -> String? {
        let timeout = request.timeout.wholeMilliseconds
        var codes: [CURLcode] = [
            herald_curl_setopt_string(handle, CURLOPT_URL, request.url),
            herald_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            herald_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            herald_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            herald_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, timeout)),
            herald_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, min(timeout, 10_000))),
            herald_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            herald_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody),
            herald_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader),
        ]
        let context = Unmanaged.passUnretained(self).toOpaque()
        codes.append(herald_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        codes.append(herald_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))

        let method = request.method.uppercased()
        if method == "GET" && request.body.isEmpty {
            codes.append(herald_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        } else {
            codes.append(herald_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            if request.body.isEmpty {
                codes.append(herald_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                codes.append(request.body.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies the bytes, so the array need not outlive this call.
                    herald_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                })
            }
            if method != "POST" { codes.append(herald_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)) }
        }
        // No "Expect: 100-continue" round trip for larger bodies.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            guard let appended = curl_slist_append(headerList, line) else { return "cannot build the header list" }
            headerList = appended
        }
        codes.append(herald_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        if let refused = codes.first(where: { $0 != CURLE_OK }) {
            return String(cString: curl_easy_strerror(refused))
        }
        return nil
    }

    func requestCancel() { cancelRequested.withLock { $0 = true } }
    var isCancelRequested: Bool { cancelRequested.withLock { $0 } }

    /// Body bytes from curl; false (abort) past the response size limit.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard responseBody.count + bytes.count <= maximumResponseBytes else {
            overflowed = true
            return false
        }
        responseBody.append(contentsOf: bytes)
        return true
    }

    /// One header line from curl. A status line starts a new header block (after 1xx or a redirect).
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            responseHeaders.removeAll()
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            responseHeaders.append((name: name, value: value))
        }
    }

    /// Resumes the caller with the outcome of `code` and frees the handle. Engine thread only, once.
    func finish(code: CURLcode) {
        if code == CURLE_OK {
            var responseCode = 0
            _ = herald_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
            let response = OutboundResponse(status: responseCode == 0 ? status : responseCode, headers: responseHeaders, body: responseBody)
            finish(.success(response))
        } else if overflowed {
            finish(.failure(.other("the response is larger than \(maximumResponseBytes) bytes")))
        } else {
            finish(.failure(Self.error(for: code, detail: String(cString: errorBuffer))))
        }
    }

    func finish(_ result: Result<OutboundResponse, TransportError>) {
        release()
        continuation.resume(returning: result)
    }

    private func release() {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    static func error(for code: CURLcode, detail: String) -> TransportError {
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
            CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionFailed(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: return .invalidRequest(message)
        default: return .other(message)
        }
    }
}

private let curlWriteBody: curl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let curlWriteHeader: curl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}
