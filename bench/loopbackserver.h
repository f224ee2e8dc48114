#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QThread>
#include <QUrl>

class QTcpServer;

namespace gloo::bench {

// An HTTP server on 127.0.0.1 that answers every request for a path with the
// same prepared bytes, as fast as the socket takes them, from a thread of its
// own. It stands in for a server that produces answers larger than the
// sandbox's (a 20 MB JSON body, a stream of thousands of events), so that
// the client, not the server, is what the benchmark measures.
class LoopbackServer
{
public:
    LoopbackServer();
    ~LoopbackServer();

    // Prepared answers must be set before start().
    void setJson(const QString &path, const QByteArray &body);
    // Each event is sent as "data: <event>\n\n" in an HTTP chunk of its own,
    // as the sandbox and most streaming servers do.
    void setEventStream(const QString &path, const QList<QByteArray> &events);

    bool start();
    QUrl url(const QString &path) const;

private:
    QHash<QString, QByteArray> m_answers;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace gloo::bench
