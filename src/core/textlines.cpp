#include "textlines.h"

#include <algorithm>

namespace gloo {

TextLines::TextLines(const QString &text)
    : m_text(text)
{
    indexFrom(0);
}

qsizetype TextLines::lineLength(qsizetype line) const
{
    const qsizetype end = line + 1 < m_starts.size() ? m_starts.at(line + 1) - 1 : m_text.size();
    return end - m_starts.at(line);
}

QStringView TextLines::line(qsizetype line) const
{
    return QStringView(m_text).sliced(m_starts.at(line), lineLength(line));
}

qsizetype TextLines::lineAt(qsizetype position) const
{
    const auto after = std::upper_bound(m_starts.cbegin(), m_starts.cend(), position);
    return qMax<qsizetype>(0, (after - m_starts.cbegin()) - 1);
}

void TextLines::append(QStringView more)
{
    if (more.isEmpty())
        return;
    const qsizetype from = m_text.size();
    m_text.append(more);
    indexFrom(from);
}

void TextLines::clear()
{
    m_text.clear();
    m_starts = {0};
    m_longest = 0;
}

// Indexes the line breaks from 'from' on; the last line so far may grow.
void TextLines::indexFrom(qsizetype from)
{
    const QStringView text(m_text);
    qsizetype position = from;
    for (;;) {
        const qsizetype lineBreak = text.indexOf(QLatin1Char('\n'), position);
        if (lineBreak < 0)
            break;
        m_longest = qMax(m_longest, lineBreak - m_starts.last());
        m_starts.append(lineBreak + 1);
        position = lineBreak + 1;
    }
    m_longest = qMax(m_longest, text.size() - m_starts.last());
}

} // namespace gloo
