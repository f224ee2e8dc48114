#include "sandboxhttpserver.h"

#include "sandboxlogging.h"

#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QStringList>

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
    qCInfo(lcSandbox).noquote() << methodName(request.method()) << request.url().path() << "->"
                                << int(reply.status);

    QHttpServerResponse response(reply.body, reply.status);
    for (const auto &header : reply.headers)
        response.addHeader(header.first, header.second);
    response.write(makeResponder(request, socket));
}

} // namespace gloo::sandbox
