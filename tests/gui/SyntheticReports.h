#pragma once

// Cycle reports made up for tests, and settings isolation (header only; no simulator needed).

#include "store/CycleReport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSettings>
#include <QStandardPaths>

namespace Lantir::Test {

// `count` cycles, `stepSeconds` apart, the last one ending at `last`; RSS grows slowly with a
// little wobble so decimation has something to fold.
inline QList<CycleReport> syntheticReports(int count, const QDateTime& last, int stepSeconds = 1800)
{
    QList<CycleReport> reports;
    reports.reserve(count);
    const QDateTime first = last.addSecs(-qint64(stepSeconds) * (count - 1));
    for (int i = 0; i < count; ++i) {
        CycleReport r;
        r.cycle = i + 1;
        r.startedAt = first.addSecs(qint64(stepSeconds) * i).toUTC();
        r.ok = (i % 97) != 96;
        r.error = r.ok ? QString() : QStringLiteral("REDCap answered HTTP 503");
        r.durationMs = 400 + (i % 13) * 10;
        r.rowsFetched = 100 + i % 7;
        r.records = 50;
        r.entries = 100;
        r.inserted = i % 3;
        r.updated = i % 5;
        r.unchanged = 100 - r.inserted - r.updated;
        r.rssStartKb = 40 * 1024 + (i % 10) * 100;
        r.rssPeakKb = r.rssStartKb + 8 * 1024 + (i % 17) * 50;
        r.rssEndKb = r.rssStartKb + 512;
        reports.append(r);
    }
    return reports;
}

// Settings of the suite's own, never the user's, and empty at the start.
inline void isolateSettings(const char* suite)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LantirTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(suite));
    QSettings().clear();
}

} // namespace Lantir::Test
