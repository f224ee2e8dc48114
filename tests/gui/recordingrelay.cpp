#include "recordingrelay.h"

#include <QHostAddress>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>

namespace gloo::test {

RecordingRelay::RecordingRelay(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &RecordingRelay::onNewConnection);
}

// The sockets die with the server, each closing itself on the way; without
// their connections to this relay cut first, one socket's close would reach
// the other half of its pair while that half is already being destroyed.
RecordingRelay::~RecordingRelay()
{
    const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->disconnect(this);
}

bool RecordingRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl RecordingRelay::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

QList<QByteArray> RecordingRelay::sent() const
{
    return m_sent;
}

QList<QByteArray> RecordingRelay::received() const
{
    return m_received;
}

QList<QByteArray> RecordingRelay::accessTokens() const
{
    static const QRegularExpression pattern(
        QStringLiteral("\"access_token\"\\s*:\\s*\"([^\"]+)\""));
    QList<QByteArray> tokens;
    for (const QByteArray &answer : m_received) {
        auto it = pattern.globalMatch(QString::fromLatin1(answer));
        while (it.hasNext())
            tokens << it.next().captured(1).toLatin1();
    }
    return tokens;
}

void RecordingRelay::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        const qsizetype index = m_sent.size();
        m_sent << QByteArray();
        m_received << QByteArray();
        auto *upstream = new QTcpSocket(client);
        QPointer<QTcpSocket> clientGuard(client);

        // Bytes that arrive before the server is reached wait in the
        // client socket's buffer.
        const auto forwardUp = [this, client, upstream, index] {
            if (upstream->state() != QAbstractSocket::ConnectedState)
                return;
            const QByteArray data = client->readAll();
            m_sent[index] += data;
            upstream->write(data);
        };
        connect(client, &QTcpSocket::readyRead, this, forwardUp);
        connect(upstream, &QTcpSocket::connected, this, forwardUp);
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream, index] {
            const QByteArray data = upstream->readAll();
            m_received[index] += data;
            client->write(data);
        });
        connect(upstream, &QTcpSocket::disconnected, this, [clientGuard] {
            if (clientGuard)
                clientGuard->disconnectFromHost();
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [clientGuard] {
            if (clientGuard)
                clientGuard->disconnectFromHost();
        });
        connect(client, &QTcpSocket::disconnected, this, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

} // namespace gloo::test
