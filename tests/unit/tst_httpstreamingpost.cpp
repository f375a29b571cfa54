#include "BlockingCall.h"
#include "TestEnvironment.h"
#include "redcap/HttpStreamingPost.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>

using Lantir::Test::TestEnvironment;

using namespace Lantir;

namespace {

char patternByte(qint64 offset)
{
    return char('a' + offset % 23);
}

// A raw HTTP peer on 127.0.0.1 in a thread of its own: it reads one request (headers and a
// Content-Length body), then sends `answer` as given, then `bodySize` pattern bytes as the socket
// drains (at most `highWater` queued at a time, as a web server does), then closes.
class RawServer : public QObject
{
    Q_OBJECT

public:
    QByteArray answer;
    qint64 bodySize = 0;
    qint64 highWater = 256 * 1024;
    bool closeAfter = true;
    std::atomic<qint64> written { 0 }; // bytes the kernel took from the server's socket

    // The last request received, whole. Guarded by a mutex: the client learns that the server
    // has it through a socket, an ordering ThreadSanitizer cannot see.
    QByteArray request() const
    {
        const std::lock_guard<std::mutex> lock(m_requestMutex);
        return m_request;
    }

    quint16 start()
    {
        m_thread.start();
        moveToThread(&m_thread);
        quint16 port = 0;
        // BlockingCall, not a blocking queued invokeMethod: a hand-over ThreadSanitizer can see.
        Test::BlockingCall::run(this, [this, &port] {
            m_server = new QTcpServer(this);
            QVERIFY(m_server->listen(QHostAddress::LocalHost));
            port = m_server->serverPort();
            connect(m_server, &QTcpServer::newConnection, this, &RawServer::onConnection);
        });
        return port;
    }

    ~RawServer() override
    {
        Test::BlockingCall::run(this, [this] {
            delete m_server;
            m_server = nullptr;
        });
        m_thread.quit();
        m_thread.wait();
    }

private:
    void onConnection()
    {
        QTcpSocket* socket = m_server->nextPendingConnection();
        auto received = std::make_shared<QByteArray>();
        auto produced = std::make_shared<qint64>(0);
        auto answered = std::make_shared<bool>(false);
        const auto pump = [this, socket, produced] {
            while (socket->bytesToWrite() < highWater && *produced < bodySize) {
                QByteArray piece(int(qMin<qint64>(64 * 1024, bodySize - *produced)), Qt::Uninitialized);
                for (qsizetype i = 0; i < piece.size(); ++i) {
                    piece[i] = patternByte(*produced + i);
                }
                *produced += piece.size();
                socket->write(piece);
            }
            if (*produced == bodySize && socket->bytesToWrite() == 0 && closeAfter) {
                socket->disconnectFromHost();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, this, [this, pump](qint64 bytes) {
            written += bytes;
            pump();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, received, answered, pump] {
            received->append(socket->readAll());
            const qsizetype end = received->indexOf("\r\n\r\n");
            if (*answered || end < 0) {
                return;
            }
            qsizetype length = 0;
            for (const QByteArray& line : received->left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:")) {
                    length = line.mid(15).trimmed().toLongLong();
                }
            }
            if (received->size() < end + 4 + length) {
                return;
            }
            *answered = true;
            {
                const std::lock_guard<std::mutex> lock(m_requestMutex);
                m_request = *received;
            }
            socket->write(answer);
            pump();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QThread m_thread;
    mutable std::mutex m_requestMutex;
    QByteArray m_request;
    QTcpServer* m_server = nullptr;
};

struct Outcome
{
    QByteArray body;
    int sinkCalls = 0;
};

// Runs one POST to 127.0.0.1:port and waits for finished().
std::unique_ptr<HttpStreamingPost> post(quint16 port, Outcome* outcome, const QByteArray& body = "a=1")
{
    auto request = std::make_unique<HttpStreamingPost>(
        QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(port)),
        QList<HttpStreamingPost::Header> { { "Content-Type", "application/x-www-form-urlencoded" } });
    QSignalSpy finished(request.get(), &HttpStreamingPost::finished);
    request->start(body, [outcome](const char* data, qsizetype size) {
        outcome->body.append(data, size);
        ++outcome->sinkCalls;
    });
    if (!request->isFinished()) {
        finished.wait(TestEnvironment::scaledMs(20000));
    }
    return request;
}

// One POST to a RawServer that answers `answer` and then closes; the finished request.
std::unique_ptr<HttpStreamingPost> exchange(const QByteArray& answer, Outcome* outcome)
{
    RawServer server;
    server.answer = answer;
    return post(server.start(), outcome);
}

} // namespace

class TestHttpStreamingPost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsAPlainPost()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        const quint16 port = server.start();
        Outcome outcome;
        const auto request = post(port, &outcome, "token=x&content=record");
        QVERIFY(request->isFinished());
        QCOMPARE(request->error(), QNetworkReply::NoError);
        const QByteArray sent = server.request();
        QVERIFY2(sent.startsWith("POST /api/ HTTP/1.1\r\n"), sent.constData());
        QVERIFY(sent.contains(QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n")));
        QVERIFY(sent.contains("\r\nContent-Length: 22\r\n"));
        QVERIFY(sent.contains("\r\nConnection: close\r\n"));
        QVERIFY(sent.contains("\r\nAccept-Encoding: identity\r\n"));
        QVERIFY(sent.contains("\r\nContent-Type: application/x-www-form-urlencoded\r\n"));
        QVERIFY(sent.endsWith("\r\n\r\ntoken=x&content=record"));
    }

    // The Host header names host and port only: a URL's user name and password never go out (they
    // went out with the whole authority before).
    void hostHeaderCarriesNoUserInformation()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        const quint16 port = server.start();
        HttpStreamingPost request(QUrl(QStringLiteral("http://someone:s3cret@127.0.0.1:%1/api/").arg(port)));
        QSignalSpy finished(&request, &HttpStreamingPost::finished);
        request.start("a=1", {});
        QVERIFY(request.isFinished() || finished.wait(20000));
        QCOMPARE(request.error(), QNetworkReply::NoError);
        const QByteArray sent = server.request();
        QVERIFY2(sent.contains(QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n")),
                 sent.constData());
        QVERIFY2(!sent.contains("someone") && !sent.contains("s3cret"), sent.constData());
    }

    void readsBodies_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("contentLength");
        QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                                        << QByteArray("hello") << qint64(5);
        QTest::newRow("chunked, extensions, trailers")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n"
                          "7\r\n, world\r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n")
            << QByteArray("hello, world0123456789") << qint64(-1);
        QTest::newRow("read until close")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nabc") << QByteArray("abc")
            << qint64(-1);
        QTest::newRow("interim 100 Continue")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            << QByteArray("ok") << qint64(2);
        QTest::newRow("folded header, bare LF")
            << QByteArray("HTTP/1.1 200 OK\nX-Long: a\n b\nContent-Length: 3\n\nxyz") << QByteArray("xyz")
            << qint64(3);
        QTest::newRow("empty body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                                    << QByteArray() << qint64(0);
    }

    void readsBodies()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, body);
        QFETCH(qint64, contentLength);
        Outcome outcome;
        const auto request = exchange(answer, &outcome);
        QVERIFY(request->isFinished());
        QCOMPARE(request->error(), QNetworkReply::NoError);
        QCOMPARE(request->statusCode(), 200);
        QCOMPARE(outcome.body, body);
        QCOMPARE(request->bodyBytesReceived(), qint64(body.size()));
        QCOMPARE(request->contentLength(), contentLength);
        QVERIFY(request->errorBody().isEmpty());
    }

    void keepsAnErrorAnswerForTheMessage()
    {
        RawServer server;
        const QByteArray json = "{\"error\":\"You do not have permissions to use the API\"}";
        server.answer = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(json.size()) + "\r\n\r\n" + json;
        const quint16 port = server.start();
        Outcome outcome;
        const auto request = post(port, &outcome);
        QCOMPARE(request->error(), QNetworkReply::NoError);
        QCOMPARE(request->statusCode(), 403);
        QCOMPARE(request->rawHeader("content-type"), QByteArray("application/json"));
        QCOMPARE(request->errorBody(), json);
        QCOMPARE(outcome.sinkCalls, 0); // an error answer never reaches the consumer
    }

    void reportsBrokenAnswers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("words");
        QTest::newRow("cut off") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b")
                                 << int(QNetworkReply::RemoteHostClosedError)
                                 << QStringLiteral("before the answer was complete");
        QTest::newRow("cut off chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc")
            << int(QNetworkReply::RemoteHostClosedError) << QStringLiteral("before the answer was complete");
        QTest::newRow("no answer") << QByteArray() << int(QNetworkReply::RemoteHostClosedError)
                                   << QStringLiteral("before it answered");
        QTest::newRow("not HTTP") << QByteArray("<html>hello</html>\r\n\r\n")
                                  << int(QNetworkReply::ProtocolFailure) << QStringLiteral("not valid HTTP");
        QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            << int(QNetworkReply::ProtocolFailure) << QStringLiteral("chunk size");
        QTest::newRow("chunk longer than its size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n")
            << int(QNetworkReply::ProtocolFailure) << QStringLiteral("longer than its size");
        QTest::newRow("compressed") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc")
                                    << int(QNetworkReply::ProtocolFailure) << QStringLiteral("compressed");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\nabc")
                                    << int(QNetworkReply::ProtocolFailure)
                                    << QStringLiteral("Content-Length");
        QTest::newRow("header without a name")
            << QByteArray("HTTP/1.1 200 OK\r\n: x\r\n\r\n") << int(QNetworkReply::ProtocolFailure)
            << QStringLiteral("no name");
        QTest::newRow("gzip, chunked")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            << int(QNetworkReply::ProtocolFailure) << QStringLiteral("transfer coding");
        QTest::newRow("two lengths") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                                     << int(QNetworkReply::ProtocolFailure)
                                     << QStringLiteral("two different Content-Length");
        QTest::newRow("endless header line")
            << QByteArray("HTTP/1.1 200 OK\r\nX-Flood: ") + QByteArray(200 * 1024, 'x')
            << int(QNetworkReply::ProtocolFailure) << QStringLiteral("longer than");
    }

    void reportsBrokenAnswers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, error);
        QFETCH(QString, words);
        Outcome outcome;
        const auto request = exchange(answer, &outcome);
        QVERIFY(request->isFinished());
        QCOMPARE(int(request->error()), error);
        QVERIFY2(request->errorString().contains(words), qPrintable(request->errorString()));
    }

    void reportsARefusedConnection()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        Outcome outcome;
        const auto request = post(port, &outcome);
        QVERIFY(request->isFinished());
        QCOMPARE(request->error(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(request->statusCode(), 0);
    }

    void abortFinishesOnce()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n";
        server.bodySize = 10; // then the server waits: the answer never completes
        server.closeAfter = false;
        const quint16 port = server.start();
        HttpStreamingPost request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(port)));
        QSignalSpy finished(&request, &HttpStreamingPost::finished);
        qint64 received = 0;
        request.start("a=1", [&received](const char*, qsizetype size) { received += size; });
        QTRY_COMPARE(received, qint64(10));
        QVERIFY(!request.isFinished());
        request.abort();
        request.abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(request.error(), QNetworkReply::OperationCanceledError);
    }

    // The point of the class: a consumer slower than the network holds the server back. While
    // the consumer is busy, the server gets rid of no more than the socket buffers hold (the
    // client's bounded buffer plus the kernel's windows), not the whole answer; and everything
    // still arrives, in order.
    void slowConsumerHoldsTheServerBack()
    {
        constexpr qint64 size = 48 * 1024 * 1024;
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n";
        server.bodySize = size;
        const quint16 port = server.start();

        HttpStreamingPost request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(port)));
        request.setReadBufferSize(64 * 1024);
        QSignalSpy finished(&request, &HttpStreamingPost::finished);
        qint64 offset = 0;
        qint64 badBytes = 0;
        qint64 writtenWhileBusy = -1;
        qsizetype largestPiece = 0;
        request.start("a=1", [&](const char* data, qsizetype bytes) {
            if (offset == 0) {
                QThread::msleep(1500); // busy: the server keeps writing as long as it can
                writtenWhileBusy = server.written.load();
            }
            largestPiece = qMax(largestPiece, bytes);
            for (qsizetype i = 0; i < bytes; ++i) {
                badBytes += data[i] != patternByte(offset + i);
            }
            offset += bytes;
        });
        QVERIFY(finished.wait(TestEnvironment::scaledMs(60000)));
        QCOMPARE(request.error(), QNetworkReply::NoError);
        QCOMPARE(offset, size);
        QCOMPARE(badBytes, qint64(0));
        QVERIFY2(largestPiece <= 64 * 1024, QByteArray::number(largestPiece).constData());
        // Loopback windows are a few MB at most; an unbounded reader would have taken all 48 MB.
        QVERIFY2(writtenWhileBusy < 16 * 1024 * 1024,
                 qPrintable(QStringLiteral("the server got rid of %1 bytes while the consumer was busy")
                                .arg(writtenWhileBusy)));
    }
};

QTEST_GUILESS_MAIN(TestHttpStreamingPost)
#include "tst_httpstreamingpost.moc"
