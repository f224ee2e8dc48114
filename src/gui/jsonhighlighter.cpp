#include "jsonhighlighter.h"

#include <QColor>
#include <QFont>
#include <QTextCharFormat>

namespace gloo::gui {

namespace {

bool startsNumber(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-');
}

bool inNumber(QChar c)
{
    return c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char('e') || c == QLatin1Char('E')
           || c == QLatin1Char('+') || c == QLatin1Char('-');
}

struct Palette
{
    Palette()
    {
        key.setForeground(QColor(0x88, 0x1e, 0x8c));
        string.setForeground(QColor(0x1e, 0x6b, 0x2f));
        number.setForeground(QColor(0x0d, 0x47, 0xa1));
        keyword.setForeground(QColor(0xb2, 0x4a, 0x00));
        keyword.setFontWeight(QFont::DemiBold);
    }

    QTextCharFormat key;
    QTextCharFormat string;
    QTextCharFormat number;
    QTextCharFormat keyword;
};

} // namespace

QList<QTextLayout::FormatRange> JsonHighlighter::formats(QStringView text)
{
    static const Palette palette;
    QList<QTextLayout::FormatRange> ranges;
    const auto add = [&ranges](qsizetype start, qsizetype end, const QTextCharFormat &format) {
        ranges.append({int(start), int(end - start), format});
    };

    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < size && text.at(end) != QLatin1Char('"'))
                end += text.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = qMin(end + 1, size);
            // A string followed by ':' is a member name.
            qsizetype next = end;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool isKey = next < size && text.at(next) == QLatin1Char(':');
            add(i, end, isKey ? palette.key : palette.string);
            i = end;
        } else if (startsNumber(c)) {
            qsizetype end = i + 1;
            while (end < size && inNumber(text.at(end)))
                ++end;
            add(i, end, palette.number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < size && text.at(end).isLetter())
                ++end;
            add(i, end, palette.keyword);
            i = end;
        } else {
            ++i;
        }
    }
    return ranges;
}

} // namespace gloo::gui
