#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gloo {

// One server-sent event: the "data:" lines joined with "\n", and the event
// type and id when the server named them.
struct ServerSentEvent
{
    QString type;
    QString data;
    QString id;

    bool operator==(const ServerSentEvent &other) const
    {
        return type == other.type && data == other.data && id == other.id;
    }
};

// Splits a text/event-stream body into events, fed in whatever pieces the
// network delivers: a line, an event or even a UTF-8 character may be cut
// anywhere. Lines may end in "\n", "\r\n" or "\r"; lines starting with ':'
// are comments. Knows nothing about what the events mean.
class EventStreamReader
{
public:
    // The events completed by this piece of the body, in order.
    QList<ServerSentEvent> feed(const QByteArray &bytes);

    // The body has ended. Returns an event whose data lines all arrived but
    // whose closing blank line did not, because servers sometimes omit it
    // and a dropped connection can cut it off; a line cut off in the middle
    // is discarded.
    QList<ServerSentEvent> finish();

    // Whether part of an event or of a line is waiting for more bytes.
    bool hasPendingData() const;

    void reset();

private:
    void processLine(const QByteArray &line, QList<ServerSentEvent> &events);
    void dispatch(QList<ServerSentEvent> &events);

    QByteArray m_line;
    QByteArray m_data;
    QString m_type;
    QString m_id;
    bool m_hasData = false;
    bool m_afterCarriageReturn = false;
    bool m_atStart = true;
};

} // namespace gloo
