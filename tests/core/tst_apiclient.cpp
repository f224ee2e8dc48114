#include "core/apiclient.h"
#include "core/tokenmanager.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using gloo::ApiCall;
using gloo::ApiClient;
using gloo::ApiRequest;
using gloo::TokenManager;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;
using Kind = gloo::Failure::Kind;

namespace {

ApiRequest completionRequest(const QString &question = QStringLiteral("What is grace?"))
{
    const QJsonObject body{{QStringLiteral("messages"),
                            QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                   {QStringLiteral("content"), question}}}},
                           {QStringLiteral("auto_routing"), true}};
    ApiRequest request;
    request.method = "POST";
    request.target = QStringLiteral("/ai/v2/chat/completions");
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}

bool waitFor(ApiCall *call)
{
    if (call->isFinished())
        return true;
    QSignalSpy spy(call, &ApiCall::finished);
    return spy.wait(10000);
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void completionIsSentWithAFreshToken();
    void sentHeadersShowTheTokenMasked();
    void catalogNeedsNoToken();
    void concurrentCallsWithoutATokenCauseOneExchange();
    void rejectedTokenIsRenewedAndTheRequestReplayedOnce();
    void lateTimerAfterSleepRenewsBeforeTheNextRequest();
    void tokenIsNeverSentToAnotherServer();
    void invalidRequestIsExplainedAndKeepsTheBody();
    void aTokenRequestSentByHandIsExplainedAsOne();
    void tokenFailureEndsTheCallWithTheSameExplanation();
    void cancelEndsTheCallAtOnce();
    void maskedAuthorizationNeverContainsTheToken();
    void idleTimeoutLetsASlowStreamGoOnWhileBytesKeepComing();
    void idleTimeoutCoversTheFirstByte();
    void anAnnouncedLengthIsNotReservedBeyondTheCap();

private:
    void restart(const SandboxConfig &config);

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TokenManager> m_tokens;
    std::unique_ptr<ApiClient> m_api;
};

void TestApiClient::init()
{
    restart(SandboxConfig());
}

void TestApiClient::restart(const SandboxConfig &config)
{
    cleanup();
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({m_sandbox->config().clientId, m_sandbox->config().clientSecret});
    m_api = std::make_unique<ApiClient>(m_network.get(), m_tokens.get());
}

void TestApiClient::cleanup()
{
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestApiClient::completionIsSentWithAFreshToken()
{
    ApiCall *call = m_api->send(completionRequest());
    QVERIFY(waitFor(call));

    const gloo::ApiResponse &response = call->response();
    QVERIFY2(!response.failure.isFailure(), qPrintable(response.failure.summary()));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.reason, QStringLiteral("OK"));
    QVERIFY(!response.replayed);

    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(answer.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    const QString content = answer.value(QLatin1String("choices"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QLatin1String("message"))
                                .toObject()
                                .value(QLatin1String("content"))
                                .toString();
    QVERIFY2(content.contains(QStringLiteral("What is grace?")), qPrintable(content));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
    QCOMPARE(m_sandbox->apiRequestCount(), 1);
}

void TestApiClient::sentHeadersShowTheTokenMasked()
{
    ApiCall *call = m_api->send(completionRequest());
    QVERIFY(waitFor(call));

    const QByteArray token = m_tokens->token().value;
    QVERIFY(!token.isEmpty());
    QByteArray authorization;
    for (const auto &header : call->response().sentHeaders) {
        QVERIFY(!header.second.contains(token));
        if (header.first.compare("authorization", Qt::CaseInsensitive) == 0)
            authorization = header.second;
    }
    QVERIFY(authorization.startsWith("Bearer "));
    QVERIFY(authorization.contains(m_tokens->token().fingerprint().toLatin1()));
}

void TestApiClient::catalogNeedsNoToken()
{
    ApiRequest request;
    request.method = "GET";
    request.target = QStringLiteral("/platform/v2/models");
    request.authorize = false;
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 200);
    QVERIFY(QJsonDocument::fromJson(call->response().body)
                .object()
                .value(QLatin1String("data"))
                .isArray());
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
    for (const auto &header : call->response().sentHeaders)
        QVERIFY(header.first.compare("authorization", Qt::CaseInsensitive) != 0);
}

void TestApiClient::concurrentCallsWithoutATokenCauseOneExchange()
{
    QList<ApiCall *> calls;
    for (int i = 0; i < 10; ++i)
        calls << m_api->send(completionRequest(QStringLiteral("Question %1").arg(i)));
    for (ApiCall *call : calls) {
        QVERIFY(waitFor(call));
        QCOMPARE(call->response().status, 200);
    }
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
    QCOMPARE(m_sandbox->apiRequestCount(), 10);
}

void TestApiClient::rejectedTokenIsRenewedAndTheRequestReplayedOnce()
{
    ApiCall *first = m_api->send(completionRequest());
    QVERIFY(waitFor(first));
    QCOMPARE(first->response().status, 200);
    const QByteArray oldToken = m_tokens->token().value;

    // A restarted sandbox signs with a new key, so the token the client holds
    // is still unexpired but no longer accepted: exactly a revoked token.
    const quint16 port = m_sandbox->port();
    m_sandbox->stop();
    QVERIFY(m_sandbox->start(port));

    ApiCall *second = m_api->send(completionRequest());
    QVERIFY(waitFor(second));
    QVERIFY2(!second->response().failure.isFailure(),
             qPrintable(second->response().failure.summary()));
    QCOMPARE(second->response().status, 200);
    QVERIFY(second->response().replayed);
    QVERIFY(m_tokens->token().value != oldToken);
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
    QCOMPARE(m_sandbox->apiRequestCount(), 2);
}

void TestApiClient::lateTimerAfterSleepRenewsBeforeTheNextRequest()
{
    ApiCall *first = m_api->send(completionRequest());
    QVERIFY(waitFor(first));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);

    // The computer slept for almost an hour: the wall clock moved on while
    // the renewal timer did not fire. The next request must not use the
    // token that is about to expire.
    const QDateTime wokeUp = QDateTime::currentDateTimeUtc().addSecs(3590);
    m_tokens->setClock([wokeUp] { return wokeUp; });
    QVERIFY(!m_tokens->hasUsableToken());

    ApiCall *second = m_api->send(completionRequest());
    QVERIFY(waitFor(second));
    QCOMPARE(second->response().status, 200);
    QVERIFY(!second->response().replayed);
    QCOMPARE(m_sandbox->tokenRequestCount(), 2);
}

void TestApiClient::tokenIsNeverSentToAnotherServer()
{
    // Another server on this computer, listening for whatever it is sent.
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));

    ApiRequest request = completionRequest();
    request.target = QStringLiteral("http://127.0.0.1:%1/steal").arg(other.serverPort());
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().failure.kind, Kind::OtherServer);
    QVERIFY(!other.hasPendingConnections());
    QVERIFY(!other.waitForNewConnection(200));
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
}

void TestApiClient::invalidRequestIsExplainedAndKeepsTheBody()
{
    ApiRequest request = completionRequest();
    request.body = R"({"messages":[{"role":"user","content":"hi"}]})"; // no routing choice
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));

    const gloo::ApiResponse &response = call->response();
    QCOMPARE(response.status, 400);
    QCOMPARE(response.failure.kind, Kind::InvalidRequest);
    QVERIFY(!response.body.isEmpty());
    QCOMPARE(call->request().body, request.body);
}

void TestApiClient::aTokenRequestSentByHandIsExplainedAsOne()
{
    // The token request typed into the console with a wrong secret: the
    // answer is about the credentials, not about a missing access token.
    gloo::ApiRequest request;
    request.method = "POST";
    request.target = QStringLiteral("/oauth2/token");
    request.authorize = false;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Authorization", "Basic " + QByteArray("nobody:wrong").toBase64()}};
    request.body = "grant_type=client_credentials&scope=api/access";
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));
    QCOMPARE(call->response().status, 401);
    QCOMPARE(call->response().failure.kind, gloo::Failure::Kind::InvalidCredentials);
    QVERIFY(!call->response().failure.nextStep.contains(QStringLiteral("Authorization")));
    delete call;
}

void TestApiClient::tokenFailureEndsTheCallWithTheSameExplanation()
{
    m_tokens->setCredentials({m_sandbox->config().clientId, QStringLiteral("not-the-secret")});
    ApiCall *call = m_api->send(completionRequest());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().failure.kind, Kind::InvalidCredentials);
    QCOMPARE(call->response().status, 0);
    QCOMPARE(m_sandbox->apiRequestCount(), 0);
}

void TestApiClient::cancelEndsTheCallAtOnce()
{
    ApiCall *call = m_api->send(completionRequest());
    QSignalSpy finished(call, &ApiCall::finished);
    call->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(call->response().failure.kind, Kind::Cancelled);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
}

void TestApiClient::maskedAuthorizationNeverContainsTheToken()
{
    const QByteArray token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    const QByteArray masked = ApiClient::maskedAuthorization(token);
    QVERIFY(!masked.contains(token));
    QVERIFY(!masked.contains("eyJ"));
    QVERIFY(masked.contains(gloo::tokenFingerprint(token).toLatin1()));
}

void TestApiClient::idleTimeoutLetsASlowStreamGoOnWhileBytesKeepComing()
{
    SandboxConfig config;
    config.streamChunkDelayMs = 40;
    restart(config);
    ApiRequest request = completionRequest(QStringLiteral("Tell me a long story"));
    QJsonObject body = QJsonDocument::fromJson(request.body).object();
    body.insert(QStringLiteral("stream"), true);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.streamBody = true;
    request.timeoutMs = 0;
    request.idleTimeoutMs = 300;

    QElapsedTimer clock;
    clock.start();
    ApiCall *call = m_api->send(request);
    QSignalSpy pieces(call, &ApiCall::bodyReceived);
    QVERIFY(waitFor(call));

    // Far longer in all than the idle timeout, never silent for as long.
    const gloo::ApiResponse &response = call->response();
    QVERIFY2(!response.failure.isFailure(), qPrintable(response.failure.summary()));
    QVERIFY2(clock.elapsed() > 3 * request.idleTimeoutMs,
             qPrintable(QString::number(clock.elapsed())));
    QVERIFY(pieces.size() > 10);
    QVERIFY(response.body.contains("[DONE]"));
}

void TestApiClient::idleTimeoutCoversTheFirstByte()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) { plan.apiDelayMs = 3000; });
    ApiRequest request = completionRequest();
    request.timeoutMs = 0;
    request.idleTimeoutMs = 250;

    QElapsedTimer clock;
    clock.start();
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));

    const gloo::Failure &failure = call->response().failure;
    QCOMPARE(failure.kind, Kind::Timeout);
    QCOMPARE(failure.message,
             QStringLiteral("The server did not start answering within 0.25 seconds."));
    QVERIFY2(clock.elapsed() >= 200 && clock.elapsed() < 2500,
             qPrintable(QString::number(clock.elapsed())));
}

// The peak of this process's address space in kB.
static qint64 peakVirtualKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmPeak:"))
            return line.mid(7).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void TestApiClient::anAnnouncedLengthIsNotReservedBeyondTheCap()
{
    // A server that announces 500 MB and sends a few bytes.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 500000000\r\n\r\n{\"a\": 1}");
            socket->flush();
            socket->disconnectFromHost();
        });
    });

    const qint64 before = peakVirtualKb();
    QVERIFY(before > 0);
    ApiRequest request;
    request.method = "GET";
    request.target = QStringLiteral("http://127.0.0.1:%1/big").arg(server.serverPort());
    request.authorize = false;
    request.streamBody = true;
    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));

    QVERIFY(call->response().body.startsWith("{\"a\": 1}"));
    // Reserving the announced length would raise the peak by about 480 MB.
    const qint64 growthMb = (peakVirtualKb() - before) / 1024;
    QVERIFY2(growthMb < 200, qPrintable(QString::number(growthMb)));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
