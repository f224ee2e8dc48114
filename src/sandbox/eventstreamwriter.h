#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace gloo::sandbox {

struct SandboxReply;

// Writes one answer as server-sent events over HTTP/1.1 chunked transfer
// encoding, one event per chunk, with a pause before each event, the way a
// model produces its answer piece by piece.
//
// The writer is a child of the socket: if the client goes away, the socket is
// deleted and takes the writer with it. When the stream is done the writer
// deletes itself and leaves the connection open for the next request, unless
// the reply asks for the connection to drop after its last event.
class EventStreamWriter final : public QObject
{
    Q_OBJECT

public:
    static void start(QHttpServerResponder &&responder, QTcpSocket *socket,
                      const SandboxReply &reply);

private:
    EventStreamWriter(QHttpServerResponder &&responder, QTcpSocket *socket,
                      const SandboxReply &reply);

    void writeHeaders(const SandboxReply &reply);
    void writeNextEvent();
    void writeChunk(const QByteArray &data);
    void finish();

    std::unique_ptr<QHttpServerResponder> m_responder;
    QTcpSocket *m_socket;
    QList<QByteArray> m_events;
    bool m_dropAfterEvents;
    qsizetype m_next = 0;
    QTimer m_timer;
};

} // namespace gloo::sandbox
