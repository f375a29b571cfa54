#include "redcap/RedcapErrorParser.h"

#include <QTest>

using namespace Lantir;

Q_DECLARE_METATYPE(Lantir::Error::Kind)

class TestRedcapErrorParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void authMessageIsExact();
    void redcapMessage_data();
    void redcapMessage();
    void isHtml_data();
    void isHtml();
    void htmlTitle_data();
    void htmlTitle();
    void shorten_data();
    void shorten();
    void retryableStatus_data();
    void retryableStatus();
};

void TestRedcapErrorParser::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<Error::Kind>("kind");
    // Every entry must appear in the message.
    QTest::addColumn<QStringList>("expected");

    const QByteArray json = "application/json";
    const QByteArray html = "text/html; charset=UTF-8";

    QTest::newRow("403 json error") << 403
                                    << QByteArray(R"({"error":"You do not have permissions to use the API"})")
                                    << json << Error::Kind::Auth
                                    << QStringList { QStringLiteral(
                                                         "REDCap refused the API token (403: You do not "
                                                         "have permissions to use the API)"),
                                                     QStringLiteral("API export rights") };
    QTest::newRow("401 xml error") << 401
                                   << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<hash>\n  "
                                                 "<error>The token is not valid</error>\n</hash>")
                                   << QByteArray("text/xml") << Error::Kind::Auth
                                   << QStringList { QStringLiteral("(401: The token is not valid)"),
                                                    QStringLiteral("Check the token") };
    QTest::newRow("400 csv error") << 400
                                   << QByteArray(
                                          "ERROR: The following values in the parameter \"fields\" are not "
                                          "valid: 'mri_dat'")
                                   << QByteArray("text/csv") << Error::Kind::Http
                                   << QStringList { QStringLiteral(
                                                        "400: The following values in the parameter "
                                                        "\"fields\" are not valid: 'mri_dat'"),
                                                    QStringLiteral("field names") };
    QTest::newRow("400 quoted csv error")
        << 400 << QByteArray("\"ERROR: Invalid date range\"") << QByteArray() << Error::Kind::Http
        << QStringList { QStringLiteral("(400: Invalid date range)") };
    QTest::newRow("404 empty body") << 404 << QByteArray() << QByteArray() << Error::Kind::Http
                                    << QStringList { QStringLiteral("(404)"),
                                                     QStringLiteral("check the API URL ends with /api/") };
    QTest::newRow("404 web page") << 404
                                  << QByteArray(
                                         "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                                         "<body><h1>Not Found</h1></body></html>")
                                  << html << Error::Kind::Http
                                  << QStringList { QStringLiteral("404: a web page titled \"404 Not Found\""),
                                                   QStringLiteral("/api/") };
    QTest::newRow("405 method") << 405 << QByteArray() << QByteArray() << Error::Kind::Http
                                << QStringList { QStringLiteral("(405)"), QStringLiteral("/api/") };
    QTest::newRow("407 proxy login") << 407 << QByteArray() << QByteArray() << Error::Kind::Http
                                     << QStringList { QStringLiteral("proxy"), QStringLiteral("(407)") };
    QTest::newRow("408") << 408 << QByteArray() << QByteArray() << Error::Kind::Http
                         << QStringList { QStringLiteral("(408)"), QStringLiteral("try again later") };
    QTest::newRow("413 batch") << 413 << QByteArray() << QByteArray() << Error::Kind::Http
                               << QStringList { QStringLiteral("(413)"),
                                                QStringLiteral("smaller batch size") };
    QTest::newRow("429") << 429 << QByteArray(R"({"error":"Too many requests"})") << json << Error::Kind::Http
                         << QStringList { QStringLiteral("(429: Too many requests)"),
                                          QStringLiteral("Sync less often") };
    QTest::newRow("500 memory")
        << 500
        << QByteArray(R"({"error":"REDCap ran out of server memory. The request cannot be processed."})")
        << json << Error::Kind::Http
        << QStringList { QStringLiteral("500: REDCap ran out of server memory"),
                         QStringLiteral("smaller batch size") };
    QTest::newRow("502 proxy page") << 502
                                    << QByteArray("<html>\r\n<body><h1>502 Bad Gateway</h1></body></html>")
                                    << html << Error::Kind::Http
                                    << QStringList { QStringLiteral(
                                                         "(502: a web page titled \"502 Bad Gateway\")"),
                                                     QStringLiteral("Try again later") };
    QTest::newRow("503 plain text") << 503 << QByteArray("Service Unavailable\n") << QByteArray("text/plain")
                                    << Error::Kind::Http
                                    << QStringList { QStringLiteral("(503: Service Unavailable)") };
    QTest::newRow("504 no body") << 504 << QByteArray() << QByteArray() << Error::Kind::Http
                                 << QStringList { QStringLiteral("(504)"), QStringLiteral("proxy") };
    QTest::newRow("507 other 5xx") << 507 << QByteArray() << QByteArray() << Error::Kind::Http
                                   << QStringList { QStringLiteral("(507)"),
                                                    QStringLiteral("REDCap server failed") };
    QTest::newRow("500 binary body") << 500 << QByteArray("\x00\x01\x02\xff\xfe garbage", 13) << QByteArray()
                                     << Error::Kind::Http << QStringList { QStringLiteral("error (500).") };
    QTest::newRow("418 other 4xx") << 418 << QByteArray() << QByteArray() << Error::Kind::Http
                                   << QStringList { QStringLiteral("(418)") };
    QTest::newRow("301 redirect") << 301 << QByteArray() << QByteArray() << Error::Kind::Http
                                  << QStringList { QStringLiteral("redirected"), QStringLiteral("/api/") };
    QTest::newRow("no status") << 0 << QByteArray() << QByteArray() << Error::Kind::Network
                               << QStringList { QStringLiteral("No HTTP answer") };
    QTest::newRow("error object value")
        << 400 << QByteArray(R"({"error":{"code":5,"text":"bad"}})") << json << Error::Kind::Http
        << QStringList { QStringLiteral(R"((400: {"code":5,"text":"bad"}))") };
    QTest::newRow("multi-line text folded")
        << 400 << QByteArray("{\"error\":\"line one\\nline\\ttwo\"}") << json << Error::Kind::Http
        << QStringList { QStringLiteral("(400: line one line two)") };
    QTest::newRow("BOM and white space")
        << 403 << QByteArray("\xEF\xBB\xBF \n {\"error\":\"No rights\"}") << json << Error::Kind::Auth
        << QStringList { QStringLiteral("(403: No rights)") };
    QTest::newRow("long text shortened")
        << 400 << (QByteArray("{\"error\":\"") + QByteArray(1000, 'x') + "\"}") << json << Error::Kind::Http
        << QStringList { QString(QLatin1Char('x')).repeated(297) + QStringLiteral("...)") };

    // 2xx: an error document or a web page is an error, anything else is data for the caller.
    QTest::newRow("200 json error") << 200 << QByteArray(R"({"error":"Invalid record"})") << json
                                    << Error::Kind::Response
                                    << QStringList { QStringLiteral(
                                           "REDCap reported an error: \"Invalid record\"") };
    QTest::newRow("200 xml error") << 200 << QByteArray("<hash><error>Bad fields</error></hash>")
                                   << QByteArray("text/xml") << Error::Kind::Response
                                   << QStringList { QStringLiteral("\"Bad fields\"") };
    QTest::newRow("200 csv error") << 200 << QByteArray("ERROR: no access") << QByteArray("text/csv")
                                   << Error::Kind::Response
                                   << QStringList { QStringLiteral("\"no access\"") };
    QTest::newRow("200 login page") << 200
                                    << QByteArray(
                                           "\n\n<!doctype HTML><html><head><title>REDCap &amp; Login</title>"
                                           "</head><body><form></form></body></html>")
                                    << html << Error::Kind::Response
                                    << QStringList { QStringLiteral("web page (titled \"REDCap & Login\")"),
                                                     QStringLiteral("proxy"), QStringLiteral("/api/") };
    QTest::newRow("200 html by content type")
        << 200 << QByteArray("<p>Maintenance</p>") << html << Error::Kind::Response
        << QStringList { QStringLiteral("web page") };
    QTest::newRow("200 records") << 200 << QByteArray(R"([{"record_id":"1"}])") << json << Error::Kind::None
                                 << QStringList();
    QTest::newRow("200 records labelled text/html")
        << 200 << QByteArray(R"([{"record_id":"1"}])") << html << Error::Kind::None << QStringList();
    QTest::newRow("200 object without error")
        << 200 << QByteArray(R"({"record_id":"1"})") << json << Error::Kind::None << QStringList();
    QTest::newRow("200 version") << 200 << QByteArray("14.9.1") << QByteArray("text/html")
                                 << Error::Kind::None << QStringList();
    QTest::newRow("200 empty") << 200 << QByteArray() << QByteArray() << Error::Kind::None << QStringList();
    QTest::newRow("204 empty") << 204 << QByteArray() << QByteArray() << Error::Kind::None << QStringList();
}

void TestRedcapErrorParser::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(Error::Kind, kind);
    QFETCH(QStringList, expected);

    const Error error = RedcapErrorParser::parse(status, body, contentType);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.isError(), kind != Error::Kind::None);
    if (kind == Error::Kind::None) {
        QVERIFY(error.message.isEmpty());
    }
    for (const QString& part : expected) {
        QVERIFY2(error.message.contains(part),
                 qPrintable(QStringLiteral("\"%1\" not in \"%2\"").arg(part, error.message)));
    }
    // Messages stay on one line and end as a sentence.
    QVERIFY(!error.message.contains(u'\n'));
    if (error.isError()) {
        QVERIFY2(error.message.endsWith(u'.'), qPrintable(error.message));
    }
}

void TestRedcapErrorParser::authMessageIsExact()
{
    const Error error
        = RedcapErrorParser::parse(403, R"({"error":"You do not have API rights"})", "application/json");
    QCOMPARE(error.kind, Error::Kind::Auth);
    QCOMPARE(
        error.message,
        QStringLiteral("REDCap refused the API token (403: You do not have API rights). Check the token and "
                       "that this user has API export rights."));
}

void TestRedcapErrorParser::redcapMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("acceptPlainText");
    QTest::addColumn<QString>("expected");

    QTest::newRow("json") << QByteArray(R"({"error":"A"})") << true << QStringLiteral("A");
    QTest::newRow("json number") << QByteArray(R"({"error":42})") << true << QStringLiteral("42");
    QTest::newRow("json without error key, plain allowed")
        << QByteArray(R"({"message":"x"})") << true << QStringLiteral(R"({"message":"x"})");
    QTest::newRow("json without error key, plain refused")
        << QByteArray(R"({"message":"x"})") << false << QString();
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><hash><error>B &amp; C</error></hash>")
                         << false << QStringLiteral("B & C");
    QTest::newRow("csv") << QByteArray("ERROR: D\n") << false << QStringLiteral("D");
    QTest::newRow("csv lower case") << QByteArray("error: E") << false << QStringLiteral("E");
    QTest::newRow("plain text") << QByteArray("Bad thing happened") << true
                                << QStringLiteral("Bad thing happened");
    QTest::newRow("plain text refused") << QByteArray("Bad thing happened") << false << QString();
    QTest::newRow("html has no message") << QByteArray("<html><title>T</title></html>") << true << QString();
    QTest::newRow("binary") << QByteArray("\x01\x02\x03\x04", 4) << true << QString();
    QTest::newRow("invalid utf-8") << QByteArray("abc\xff\xfe") << true << QString();
    QTest::newRow("empty") << QByteArray() << true << QString();
    QTest::newRow("white space only") << QByteArray(" \r\n\t ") << true << QString();
    QTest::newRow("truncated json is plain")
        << QByteArray(R"({"error":"cut)") << true << QStringLiteral(R"({"error":"cut)");
    QTest::newRow("unicode kept") << QByteArray("{\"error\":\"Zugriff verweigert \xc3\xa4\"}") << false
                                  << QStringLiteral("Zugriff verweigert \u00e4");
}

void TestRedcapErrorParser::redcapMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, acceptPlainText);
    QFETCH(QString, expected);
    QCOMPARE(RedcapErrorParser::redcapMessage(body, acceptPlainText), expected);
}

void TestRedcapErrorParser::isHtml_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("expected");

    QTest::newRow("doctype") << QByteArray("<!DOCTYPE html><html></html>") << QByteArray() << true;
    QTest::newRow("doctype lower, leading space")
        << QByteArray("  \n<!doctype html>") << QByteArray() << true;
    QTest::newRow("html tag") << QByteArray("<HTML><BODY>x</BODY></HTML>") << QByteArray() << true;
    QTest::newRow("comment first") << QByteArray("<!-- proxy --><html></html>") << QByteArray() << true;
    QTest::newRow("xhtml prolog") << QByteArray(
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">")
                                  << QByteArray() << true;
    QTest::newRow("body fragment") << QByteArray("<body>Down</body>") << QByteArray() << true;
    QTest::newRow("fragment by content type")
        << QByteArray("<div>x</div>") << QByteArray("text/html") << true;
    QTest::newRow("xml error with html type")
        << QByteArray("<hash><error>x</error></hash>") << QByteArray("text/html") << false;
    QTest::newRow("json with html type") << QByteArray("[]") << QByteArray("text/html") << false;
    QTest::newRow("json") << QByteArray(R"({"error":"<html>"})") << QByteArray() << false;
    QTest::newRow("xml") << QByteArray("<?xml version=\"1.0\"?><records/>") << QByteArray("text/xml")
                         << false;
    QTest::newRow("empty") << QByteArray() << QByteArray("text/html") << false;
}

void TestRedcapErrorParser::isHtml()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, expected);
    QCOMPARE(RedcapErrorParser::isHtml(body, contentType), expected);
}

void TestRedcapErrorParser::htmlTitle_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("title") << QByteArray("<html><head><title>Sign in</title></head></html>")
                           << QStringLiteral("Sign in");
    QTest::newRow("title with attributes and lines")
        << QByteArray("<html><TITLE lang=\"en\">\n  Service\n  Unavailable </TITLE>")
        << QStringLiteral("Service Unavailable");
    QTest::newRow("entities") << QByteArray("<title>A &lt;B&gt; &quot;C&quot; &#39;D&#39;</title>")
                              << QStringLiteral("A <B> \"C\" 'D'");
    QTest::newRow("h1 fallback with nested tags")
        << QByteArray("<html><body><h1 class=x><b>502</b> Bad Gateway</h1>")
        << QStringLiteral("502 Bad Gateway");
    QTest::newRow("titlebar is not title")
        << QByteArray("<html><titlebar>x</titlebar><h1>Real</h1>") << QStringLiteral("Real");
    QTest::newRow("unterminated title") << QByteArray("<html><title>Half") << QStringLiteral("Half");
    QTest::newRow("none") << QByteArray("<html><body>x</body></html>") << QString();
    QTest::newRow("long title shortened") << (QByteArray("<title>") + QByteArray(500, 'y') + "</title>")
                                          << QString(QLatin1Char('y')).repeated(117) + QStringLiteral("...");
}

void TestRedcapErrorParser::htmlTitle()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(RedcapErrorParser::htmlTitle(body), expected);
}

void TestRedcapErrorParser::shorten_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unchanged") << QStringLiteral("abc") << 10 << QStringLiteral("abc");
    QTest::newRow("folded") << QStringLiteral("  a\r\n\tb \x01 c ") << 10 << QStringLiteral("a b c");
    QTest::newRow("cut") << QStringLiteral("abcdefghijkl") << 8 << QStringLiteral("abcde...");
    QTest::newRow("cut trims space") << QStringLiteral("abcd efghijkl") << 8 << QStringLiteral("abcd...");
    QTest::newRow("no half surrogate")
        << (QStringLiteral("abcd") + QString::fromUcs4(U"\U0001F600") + QStringLiteral("xyz")) << 8
        << QStringLiteral("abcd...");
    QTest::newRow("empty") << QString() << 5 << QString();
}

void TestRedcapErrorParser::shorten()
{
    QFETCH(QString, text);
    QFETCH(int, maxChars);
    QFETCH(QString, expected);
    QCOMPARE(RedcapErrorParser::shorten(text, maxChars), expected);
}

void TestRedcapErrorParser::retryableStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");

    for (int status : { 408, 429, 500, 502, 503, 504, 599 }) {
        QTest::addRow("%d", status) << status << true;
    }
    for (int status : { 200, 301, 400, 401, 403, 404, 405, 413, 600 }) {
        QTest::addRow("%d", status) << status << false;
    }
}

void TestRedcapErrorParser::retryableStatus()
{
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(RedcapErrorParser::isRetryableStatus(status), retryable);
}

QTEST_GUILESS_MAIN(TestRedcapErrorParser)
#include "tst_redcaperrorparser.moc"
