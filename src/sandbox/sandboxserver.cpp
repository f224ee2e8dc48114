#include "sandboxserver.h"

#include "completionsendpoint.h"
#include "modelcatalog.h"
#include "sandboxhttpserver.h"
#include "sandboxlogging.h"
#include "tokenendpoint.h"
#include "tokenissuer.h"

#include <QHostAddress>
#include <QTcpServer>

#include <atomic>

namespace gloo::sandbox {

class SandboxServer::Private
{
public:
    explicit Private(const SandboxConfig &config)
        : config(config)
        , tokens(config.tokenLifetimeSeconds)
    {
    }

    const SandboxConfig config;
    const TokenIssuer tokens;
    const ModelCatalog catalog;
    SandboxHttpServer *http = nullptr;
    quint16 port = 0;
    QString errorString;
    std::atomic<int> tokenRequests{0};
    std::atomic<int> apiRequests{0};
};

SandboxServer::SandboxServer(const SandboxConfig &config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(config))
{
    // The HTTP server is a child so that moving this object to another thread
    // moves it along.
    d->http = new SandboxHttpServer(this);
    const ClientCredentials accepted{config.clientId, config.clientSecret};

    d->http->addEndpoint(QHttpServerRequest::Method::Post, QStringLiteral("/oauth2/token"),
                         [this, accepted](const QHttpServerRequest &request) {
                             ++d->tokenRequests;
                             return answerTokenRequest(request, accepted, d->tokens,
                                                       baseUrl().toString());
                         });
    d->http->addEndpoint(QHttpServerRequest::Method::Post,
                         QStringLiteral("/ai/v2/chat/completions"),
                         [this](const QHttpServerRequest &request) {
                             ++d->apiRequests;
                             return answerCompletionRequest(request, d->tokens, d->catalog);
                         });
    d->http->addEndpoint(QHttpServerRequest::Method::Get, QStringLiteral("/platform/v2/models"),
                         [this](const QHttpServerRequest &) {
                             return jsonReply(d->catalog.toJson());
                         });
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::listen(quint16 port)
{
    if (d->port != 0) {
        d->errorString = tr("The sandbox is already listening on port %1.").arg(d->port);
        return false;
    }

    // Listening on a QTcpServer of our own, rather than through
    // QAbstractHttpServer::listen(), keeps the reason when the port is taken.
    auto *tcpServer = new QTcpServer(d->http);
    if (!tcpServer->listen(QHostAddress::LocalHost, port)) {
        d->errorString = tr("Cannot listen on 127.0.0.1 port %1: %2")
                             .arg(port)
                             .arg(tcpServer->errorString());
        qCWarning(lcSandbox).noquote() << d->errorString;
        delete tcpServer;
        return false;
    }

    d->http->bind(tcpServer);
    d->port = tcpServer->serverPort();
    d->errorString.clear();
    qCInfo(lcSandbox).noquote() << "listening on" << baseUrl().toString() << "with tokens living"
                                << d->tokens.lifetimeSeconds() << "s";
    return true;
}

quint16 SandboxServer::port() const
{
    return d->port;
}

QUrl SandboxServer::baseUrl() const
{
    if (d->port == 0)
        return {};

    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(d->port);
    return url;
}

QString SandboxServer::errorString() const
{
    return d->errorString;
}

SandboxConfig SandboxServer::config() const
{
    return d->config;
}

int SandboxServer::tokenRequestCount() const
{
    return d->tokenRequests.load();
}

int SandboxServer::apiRequestCount() const
{
    return d->apiRequests.load();
}

} // namespace gloo::sandbox
