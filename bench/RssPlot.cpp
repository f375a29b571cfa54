#include "RssPlot.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <functional>

namespace Lantir::Bench {

bool drawRssPlot(const QList<CycleReport>& reports, const QString& title, const QString& path)
{
    if (reports.isEmpty())
        return false;
    const int width = 1200, height = 600;
    const QRectF plot(80, 50, width - 260, height - 110);
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);

    struct Series
    {
        QString name;
        QColor color;
        std::function<qint64(const CycleReport&)> value;
    };
    const QList<Series> series {
        { QStringLiteral("start"), QColor(0x1f, 0x77, 0xb4),
          [](const CycleReport& r) { return r.rssStartKb; } },
        { QStringLiteral("peak"), QColor(0xd6, 0x27, 0x28),
          [](const CycleReport& r) { return r.rssPeakKb; } },
        { QStringLiteral("end"), QColor(0x2c, 0xa0, 0x2c), [](const CycleReport& r) { return r.rssEndKb; } },
        { QStringLiteral("released"), QColor(0x94, 0x67, 0xbd),
          [](const CycleReport& r) { return r.rssReleasedKb; } },
    };
    double lo = 1e18, hi = 0;
    for (const CycleReport& r : reports) {
        for (const Series& s : series) {
            const qint64 v = s.value(r);
            if (v < 0)
                continue;
            lo = std::min(lo, v / 1024.0);
            hi = std::max(hi, v / 1024.0);
        }
    }
    if (hi <= lo)
        hi = lo + 1;
    lo = std::max(0.0, lo - (hi - lo) * 0.1);
    hi += (hi - lo) * 0.1;
    const int n = static_cast<int>(reports.size());
    const auto x = [&](int i) { return plot.left() + (n > 1 ? plot.width() * i / (n - 1) : 0); };
    const auto y = [&](double mb) { return plot.bottom() - plot.height() * (mb - lo) / (hi - lo); };

    p.setPen(QColor(0xdd, 0xdd, 0xdd));
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);
    for (int t = 0; t <= 5; ++t) {
        const double mb = lo + (hi - lo) * t / 5;
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
        p.drawLine(QPointF(plot.left(), y(mb)), QPointF(plot.right(), y(mb)));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y(mb) - 8, plot.left() - 8, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(mb, 'f', 1));
    }
    for (int t = 0; t <= 5; ++t) {
        const int i = (n - 1) * t / 5;
        p.drawText(QRectF(x(i) - 40, plot.bottom() + 6, 80, 16), Qt::AlignCenter,
                   QString::number(reports[i].cycle));
    }
    p.setPen(Qt::black);
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 26, plot.width(), 18), Qt::AlignCenter,
               QStringLiteral("cycle"));
    p.save();
    p.translate(18, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-100, -10, 200, 20), Qt::AlignCenter, QStringLiteral("RSS (MB)"));
    p.restore();
    font.setPixelSize(16);
    font.setBold(true);
    p.setFont(font);
    p.drawText(QRectF(0, 10, width, 30), Qt::AlignCenter, title);
    font.setPixelSize(13);
    font.setBold(false);
    p.setFont(font);

    int legendY = static_cast<int>(plot.top()) + 10;
    for (const Series& s : series) {
        QPainterPath line;
        bool started = false;
        for (int i = 0; i < n; ++i) {
            const qint64 v = s.value(reports[i]);
            if (v < 0)
                continue;
            const QPointF pt(x(i), y(v / 1024.0));
            if (!started) {
                line.moveTo(pt);
                started = true;
            } else {
                line.lineTo(pt);
            }
        }
        p.setPen(QPen(s.color, 1.6));
        p.drawPath(line);
        p.drawLine(QPointF(plot.right() + 20, legendY), QPointF(plot.right() + 50, legendY));
        p.setPen(Qt::black);
        p.drawText(QPointF(plot.right() + 58, legendY + 5), s.name);
        legendY += 22;
    }
    p.end();
    return image.save(path, "PNG");
}

} // namespace Lantir::Bench
