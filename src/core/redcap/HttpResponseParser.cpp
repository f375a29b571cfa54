#include "redcap/HttpResponseParser.h"

#include <cstring>

namespace Lantir {

namespace {

const QString NotHttp = QStringLiteral("The server's answer is not valid HTTP: ");

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Quoted in a message: at most `length` bytes, as Latin-1 (an answer may hold any byte).
QString quoted(const QByteArray& bytes, qsizetype length = 40)
{
    QString text = QString::fromLatin1(bytes.left(length));
    for (QChar& c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            c = u'?';
        }
    }
    return text;
}

// Every element of every header of that name, split at commas, trimmed, lower-cased, non-empty.
QList<QByteArray> listValues(const QList<HttpResponseParser::Header>& headers, const QByteArray& name)
{
    QList<QByteArray> values;
    for (const HttpResponseParser::Header& header : headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) != 0) {
            continue;
        }
        for (const QByteArray& element : header.value.split(',')) {
            const QByteArray value = element.trimmed().toLower();
            if (!value.isEmpty()) {
                values.append(value);
            }
        }
    }
    return values;
}

} // namespace

HttpResponseParser::HttpResponseParser(BodySink sink)
    : m_sink(std::move(sink))
{
}

void HttpResponseParser::setBodySink(BodySink sink)
{
    m_sink = std::move(sink);
}

QByteArray HttpResponseParser::header(const QByteArray& name) const
{
    for (auto it = m_headers.crbegin(); it != m_headers.crend(); ++it) {
        if (it->name.compare(name, Qt::CaseInsensitive) == 0) {
            return it->value;
        }
    }
    return {};
}

HttpResponseParser::State HttpResponseParser::feed(const char* data, qsizetype size)
{
    qsizetype at = 0;
    QByteArray line;
    while (m_state == State::Reading && at < size) {
        switch (m_phase) {
        case Phase::FixedBody:
        case Phase::ChunkData:
        case Phase::UntilClose:
            at += readBody(data + at, size - at);
            break;
        case Phase::Done:
            return m_state;
        default:
            if (!takeLine(data, size, &at, &line)) {
                return m_state;
            }
            readLine(line);
            break;
        }
    }
    return m_state;
}

HttpResponseParser::State HttpResponseParser::finishInput()
{
    if (m_state != State::Reading) {
        return m_state;
    }
    if (m_phase == Phase::UntilClose) {
        complete();
        return m_state;
    }
    m_state = State::CutOff;
    m_error = m_status == 0
        ? QStringLiteral("The server closed the connection before it answered.")
        : QStringLiteral("The server closed the connection before the answer was complete.");
    m_line.clear();
    return m_state;
}

qsizetype HttpResponseParser::lineLimit() const
{
    switch (m_phase) {
    case Phase::ChunkSize:
    case Phase::ChunkEnd:
        return chunkLineLimit;
    default:
        return headerLimit - m_blockBytes;
    }
}

// Moves bytes up to the next line end into `line` (without CR LF); false when the line goes on
// past `size` (its start is kept) or is too long.
bool HttpResponseParser::takeLine(const char* data, qsizetype size, qsizetype* at, QByteArray* line)
{
    const char* start = data + *at;
    const auto* end = static_cast<const char*>(memchr(start, '\n', size_t(size - *at)));
    const qsizetype length = end ? qsizetype(end - start) : size - *at;
    const qsizetype limit = lineLimit();
    if (m_line.size() + length + (end ? 1 : 0) > limit) {
        const bool chunkLine = m_phase == Phase::ChunkSize || m_phase == Phase::ChunkEnd;
        malformed(chunkLine ? QStringLiteral("a chunk size line is longer than %1 bytes.").arg(chunkLineLimit)
                            : (m_phase == Phase::Trailers
                                   ? QStringLiteral("its trailers are longer than %1 bytes.")
                                   : QStringLiteral("its header block is longer than %1 bytes."))
                                  .arg(headerLimit));
        return false;
    }
    m_line.append(start, length);
    if (!end) {
        *at = size;
        return false;
    }
    *at += length + 1;
    if (m_phase == Phase::StatusLine || m_phase == Phase::Headers || m_phase == Phase::Trailers) {
        m_blockBytes += m_line.size() + 1;
    }
    while (m_line.endsWith('\r')) {
        m_line.chop(1);
    }
    *line = m_line;
    m_line.clear();
    return true;
}

void HttpResponseParser::readLine(const QByteArray& line)
{
    switch (m_phase) {
    case Phase::StatusLine:
        readStatusLine(line);
        return;
    case Phase::Headers:
        readHeaderLine(line);
        return;
    case Phase::ChunkSize:
        readChunkSize(line);
        return;
    case Phase::ChunkEnd:
        if (!line.isEmpty()) {
            malformed(QStringLiteral("a chunk is longer than its size."));
            return;
        }
        m_phase = Phase::ChunkSize;
        return;
    case Phase::Trailers:
        if (line.isEmpty()) {
            complete();
        }
        return; // trailer fields are not used
    default:
        return;
    }
}

// "HTTP/1.1 200 OK": the version 1.x, one space, a three-digit status, then the end of the line
// or a space and a reason phrase.
void HttpResponseParser::readStatusLine(const QByteArray& line)
{
    const bool valid = line.size() >= 12 && line.startsWith("HTTP/1.") && isDigit(line[7]) && line[8] == ' '
        && isDigit(line[9]) && isDigit(line[10]) && isDigit(line[11]) && line[9] != '0'
        && (line.size() == 12 || line[12] == ' ');
    if (!valid) {
        refuse(QStringLiteral("The server's answer is not valid HTTP/1.x (it began with \"") + quoted(line)
               + QStringLiteral("\")."));
        return;
    }
    m_status = line.mid(9, 3).toInt();
    m_headers.clear();
    m_phase = Phase::Headers;
}

void HttpResponseParser::readHeaderLine(const QByteArray& line)
{
    if (line.isEmpty()) {
        endOfHeaders();
        return;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && !m_headers.isEmpty()) {
        m_headers.last().value += ' ' + line.trimmed(); // obsolete line folding
        return;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon < 0 ? QByteArray() : line.left(colon).trimmed();
    if (name.isEmpty()) {
        malformed(QStringLiteral("a header line has no name (\"") + quoted(line) + QStringLiteral("\")."));
        return;
    }
    m_headers.append({ name, line.mid(colon + 1).trimmed() });
}

void HttpResponseParser::readChunkSize(const QByteArray& line)
{
    const qsizetype extension = line.indexOf(';');
    const QByteArray size = (extension < 0 ? line : line.left(extension)).trimmed();
    // At most 15 hex digits: up to 2^60 - 1 bytes, far beyond any answer and far from overflow.
    bool valid = !size.isEmpty() && size.size() <= 15;
    for (const char c : size) {
        valid = valid && isHexDigit(c);
    }
    if (!valid) {
        malformed(QStringLiteral("a chunk size reads \"") + quoted(size, 20) + QStringLiteral("\"."));
        return;
    }
    const qint64 bytes = size.toLongLong(nullptr, 16);
    if (bytes == 0) {
        m_blockBytes = 0;
        m_phase = Phase::Trailers;
        return;
    }
    m_remaining = bytes;
    m_phase = Phase::ChunkData;
}

void HttpResponseParser::endOfHeaders()
{
    if (m_status < 200) { // 100 Continue and other interim answers: the real one follows
        m_status = 0;
        m_headers.clear();
        m_blockBytes = 0;
        m_phase = Phase::StatusLine;
        return;
    }
    m_headersDone = true;
    bool chunked = false;
    if (!checkContentEncoding() || !readTransferEncoding(&chunked)) {
        return;
    }
    if (chunked) { // the chunks frame the body; a Content-Length alongside is not used
        m_phase = Phase::ChunkSize;
        return;
    }
    if (!readContentLength()) {
        return;
    }
    if (m_contentLength >= 0) {
        m_remaining = m_contentLength;
        m_phase = Phase::FixedBody;
        if (m_remaining == 0) {
            complete();
        }
        return;
    }
    if (m_status == 204 || m_status == 304) {
        complete();
        return;
    }
    m_phase = Phase::UntilClose;
}

bool HttpResponseParser::checkContentEncoding()
{
    for (const QByteArray& coding : listValues(m_headers, QByteArrayLiteral("Content-Encoding"))) {
        if (coding != "identity") {
            refuse(QStringLiteral("The server sent a compressed answer (Content-Encoding: ")
                   + quoted(header(QByteArrayLiteral("Content-Encoding")))
                   + QStringLiteral(") although none was asked for, and Lantir reads only uncompressed "
                                    "answers; check the web server's compression settings."));
            return false;
        }
    }
    return true;
}

// Only chunked is read (identity, an old name for no coding, is let through): anything else, such
// as gzip before chunked, would hand compressed bytes to the reader as if they were the answer.
bool HttpResponseParser::readTransferEncoding(bool* chunked)
{
    QList<QByteArray> codings = listValues(m_headers, QByteArrayLiteral("Transfer-Encoding"));
    codings.removeAll(QByteArrayLiteral("identity"));
    if (codings.isEmpty()) {
        *chunked = false;
        return true;
    }
    if (codings != QList<QByteArray> { QByteArrayLiteral("chunked") }) {
        refuse(QStringLiteral("The server's answer uses a transfer coding Lantir does not read (")
               + quoted(codings.join(", "))
               + QStringLiteral("; only chunked is read). Check the web server's compression settings."));
        return false;
    }
    *chunked = true;
    return true;
}

// Every Content-Length given must be the same size in decimal digits: two different ones leave
// the end of the body in doubt.
bool HttpResponseParser::readContentLength()
{
    const QList<QByteArray> values = listValues(m_headers, QByteArrayLiteral("Content-Length"));
    for (const QByteArray& value : values) {
        bool valid = value.size() <= 18;
        for (const char c : value) {
            valid = valid && isDigit(c);
        }
        if (!valid) {
            malformed(QStringLiteral("Content-Length \"") + quoted(value)
                      + QStringLiteral("\" is not a size."));
            return false;
        }
        if (value.toLongLong() != values.first().toLongLong()) {
            malformed(QStringLiteral("it gives two different Content-Length headers (")
                      + quoted(values.first()) + QStringLiteral(" and ") + quoted(value)
                      + QStringLiteral("), so where its body ends is unknown."));
            return false;
        }
    }
    m_contentLength = values.isEmpty() ? -1 : values.first().toLongLong();
    return true;
}

qsizetype HttpResponseParser::readBody(const char* data, qsizetype size)
{
    if (m_phase == Phase::UntilClose) {
        deliver(data, size);
        return size;
    }
    const qsizetype taken = qsizetype(qMin<qint64>(m_remaining, size));
    deliver(data, taken);
    m_remaining -= taken;
    if (m_remaining == 0) {
        if (m_phase == Phase::FixedBody) {
            complete();
        } else {
            m_phase = Phase::ChunkEnd;
        }
    }
    return taken;
}

void HttpResponseParser::deliver(const char* data, qsizetype size)
{
    if (size <= 0) {
        return;
    }
    m_bodyBytes += size;
    if (m_sink) {
        m_sink(data, size);
    }
}

void HttpResponseParser::complete()
{
    m_phase = Phase::Done;
    m_state = State::Complete;
    m_line.clear();
}

void HttpResponseParser::malformed(const QString& what)
{
    refuse(NotHttp + what);
}

void HttpResponseParser::refuse(QString message)
{
    m_phase = Phase::Done;
    m_state = State::Malformed;
    m_error = std::move(message);
    m_line.clear();
}

} // namespace Lantir
