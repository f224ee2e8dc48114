#include "loopbackserver.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace gloo::bench {

namespace {

QByteArray notFound()
{
    return QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                             "Connection: close\r\n\r\n");
}

// Reads one request from the socket as it arrives and answers it once the
// headers and the body (by Content-Length) are in. One request per
// connection: the answer closes it, so no request boundary is ever guessed.
void serve(QTcpSocket *socket, const QHash<QString, QByteArray> *answers)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, answers, buffer] {
        buffer->append(socket->readAll());
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;

        qsizetype bodyLength = 0;
        const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                bodyLength = line.mid(15).trimmed().toLongLong();
        }
        if (buffer->size() < headerEnd + 4 + bodyLength)
            return;

        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        const QString path = requestLine.size() >= 2 ? QString::fromLatin1(requestLine.at(1))
                                                     : QString();
        socket->write(answers->value(path, notFound()));
        socket->disconnectFromHost();
        buffer->clear();
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

LoopbackServer::LoopbackServer() = default;

LoopbackServer::~LoopbackServer()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, &QObject::deleteLater);
    m_thread.quit();
    m_thread.wait();
}

void LoopbackServer::setJson(const QString &path, const QByteArray &body)
{
    m_answers.insert(path, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: "
                               + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                               + body);
}

void LoopbackServer::setEventStream(const QString &path, const QList<QByteArray> &events)
{
    QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                        "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
                        "Connection: close\r\n\r\n";
    for (const QByteArray &event : events) {
        const QByteArray data = "data: " + event + "\n\n";
        answer += QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    }
    answer += "0\r\n\r\n";
    m_answers.insert(path, answer);
}

bool LoopbackServer::start()
{
    // The server and its sockets live in the thread, so the client's event
    // loop never spends time writing the answers.
    m_server = new QTcpServer;
    m_server->moveToThread(&m_thread);
    const QHash<QString, QByteArray> *answers = &m_answers;
    QTcpServer *server = m_server;
    QObject::connect(server, &QTcpServer::newConnection, server, [server, answers] {
        while (QTcpSocket *socket = server->nextPendingConnection())
            serve(socket, answers);
    });
    m_thread.start();

    bool listening = false;
    QMetaObject::invokeMethod(
        server, [server, &listening] { listening = server->listen(QHostAddress::LocalHost, 0); },
        Qt::BlockingQueuedConnection);
    m_port = server->serverPort();
    return listening;
}

QUrl LoopbackServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(path);
    return url;
}

} // namespace gloo::bench
