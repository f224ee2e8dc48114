#include "sandbox/sandboxserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>

using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxServer;
using gloo::sandbox::SandboxThread;

namespace {

const QString clientId = QStringLiteral("sandbox-client");
// Every character that form encoding treats specially, and one beyond ASCII.
const QString specialSecret = QString::fromUtf8("a+b/c:d=e%f&g h \xc3\xbc");
// The same secret form-urlencoded as RFC 6749 section 2.3.1 asks of a client.
const QByteArray specialSecretEncoded = "a%2Bb%2Fc%3Ad%3De%25f%26g+h+%C3%BC";
const int lifetimeSeconds = 600;

const QByteArray formType = "application/x-www-form-urlencoded";
const QByteArray grantBody = "grant_type=client_credentials&scope=api/access";

QByteArray basic(const QByteArray &credentials)
{
    return "Basic " + credentials.toBase64();
}

QByteArray rfcAuthorization()
{
    return basic(clientId.toUtf8() + ':' + specialSecretEncoded);
}

QUrl endpoint(const QUrl &base, const char *path)
{
    QUrl url = base;
    url.setPath(QString::fromLatin1(path));
    return url;
}

QByteArray userMessages(const QString &text)
{
    const QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), text}}};
    return QJsonDocument(messages).toJson(QJsonDocument::Compact);
}

// A Completions V2 body: `fields` is the inside of a JSON object, without
// braces, placed next to a messages array holding one user message.
QByteArray completionBody(const QByteArray &fields, const QString &question = QStringLiteral("Hi"))
{
    QByteArray body = "{\"messages\":" + userMessages(question);
    if (!fields.isEmpty())
        body += ',' + fields;
    return body + '}';
}

// The documented answer of the sandbox to a question, given the question's
// text as the sandbox echoes it.
QString sandboxAnswer(const QString &echo)
{
    return QStringLiteral("Sandbox reply to: \"%1\". This answer comes from the Gloo Console "
                          "sandbox on your computer, so no model read your message. Use the "
                          "Production environment to talk to Gloo AI.")
        .arg(echo);
}

QJsonObject jwtSegment(const QByteArray &token, int index)
{
    const QByteArray segment = token.split('.').value(index);
    const QByteArray json = QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(json).object();
}

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }

    QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
};

// Collects what the sandbox logs, from whichever thread logs it.
class LogCapture
{
public:
    LogCapture()
    {
        QMutexLocker lock(&s_mutex);
        s_instance = this;
        m_previous = qInstallMessageHandler(&LogCapture::handle);
    }
    ~LogCapture()
    {
        QMutexLocker lock(&s_mutex);
        qInstallMessageHandler(m_previous);
        s_instance = nullptr;
    }

    QStringList messages() const
    {
        QMutexLocker lock(&s_mutex);
        return m_messages;
    }

private:
    static void handle(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        if (qstrcmp(context.category, "gloo.sandbox") != 0)
            return;
        QMutexLocker lock(&s_mutex);
        if (s_instance)
            s_instance->m_messages.append(message);
    }

    static inline QMutex s_mutex;
    static inline LogCapture *s_instance = nullptr;
    QtMessageHandler m_previous = nullptr;
    QStringList m_messages;
};

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tokenEndpoint_data();
    void tokenEndpoint();
    void tokenCarriesCognitoClaims();
    void demoCredentialsAreAcceptedByDefault();

    void completionsRefuseMissingOrForeignToken_data();
    void completionsRefuseMissingOrForeignToken();
    void completionsRefuseExpiredToken();
    void completionsRejectInvalidBody_data();
    void completionsRejectInvalidBody();
    void completionsAnswerDeterministically_data();
    void completionsAnswerDeterministically();

    void modelCatalogIsPublic();
    void unknownPathsAndWrongMethods_data();
    void unknownPathsAndWrongMethods();

    void bindsToLoopbackOnly();
    void threadCountsRequestsAndStops();
    void threadReportsBusyPort();
    void logsEventsButNoSecrets();

private:
    HttpResult send(const QByteArray &verb, const QUrl &url,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    const QByteArray &body = {});
    HttpResult requestToken(const QUrl &base, const QByteArray &authorization);
    HttpResult requestCompletion(const QUrl &base, const QByteArray &authorization,
                                 const QByteArray &body);
    QByteArray accessToken();

    QNetworkAccessManager m_network;
    std::unique_ptr<SandboxThread> m_sandbox;
};

void TestSandboxServer::initTestCase()
{
    // Nothing in the environment may route loopback traffic through a proxy.
    m_network.setProxy(QNetworkProxy::NoProxy);

    SandboxConfig config;
    config.clientId = clientId;
    config.clientSecret = specialSecret;
    config.tokenLifetimeSeconds = lifetimeSeconds;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY2(m_sandbox->start(0), qPrintable(m_sandbox->errorString()));
    QVERIFY(m_sandbox->isRunning());
}

void TestSandboxServer::cleanupTestCase()
{
    m_sandbox.reset();
}

HttpResult TestSandboxServer::send(const QByteArray &verb, const QUrl &url,
                                   const QList<QPair<QByteArray, QByteArray>> &headers,
                                   const QByteArray &body)
{
    QNetworkRequest request(url);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);

    HttpResult result;
    result.finished = finished.wait(10000);
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    return result;
}

HttpResult TestSandboxServer::requestToken(const QUrl &base, const QByteArray &authorization)
{
    return send("POST", endpoint(base, "/oauth2/token"),
                {{"Content-Type", formType}, {"Authorization", authorization}}, grantBody);
}

HttpResult TestSandboxServer::requestCompletion(const QUrl &base, const QByteArray &authorization,
                                                const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    return send("POST", endpoint(base, "/ai/v2/chat/completions"), headers, body);
}

QByteArray TestSandboxServer::accessToken()
{
    const HttpResult result = requestToken(m_sandbox->baseUrl(), rfcAuthorization());
    return result.json.value(QStringLiteral("access_token")).toString().toLatin1();
}

void TestSandboxServer::tokenEndpoint_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QString>("expectedError");

    const QByteArray id = clientId.toUtf8();
    const QString none;

    QTest::newRow("special secret encoded per RFC 6749")
        << formType << rfcAuthorization() << grantBody << 200 << none;
    QTest::newRow("special secret with spaces as %20")
        << formType << basic(id + ":a%2Bb%2Fc%3Ad%3De%25f%26g%20h%20%C3%BC") << grantBody << 200
        << none;
    QTest::newRow("client id encoded too")
        << formType << basic("sandbox%2Dclient:" + specialSecretEncoded) << grantBody << 200
        << none;
    QTest::newRow("scheme name in lower case")
        << formType << "basic " + QByteArray(id + ':' + specialSecretEncoded).toBase64()
        << grantBody << 200 << none;
    QTest::newRow("scope omitted") << formType << rfcAuthorization()
                                   << QByteArray("grant_type=client_credentials") << 200 << none;
    QTest::newRow("content type with charset")
        << formType + "; charset=UTF-8" << rfcAuthorization() << grantBody << 200 << none;

    const QString invalidClient = QStringLiteral("invalid_client");
    QTest::newRow("special secret sent raw, not encoded")
        << formType << basic(id + ':' + specialSecret.toUtf8()) << grantBody << 401
        << invalidClient;
    QTest::newRow("wrong secret") << formType << basic(id + ":sandbox-secret") << grantBody << 401
                                  << invalidClient;
    QTest::newRow("unknown client id") << formType << basic("someone-else:" + specialSecretEncoded)
                                       << grantBody << 401 << invalidClient;
    QTest::newRow("missing Authorization header")
        << formType << QByteArray() << grantBody << 401 << invalidClient;
    QTest::newRow("malformed base64")
        << formType << QByteArray("Basic !!not*base64!!") << grantBody << 401 << invalidClient;
    QTest::newRow("credentials without a colon")
        << formType << basic(id) << grantBody << 401 << invalidClient;
    QTest::newRow("broken percent escape in secret")
        << formType << basic(id + ":a%2") << grantBody << 401 << invalidClient;
    QTest::newRow("Bearer instead of Basic")
        << formType << "Bearer " + QByteArray(id + ':' + specialSecretEncoded).toBase64()
        << grantBody << 401 << invalidClient;

    QTest::newRow("grant_type missing")
        << formType << rfcAuthorization() << QByteArray("scope=api/access") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("password grant")
        << formType << rfcAuthorization() << QByteArray("grant_type=password&scope=api/access")
        << 400 << QStringLiteral("unsupported_grant_type");
    QTest::newRow("other scope") << formType << rfcAuthorization()
                                 << QByteArray("grant_type=client_credentials&scope=api/admin")
                                 << 400 << QStringLiteral("invalid_scope");
    QTest::newRow("JSON instead of a form")
        << QByteArray("application/json") << rfcAuthorization()
        << QByteArray(R"({"grant_type":"client_credentials","scope":"api/access"})") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("grant_type repeated")
        << formType << rfcAuthorization()
        << QByteArray("grant_type=client_credentials&grant_type=client_credentials") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("broken percent escape in body")
        << formType << rfcAuthorization() << QByteArray("grant_type=client%2") << 400
        << QStringLiteral("invalid_request");
}

void TestSandboxServer::tokenEndpoint()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedStatus);
    QFETCH(QString, expectedError);

    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", contentType}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const int tokenRequestsBefore = m_sandbox->tokenRequestCount();

    const HttpResult result = send("POST", endpoint(m_sandbox->baseUrl(), "/oauth2/token"), headers,
                                   body);

    QVERIFY(result.finished);
    QCOMPARE(result.status, expectedStatus);
    QCOMPARE(m_sandbox->tokenRequestCount(), tokenRequestsBefore + 1);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));

    if (expectedStatus != 200) {
        QCOMPARE(result.json.value(QStringLiteral("error")).toString(), expectedError);
        QVERIFY(!result.json.contains(QStringLiteral("access_token")));
        if (expectedStatus == 401)
            QVERIFY(result.header("WWW-Authenticate").startsWith("Basic"));
        return;
    }

    QCOMPARE(result.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(result.json.value(QStringLiteral("expires_in")).toInt(), lifetimeSeconds);
    QCOMPARE(result.json.value(QStringLiteral("access_token")).toString().count(u'.'), 2);
    QCOMPARE(result.header("Cache-Control"), QByteArray("no-store"));
}

void TestSandboxServer::tokenCarriesCognitoClaims()
{
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = accessToken();
    const QByteArray secondToken = accessToken();
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QVERIFY(!token.isEmpty());

    const QJsonObject header = jwtSegment(token, 0);
    QCOMPARE(header, QJsonObject({{QStringLiteral("alg"), QStringLiteral("HS256")},
                                  {QStringLiteral("kid"), QStringLiteral("sandbox")},
                                  {QStringLiteral("typ"), QStringLiteral("JWT")}}));

    const QJsonObject claims = jwtSegment(token, 1);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), clientId);
    QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), clientId);
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("api/access"));
    QCOMPARE(claims.value(QStringLiteral("token_use")).toString(), QStringLiteral("access"));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), m_sandbox->baseUrl().toString());
    QCOMPARE(claims.value(QStringLiteral("version")).toInt(), 2);

    const qint64 issuedAt = claims.value(QStringLiteral("iat")).toInteger();
    const qint64 expiresAt = claims.value(QStringLiteral("exp")).toInteger();
    QVERIFY(issuedAt >= before && issuedAt <= after);
    QCOMPARE(claims.value(QStringLiteral("auth_time")).toInteger(), issuedAt);
    // Whole seconds: the expiry is rounded up so the token lives at least as
    // long as expires_in says.
    QVERIFY(expiresAt - issuedAt >= lifetimeSeconds);
    QVERIFY(expiresAt - issuedAt <= lifetimeSeconds + 1);

    const QString jti = claims.value(QStringLiteral("jti")).toString();
    QVERIFY(!QUuid::fromString(jti).isNull());
    QVERIFY(jti != jwtSegment(secondToken, 1).value(QStringLiteral("jti")).toString());
    QVERIFY(!token.split('.').value(2).isEmpty());
}

void TestSandboxServer::demoCredentialsAreAcceptedByDefault()
{
    SandboxServer server;
    QVERIFY2(server.listen(0), qPrintable(server.errorString()));

    const HttpResult demo = requestToken(server.baseUrl(), basic("sandbox-client:sandbox-secret"));
    QCOMPARE(demo.status, 200);
    QCOMPARE(demo.json.value(QStringLiteral("expires_in")).toInt(), 3600);

    const HttpResult other = requestToken(server.baseUrl(), rfcAuthorization());
    QCOMPARE(other.status, 401);
    QCOMPARE(server.tokenRequestCount(), 2);
}

void TestSandboxServer::completionsRefuseMissingOrForeignToken_data()
{
    QTest::addColumn<QString>("credential");

    QTest::newRow("no Authorization header") << QStringLiteral("none");
    QTest::newRow("garbage bearer token") << QStringLiteral("garbage");
    QTest::newRow("three garbage segments") << QStringLiteral("segments");
    QTest::newRow("payload changed after signing") << QStringLiteral("tampered");
    QTest::newRow("token of another sandbox") << QStringLiteral("foreign");
    QTest::newRow("client credentials instead of a token") << QStringLiteral("basic");
}

void TestSandboxServer::completionsRefuseMissingOrForeignToken()
{
    QFETCH(QString, credential);

    QByteArray authorization;
    if (credential == QLatin1String("garbage")) {
        authorization = "Bearer garbage";
    } else if (credential == QLatin1String("segments")) {
        authorization = "Bearer aaaa.bbbb.cccc";
    } else if (credential == QLatin1String("tampered")) {
        const QList<QByteArray> parts = accessToken().split('.');
        QCOMPARE(parts.size(), 3);
        QJsonObject claims = jwtSegment(parts.join('.'), 1);
        claims.insert(QStringLiteral("client_id"), QStringLiteral("someone-else"));
        const QByteArray forged = QJsonDocument(claims)
                                      .toJson(QJsonDocument::Compact)
                                      .toBase64(QByteArray::Base64UrlEncoding
                                                | QByteArray::OmitTrailingEquals);
        authorization = "Bearer " + parts[0] + '.' + forged + '.' + parts[2];
    } else if (credential == QLatin1String("foreign")) {
        SandboxConfig config = m_sandbox->config();
        SandboxServer other(config);
        QVERIFY(other.listen(0));
        const HttpResult token = requestToken(other.baseUrl(), rfcAuthorization());
        QCOMPARE(token.status, 200);
        authorization = "Bearer "
                        + token.json.value(QStringLiteral("access_token")).toString().toLatin1();
    } else if (credential == QLatin1String("basic")) {
        authorization = rfcAuthorization();
    }
    const int apiRequestsBefore = m_sandbox->apiRequestCount();

    const HttpResult result = requestCompletion(m_sandbox->baseUrl(), authorization,
                                                completionBody("\"auto_routing\":true"));

    QVERIFY(result.finished);
    QCOMPARE(result.status, 401);
    QVERIFY(result.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(result.error().value(QStringLiteral("type")).toString(),
             QStringLiteral("UNAUTHORIZED"));
    QVERIFY(!result.json.contains(QStringLiteral("choices")));
    QCOMPARE(m_sandbox->apiRequestCount(), apiRequestsBefore + 1);
}

void TestSandboxServer::completionsRefuseExpiredToken()
{
    SandboxConfig config = m_sandbox->config();
    config.tokenLifetimeSeconds = 1;
    SandboxServer server(config);
    QVERIFY(server.listen(0));

    const HttpResult token = requestToken(server.baseUrl(), rfcAuthorization());
    QCOMPARE(token.json.value(QStringLiteral("expires_in")).toInt(), 1);
    const QByteArray authorization =
        "Bearer " + token.json.value(QStringLiteral("access_token")).toString().toLatin1();
    const QByteArray body = completionBody("\"auto_routing\":true");

    const HttpResult fresh = requestCompletion(server.baseUrl(), authorization, body);
    QCOMPARE(fresh.status, 200);

    // The expiry is rounded up to a whole second, so after two seconds a
    // one-second token has expired however the issue time fell.
    QTest::qWait(2100);
    const HttpResult stale = requestCompletion(server.baseUrl(), authorization, body);
    QCOMPARE(stale.status, 401);
    QVERIFY(stale.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    QVERIFY(stale.error()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("expired")));
}

void TestSandboxServer::completionsRejectInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    const QString routing = QStringLiteral("exactly one routing option");
    QTest::newRow("no routing choice") << completionBody({}) << routing;
    QTest::newRow("auto_routing false alone")
        << completionBody("\"auto_routing\":false") << routing;
    QTest::newRow("auto_routing and model")
        << completionBody(R"("auto_routing":true,"model":"gloo-openai-gpt-5-mini")") << routing;
    QTest::newRow("auto_routing and model_family")
        << completionBody(R"("auto_routing":true,"model_family":"google")") << routing;
    QTest::newRow("model and model_family")
        << completionBody(R"("model_family":"openai","model":"gloo-openai-gpt-5-mini")") << routing;
    QTest::newRow("auto_routing as a string")
        << completionBody(R"("auto_routing":"true")") << QStringLiteral("auto_routing");

    QTest::newRow("unknown model_family")
        << completionBody(R"("model_family":"mistral")") << QStringLiteral("model_family");
    QTest::newRow("unknown model")
        << completionBody(R"("model":"gloo-nobody-model-1")") << QStringLiteral("Unknown model");
    QTest::newRow("image-only model")
        << completionBody(R"("model":"gloo-openai-gpt-image-1")") << QStringLiteral("images");

    const QByteArray autoRouting = "\"auto_routing\":true,";
    QTest::newRow("temperature above 2")
        << completionBody(autoRouting + "\"temperature\":2.5") << QStringLiteral("temperature");
    QTest::newRow("temperature below 0")
        << completionBody(autoRouting + "\"temperature\":-0.1") << QStringLiteral("temperature");
    QTest::newRow("temperature as text")
        << completionBody(autoRouting + "\"temperature\":\"hot\"") << QStringLiteral("temperature");
    QTest::newRow("max_tokens zero")
        << completionBody(autoRouting + "\"max_tokens\":0") << QStringLiteral("max_tokens");
    QTest::newRow("max_tokens fractional")
        << completionBody(autoRouting + "\"max_tokens\":1.5") << QStringLiteral("max_tokens");
    QTest::newRow("unknown tradition")
        << completionBody(autoRouting + "\"tradition\":\"stoic\"") << QStringLiteral("tradition");
    QTest::newRow("stream as a number")
        << completionBody(autoRouting + "\"stream\":1") << QStringLiteral("stream");

    QTest::newRow("empty messages")
        << QByteArray(R"({"messages":[],"auto_routing":true})") << QStringLiteral("messages");
    QTest::newRow("messages missing")
        << QByteArray(R"({"auto_routing":true})") << QStringLiteral("messages");
    QTest::newRow("messages not an array")
        << QByteArray(R"({"messages":"Hi","auto_routing":true})") << QStringLiteral("messages");
    QTest::newRow("unknown role") << QByteArray(
        R"({"messages":[{"role":"robot","content":"Hi"}],"auto_routing":true})")
                                  << QStringLiteral("role");
    QTest::newRow("user message without content")
        << QByteArray(R"({"messages":[{"role":"user"}],"auto_routing":true})")
        << QStringLiteral("content");
    QTest::newRow("body not JSON") << QByteArray("messages=Hi") << QStringLiteral("JSON object");
    QTest::newRow("body a JSON array") << QByteArray("[]") << QStringLiteral("JSON object");
}

void TestSandboxServer::completionsRejectInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = requestCompletion(m_sandbox->baseUrl(), "Bearer " + accessToken(),
                                                body);

    QVERIFY(result.finished);
    QCOMPARE(result.status, 400);
    const QJsonObject error = result.error();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 1001);
    QCOMPARE(error.value(QStringLiteral("fault")).toString(), QStringLiteral("client"));
    QCOMPARE(error.value(QStringLiteral("retryable")), QJsonValue(false));
    QVERIFY(!error.value(QStringLiteral("request_id")).toString().isEmpty());
    QVERIFY(!error.value(QStringLiteral("trace_id")).toString().isEmpty());
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

void TestSandboxServer::completionsAnswerDeterministically_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("mechanism");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<double>("confidence");
    QTest::addColumn<QJsonValue>("tradition");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<int>("promptTokens");
    QTest::addColumn<int>("completionTokens");

    const QJsonValue noTradition(QJsonValue::Null);
    const QString stop = QStringLiteral("stop");

    QTest::newRow("auto routing sends a short question to the fast tier")
        << QByteArray(R"({"messages":[{"role":"system","content":"Be brief."},)"
                      R"({"role":"user","content":"Hello there"}],"auto_routing":true})")
        << QStringLiteral("gloo-google-gemini-2.5-flash") << QStringLiteral("google")
        << QStringLiteral("Google") << QStringLiteral("auto_routing") << QStringLiteral("fast")
        << 0.92 << noTradition << sandboxAnswer(QStringLiteral("Hello there")) << stop << 4 << 31;

    const QString longQuestion = QStringLiteral("word ").repeated(41).trimmed();
    QTest::newRow("auto routing sends a long question to the balanced tier")
        << completionBody("\"auto_routing\":true", longQuestion)
        << QStringLiteral("gloo-openai-gpt-5-mini") << QStringLiteral("openai")
        << QStringLiteral("OpenAI") << QStringLiteral("auto_routing") << QStringLiteral("balanced")
        << 0.78 << noTradition
        << sandboxAnswer(QStringLiteral("word ").repeated(40) + QStringLiteral("...")) << stop << 41
        << 70;

    QTest::newRow("model_family matched without regard to case")
        << completionBody(R"("model_family":"ANTHROPIC")", QStringLiteral("What is grace?"))
        << QStringLiteral("gloo-anthropic-claude-haiku-4.5") << QStringLiteral("anthropic")
        << QStringLiteral("Anthropic") << QStringLiteral("model_family")
        << QStringLiteral("balanced") << 1.0 << noTradition
        << sandboxAnswer(QStringLiteral("What is grace?")) << stop << 3 << 32;

    QTest::newRow("auto_routing false with model_family Open Source")
        << completionBody(R"("auto_routing":false,"model_family":"Open Source")")
        << QStringLiteral("gloo-meta-llama-3.1-8b") << QStringLiteral("meta")
        << QStringLiteral("Open Source") << QStringLiteral("model_family") << QStringLiteral("fast")
        << 1.0 << noTradition << sandboxAnswer(QStringLiteral("Hi")) << stop << 1 << 30;

    QTest::newRow("auto_routing false with a model and every option")
        << completionBody(R"("auto_routing":false,"model":"gloo-openai-gpt-5-mini",)"
                          R"("tradition":"catholic","temperature":0.7,"max_tokens":5000)")
        << QStringLiteral("gloo-openai-gpt-5-mini") << QStringLiteral("openai")
        << QStringLiteral("OpenAI") << QStringLiteral("model") << QStringLiteral("balanced") << 1.0
        << QJsonValue(QStringLiteral("catholic")) << sandboxAnswer(QStringLiteral("Hi")) << stop
        << 1 << 30;

    // Only a model without reasoning: a reasoning model answers 503 to so low a cap.
    QTest::newRow("max_tokens cuts the answer")
        << completionBody(R"("model_family":"open source","max_tokens":3)")
        << QStringLiteral("gloo-meta-llama-3.1-8b") << QStringLiteral("meta")
        << QStringLiteral("Open Source") << QStringLiteral("model_family") << QStringLiteral("fast")
        << 1.0 << noTradition << QStringLiteral("Sandbox reply to:") << QStringLiteral("length")
        << 1 << 3;

    QTest::newRow("the last user message is answered")
        << QByteArray(R"({"messages":[{"role":"user","content":"First question"},)"
                      R"({"role":"assistant","content":"First answer"},)"
                      R"({"role":"user","content":"Second question"}],)"
                      R"("model":"gloo-anthropic-claude-haiku-4.5"})")
        << QStringLiteral("gloo-anthropic-claude-haiku-4.5") << QStringLiteral("anthropic")
        << QStringLiteral("Anthropic") << QStringLiteral("model") << QStringLiteral("balanced")
        << 1.0 << noTradition << sandboxAnswer(QStringLiteral("Second question")) << stop << 6
        << 31;

    QTest::newRow("content given as OpenAI text parts")
        << QByteArray(R"({"messages":[{"role":"user","content":[{"type":"text",)"
                      R"("text":"Hello there"}]}],"model_family":"openai"})")
        << QStringLiteral("gloo-openai-gpt-5-mini") << QStringLiteral("openai")
        << QStringLiteral("OpenAI") << QStringLiteral("model_family") << QStringLiteral("balanced")
        << 1.0 << noTradition << sandboxAnswer(QStringLiteral("Hello there")) << stop << 2 << 31;
}

void TestSandboxServer::completionsAnswerDeterministically()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(QString, provider);
    QFETCH(QString, family);
    QFETCH(QString, mechanism);
    QFETCH(QString, tier);
    QFETCH(double, confidence);
    QFETCH(QJsonValue, tradition);
    QFETCH(QString, content);
    QFETCH(QString, finishReason);
    QFETCH(int, promptTokens);
    QFETCH(int, completionTokens);

    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const HttpResult result = requestCompletion(m_sandbox->baseUrl(), "Bearer " + accessToken(),
                                                body);

    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);
    const QJsonObject &answer = result.json;
    QVERIFY(answer.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("chatcmpl-")));
    QCOMPARE(answer.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion"));
    QVERIFY(answer.value(QStringLiteral("created")).toInteger() >= before);
    QCOMPARE(answer.value(QStringLiteral("model")).toString(), model);

    const QJsonArray choices = answer.value(QStringLiteral("choices")).toArray();
    QCOMPARE(choices.size(), 1);
    const QJsonObject choice = choices.first().toObject();
    QCOMPARE(choice.value(QStringLiteral("index")).toInt(-1), 0);
    QCOMPARE(choice.value(QStringLiteral("finish_reason")).toString(), finishReason);
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(message.value(QStringLiteral("content")).toString(), content);

    const QJsonObject usage = answer.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), promptTokens);
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), completionTokens);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), promptTokens + completionTokens);

    QCOMPARE(answer.value(QStringLiteral("provider")).toString(), provider);
    QCOMPARE(answer.value(QStringLiteral("model_family")).toString(), family);
    QCOMPARE(answer.value(QStringLiteral("routing_mechanism")).toString(), mechanism);
    QCOMPARE(answer.value(QStringLiteral("routing_tier")).toString(), tier);
    QCOMPARE(answer.value(QStringLiteral("routing_confidence")).toDouble(), confidence);
    QCOMPARE(answer.value(QStringLiteral("tradition")), tradition);
}

void TestSandboxServer::modelCatalogIsPublic()
{
    const int apiRequestsBefore = m_sandbox->apiRequestCount();

    const HttpResult result = send("GET", endpoint(m_sandbox->baseUrl(), "/platform/v2/models"));

    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    QCOMPARE(m_sandbox->apiRequestCount(), apiRequestsBefore);

    const QJsonArray data = result.json.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 6);

    QSet<QString> ids;
    QSet<QString> families;
    QStringList imageOnly;
    for (const QJsonValue &entry : data) {
        const QJsonObject model = entry.toObject();
        QVERIFY(!model.value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(model.value(QStringLiteral("pricing")).isObject());
        QVERIFY(model.value(QStringLiteral("supports_tools")).isBool());
        QVERIFY(model.value(QStringLiteral("supports_reasoning")).isBool());
        ids.insert(model.value(QStringLiteral("id")).toString());
        families.insert(model.value(QStringLiteral("family")).toString());
        const QJsonArray modalities = model.value(QStringLiteral("output_modalities")).toArray();
        if (modalities == QJsonArray{QStringLiteral("image")})
            imageOnly.append(model.value(QStringLiteral("id")).toString());
        else
            QVERIFY(model.value(QStringLiteral("context_window")).toInt() > 0);
    }

    QCOMPARE(ids.size(), 6);
    for (const char *id : {"gloo-openai-gpt-5-mini", "gloo-anthropic-claude-haiku-4.5",
                           "gloo-google-gemini-2.5-flash", "gloo-meta-llama-3.1-8b"})
        QVERIFY2(ids.contains(QLatin1String(id)), id);
    QCOMPARE(families, QSet<QString>({QStringLiteral("OpenAI"), QStringLiteral("Anthropic"),
                                      QStringLiteral("Google"), QStringLiteral("Open Source")}));
    QCOMPARE(imageOnly, QStringList{QStringLiteral("gloo-openai-gpt-image-1")});
}

void TestSandboxServer::unknownPathsAndWrongMethods_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QByteArray>("expectedAllow");

    QTest::newRow("unknown path") << QByteArray("GET") << QByteArray("/nothing-here") << 404
                                  << QByteArray();
    QTest::newRow("Completions V3 does not exist")
        << QByteArray("POST") << QByteArray("/ai/v3/chat/completions") << 404 << QByteArray();
    QTest::newRow("GET on Completions V1")
        << QByteArray("GET") << QByteArray("/ai/v1/chat/completions") << 405 << QByteArray("POST");
    QTest::newRow("POST on the chat history")
        << QByteArray("POST") << QByteArray("/ai/v1/chat") << 405 << QByteArray("GET");
    QTest::newRow("catalog with a trailing slash")
        << QByteArray("GET") << QByteArray("/platform/v2/models/") << 404 << QByteArray();
    QTest::newRow("GET on the token endpoint")
        << QByteArray("GET") << QByteArray("/oauth2/token") << 405 << QByteArray("POST");
    QTest::newRow("DELETE on completions")
        << QByteArray("DELETE") << QByteArray("/ai/v2/chat/completions") << 405
        << QByteArray("POST");
    QTest::newRow("POST on the catalog")
        << QByteArray("POST") << QByteArray("/platform/v2/models") << 405 << QByteArray("GET");
}

void TestSandboxServer::unknownPathsAndWrongMethods()
{
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, path);
    QFETCH(int, expectedStatus);
    QFETCH(QByteArray, expectedAllow);

    const HttpResult result = send(verb, endpoint(m_sandbox->baseUrl(), path.constData()),
                                   {{"Content-Type", "application/json"}}, "{}");

    QVERIFY(result.finished);
    QCOMPARE(result.status, expectedStatus);
    QCOMPARE(result.header("Allow"), expectedAllow);
    QCOMPARE(result.error().value(QStringLiteral("type")).toString(),
             expectedStatus == 404 ? QStringLiteral("NOT_FOUND")
                                   : QStringLiteral("METHOD_NOT_ALLOWED"));
    QCOMPARE(result.error().value(QStringLiteral("code")).toInt(), expectedStatus);
}

void TestSandboxServer::bindsToLoopbackOnly()
{
    const QUrl base = m_sandbox->baseUrl();
    QCOMPARE(base.scheme(), QStringLiteral("http"));
    QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_sandbox->port() != 0);
    QCOMPARE(base.port(), int(m_sandbox->port()));

    QTcpSocket loopback;
    loopback.connectToHost(QHostAddress::LocalHost, m_sandbox->port());
    QVERIFY(loopback.waitForConnected(5000));

    // Every other address of this machine, IPv6 loopback included, must find
    // nothing listening on the sandbox's port.
    QList<QHostAddress> elsewhere{QHostAddress::LocalHostIPv6};
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : all) {
        if (!address.isLoopback())
            elsewhere.append(address);
    }
    for (const QHostAddress &address : elsewhere) {
        QTcpSocket socket;
        socket.connectToHost(address, m_sandbox->port());
        QVERIFY2(!socket.waitForConnected(2000), qPrintable(address.toString()));
    }
}

void TestSandboxServer::threadCountsRequestsAndStops()
{
    SandboxThread sandbox(m_sandbox->config());
    QVERIFY(sandbox.start(0));
    QCOMPARE(sandbox.tokenRequestCount(), 0);
    QCOMPARE(sandbox.apiRequestCount(), 0);

    const HttpResult token = requestToken(sandbox.baseUrl(), rfcAuthorization());
    QCOMPARE(token.status, 200);
    const QByteArray authorization =
        "Bearer " + token.json.value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(requestCompletion(sandbox.baseUrl(), authorization,
                               completionBody("\"auto_routing\":true"))
                 .status,
             200);
    QCOMPARE(
        requestCompletion(sandbox.baseUrl(), {}, completionBody("\"auto_routing\":true")).status,
        401);
    QCOMPARE(send("GET", endpoint(sandbox.baseUrl(), "/platform/v2/models")).status, 200);

    QCOMPARE(sandbox.tokenRequestCount(), 1);
    QCOMPARE(sandbox.apiRequestCount(), 2);

    const QUrl base = sandbox.baseUrl();
    sandbox.stop();
    QVERIFY(!sandbox.isRunning());
    QCOMPARE(sandbox.port(), quint16(0));
    QCOMPARE(sandbox.tokenRequestCount(), 1);
    QCOMPARE(sandbox.apiRequestCount(), 2);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
    QVERIFY(!socket.waitForConnected(2000));
}

void TestSandboxServer::threadReportsBusyPort()
{
    SandboxThread second(m_sandbox->config());
    const QRegularExpression busy(QStringLiteral("^Cannot listen on 127\\.0\\.0\\.1 port"));
    QTest::ignoreMessage(QtWarningMsg, busy);

    QVERIFY(!second.start(m_sandbox->port()));

    QVERIFY(!second.isRunning());
    QVERIFY(!second.errorString().isEmpty());
    QCOMPARE(second.port(), quint16(0));
    QVERIFY(second.baseUrl().isEmpty());
}

void TestSandboxServer::logsEventsButNoSecrets()
{
    QByteArray token;
    QStringList messages;
    {
        LogCapture capture;
        token = accessToken();
        const HttpResult refused = requestToken(m_sandbox->baseUrl(),
                                                basic("sandbox-client:wrong-secret-value"));
        QCOMPARE(refused.status, 401);
        const HttpResult answer = requestCompletion(
            m_sandbox->baseUrl(), "Bearer " + token,
            completionBody("\"auto_routing\":true", QStringLiteral("private question")));
        QCOMPARE(answer.status, 200);
        messages = capture.messages();
    }
    QVERIFY(!token.isEmpty());

    const QString fingerprint = QString::fromLatin1(
        QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex().left(12));
    const QString everything = messages.join(QLatin1Char('\n'));
    QVERIFY2(everything.contains(QStringLiteral("access token issued, fingerprint ") + fingerprint),
             qPrintable(everything));
    QVERIFY(everything.contains(QStringLiteral("POST /ai/v2/chat/completions -> 200")));
    QVERIFY(everything.contains(QStringLiteral("invalid_client")));

    const QStringList forbidden{
        specialSecret,
        QString::fromLatin1(specialSecretEncoded),
        QStringLiteral("wrong-secret-value"),
        QString::fromLatin1(rfcAuthorization().mid(6)),
        QString::fromLatin1(token),
        QString::fromLatin1(token.split('.').value(2)),
        QStringLiteral("private question"),
        QStringLiteral("Basic"),
        QStringLiteral("Bearer"),
    };
    for (const QString &secret : forbidden)
        QVERIFY2(!everything.contains(secret), qPrintable(secret));
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
