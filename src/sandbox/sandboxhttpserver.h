#pragma once

#include "sandboxhttp.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QList>
#include <QString>

#include <functional>

namespace gloo::sandbox {

// The HTTP front end of the sandbox: finds the endpoint for a path, answers
// 404 for an unknown path and 405 (with Allow) for a known path asked with
// the wrong method, writes every reply the same way and logs its status.
//
// It derives from QAbstractHttpServer rather than using QHttpServer's router
// so that 404 and 405 stay distinct and every reply passes one place, and
// because answers that come later (delays, event streams) need the socket.
class SandboxHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Endpoint = std::function<SandboxReply(const QHttpServerRequest &request)>;

    explicit SandboxHttpServer(QObject *parent = nullptr);

    void addEndpoint(QHttpServerRequest::Method method, const QString &path, Endpoint endpoint);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QString path;
        Endpoint endpoint;
    };

    SandboxReply dispatch(const QHttpServerRequest &request) const;
    void send(const SandboxReply &reply, const QHttpServerRequest &request, QTcpSocket *socket);
    static void deliver(const SandboxReply &reply, QHttpServerResponder &&responder,
                        QTcpSocket *socket);

    QList<Route> m_routes;
};

} // namespace gloo::sandbox
