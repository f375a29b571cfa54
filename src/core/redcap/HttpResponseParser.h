#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace Lantir {

// Reads one HTTP/1.x answer from bytes as they arrive, with no socket in sight: the status line,
// the headers, then the body framed by Content-Length, by the chunked transfer coding or by the
// end of the connection. Interim 1xx answers are skipped. Body bytes go to the sink as slices of
// the bytes fed, never gathered: memory holds at most one header block (headerLimit) or one chunk
// size line, whatever the size of the answer.
//
// It refuses in plain words what it does not read: a status line that is not HTTP/1.x, a header
// block over headerLimit, a header line with no name, a Content-Encoding other than identity, a
// Transfer-Encoding other than chunked, conflicting or malformed Content-Length headers, malformed
// chunk sizes and chunks longer than their size. Lines may end with CRLF or a bare LF.
//
// HttpStreamingPost moves bytes between its socket and this parser; fuzz_http_response feeds it
// anything at all, cut anywhere.
class HttpResponseParser
{
public:
    using BodySink = std::function<void(const char* data, qsizetype size)>;
    struct Header
    {
        QByteArray name;
        QByteArray value;
    };
    enum class State
    {
        Reading, // more bytes are needed
        Complete, // the whole answer was read; later bytes are ignored
        Malformed, // the answer breaks the rules of HTTP or uses what is not read here
        CutOff, // the connection closed before the answer was complete
    };

    static constexpr qsizetype headerLimit = 64 * 1024; // status line and headers, or the trailers
    static constexpr qsizetype chunkLineLimit = 4 * 1024; // one chunk size line, extensions included

    explicit HttpResponseParser(BodySink sink = {});

    void setBodySink(BodySink sink);
    // Reads `size` more bytes; returns the state after them.
    State feed(const char* data, qsizetype size);
    State feed(const QByteArray& bytes) { return feed(bytes.constData(), bytes.size()); }
    // The connection closed: an answer read until close is complete, any other is cut off.
    State finishInput();

    State state() const { return m_state; }
    bool isFinished() const { return m_state != State::Reading; }
    // What went wrong, in words, when the state is Malformed or CutOff.
    const QString& errorString() const { return m_error; }

    // 0 until a status line arrived, and again after an interim (1xx) answer.
    int statusCode() const { return m_status; }
    // True once the final answer's headers are read (its body, if any, follows).
    bool headersComplete() const { return m_headersDone; }
    const QList<Header>& headers() const { return m_headers; }
    // The last header of that name (case-insensitive); empty when absent.
    QByteArray header(const QByteArray& name) const;
    // From Content-Length; -1 when the answer did not say or is chunked.
    qint64 contentLength() const { return m_contentLength; }
    // Body bytes handed to the sink (decoded from the chunked coding).
    qint64 bodyBytes() const { return m_bodyBytes; }

private:
    enum class Phase
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        UntilClose,
        Done,
    };

    bool takeLine(const char* data, qsizetype size, qsizetype* at, QByteArray* line);
    qsizetype lineLimit() const;
    void readLine(const QByteArray& line);
    void readStatusLine(const QByteArray& line);
    void readHeaderLine(const QByteArray& line);
    void readChunkSize(const QByteArray& line);
    void endOfHeaders();
    bool checkContentEncoding();
    bool readTransferEncoding(bool* chunked);
    bool readContentLength();
    qsizetype readBody(const char* data, qsizetype size);
    void deliver(const char* data, qsizetype size);
    void complete();
    // "The server's answer is not valid HTTP: " + what.
    void malformed(const QString& what);
    void refuse(QString message);

    BodySink m_sink;
    State m_state = State::Reading;
    Phase m_phase = Phase::StatusLine;
    QString m_error;
    QByteArray m_line; // the line being read, until its end arrives
    qsizetype m_blockBytes = 0; // of the header block or the trailers so far
    int m_status = 0;
    bool m_headersDone = false;
    QList<Header> m_headers;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // of the fixed body or of the current chunk
    qint64 m_bodyBytes = 0;
};

} // namespace Lantir
