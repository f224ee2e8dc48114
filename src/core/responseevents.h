#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gloo {

// One server-sent event as the console shows it.
struct ResponseEvent
{
    QString name;
    QByteArray data;
};

// Splits a text/event-stream body into events as its pieces arrive, however
// the network cut them: events split across pieces, "\r\n" line ends,
// comment lines and multi-line data fields.
class ResponseEventSplitter
{
public:
    QList<ResponseEvent> feed(const QByteArray &piece);
    // Whatever is left when the stream ends without a closing blank line.
    QList<ResponseEvent> finish();

    // Whether a body's first bytes look like an event stream.
    static bool looksLikeEventStream(const QByteArray &start);

private:
    void takeLine(QByteArrayView line, QList<ResponseEvent> &events);

    QByteArray m_pending;
    ResponseEvent m_event;
    bool m_hasData = false;
};

} // namespace gloo
