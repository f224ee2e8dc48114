#include "core/apiclient.h"
#include "core/tokenmanager.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using gloo::ApiCall;
using gloo::ApiClient;
using gloo::ApiRequest;
using gloo::TokenManager;
using gloo::sandbox::FaultPlan;
using gloo::sandbox::SandboxThread;
using gloo::sandbox::TokenBodyFault;
using Kind = gloo::Failure::Kind;

namespace {

ApiRequest completion(const QJsonObject &extra = {})
{
    QJsonObject body{{QStringLiteral("messages"),
                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                             {QStringLiteral("content"), QStringLiteral("Hi")}}}},
                     {QStringLiteral("auto_routing"), true}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it.key() != QLatin1String("auto_routing") || !it.value().isNull())
            body.insert(it.key(), it.value());
        else
            body.remove(it.key());
    }
    ApiRequest request;
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

gloo::BackoffPolicy fastRetries(int maxRetries = 2)
{
    gloo::BackoffPolicy policy;
    policy.initialDelayMs = 10;
    policy.maxDelayMs = 40;
    policy.maxRetries = maxRetries;
    policy.jitter = 0;
    policy.maxRetryAfterMs = 1500;
    return policy;
}

} // namespace

Q_DECLARE_METATYPE(TokenBodyFault)

// Drives each failure the sandbox can inject and asserts the exact outcome:
// how many token requests were made, how many replays, which failure kind.
class TestFaultMatrix : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fiftyRequestsWithAnExpiredTokenCauseOneTokenRequest();
    void revokedTokenIsRenewedOnceAndReplayed();
    void secondRefusalIsReportedNotLooped();
    void forbiddenCausesNoRenewal();
    void forbiddenModelIsExplained();
    void lowMaxTokensOnAThinkingModelIsExplained();
    void transientTokenFailuresAreRetried_data();
    void transientTokenFailuresAreRetried();
    void retryAfterIsHonoured();
    void longRetryAfterIsReportedWithTheWait();
    void brokenTokenBodies_data();
    void brokenTokenBodies();
    void droppedTokenConnectionsAreRetried();
    void slowTokenEndpointTimesOut();
    void slowApiAnswerTimesOutWithPlainWords();

private:
    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TokenManager> m_tokens;
    std::unique_ptr<ApiClient> m_api;
};

void TestFaultMatrix::init()
{
    m_sandbox = std::make_unique<SandboxThread>();
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({m_sandbox->config().clientId, m_sandbox->config().clientSecret});
    m_tokens->backoff().setPolicy(fastRetries());
    m_api = std::make_unique<ApiClient>(m_network.get(), m_tokens.get());
}

void TestFaultMatrix::cleanup()
{
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestFaultMatrix::fiftyRequestsWithAnExpiredTokenCauseOneTokenRequest()
{
    ApiCall *first = m_api->send(completion());
    QVERIFY(waitFor(first));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);

    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3700);
    m_tokens->setClock([later] { return later; });
    QCOMPARE(m_tokens->state(), TokenManager::State::Expired);

    QList<ApiCall *> calls;
    for (int i = 0; i < 50; ++i)
        calls << m_api->send(completion());
    for (ApiCall *call : calls) {
        QVERIFY(waitFor(call));
        QCOMPARE(call->response().status, 200);
    }
    QCOMPARE(m_sandbox->tokenRequestCount(), 2);
    QCOMPARE(m_sandbox->apiRequestCount(), 51);
}

void TestFaultMatrix::revokedTokenIsRenewedOnceAndReplayed()
{
    QVERIFY(waitFor(m_api->send(completion())));
    QSignalSpy rejected(m_tokens.get(), &TokenManager::tokenRejected);

    m_sandbox->revokeAllTokens();
    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 200);
    QVERIFY(call->response().replayed);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(m_sandbox->tokenRequestCount(), 2);
    QCOMPARE(m_sandbox->apiRequestCount(), 3);
}

void TestFaultMatrix::secondRefusalIsReportedNotLooped()
{
    // Tokens come from another sandbox, whose signatures this one never
    // accepts: every token is refused.
    SandboxThread issuer;
    QVERIFY(issuer.start());
    gloo::Environment environment = gloo::Environment::custom(m_sandbox->baseUrl());
    environment.tokenUrlOverride = QUrl(issuer.baseUrl().toString()
                                        + QStringLiteral("/oauth2/token"));
    m_tokens->setEnvironment(environment);

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 401);
    QCOMPARE(call->response().failure.kind, Kind::Unauthorized);
    QVERIFY(call->response().replayed);
    QCOMPARE(issuer.tokenRequestCount(), 2);
    QCOMPARE(m_sandbox->apiRequestCount(), 2);
}

void TestFaultMatrix::forbiddenCausesNoRenewal()
{
    FaultPlan plan;
    plan.forbiddenClientId = m_sandbox->config().clientId;
    m_sandbox->setFaultPlan(plan);

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 403);
    QCOMPARE(call->response().failure.kind, Kind::AccessDenied);
    QVERIFY(call->response().failure.nextStep.contains(QStringLiteral("billing")));
    QVERIFY(!call->response().replayed);
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
    QCOMPARE(m_sandbox->apiRequestCount(), 1);
    QVERIFY(m_tokens->hasUsableToken());
}

void TestFaultMatrix::forbiddenModelIsExplained()
{
    FaultPlan plan;
    plan.forbiddenModels = {QStringLiteral("gloo-openai-gpt-5-mini")};
    m_sandbox->setFaultPlan(plan);

    ApiCall *call = m_api->send(
        completion({{QStringLiteral("auto_routing"), QJsonValue()},
                    {QStringLiteral("model"), QStringLiteral("gloo-openai-gpt-5-mini")}}));
    QVERIFY(waitFor(call));

    const gloo::Failure &failure = call->response().failure;
    QCOMPARE(call->response().status, 403);
    QVERIFY2(failure.message.contains(QStringLiteral("\"gloo-openai-gpt-5-mini\" is not enabled")),
             qPrintable(failure.message));
    QVERIFY(failure.nextStep.contains(QStringLiteral("Other models may work")));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
}

void TestFaultMatrix::lowMaxTokensOnAThinkingModelIsExplained()
{
    ApiCall *call = m_api->send(
        completion({{QStringLiteral("auto_routing"), QJsonValue()},
                    {QStringLiteral("model"), QStringLiteral("gloo-openai-gpt-5-mini")},
                    {QStringLiteral("max_tokens"), 200}}));
    QVERIFY(waitFor(call));

    const gloo::Failure &failure = call->response().failure;
    QCOMPARE(call->response().status, 503);
    QVERIFY2(failure.message.contains(QStringLiteral("probably too low")),
             qPrintable(failure.message));
    QVERIFY(failure.hasSupportIds());
    const QString report = failure.supportReport();
    QVERIFY(report.contains(failure.requestId));
    QVERIFY(report.contains(QStringLiteral("gloo-openai-gpt-5-mini")));
    QVERIFY(!report.contains(QString::fromLatin1(m_tokens->token().value)));
}

void TestFaultMatrix::transientTokenFailuresAreRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("failures");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("tokenRequests");

    QTest::newRow("503 once") << 503 << 1 << true << 2;
    QTest::newRow("500 twice") << 500 << 2 << true << 3;
    QTest::newRow("429 twice") << 429 << 2 << true << 3;
    QTest::newRow("503 beyond the retries") << 503 << 5 << false << 3;
}

void TestFaultMatrix::transientTokenFailuresAreRetried()
{
    QFETCH(int, status);
    QFETCH(int, failures);
    QFETCH(bool, succeeds);
    QFETCH(int, tokenRequests);

    FaultPlan plan;
    plan.tokenFailureStatus = status;
    plan.tokenFailureCount = failures;
    m_sandbox->setFaultPlan(plan);
    QSignalSpy retries(m_tokens.get(), &TokenManager::retryScheduled);

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(m_sandbox->tokenRequestCount(), tokenRequests);
    QCOMPARE(retries.size(), tokenRequests - 1);
    if (succeeds) {
        QCOMPARE(call->response().status, 200);
    } else {
        QCOMPARE(call->response().failure.kind, Kind::ServerError);
        QCOMPARE(m_sandbox->apiRequestCount(), 0);
    }
    // Waits grow with each retry.
    for (int i = 1; i < retries.size(); ++i)
        QVERIFY(retries.at(i).at(1).toInt() > retries.at(i - 1).at(1).toInt());
}

void TestFaultMatrix::retryAfterIsHonoured()
{
    FaultPlan plan;
    plan.tokenFailureStatus = 429;
    plan.tokenFailureCount = 1;
    plan.tokenRetryAfter = "1";
    m_sandbox->setFaultPlan(plan);
    QSignalSpy retries(m_tokens.get(), &TokenManager::retryScheduled);

    QElapsedTimer timer;
    timer.start();
    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 200);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries.first().at(1).toInt(), 1000);
    // Coarse timers may fire up to 5% early.
    QVERIFY(timer.elapsed() >= 950);
}

void TestFaultMatrix::longRetryAfterIsReportedWithTheWait()
{
    FaultPlan plan;
    plan.tokenFailureStatus = 429;
    plan.tokenFailureCount = 1;
    plan.tokenRetryAfter = "120";
    m_sandbox->setFaultPlan(plan);
    QSignalSpy retries(m_tokens.get(), &TokenManager::retryScheduled);

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    const gloo::Failure &failure = call->response().failure;
    QCOMPARE(failure.kind, Kind::RateLimited);
    QCOMPARE(failure.retryAfterMs, 120000);
    QCOMPARE(failure.nextStep, QStringLiteral("Wait 2 minute(s), then try again."));
    QCOMPARE(retries.size(), 0);
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
}

void TestFaultMatrix::brokenTokenBodies_data()
{
    QTest::addColumn<TokenBodyFault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("tokenRequests");
    QTest::addColumn<QString>("detailContains");

    QTest::newRow("html page with 200")
        << TokenBodyFault::Html << 200 << false << Kind::UnexpectedResponse << 1 << "not JSON";
    QTest::newRow("html page with 502, retried")
        << TokenBodyFault::Html << 502 << true << Kind::None << 2 << "";
    QTest::newRow("garbage") << TokenBodyFault::Garbage << 200 << false << Kind::UnexpectedResponse
                             << 1 << "not JSON";
    QTest::newRow("empty") << TokenBodyFault::Empty << 200 << false << Kind::UnexpectedResponse << 1
                           << "empty";
    QTest::newRow("no access_token") << TokenBodyFault::NoAccessToken << 200 << false
                                     << Kind::UnexpectedResponse << 1 << "no access_token";
    QTest::newRow("huge") << TokenBodyFault::Huge << 200 << false << Kind::UnexpectedResponse << 1
                          << "larger than";
    QTest::newRow("expires_in as a string")
        << TokenBodyFault::ExpiresInString << 200 << true << Kind::None << 1 << "";
    QTest::newRow("expires_in missing")
        << TokenBodyFault::ExpiresInMissing << 200 << true << Kind::None << 1 << "";
}

void TestFaultMatrix::brokenTokenBodies()
{
    QFETCH(TokenBodyFault, fault);
    QFETCH(int, status);
    QFETCH(bool, succeeds);
    QFETCH(Kind, kind);
    QFETCH(int, tokenRequests);
    QFETCH(QString, detailContains);

    FaultPlan plan;
    plan.tokenBodyFault = fault;
    plan.tokenBodyFaultCount = 1;
    plan.tokenBodyStatus = status;
    m_sandbox->setFaultPlan(plan);
    QSignalSpy finished(m_tokens.get(), &TokenManager::exchangeFinished);

    m_tokens->requestToken();
    QVERIFY(finished.wait(10000));
    const auto failure = finished.first().first().value<gloo::Failure>();

    QCOMPARE(m_sandbox->tokenRequestCount(), tokenRequests);
    QCOMPARE(!failure.isFailure(), succeeds);
    QCOMPARE(gloo::Failure::kindName(failure.kind), gloo::Failure::kindName(kind));
    QVERIFY2(failure.detail.contains(detailContains), qPrintable(failure.detail));
    if (succeeds) {
        QVERIFY(m_tokens->hasUsableToken());
        QVERIFY(m_tokens->token().lifetimeSeconds() > 3000);
    }
    // A web page where the token should be is named as one, whatever its
    // status, and the status is in the details.
    if (fault == TokenBodyFault::Html && !succeeds) {
        QCOMPARE(failure.message,
                 QStringLiteral("The server answered with a web page instead of a token."));
        QVERIFY2(failure.detail.contains(QStringLiteral("HTTP %1").arg(status)),
                 qPrintable(failure.detail));
    }
}

void TestFaultMatrix::droppedTokenConnectionsAreRetried()
{
    // Qt's network access silently resends once after a drop, so two drops
    // make one failed attempt as the client sees it.
    FaultPlan plan;
    plan.tokenDropCount = 2;
    m_sandbox->setFaultPlan(plan);
    QSignalSpy retries(m_tokens.get(), &TokenManager::retryScheduled);

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));

    QCOMPARE(call->response().status, 200);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries.first().at(2).value<gloo::Failure>().kind, Kind::Network);
}

void TestFaultMatrix::slowTokenEndpointTimesOut()
{
    FaultPlan plan;
    plan.tokenDelayMs = 1500;
    m_sandbox->setFaultPlan(plan);
    m_tokens->setRequestTimeout(200);
    m_tokens->backoff().setPolicy(fastRetries(0));

    ApiCall *call = m_api->send(completion());
    QVERIFY(waitFor(call));
    QCOMPARE(call->response().failure.kind, Kind::Timeout);
    QCOMPARE(m_sandbox->apiRequestCount(), 0);
    // A server on this computer: the advice is about that server, not about
    // the internet connection, and not to lengthen a timeout that is fixed.
    QCOMPARE(call->response().failure.nextStep, gloo::Failure::localServerNextStep(false));
    QVERIFY(!call->response().failure.nextStep.contains(QStringLiteral("timeout")));
}

void TestFaultMatrix::slowApiAnswerTimesOutWithPlainWords()
{
    // Reading the reply that was stopped would only warn on stderr.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("device not open")));
    FaultPlan plan;
    plan.apiDelayMs = 2500;
    m_sandbox->setFaultPlan(plan);
    gloo::ApiRequest request = completion();
    request.timeoutMs = 1000;

    ApiCall *call = m_api->send(request);
    QVERIFY(waitFor(call));
    const gloo::Failure failure = call->response().failure;
    QCOMPARE(failure.kind, Kind::Timeout);
    QCOMPARE(failure.detail, QStringLiteral("No answer within 1 second."));
    QCOMPARE(failure.nextStep, gloo::Failure::localServerNextStep());
    QCOMPARE(gloo::Failure::noAnswerWithin(30000), QStringLiteral("No answer within 30 seconds."));
    QCOMPARE(gloo::Failure::noAnswerWithin(1500), QStringLiteral("No answer within 1.5 seconds."));
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
