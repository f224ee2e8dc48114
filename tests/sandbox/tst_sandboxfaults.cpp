// Fault injection: every switch of the fault plan, through the C++ API of
// SandboxThread and through POST /_sandbox/control, and the counters.

#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonDocument>
#include <QTest>

#include <memory>

using gloo::sandbox::FaultPlan;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;
using gloo::sandbox::TokenBodyFault;

Q_DECLARE_METATYPE(gloo::sandbox::TokenBodyFault)

namespace {

const QString clientId = QStringLiteral("fault-client");
const QString clientSecret = QStringLiteral("fault-secret");
const QString completionsPath = QStringLiteral("/ai/v2/chat/completions");

QByteArray credentials()
{
    return basicAuthorization(clientId, clientSecret);
}

const QByteArray tokenRequestBytes()
{
    const QByteArray body = "grant_type=client_credentials&scope=api/access";
    return "POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\nAuthorization: "
           + credentials() + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
           + body;
}

} // namespace

class TestSandboxFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void tokenFailuresForTheNextCalls_data();
    void tokenFailuresForTheNextCalls();
    void brokenTokenBodies_data();
    void brokenTokenBodies();
    void hugeTokenBodyStillCarriesAToken();
    void droppedConnectionsAnswerNothing_data();
    void droppedConnectionsAnswerNothing();
    void delaysHoldBackTheAnswer_data();
    void delaysHoldBackTheAnswer();
    void revokedTokensAreRefused();
    void forbiddenClientGetsTokenButNoApi();
    void forbiddenModelOnlyWhenNamed_data();
    void forbiddenModelOnlyWhenNamed();
    void reasoningModelWithSmallMaxTokens_data();
    void reasoningModelWithSmallMaxTokens();

    void countersPerPathAndReset();
    void controlEndpointSetsPlan();
    void controlEndpointRefusesMistakes_data();
    void controlEndpointRefusesMistakes();
    void controlEndpointResetsAndRevokes();
    void planSetBeforeStartApplies();

private:
    HttpResult completion(const QByteArray &accessToken, const QByteArray &fields);

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxFaults::initTestCase()
{
    SandboxConfig config;
    config.clientId = clientId;
    config.clientSecret = clientSecret;
    config.streamChunkDelayMs = 0;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY2(m_sandbox->start(0), qPrintable(m_sandbox->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_sandbox->baseUrl());
}

void TestSandboxFaults::init()
{
    m_sandbox->resetFaults();
    m_sandbox->resetCounters();
}

void TestSandboxFaults::cleanupTestCase()
{
    m_client.reset();
    m_sandbox.reset();
}

HttpResult TestSandboxFaults::completion(const QByteArray &accessToken, const QByteArray &fields)
{
    return m_client->post(completionsPath, accessToken, chatBody(fields));
}

void TestSandboxFaults::tokenFailuresForTheNextCalls_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("count");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("500 once") << 500 << 1 << QByteArray() << "temporarily_unavailable";
    QTest::newRow("503 twice with Retry-After")
        << 503 << 2 << QByteArray("3") << "temporarily_unavailable";
    QTest::newRow("429 with an HTTP date")
        << 429 << 1 << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << "slow_down";
}

void TestSandboxFaults::tokenFailuresForTheNextCalls()
{
    QFETCH(int, status);
    QFETCH(int, count);
    QFETCH(QByteArray, retryAfter);
    QFETCH(QString, expectedError);

    m_sandbox->updateFaultPlan([&](FaultPlan &plan) {
        plan.tokenFailureCount = count;
        plan.tokenFailureStatus = status;
        plan.tokenRetryAfter = retryAfter;
    });

    for (int i = 0; i < count; ++i) {
        const HttpResult failed = m_client->requestToken(credentials());
        QCOMPARE(failed.status, status);
        QCOMPARE(failed.header("Retry-After"), retryAfter);
        QCOMPARE(failed.json.value(QStringLiteral("error")).toString(), expectedError);
        QVERIFY(!failed.json.contains(QStringLiteral("access_token")));
    }

    const HttpResult recovered = m_client->requestToken(credentials());
    QCOMPARE(recovered.status, 200);
    QVERIFY(!recovered.json.value(QStringLiteral("access_token")).toString().isEmpty());
    QCOMPARE(m_sandbox->faultPlan().tokenFailureCount, 0);
    QCOMPARE(m_sandbox->tokenRequestCount(), count + 1);
}

void TestSandboxFaults::brokenTokenBodies_data()
{
    QTest::addColumn<TokenBodyFault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("isJson");
    QTest::addColumn<bool>("hasAccessToken");
    QTest::addColumn<QJsonValue>("expiresIn");

    const QByteArray json = "application/json";
    const QJsonValue absent(QJsonValue::Undefined);
    QTest::newRow("html with 200")
        << TokenBodyFault::Html << 200 << QByteArray("text/html; charset=utf-8") << false << false
        << absent;
    QTest::newRow("html with 502")
        << TokenBodyFault::Html << 502 << QByteArray("text/html; charset=utf-8") << false << false
        << absent;
    QTest::newRow("garbage") << TokenBodyFault::Garbage << 200 << json << false << false << absent;
    QTest::newRow("empty") << TokenBodyFault::Empty << 200 << json << false << false << absent;
    QTest::newRow("no access_token")
        << TokenBodyFault::NoAccessToken << 200 << json << true << false << QJsonValue(3600);
    QTest::newRow("expires_in as a string") << TokenBodyFault::ExpiresInString << 200 << json
                                            << true << true << QJsonValue(QStringLiteral("3600"));
    QTest::newRow("expires_in missing")
        << TokenBodyFault::ExpiresInMissing << 200 << json << true << true << absent;
}

void TestSandboxFaults::brokenTokenBodies()
{
    QFETCH(TokenBodyFault, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, isJson);
    QFETCH(bool, hasAccessToken);
    QFETCH(QJsonValue, expiresIn);

    m_sandbox->updateFaultPlan([&](FaultPlan &plan) {
        plan.tokenBodyFault = fault;
        plan.tokenBodyFaultCount = 1;
        plan.tokenBodyStatus = status;
    });

    const HttpResult broken = m_client->requestToken(credentials());
    QCOMPARE(broken.status, status);
    QCOMPARE(broken.header("Content-Type"), contentType);
    QCOMPARE(QJsonDocument::fromJson(broken.body).isObject(), isJson);
    QCOMPARE(broken.json.value(QStringLiteral("access_token")).isString(), hasAccessToken);
    QCOMPARE(broken.json.value(QStringLiteral("expires_in")), expiresIn);
    if (fault == TokenBodyFault::Html)
        QVERIFY(broken.body.startsWith("<!DOCTYPE html>"));
    if (fault == TokenBodyFault::Empty)
        QVERIFY(broken.body.isEmpty());

    // The token in a broken body is real: a lenient client could use it.
    if (hasAccessToken) {
        const QByteArray token =
            broken.json.value(QStringLiteral("access_token")).toString().toLatin1();
        QCOMPARE(completion(token, "\"auto_routing\":true").status, 200);
    }

    const HttpResult next = m_client->requestToken(credentials());
    QCOMPARE(next.status, 200);
    QCOMPARE(next.json.value(QStringLiteral("expires_in")), QJsonValue(3600));
}

void TestSandboxFaults::hugeTokenBodyStillCarriesAToken()
{
    m_sandbox->updateFaultPlan([](FaultPlan &plan) {
        plan.tokenBodyFault = TokenBodyFault::Huge;
        plan.tokenBodyFaultCount = 1;
    });

    const HttpResult huge = m_client->requestToken(credentials());

    QCOMPARE(huge.status, 200);
    QVERIFY2(huge.body.size() > 1024 * 1024, QByteArray::number(huge.body.size()).constData());
    QCOMPARE(huge.header("Content-Length").toLongLong(), huge.body.size());
    QCOMPARE(huge.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(huge.json.value(QStringLiteral("access_token")).toString().count(u'.'), 2);
}

void TestSandboxFaults::droppedConnectionsAnswerNothing_data()
{
    QTest::addColumn<bool>("tokenEndpoint");

    QTest::newRow("token endpoint") << true;
    QTest::newRow("API endpoint") << false;
}

void TestSandboxFaults::droppedConnectionsAnswerNothing()
{
    QFETCH(bool, tokenEndpoint);

    const QByteArray token = m_client->accessToken(credentials());
    m_sandbox->updateFaultPlan(
        [&](FaultPlan &plan) { (tokenEndpoint ? plan.tokenDropCount : plan.apiDropCount) = 2; });
    const QByteArray body = chatBody("\"auto_routing\":true");
    const QByteArray request =
        tokenEndpoint ? tokenRequestBytes()
                      : "POST " + completionsPath.toLatin1()
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Authorization: Bearer "
                            + token + "\r\nContent-Length: " + QByteArray::number(body.size())
                            + "\r\n\r\n" + body;

    for (int i = 0; i < 2; ++i) {
        bool closed = false;
        const QByteArray received = m_client->rawExchange(request, &closed);
        QVERIFY(closed);
        QCOMPARE(received, QByteArray());
    }

    // The third request is answered: the drops were used up.
    bool closed = false;
    const QByteArray answered = m_client->rawExchange(request, &closed, 1000);
    QVERIFY2(answered.startsWith("HTTP/1.1 200 OK\r\n"), answered.left(200).constData());
    QCOMPARE(m_sandbox->tokenRequestCount(), tokenEndpoint ? 4 : 1);
    QCOMPARE(m_sandbox->apiRequestCount(), tokenEndpoint ? 0 : 3);
}

void TestSandboxFaults::delaysHoldBackTheAnswer_data()
{
    QTest::addColumn<bool>("tokenEndpoint");
    QTest::addColumn<int>("delayMs");

    QTest::newRow("token endpoint 400 ms") << true << 400;
    QTest::newRow("API endpoint 400 ms") << false << 400;
}

void TestSandboxFaults::delaysHoldBackTheAnswer()
{
    QFETCH(bool, tokenEndpoint);
    QFETCH(int, delayMs);

    const QByteArray token = m_client->accessToken(credentials());
    m_sandbox->updateFaultPlan(
        [&](FaultPlan &plan) { (tokenEndpoint ? plan.tokenDelayMs : plan.apiDelayMs) = delayMs; });

    const HttpResult slow = tokenEndpoint ? m_client->requestToken(credentials())
                                          : completion(token, "\"auto_routing\":true");
    QCOMPARE(slow.status, 200);
    QVERIFY2(slow.elapsedMs >= delayMs, QByteArray::number(slow.elapsedMs).constData());

    // The other kind of endpoint is not slowed down.
    const HttpResult other = tokenEndpoint ? completion(token, "\"auto_routing\":true")
                                           : m_client->requestToken(credentials());
    QCOMPARE(other.status, 200);
    QVERIFY2(other.elapsedMs < delayMs, QByteArray::number(other.elapsedMs).constData());
}

void TestSandboxFaults::revokedTokensAreRefused()
{
    const QByteArray before = m_client->accessToken(credentials());
    QCOMPARE(completion(before, "\"auto_routing\":true").status, 200);

    m_sandbox->revokeAllTokens();

    const HttpResult refused = completion(before, "\"auto_routing\":true");
    QCOMPARE(refused.status, 401);
    QVERIFY(refused.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    QVERIFY(refused.error()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("revoked")));

    const QByteArray after = m_client->accessToken(credentials());
    QCOMPARE(completion(after, "\"auto_routing\":true").status, 200);
}

void TestSandboxFaults::forbiddenClientGetsTokenButNoApi()
{
    m_sandbox->updateFaultPlan([](FaultPlan &plan) { plan.forbiddenClientId = clientId; });

    const HttpResult token = m_client->requestToken(credentials());
    QCOMPARE(token.status, 200);
    const QByteArray accessToken =
        token.json.value(QStringLiteral("access_token")).toString().toLatin1();

    const HttpResult refused = completion(accessToken, "\"auto_routing\":true");
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.error().value(QStringLiteral("type")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(refused.error().value(QStringLiteral("retryable")), QJsonValue(false));

    m_sandbox->updateFaultPlan(
        [](FaultPlan &plan) { plan.forbiddenClientId = QStringLiteral("x"); });
    QCOMPARE(completion(accessToken, "\"auto_routing\":true").status, 200);
}

void TestSandboxFaults::forbiddenModelOnlyWhenNamed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedStatus");

    const QString v2 = completionsPath;
    QTest::newRow("V2 with the model")
        << v2 << chatBody(R"("model":"gloo-meta-llama-3.1-8b")") << 403;
    QTest::newRow("V1 with the model") << QStringLiteral("/ai/v1/chat/completions")
                                       << chatBody(R"("model":"gloo-meta-llama-3.1-8b")") << 403;
    QTest::newRow("Responses with the model")
        << QStringLiteral("/ai/v1/responses")
        << QByteArray(R"({"model":"gloo-meta-llama-3.1-8b","input":"Hi"})") << 403;
    QTest::newRow("family that routes to it")
        << v2 << chatBody(R"("model_family":"Open Source")") << 200;
    QTest::newRow("another model")
        << v2 << chatBody(R"("model":"gloo-openai-gpt-oss-120b")") << 200;
}

void TestSandboxFaults::forbiddenModelOnlyWhenNamed()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedStatus);

    const QByteArray token = m_client->accessToken(credentials());
    m_sandbox->updateFaultPlan(
        [](FaultPlan &plan) { plan.forbiddenModels = {QStringLiteral("gloo-meta-llama-3.1-8b")}; });

    const HttpResult result = m_client->post(path, token, body);

    QCOMPARE(result.status, expectedStatus);
    if (expectedStatus == 403) {
        QCOMPARE(result.json.value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(result.json.value(QStringLiteral("model")).toString(),
                 QStringLiteral("gloo-meta-llama-3.1-8b"));
    }
}

void TestSandboxFaults::reasoningModelWithSmallMaxTokens_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("providerName");

    QTest::newRow("reasoning model, 1023 tokens")
        << QByteArray(R"("model":"gloo-openai-gpt-5-mini","max_tokens":1023)") << 503
        << QStringLiteral("openai");
    QTest::newRow("reasoning model, 1024 tokens")
        << QByteArray(R"("model":"gloo-openai-gpt-5-mini","max_tokens":1024)") << 200 << QString();
    QTest::newRow("reasoning model, no cap")
        << QByteArray(R"("model":"gloo-anthropic-claude-haiku-4.5")") << 200 << QString();
    QTest::newRow("auto routing to a reasoning model, 50 tokens")
        << QByteArray(R"("auto_routing":true,"max_tokens":50)") << 503 << QStringLiteral("google");
    QTest::newRow("streaming fails before any event")
        << QByteArray(R"("model_family":"anthropic","max_tokens":10,"stream":true)") << 503
        << QStringLiteral("anthropic");
    QTest::newRow("model without reasoning, 5 tokens")
        << QByteArray(R"("model":"gloo-meta-llama-3.1-8b","max_tokens":5)") << 200 << QString();
}

void TestSandboxFaults::reasoningModelWithSmallMaxTokens()
{
    QFETCH(QByteArray, fields);
    QFETCH(int, expectedStatus);
    QFETCH(QString, providerName);

    const HttpResult result = completion(m_client->accessToken(credentials()), fields);

    QCOMPARE(result.status, expectedStatus);
    if (expectedStatus != 503)
        return;
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    const QJsonObject error = result.error();
    QCOMPARE(error.value(QStringLiteral("type")).toString(),
             QStringLiteral("service_unavailable_error"));
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 2002);
    QCOMPARE(error.value(QStringLiteral("fault")).toString(), QStringLiteral("provider"));
    QCOMPARE(error.value(QStringLiteral("retryable")), QJsonValue(true));
    QCOMPARE(error.value(QStringLiteral("provider_name")).toString(), providerName);
    QVERIFY(!error.value(QStringLiteral("category")).toString().isEmpty());
    QVERIFY(!error.value(QStringLiteral("trace_id")).toString().isEmpty());
    QCOMPARE(result.header("X-Request-Id"),
             error.value(QStringLiteral("request_id")).toString().toLatin1());
}

void TestSandboxFaults::countersPerPathAndReset()
{
    const QByteArray token = m_client->accessToken(credentials());
    QCOMPARE(completion(token, "\"auto_routing\":true").status, 200);
    QCOMPARE(completion({}, "\"auto_routing\":true").status, 401);
    QCOMPARE(
        m_client->post(QStringLiteral("/ai/data/v1/search"), token, R"({"query":"grace"})").status,
        200);
    QCOMPARE(m_client->get(QStringLiteral("/platform/v2/models"), {}).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/_sandbox/stats"), {}).status, 200);

    const auto stats = m_sandbox->stats();
    QCOMPARE(stats.tokenRequests, 1);
    QCOMPARE(stats.apiRequests, 3);
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 2);
    QCOMPARE(m_sandbox->apiRequestCount(QStringLiteral("/ai/data/v1/search")), 1);
    QCOMPARE(stats.apiRequestsByPath.size(), 2);

    const HttpResult shown = m_client->get(QStringLiteral("/_sandbox/stats"), {});
    const QJsonObject counters = shown.json.value(QStringLiteral("stats")).toObject();
    QCOMPARE(counters.value(QStringLiteral("token_requests")).toInt(), 1);
    QCOMPARE(counters.value(QStringLiteral("api_requests")).toInt(), 3);
    QCOMPARE(counters.value(QStringLiteral("api_requests_by_path"))
                 .toObject()
                 .value(completionsPath)
                 .toInt(),
             2);

    m_sandbox->resetCounters();
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
    QCOMPARE(m_sandbox->apiRequestCount(), 0);
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 0);
}

void TestSandboxFaults::controlEndpointSetsPlan()
{
    const QByteArray control = R"({
        "token_failure": {"status": 429, "count": 3, "retry_after": 12},
        "token_body": {"kind": "expires_in_missing", "count": 2, "status": 200},
        "token_drop": {}, "api_drop": {"count": 4},
        "token_delay_ms": 10, "api_delay_ms": 20,
        "forbidden_client_id": "someone", "forbidden_models": ["a", "b"],
        "stream_drop": {"count": 1, "after_events": 5},
        "stream_error": {"after_events": 2}
    })";

    const HttpResult result = m_client->post(QStringLiteral("/_sandbox/control"), {}, control);

    QCOMPARE(result.status, 200);
    const FaultPlan plan = m_sandbox->faultPlan();
    QCOMPARE(plan.tokenFailureStatus, 429);
    QCOMPARE(plan.tokenFailureCount, 3);
    QCOMPARE(plan.tokenRetryAfter, QByteArray("12"));
    QCOMPARE(plan.tokenBodyFault, TokenBodyFault::ExpiresInMissing);
    QCOMPARE(plan.tokenBodyFaultCount, 2);
    QCOMPARE(plan.tokenDropCount, 1);
    QCOMPARE(plan.apiDropCount, 4);
    QCOMPARE(plan.tokenDelayMs, 10);
    QCOMPARE(plan.apiDelayMs, 20);
    QCOMPARE(plan.forbiddenClientId, QStringLiteral("someone"));
    QCOMPARE(plan.forbiddenModels, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(plan.streamDropCount, 1);
    QCOMPARE(plan.streamDropAfterEvents, 5);
    QCOMPARE(plan.streamErrorCount, 1);
    QCOMPARE(plan.streamErrorAfterEvents, 2);
    QCOMPARE(result.json.value(QStringLiteral("faults")).toObject(), plan.toJson());

    // A later request changes only what it names.
    QCOMPARE(
        m_client->post(QStringLiteral("/_sandbox/control"), {}, R"({"api_delay_ms":0})").status,
        200);
    QCOMPARE(m_sandbox->faultPlan().apiDelayMs, 0);
    QCOMPARE(m_sandbox->faultPlan().apiDropCount, 4);
}

void TestSandboxFaults::controlEndpointRefusesMistakes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("not JSON") << QByteArray("reset") << "JSON object";
    QTest::newRow("unknown fault") << QByteArray(R"({"token_failures":{}})") << "token_failures";
    QTest::newRow("unknown field") << QByteArray(R"({"token_drop":{"cout":1}})") << "cout";
    QTest::newRow("status outside 400..599")
        << QByteArray(R"({"token_failure":{"status":200}})") << "status";
    QTest::newRow("status Qt cannot name")
        << QByteArray(R"({"token_failure":{"status":499}})") << "status";
    QTest::newRow("negative count") << QByteArray(R"({"api_drop":{"count":-1}})") << "count";
    QTest::newRow("fractional delay") << QByteArray(R"({"api_delay_ms":1.5})") << "api_delay_ms";
    QTest::newRow("unknown body kind")
        << QByteArray(R"({"token_body":{"kind":"xml"}})") << "token_body.kind";
    QTest::newRow("models not strings")
        << QByteArray(R"({"forbidden_models":[1]})") << "forbidden_models";
    QTest::newRow("reset not a boolean") << QByteArray(R"({"reset":"yes"})") << "reset";
    QTest::newRow("good change next to a mistake")
        << QByteArray(R"({"api_delay_ms":100,"api_drop":{"count":"2"}})") << "api_drop.count";
}

void TestSandboxFaults::controlEndpointRefusesMistakes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(QStringLiteral("/_sandbox/control"), {}, body);

    QCOMPARE(result.status, 400);
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
    QVERIFY(m_sandbox->faultPlan().isEmpty());
}

void TestSandboxFaults::controlEndpointResetsAndRevokes()
{
    const QByteArray token = m_client->accessToken(credentials());
    m_sandbox->updateFaultPlan([](FaultPlan &plan) { plan.apiDropCount = 5; });
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);

    const HttpResult result = m_client->post(QStringLiteral("/_sandbox/control"), {},
                                             R"({"reset":true,"revoke_tokens":true})");

    QCOMPARE(result.status, 200);
    QVERIFY(m_sandbox->faultPlan().isEmpty());
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
    QCOMPARE(completion(token, "\"auto_routing\":true").status, 401);
}

void TestSandboxFaults::planSetBeforeStartApplies()
{
    SandboxThread sandbox(m_sandbox->config());
    FaultPlan plan;
    plan.tokenFailureCount = 1;
    plan.tokenFailureStatus = 500;
    sandbox.setFaultPlan(plan);
    QCOMPARE(sandbox.faultPlan().tokenFailureCount, 1);

    QVERIFY(sandbox.start(0));
    SandboxTestClient client(sandbox.baseUrl());
    QCOMPARE(client.requestToken(credentials()).status, 500);
    QCOMPARE(client.requestToken(credentials()).status, 200);

    sandbox.stop();
    QCOMPARE(sandbox.tokenRequestCount(), 2);
    QCOMPARE(sandbox.faultPlan().tokenFailureCount, 0);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
