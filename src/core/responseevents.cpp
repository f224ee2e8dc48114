#include "responseevents.h"

namespace gloo {

QList<ResponseEvent> ResponseEventSplitter::feed(const QByteArray &piece)
{
    m_pending += piece;
    QList<ResponseEvent> events;
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = m_pending.indexOf('\n', start);
        if (end < 0)
            break;
        QByteArrayView line = QByteArrayView(m_pending).sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(line, events);
        start = end + 1;
    }
    m_pending.remove(0, start);
    return events;
}

QList<ResponseEvent> ResponseEventSplitter::finish()
{
    QList<ResponseEvent> events;
    if (!m_pending.isEmpty()) {
        QByteArrayView line(m_pending);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(line, events);
        m_pending.clear();
    }
    takeLine({}, events);
    return events;
}

bool ResponseEventSplitter::looksLikeEventStream(const QByteArray &start)
{
    return start.startsWith("data:") || start.startsWith("event:") || start.startsWith("id:")
           || start.startsWith(':');
}

void ResponseEventSplitter::takeLine(QByteArrayView line, QList<ResponseEvent> &events)
{
    if (line.isEmpty()) {
        if (m_hasData)
            events.append(m_event);
        m_event = {};
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return;

    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);

    if (field == "data") {
        if (m_hasData)
            m_event.data += '\n';
        m_event.data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_event.name = QString::fromUtf8(value);
    }
}

} // namespace gloo
