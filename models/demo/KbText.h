#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

// Small builders of the HTML subset the knowledge base's bodies use (what QTextDocument reads back),
// shared by the knowledge-base writer's files.

namespace telcodesk::demo::kbtext {

/// A text in Chinese and in English.
struct Pair
{
    const char* zh;
    const char* en;
};

inline QString L(bool zh, const char* chinese, const char* english)
{
    return QString::fromUtf8(zh ? chinese : english);
}
inline QString L(bool zh, const Pair& pair) { return L(zh, pair.zh, pair.en); }

inline QString h3(const QString& text) { return QLatin1String("<h3>") + text + QLatin1String("</h3>"); }
inline QString para(const QString& text) { return QLatin1String("<p>") + text + QLatin1String("</p>"); }

inline QString list(const QStringList& items, bool ordered)
{
    QString html = QLatin1String(ordered ? "<ol>" : "<ul>");
    for (const QString& item : items)
        html += QLatin1String("<li>") + item + QLatin1String("</li>");
    return html + QLatin1String(ordered ? "</ol>" : "</ul>");
}

inline QString table(const QStringList& head, const QVector<QStringList>& rows)
{
    QString html = QStringLiteral("<table border=\"1\" cellpadding=\"3\"><tr>");
    for (const QString& h : head)
        html += QLatin1String("<th>") + h + QLatin1String("</th>");
    html += QLatin1String("</tr>");
    for (const QStringList& row : rows) {
        html += QLatin1String("<tr>");
        for (const QString& cell : row)
            html += QLatin1String("<td>") + cell + QLatin1String("</td>");
        html += QLatin1String("</tr>");
    }
    return html + QLatin1String("</table>");
}

/// Money in fen as agents write it: "199元", "29.9元" / "CNY 199".
inline QString yuan(int fen, bool zh)
{
    const QString amount = fen % 100 == 0 ? QString::number(fen / 100)
                                          : QString::number(double(fen) / 100.0, 'f', fen % 10 == 0 ? 1 : 2);
    return zh ? QString(amount + QChar(0x5143)) : QString(QLatin1String("CNY ") + amount);
}

/// A data allowance: "40GB", "500MB".
inline QString dataText(int mb)
{
    if (mb >= 1024 && mb % 1024 == 0)
        return QString::number(mb / 1024) + QLatin1String("GB");
    return QString::number(mb) + QLatin1String("MB");
}

} // namespace telcodesk::demo::kbtext
