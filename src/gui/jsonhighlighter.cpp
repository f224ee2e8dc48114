#include "jsonhighlighter.h"

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

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_key.setForeground(QColor(0x88, 0x1e, 0x8c));
    m_string.setForeground(QColor(0x1e, 0x6b, 0x2f));
    m_number.setForeground(QColor(0x0d, 0x47, 0xa1));
    m_keyword.setForeground(QColor(0xb2, 0x4a, 0x00));
    m_keyword.setFontWeight(QFont::DemiBold);
}

void JsonHighlighter::highlightBlock(const QString &text)
{
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
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (startsNumber(c)) {
            qsizetype end = i + 1;
            while (end < size && inNumber(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < size && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_keyword);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace gloo::gui
