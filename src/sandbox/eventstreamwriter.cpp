#include "eventstreamwriter.h"

#include "sandboxhttp.h"
#include "sandboxlogging.h"

#include <QTcpSocket>

#include <algorithm>

namespace gloo::sandbox {

void EventStreamWriter::start(QHttpServerResponder &&responder, QTcpSocket *socket,
                              const SandboxReply &reply)
{
    // Owned by the socket from here on; see the class comment.
    new EventStreamWriter(std::move(responder), socket, reply);
}

EventStreamWriter::EventStreamWriter(QHttpServerResponder &&responder, QTcpSocket *socket,
                                     const SandboxReply &reply)
    : QObject(socket)
    , m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(socket)
    , m_events(reply.events)
    , m_dropAfterEvents(reply.dropAfterEvents)
{
    writeHeaders(reply);

    m_timer.setInterval(std::max(0, reply.eventDelayMs));
    connect(&m_timer, &QTimer::timeout, this, &EventStreamWriter::writeNextEvent);
    m_timer.start();
}

void EventStreamWriter::writeHeaders(const SandboxReply &reply)
{
    m_responder->writeStatusLine(reply.status);
    m_responder->writeHeader(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("text/event-stream; charset=utf-8"));
    m_responder->writeHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    m_responder->writeHeader(QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked"));
    for (const auto &header : reply.headers)
        m_responder->writeHeader(header.first, header.second);

    // The first body write ends the header block; an empty one sends no data.
    m_responder->writeBody(QByteArray());
    m_socket->flush();
}

void EventStreamWriter::writeNextEvent()
{
    // The client may have gone away between two events.
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        qCInfo(lcSandbox) << "stream abandoned by the client after" << m_next << "events";
        m_timer.stop();
        deleteLater();
        return;
    }

    if (m_next < m_events.size()) {
        writeChunk("data: " + m_events.at(m_next++) + "\n\n");
        return;
    }
    finish();
}

void EventStreamWriter::writeChunk(const QByteArray &data)
{
    m_responder->writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_socket->flush();
}

void EventStreamWriter::finish()
{
    m_timer.stop();
    if (m_dropAfterEvents) {
        // The connection breaks in the middle of a chunk that promised more
        // bytes, so no client can take the cut-off stream for a whole one.
        // disconnectFromHost() sends what is buffered before it closes, so
        // the client receives every event and then loses the connection.
        qCInfo(lcSandbox) << "stream dropped on purpose after" << m_events.size() << "events";
        m_responder->writeBody(QByteArrayLiteral("100\r\n: cut"));
        m_socket->flush();
        m_socket->disconnectFromHost();
    } else {
        m_responder->writeBody(QByteArrayLiteral("0\r\n\r\n"));
        m_socket->flush();
        qCInfo(lcSandbox) << "stream ended after" << m_events.size() << "events";
    }
    deleteLater();
}

} // namespace gloo::sandbox
