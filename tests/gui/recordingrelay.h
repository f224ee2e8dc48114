#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace gloo::test {

// A TCP relay on 127.0.0.1 in front of a local server, for tests: it passes
// every byte on unchanged in both directions and keeps a copy, so a test can
// see what a client really sent (the URL path, the form body) and every
// access token the server really issued, renewals included.
class RecordingRelay : public QObject
{
    Q_OBJECT

public:
    explicit RecordingRelay(quint16 targetPort, QObject *parent = nullptr);
    ~RecordingRelay() override;

    bool listen();
    QUrl baseUrl() const;

    // Everything clients sent, and everything the server answered, one
    // entry per connection.
    QList<QByteArray> sent() const;
    QList<QByteArray> received() const;
    // The access_token values of every JSON answer that carried one.
    QList<QByteArray> accessTokens() const;

private:
    void onNewConnection();

    quint16 m_targetPort;
    QTcpServer m_server;
    QList<QByteArray> m_sent;
    QList<QByteArray> m_received;
};

} // namespace gloo::test
