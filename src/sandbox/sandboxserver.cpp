#include "sandboxserver.h"

#include "bearerauth.h"
#include "chatstore.h"
#include "completionsendpoint.h"
#include "controlendpoint.h"
#include "faultinjector.h"
#include "messageendpoint.h"
#include "modelcatalog.h"
#include "responsesendpoint.h"
#include "sandboxcontext.h"
#include "sandboxhttpserver.h"
#include "sandboxlogging.h"
#include "searchendpoint.h"
#include "tokenendpoint.h"
#include "tokenfaults.h"
#include "tokenissuer.h"

#include <QHostAddress>
#include <QTcpServer>

#include <utility>

namespace gloo::sandbox {

using Method = QHttpServerRequest::Method;

class SandboxServer::Private
{
public:
    explicit Private(const SandboxConfig &config)
        : config(config)
        , tokens(config.tokenLifetimeSeconds)
    {
    }

    QUrl baseUrl() const;
    SandboxReply answerToken(const QHttpServerRequest &request);
    void addApiEndpoint(Method method, const QString &path,
                        std::function<SandboxReply(const QHttpServerRequest &)> endpoint);
    void addControlEndpoints();

    const SandboxConfig config;
    TokenIssuer tokens;
    const ModelCatalog catalog;
    FaultInjector faults;
    RequestStats stats;
    ChatStore chats;
    const SandboxContext context{catalog, faults, chats, config.streamChunkDelayMs};
    SandboxHttpServer *http = nullptr;
    quint16 port = 0;
    QString errorString;
};

QUrl SandboxServer::Private::baseUrl() const
{
    if (port == 0)
        return {};

    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    return url;
}

SandboxReply SandboxServer::Private::answerToken(const QHttpServerRequest &request)
{
    stats.countTokenRequest();
    const TokenFault fault = faults.takeTokenFault();
    const QString issuerUrl = baseUrl().toString();

    SandboxReply reply;
    switch (fault.action) {
    case TokenFault::Action::None:
        reply = answerTokenRequest(request, {config.clientId, config.clientSecret}, tokens,
                                   issuerUrl);
        break;
    case TokenFault::Action::Drop: reply = dropConnection(); break;
    case TokenFault::Action::Fail:
        qCInfo(lcSandbox) << "token request fails on purpose with" << fault.status;
        reply = failedTokenReply(fault.status, fault.retryAfter);
        break;
    case TokenFault::Action::BrokenBody:
        qCInfo(lcSandbox).noquote()
            << "token request answered with a broken body:" << tokenBodyFaultName(fault.body);
        reply = brokenTokenReply(fault.body, fault.status, tokens, config.clientId, issuerUrl);
        break;
    }
    reply.delayMs = fault.delayMs;
    return reply;
}

// Every endpoint that needs an access token passes here: the request is
// counted, meets the API faults, and reaches the endpoint only with a valid
// token of a client that has API access.
void SandboxServer::Private::addApiEndpoint(
    Method method, const QString &path,
    std::function<SandboxReply(const QHttpServerRequest &)> endpoint)
{
    http->addEndpoint(method, path,
                      [this, path,
                       endpoint = std::move(endpoint)](const QHttpServerRequest &request) {
                          stats.countApiRequest(path);
                          const ApiFault fault = faults.takeApiFault();

                          if (fault.revokeTokens) {
                              qCInfo(lcSandbox) << "revoking every issued token on purpose";
                              tokens.revokeAll();
                          }

                          SandboxReply reply;
                          if (fault.drop)
                              reply = dropConnection();
                          else if (auto refusal = refuseWithoutAccessToken(request, tokens,
                                                                           fault.forbiddenClientId))
                              reply = *refusal;
                          else
                              reply = endpoint(request);
                          reply.delayMs = fault.delayMs;
                          return reply;
                      });
}

void SandboxServer::Private::addControlEndpoints()
{
    const ControlTargets targets{faults, stats, tokens};
    http->addEndpoint(Method::Post, QStringLiteral("/_sandbox/control"),
                      [targets](const QHttpServerRequest &request) {
                          return answerControlRequest(request, targets);
                      });
    http->addEndpoint(Method::Get, QStringLiteral("/_sandbox/stats"),
                      [targets](const QHttpServerRequest &) {
                          return answerStatsRequest(targets);
                      });
}

SandboxServer::SandboxServer(const SandboxConfig &config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(config))
{
    // The HTTP server is a child so that moving this object to another thread
    // moves it along.
    d->http = new SandboxHttpServer(this);
    Private *p = d.get();

    d->http->addEndpoint(Method::Post, QStringLiteral("/oauth2/token"),
                         [p](const QHttpServerRequest &request) {
                             return p->answerToken(request);
                         });
    d->http->addEndpoint(Method::Get, QStringLiteral("/platform/v2/models"),
                         [p](const QHttpServerRequest &) {
                             return jsonReply(p->catalog.toJson());
                         });

    const auto completions = [p](CompletionApi api) {
        return [p, api](const QHttpServerRequest &request) {
            return answerCompletionRequest(request, p->context, api);
        };
    };
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/v2/chat/completions"),
                      completions(CompletionApi::V2));
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/v2/chat/completions/grounded"),
                      completions(CompletionApi::Grounded));
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/v1/chat/completions"),
                      completions(CompletionApi::V1));
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/v1/responses"),
                      [p](const QHttpServerRequest &request) {
                          return answerResponsesRequest(request, p->context);
                      });
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/v1/message"),
                      [p](const QHttpServerRequest &request) {
                          return answerMessageRequest(request, p->context);
                      });
    d->addApiEndpoint(Method::Get, QStringLiteral("/ai/v1/chat"),
                      [p](const QHttpServerRequest &request) {
                          return answerChatRequest(request, p->context);
                      });
    d->addApiEndpoint(Method::Post, QStringLiteral("/ai/data/v1/search"),
                      [](const QHttpServerRequest &request) {
                          return answerSearchRequest(request);
                      });

    if (config.controlEndpoints)
        d->addControlEndpoints();
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
        d->errorString =
            tr("Cannot listen on 127.0.0.1 port %1: %2").arg(port).arg(tcpServer->errorString());
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
    return d->baseUrl();
}

QString SandboxServer::errorString() const
{
    return d->errorString;
}

SandboxConfig SandboxServer::config() const
{
    return d->config;
}

FaultPlan SandboxServer::faultPlan() const
{
    return d->faults.plan();
}

void SandboxServer::setFaultPlan(const FaultPlan &plan)
{
    d->faults.setPlan(plan);
}

void SandboxServer::updateFaultPlan(const std::function<void(FaultPlan &plan)> &change)
{
    d->faults.update(change);
}

void SandboxServer::resetFaults()
{
    d->faults.reset();
}

void SandboxServer::revokeAllTokens()
{
    d->tokens.revokeAll();
    qCInfo(lcSandbox) << "every access token issued so far has been revoked";
}

SandboxStats SandboxServer::stats() const
{
    return d->stats.snapshot();
}

int SandboxServer::tokenRequestCount() const
{
    return stats().tokenRequests;
}

int SandboxServer::apiRequestCount() const
{
    return stats().apiRequests;
}

int SandboxServer::apiRequestCount(const QString &path) const
{
    return stats().apiRequestsByPath.value(path);
}

void SandboxServer::resetCounters()
{
    d->stats.reset();
}

} // namespace gloo::sandbox
