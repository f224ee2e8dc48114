#include "sandboxhttpserver.h"

#include "eventstreamwriter.h"
#include "sandboxlogging.h"

#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QStringList>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace gloo::sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    return QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method)))
        .toUpper();
}

} // namespace

SandboxHttpServer::SandboxHttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
}

void SandboxHttpServer::addEndpoint(QHttpServerRequest::Method method, const QString &path,
                                    Endpoint endpoint)
{
    m_routes.append({method, path, std::move(endpoint)});
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(dispatch(request), request, socket);
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request itself, so this only runs if a
    // future Qt changes that contract; answering 404 keeps the client informed.
    send(glooError(HttpStatus::NotFound, QStringLiteral("NOT_FOUND"), int(HttpStatus::NotFound),
                   QStringLiteral("No such endpoint.")),
         request, socket);
}

SandboxReply SandboxHttpServer::dispatch(const QHttpServerRequest &request) const
{
    const QString path = request.url().path();

    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        if (route.path != path)
            continue;
        if (route.method == request.method())
            return route.endpoint(request);
        allowed.append(methodName(route.method));
    }

    if (allowed.isEmpty()) {
        return glooError(HttpStatus::NotFound, QStringLiteral("NOT_FOUND"),
                         int(HttpStatus::NotFound),
                         QStringLiteral("The sandbox has no endpoint at %1.").arg(path));
    }

    const QByteArray allow = allowed.join(", ");
    SandboxReply reply = glooError(
        HttpStatus::MethodNotAllowed, QStringLiteral("METHOD_NOT_ALLOWED"),
        int(HttpStatus::MethodNotAllowed),
        QStringLiteral("%1 accepts only %2.").arg(path, QString::fromLatin1(allow)));
    reply.headers.append({QByteArrayLiteral("Allow"), allow});
    return reply;
}

void SandboxHttpServer::send(const SandboxReply &reply, const QHttpServerRequest &request,
                             QTcpSocket *socket)
{
    // Only the method, the path and the status: headers and bodies may hold
    // secrets or access tokens.
    QString outcome = reply.kind == SandboxReply::Kind::Drop ? QStringLiteral("connection dropped")
                                                             : QString::number(int(reply.status));
    if (reply.kind == SandboxReply::Kind::EventStream)
        outcome += QStringLiteral(" event stream");
    if (reply.delayMs > 0)
        outcome += QStringLiteral(" after %1 ms").arg(reply.delayMs);
    qCInfo(lcSandbox).noquote() << methodName(request.method()) << request.url().path() << "->"
                                << outcome;

    if (reply.delayMs <= 0) {
        deliver(reply, makeResponder(request, socket), socket);
        return;
    }

    // The responder only refers to the request and the socket, and both live
    // as long as the socket does. With the socket as the timer's context, the
    // delayed answer is cancelled if the client hangs up first.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QTimer::singleShot(reply.delayMs, socket, [reply, responder, socket] {
        deliver(reply, std::move(*responder), socket);
    });
}

void SandboxHttpServer::deliver(const SandboxReply &reply, QHttpServerResponder &&responder,
                                QTcpSocket *socket)
{
    switch (reply.kind) {
    case SandboxReply::Kind::Drop: socket->disconnectFromHost(); return;
    case SandboxReply::Kind::EventStream:
        EventStreamWriter::start(std::move(responder), socket, reply);
        return;
    case SandboxReply::Kind::Raw: {
        QHttpServerResponse response(reply.contentType, reply.rawBody, reply.status);
        for (const auto &header : reply.headers)
            response.addHeader(header.first, header.second);
        response.write(std::move(responder));
        return;
    }
    case SandboxReply::Kind::Json: break;
    }

    QHttpServerResponse response(reply.body, reply.status);
    for (const auto &header : reply.headers)
        response.addHeader(header.first, header.second);
    response.write(std::move(responder));
}

} // namespace gloo::sandbox
