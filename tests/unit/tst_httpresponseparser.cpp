#include "redcap/HttpResponseParser.h"

#include <QRandomGenerator>
#include <QTest>

using Lantir::HttpResponseParser;
using State = HttpResponseParser::State;

Q_DECLARE_METATYPE(HttpResponseParser::State)

namespace {

struct Outcome
{
    State state = State::Reading;
    QString error;
    int status = 0;
    QByteArray body;
    qint64 bodyBytes = 0;
    qint64 contentLength = -1;
    QByteArray contentType;
};

// Feeds `answer` cut at `cuts` (offsets in increasing order), then closes the input when `close`.
Outcome parse(const QByteArray& answer, const QList<qsizetype>& cuts, bool close)
{
    Outcome outcome;
    HttpResponseParser parser([&outcome](const char* data, qsizetype size) {
        QVERIFY(size > 0);
        outcome.body.append(data, size);
    });
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        parser.feed(answer.constData() + from, cut - from);
        from = cut;
    }
    parser.feed(answer.constData() + from, answer.size() - from);
    if (close) {
        parser.finishInput();
    }
    outcome.state = parser.state();
    outcome.error = parser.errorString();
    outcome.status = parser.statusCode();
    outcome.bodyBytes = parser.bodyBytes();
    outcome.contentLength = parser.contentLength();
    outcome.contentType = parser.header("content-type");
    return outcome;
}

QList<qsizetype> everyByte(qsizetype size)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i) {
        cuts.append(i);
    }
    return cuts;
}

QList<qsizetype> randomCuts(qsizetype size, QRandomGenerator* random)
{
    QList<qsizetype> cuts;
    for (qsizetype at = 0; size > 1;) {
        at += 1 + random->bounded(qMax<qsizetype>(1, size / 4));
        if (at >= size) {
            break;
        }
        cuts.append(at);
    }
    return cuts;
}

void compareOutcomes(const Outcome& got, const Outcome& expected, const char* how)
{
    QVERIFY2(got.state == expected.state, how);
    QVERIFY2(got.error == expected.error,
             qPrintable(QString::fromUtf8(how) + QStringLiteral(": ") + got.error));
    QVERIFY2(got.status == expected.status, how);
    QVERIFY2(got.body == expected.body, how);
    QVERIFY2(got.bodyBytes == expected.bodyBytes, how);
    QVERIFY2(got.contentLength == expected.contentLength, how);
}

const QByteArray Ok = "HTTP/1.1 200 OK\r\n";

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each answer, with whether the input closes after it: the state, the words of the error (or
    // the body read) and the Content-Length seen. Every row is also fed one byte at a time and in
    // random pieces, with the same outcome.
    void answers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("close");
        QTest::addColumn<State>("state");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("words");
        QTest::addColumn<qint64>("contentLength");

        const auto ok = [](const char* name, const QByteArray& answer, bool close, const QByteArray& body,
                           qint64 length) {
            QTest::newRow(name) << answer << close << State::Complete << body << QString() << length;
        };
        const auto bad = [](const char* name, const QByteArray& answer, const char* words) {
            QTest::newRow(name) << answer << true << State::Malformed << QByteArray()
                                << QString::fromUtf8(words) << qint64(-1);
        };

        ok("content-length", Ok + "Content-Type: application/json\r\nContent-Length: 5\r\n\r\nhello", false,
           "hello", 5);
        ok("bytes after the body are ignored", Ok + "Content-Length: 2\r\n\r\nokEXTRA", false, "ok", 2);
        ok("empty body", Ok + "Content-Length: 0\r\n\r\n", false, "", 0);
        ok("the same length twice", Ok + "Content-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc", false, "abc",
           3);
        ok("chunked, extensions, trailers",
           Ok
               + "Transfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n7\r\n, "
                 "world\r\nA\r\n0123456789\r\n"
                 "0\r\nX-Checksum: 1\r\n\r\n",
           false, "hello, world0123456789", -1);
        ok("chunked wins over Content-Length",
           Ok + "Content-Length: 99\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", false, "abc",
           -1);
        ok("identity codings",
           Ok
               + "Content-Encoding: identity\r\nTransfer-Encoding: identity\r\n"
                 "Content-Length: 1\r\n\r\nx",
           false, "x", 1);
        ok("read until close", "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nabc", true, "abc", -1);
        ok("interim 100 Continue", "HTTP/1.1 100 Continue\r\n\r\n" + Ok + "Content-Length: 2\r\n\r\nok",
           false, "ok", 2);
        ok("folded header, bare LF", "HTTP/1.1 200 OK\nX-Long: a\n b\nContent-Length: 3\n\nxyz", false, "xyz",
           3);
        ok("no reason phrase", "HTTP/1.1 200\r\nContent-Length: 1\r\n\r\n1", false, "1", 1);
        ok("204 without a body", "HTTP/1.1 204 No Content\r\n\r\n", false, "", -1);
        QTest::newRow("error answer body")
            << QByteArray("HTTP/1.1 403 Forbidden\r\nContent-Length: 4\r\n\r\nnope") << false
            << State::Complete << QByteArray("nope") << QString() << qint64(4);

        QTest::newRow("nothing at all") << QByteArray() << true << State::CutOff << QByteArray()
                                        << QStringLiteral("before it answered") << qint64(-1);
        QTest::newRow("cut off body")
            << QByteArray(Ok + "Content-Length: 100\r\n\r\nonly ten b") << true << State::CutOff
            << QByteArray("only ten b") << QStringLiteral("before the answer was complete") << qint64(100);
        QTest::newRow("cut off chunk")
            << QByteArray(Ok + "Transfer-Encoding: chunked\r\n\r\n10\r\nabc") << true << State::CutOff
            << QByteArray("abc") << QStringLiteral("before the answer was complete") << qint64(-1);
        QTest::newRow("cut off headers")
            << QByteArray(Ok + "Content-Len") << true << State::CutOff << QByteArray()
            << QStringLiteral("before the answer was complete") << qint64(-1);

        bad("not HTTP", "<html>hello</html>\r\n\r\n", "not valid HTTP/1.x");
        bad("HTTP/2 status line", "HTTP/2 200 OK\r\n\r\n", "not valid HTTP/1.x");
        bad("HTTP/1.1 with a two-digit status", "HTTP/1.1 20 OK\r\n\r\n", "not valid HTTP/1.x");
        bad("status glued to its reason", "HTTP/1.1 200OK\r\n\r\n", "not valid HTTP/1.x");
        bad("gzip body", Ok + "Content-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc",
            "Content-Encoding: gzip");
        bad("gzip body, chunked",
            Ok + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", "compressed");
        bad("gzip after identity", Ok + "Content-Encoding: identity\r\nContent-Encoding: br\r\n\r\n",
            "compressed");
        bad("gzip transfer coding, chunked", Ok + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n",
            "transfer coding Lantir does not read (gzip, chunked");
        bad("chunked twice", Ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "does not read (chunked, chunked");
        bad("chunked not last", Ok + "Transfer-Encoding: chunked, gzip\r\n\r\n", "does not read");
        bad("two Content-Lengths", Ok + "Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde",
            "two different Content-Length headers (3 and 5)");
        bad("two Content-Lengths in one header", Ok + "Content-Length: 5, 3\r\n\r\nabcde", "(5 and 3)");
        bad("negative length", Ok + "Content-Length: -4\r\n\r\nabc", "Content-Length \"-4\" is not a size");
        bad("signed length", Ok + "Content-Length: +4\r\n\r\nabcd", "is not a size");
        bad("huge length", Ok + "Content-Length: 99999999999999999999\r\n\r\n", "is not a size");
        bad("header without a name", Ok + ": x\r\n\r\n", "no name");
        bad("header without a colon", Ok + "Content-Length 3\r\n\r\n", "no name");
        bad("bad chunk size", Ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            "chunk size reads \"zz\"");
        bad("empty chunk size", Ok + "Transfer-Encoding: chunked\r\n\r\n\r\n", "chunk size reads \"\"");
        bad("0x chunk size", Ok + "Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n", "chunk size");
        bad("negative chunk size", Ok + "Transfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n",
            "chunk size");
        bad("chunk size over 60 bits", Ok + "Transfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
            "chunk size");
        bad("chunk longer than its size", Ok + "Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
            "longer than its size");
        bad("endless header line", Ok + "X-Flood: " + QByteArray(70 * 1024, 'x'),
            "header block is longer than 65536");
        bad("too many headers", Ok + QByteArray("X-A: 1\r\n").repeated(9000) + "\r\n",
            "header block is longer");
        bad("endless chunk size line", Ok + "Transfer-Encoding: chunked\r\n\r\n1;" + QByteArray(5000, 'e'),
            "chunk size line is longer than 4096");
        bad("endless trailers",
            Ok + "Transfer-Encoding: chunked\r\n\r\n0\r\n" + QByteArray("X-T: 1\r\n").repeated(9000) + "\r\n",
            "trailers are longer");
    }

    void answers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, close);
        QFETCH(State, state);
        QFETCH(QByteArray, body);
        QFETCH(QString, words);
        QFETCH(qint64, contentLength);

        const Outcome whole = parse(answer, {}, close);
        QCOMPARE(whole.state, state);
        if (words.isEmpty()) {
            QVERIFY2(whole.error.isEmpty(), qPrintable(whole.error));
        } else {
            QVERIFY2(whole.error.contains(words), qPrintable(whole.error));
        }
        if (state != State::Malformed) {
            QCOMPARE(whole.body, body);
            QCOMPARE(whole.bodyBytes, qint64(body.size()));
            QCOMPARE(whole.contentLength, contentLength);
        }

        compareOutcomes(parse(answer, everyByte(answer.size()), close), whole, "one byte at a time");
        QRandomGenerator random(0x1a2b3c4du);
        for (int round = 0; round < 20; ++round) {
            compareOutcomes(parse(answer, randomCuts(answer.size(), &random), close), whole, "random pieces");
        }
    }

    // Headers come out as sent, the last of a name wins for header(), names match in any case.
    void headersAndStatus()
    {
        HttpResponseParser parser;
        QCOMPARE(parser.statusCode(), 0);
        parser.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 403 Forbidden\r\nX-A: 1\r\nx-a:  2 \r\n"
                    "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n");
        QVERIFY(parser.headersComplete());
        QCOMPARE(parser.statusCode(), 403);
        QCOMPARE(parser.header("X-A"), QByteArray("2"));
        QCOMPARE(parser.header("CONTENT-TYPE"), QByteArray("application/json"));
        QCOMPARE(parser.headers().size(), 4);
        QCOMPARE(parser.state(), State::Reading);
        QCOMPARE(parser.feed("{}"), State::Complete);
        QVERIFY(parser.header("Location").isEmpty());
    }

    // The body goes out as slices of what was fed, never gathered: a 1 MB body fed 4 KiB at a time
    // never comes out in a piece larger than 4 KiB, and the parser's own buffer is a line at most.
    void bodySlicesAreNeverGathered()
    {
        qsizetype largest = 0;
        qint64 total = 0;
        HttpResponseParser parser([&](const char*, qsizetype size) {
            largest = qMax(largest, size);
            total += size;
        });
        parser.feed(Ok + "Content-Length: 1048576\r\n\r\n");
        const QByteArray piece(4096, 'z');
        for (int i = 0; i < 256; ++i) {
            parser.feed(piece);
        }
        QCOMPARE(parser.state(), State::Complete);
        QCOMPARE(total, qint64(1048576));
        QVERIFY(largest <= 4096);
    }

    void closingAfterTheEndChangesNothing()
    {
        HttpResponseParser parser;
        parser.feed(Ok + "Content-Length: 0\r\n\r\n");
        QCOMPARE(parser.finishInput(), State::Complete);
        HttpResponseParser broken;
        broken.feed("nonsense\r\n");
        QCOMPARE(broken.finishInput(), State::Malformed);
        QCOMPARE(broken.feed(Ok), State::Malformed);
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
