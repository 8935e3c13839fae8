package io.ovl.docker;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks how a response body is delimited, by the rules of RFC 9112 section 6.3: no body for HEAD
 * and for 1xx, 204 and 304; chunked when the last transfer coding is chunked; Content-Length
 * when given; otherwise everything until the daemon closes the stream (Docker's attach and logs
 * without Upgrade do that).
 */
final class ResponseBodies {

    private ResponseBodies() {}

    static InputStream frame(String method, HttpResponseHead head, InputStream in)
            throws HttpProtocolException {
        int status = head.statusCode();
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        List<String> codings = head.values("Transfer-Encoding");
        if (!codings.isEmpty()) {
            String joined = String.join(",", codings);
            String[] parts = joined.split(",");
            String last = parts[parts.length - 1].strip().toLowerCase(Locale.ROOT);
            return last.equals("chunked") ? new ChunkedInputStream(in) : in;
        }
        List<String> lengths = head.values("Content-Length");
        if (!lengths.isEmpty()) {
            return new FixedLengthInputStream(in, contentLength(lengths));
        }
        return in;
    }

    private static long contentLength(List<String> values) throws HttpProtocolException {
        // "5, 5" or two equal headers are legal; differing values mean a broken response.
        Set<String> distinct = new java.util.TreeSet<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                distinct.add(part.strip());
            }
        }
        if (distinct.size() != 1) {
            throw new HttpProtocolException("conflicting Content-Length values: " + values);
        }
        String only = distinct.iterator().next();
        if (only.isEmpty() || only.length() > 18 || !only.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpProtocolException("bad Content-Length: \"" + only + "\"");
        }
        return Long.parseLong(only);
    }
}
