#include "worklist/StudyUid.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <array>
#include <cstdint>

using namespace Lantir;

class TestStudyUid : public QObject
{
    Q_OBJECT

private:
    // Parses a decimal string back into 16 big-endian bytes (multiply-and-add on 32-bit limbs), an
    // independent path to check the conversion against.
    static QByteArray decimalToBytes(const QString& decimal, bool* overflow)
    {
        std::array<std::uint32_t, 4> limbs {};
        *overflow = false;
        for (const QChar ch : decimal) {
            std::uint64_t carry = static_cast<std::uint64_t>(ch.unicode() - u'0');
            for (std::size_t i = limbs.size(); i-- > 0;) {
                const std::uint64_t value = static_cast<std::uint64_t>(limbs[i]) * 10u + carry;
                limbs[i] = static_cast<std::uint32_t>(value & 0xffffffffu);
                carry = value >> 32;
            }
            if (carry != 0)
                *overflow = true;
        }
        QByteArray bytes;
        for (const std::uint32_t limb : limbs) {
            bytes.append(static_cast<char>((limb >> 24) & 0xff));
            bytes.append(static_cast<char>((limb >> 16) & 0xff));
            bytes.append(static_cast<char>((limb >> 8) & 0xff));
            bytes.append(static_cast<char>(limb & 0xff));
        }
        return bytes;
    }

private Q_SLOTS:
    void knownUuids_data()
    {
        QTest::addColumn<QString>("uuid");
        QTest::addColumn<QString>("uid");
        // The example of DICOM PS3.5 §B.2.
        QTest::newRow("dicom example") << QStringLiteral("{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}")
                                       << QStringLiteral("2.25.329800735698586629295641978511506172918");
        QTest::newRow("null uuid") << QStringLiteral("{00000000-0000-0000-0000-000000000000}")
                                   << QStringLiteral("2.25.0");
        QTest::newRow("one") << QStringLiteral("{00000000-0000-0000-0000-000000000001}")
                             << QStringLiteral("2.25.1");
        QTest::newRow("2^32") << QStringLiteral("{00000000-0000-0000-0000-000100000000}")
                              << QStringLiteral("2.25.4294967296");
        QTest::newRow("2^64") << QStringLiteral("{00000000-0000-0001-0000-000000000000}")
                              << QStringLiteral("2.25.18446744073709551616");
        QTest::newRow("2^96") << QStringLiteral("{00000001-0000-0000-0000-000000000000}")
                              << QStringLiteral("2.25.79228162514264337593543950336");
        QTest::newRow("10^9 boundary")
            << QStringLiteral("{00000000-0000-0000-0000-00003b9aca00}") << QStringLiteral("2.25.1000000000");
        QTest::newRow("max") << QStringLiteral("{ffffffff-ffff-ffff-ffff-ffffffffffff}")
                             << QStringLiteral("2.25.340282366920938463463374607431768211455");
    }

    void knownUuids()
    {
        QFETCH(QString, uuid);
        QFETCH(QString, uid);
        const QUuid parsed(uuid);
        QCOMPARE(parsed.toString(), uuid); // parsed as written
        QCOMPARE(StudyUid::fromUuid(parsed), uid);
    }

    void generatedFormat()
    {
        static const QRegularExpression pattern(QStringLiteral("^2\\.25\\.(0|[1-9][0-9]*)$"));
        QSet<QString> seen;
        for (int i = 0; i < 2000; ++i) {
            const QString uid = StudyUid::generate();
            QVERIFY2(pattern.match(uid).hasMatch(), qPrintable(uid));
            QVERIFY2(uid.size() <= 64, qPrintable(uid));
            QVERIFY(uid.size() <= 44); // "2.25." + at most 39 digits
            seen.insert(uid);
        }
        QCOMPARE(seen.size(), 2000);
    }

    void decimalRoundTrip()
    {
        for (int i = 0; i < 500; ++i) {
            const QUuid uuid = QUuid::createUuid();
            const QString decimal = StudyUid::uuidToDecimal(uuid);
            QVERIFY(!decimal.startsWith(QLatin1Char('0')));
            bool overflow = false;
            QCOMPARE(decimalToBytes(decimal, &overflow), uuid.toRfc4122());
            QVERIFY(!overflow);
        }
    }
};

QTEST_GUILESS_MAIN(TestStudyUid)
#include "tst_studyuid.moc"
