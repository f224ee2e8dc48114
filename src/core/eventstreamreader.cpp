#include "eventstreamreader.h"

namespace gloo {

namespace {

const QByteArray byteOrderMark = QByteArrayLiteral("\xEF\xBB\xBF");

} // namespace

QList<ServerSentEvent> EventStreamReader::feed(const QByteArray &bytes)
{
    QList<ServerSentEvent> events;
    // Lines are cut at '\r' and '\n' only, bytes that never occur inside a
    // multi-byte UTF-8 character, so text is decoded only once a whole line
    // is in and a character split between two reads comes out whole.
    // The bytes between two line ends are appended in one piece: a fast
    // stream brings megabytes at a time.
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size) {
        if (data[pos] == '\n' && m_afterCarriageReturn) {
            // The second half of "\r\n", possibly in the next read.
            m_afterCarriageReturn = false;
            ++pos;
            continue;
        }
        m_afterCarriageReturn = false;
        qsizetype end = pos;
        while (end < size && data[end] != '\r' && data[end] != '\n')
            ++end;
        m_line.append(data + pos, end - pos);
        if (end == size)
            break;
        m_afterCarriageReturn = data[end] == '\r';
        processLine(m_line, events);
        // Keeps the capacity for the next line.
        m_line.resize(0);
        pos = end + 1;
    }
    return events;
}

QList<ServerSentEvent> EventStreamReader::finish()
{
    QList<ServerSentEvent> events;
    m_line.clear();
    if (m_hasData)
        dispatch(events);
    reset();
    return events;
}

bool EventStreamReader::hasPendingData() const
{
    return !m_line.isEmpty() || m_hasData;
}

void EventStreamReader::reset()
{
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_id.clear();
    m_hasData = false;
    m_afterCarriageReturn = false;
    m_atStart = true;
}

void EventStreamReader::processLine(const QByteArray &rawLine, QList<ServerSentEvent> &events)
{
    QByteArray line = rawLine;
    if (m_atStart) {
        m_atStart = false;
        if (line.startsWith(byteOrderMark))
            line.remove(0, byteOrderMark.size());
    }

    if (line.isEmpty()) {
        dispatch(events);
        return;
    }
    if (line.startsWith(':'))
        return; // a comment, often sent to keep an idle connection open

    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);

    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_type = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = QString::fromUtf8(value);
    }
    // "retry" and unknown fields mean nothing to a client that does not
    // reconnect by itself.
}

void EventStreamReader::dispatch(QList<ServerSentEvent> &events)
{
    // An event without data lines is not an event, only its type is reset;
    // the id stays, as the last event id does in a browser.
    if (m_hasData)
        events.append({m_type, QString::fromUtf8(m_data), m_id});
    m_data.clear();
    m_type.clear();
    m_hasData = false;
}

} // namespace gloo
