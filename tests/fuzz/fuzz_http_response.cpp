// libFuzzer target: HttpResponseParser, the reader of the streamed record id export's HTTP answer.
// The first byte picks how the answer is cut into pieces, the second whether the connection closes
// after it.
//   - The outcome (state, words, status, body, Content-Length) is the same however the answer
//     arrives: whole or in pieces.
//   - The body handed out is never larger than what was fed, comes in non-empty slices, and its
//     size is what bodyBytes() says; a complete answer with a Content-Length has exactly that many.
//   - After the input closes, the parser is never left reading; an error always has words.
#include "redcap/HttpResponseParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Lantir;

namespace {

struct Outcome
{
    HttpResponseParser::State state;
    QString error;
    int status;
    QByteArray body;
    qint64 bodyBytes;
    qint64 contentLength;
    bool headersComplete;

    bool operator==(const Outcome& other) const
    {
        return state == other.state && error == other.error && status == other.status && body == other.body
            && bodyBytes == other.bodyBytes && contentLength == other.contentLength
            && headersComplete == other.headersComplete;
    }
};

Outcome run(const QByteArray& answer, qsizetype piece, bool close)
{
    QByteArray body;
    HttpResponseParser parser([&body](const char* data, qsizetype size) {
        if (size <= 0)
            std::abort();
        body.append(data, size);
    });
    for (qsizetype at = 0; at < answer.size(); at += piece)
        parser.feed(answer.constData() + at, qMin(piece, answer.size() - at));
    if (close && parser.finishInput() == HttpResponseParser::State::Reading)
        std::abort();
    return { parser.state(),     parser.errorString(),   parser.statusCode(),     body,
             parser.bodyBytes(), parser.contentLength(), parser.headersComplete() };
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype piece = 1 + data[0] % 64;
    const bool close = data[1] & 1;
    const QByteArray answer(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));

    const Outcome whole = run(answer, qMax<qsizetype>(1, answer.size()), close);
    if (!(run(answer, piece, close) == whole))
        std::abort();
    if (whole.body.size() != whole.bodyBytes || whole.body.size() > answer.size())
        std::abort();
    const bool failed = whole.state == HttpResponseParser::State::Malformed
        || whole.state == HttpResponseParser::State::CutOff;
    if (failed == whole.error.isEmpty())
        std::abort();
    if (whole.state == HttpResponseParser::State::Complete && whole.contentLength >= 0
        && whole.bodyBytes != whole.contentLength)
        std::abort();
    if (whole.bodyBytes > 0 && !whole.headersComplete)
        std::abort();
    return 0;
}
