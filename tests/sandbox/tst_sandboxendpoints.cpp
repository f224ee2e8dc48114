// The documented endpoints beyond the token exchange and Completions V2:
// grounded completions, Completions V1, the Responses API, the deprecated
// Message/Chat API and data search.

#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;

namespace {

const QString groundedPath = QStringLiteral("/ai/v2/chat/completions/grounded");
const QString v1Path = QStringLiteral("/ai/v1/chat/completions");
const QString responsesPath = QStringLiteral("/ai/v1/responses");
const QString messagePath = QStringLiteral("/ai/v1/message");
const QString searchPath = QStringLiteral("/ai/data/v1/search");

QString contentOf(const QJsonObject &completion)
{
    return completion.value(QStringLiteral("choices"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("content"))
        .toString();
}

} // namespace

class TestSandboxEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyApiEndpointNeedsAToken_data();
    void everyApiEndpointNeedsAToken();

    void groundedAnswersWithSources_data();
    void groundedAnswersWithSources();
    void groundedRejectsInvalidBody_data();
    void groundedRejectsInvalidBody();

    void v1AnswersInOpenAiShape();
    void v1RejectsInvalidBody_data();
    void v1RejectsInvalidBody();

    void responsesAnswerInResponsesShape_data();
    void responsesAnswerInResponsesShape();
    void responsesRejectInvalidBody_data();
    void responsesRejectInvalidBody();

    void messagesBuildAConversation();
    void messageOptions();
    void messageAndChatRefusals_data();
    void messageAndChatRefusals();

    void searchLaddersCertainty_data();
    void searchLaddersCertainty();
    void searchResultsAreStable();
    void searchRejectsInvalidBody_data();
    void searchRejectsInvalidBody();

private:
    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<SandboxTestClient> m_client;
    QByteArray m_token;
};

void TestSandboxEndpoints::initTestCase()
{
    const SandboxConfig config;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY2(m_sandbox->start(0), qPrintable(m_sandbox->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_sandbox->baseUrl());
    m_token = m_client->accessToken(basicAuthorization(config.clientId, config.clientSecret));
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxEndpoints::cleanupTestCase()
{
    m_client.reset();
    m_sandbox.reset();
}

void TestSandboxEndpoints::everyApiEndpointNeedsAToken_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");

    QTest::newRow("grounded") << QByteArray("POST") << groundedPath;
    QTest::newRow("V1") << QByteArray("POST") << v1Path;
    QTest::newRow("responses") << QByteArray("POST") << responsesPath;
    QTest::newRow("message") << QByteArray("POST") << messagePath;
    QTest::newRow("chat") << QByteArray("GET") << QStringLiteral("/ai/v1/chat?chat_id=x");
    QTest::newRow("search") << QByteArray("POST") << searchPath;
}

void TestSandboxEndpoints::everyApiEndpointNeedsAToken()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);

    const HttpResult result = m_client->send(verb, path, {{"Content-Type", "application/json"}},
                                             "{}");

    QCOMPARE(result.status, 401);
    QVERIFY(result.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(result.error().value(QStringLiteral("type")).toString(),
             QStringLiteral("UNAUTHORIZED"));
}

void TestSandboxEndpoints::groundedAnswersWithSources_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("sources");
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("mechanism");

    QTest::newRow("defaults") << QByteArray() << 3 << QStringLiteral("GlooGrounded")
                              << QStringLiteral("auto_routing");
    QTest::newRow("one source from a publisher")
        << QByteArray(R"("sources_limit":1,"publisher":"Acme Press","model_family":"google")") << 1
        << QStringLiteral("Acme Press") << QStringLiteral("model_family");
    QTest::newRow("ten sources") << QByteArray(R"("sources_limit":10,"auto_routing":true)") << 10
                                 << QStringLiteral("GlooGrounded")
                                 << QStringLiteral("auto_routing");
}

void TestSandboxEndpoints::groundedAnswersWithSources()
{
    QFETCH(QByteArray, fields);
    QFETCH(int, sources);
    QFETCH(QString, publisher);
    QFETCH(QString, mechanism);

    const HttpResult result = m_client->post(groundedPath, m_token,
                                             chatBody(fields, QStringLiteral("What is hope?")));

    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value(QStringLiteral("object")).toString(),
             QStringLiteral("chat.completion"));
    QCOMPARE(contentOf(result.json), sandboxAnswer(QStringLiteral("What is hope?")));
    QCOMPARE(result.json.value(QStringLiteral("routing_mechanism")).toString(), mechanism);

    const QJsonArray list = result.json.value(QStringLiteral("sources")).toArray();
    QCOMPARE(list.size(), sources);
    QSet<QString> ids;
    for (const QJsonValue &source : list) {
        const QJsonObject object = source.toObject();
        QCOMPARE(object.value(QStringLiteral("publisher")).toString(), publisher);
        QVERIFY(!object.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(
            object.value(QStringLiteral("url")).toString().contains(QStringLiteral(".invalid/")));
        ids.insert(object.value(QStringLiteral("id")).toString());
    }
    QCOMPARE(ids.size(), sources);
}

void TestSandboxEndpoints::groundedRejectsInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("explicit empty messages")
        << QByteArray(R"({"messages":[],"auto_routing":true})") << "messages";
    QTest::newRow("sources_limit 0") << chatBody(R"("sources_limit":0)") << "sources_limit";
    QTest::newRow("sources_limit 11") << chatBody(R"("sources_limit":11)") << "sources_limit";
    QTest::newRow("sources_limit fractional")
        << chatBody(R"("sources_limit":2.5)") << "sources_limit";
    QTest::newRow("empty publisher") << chatBody(R"("publisher":"")") << "publisher";
    QTest::newRow("two routing choices")
        << chatBody(R"("auto_routing":true,"model_family":"google")") << "exactly one";
    QTest::newRow("temperature out of range") << chatBody(R"("temperature":3)") << "temperature";
}

void TestSandboxEndpoints::groundedRejectsInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(groundedPath, m_token, body);

    QCOMPARE(result.status, 400);
    QCOMPARE(result.error().value(QStringLiteral("code")).toInt(), 1001);
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

void TestSandboxEndpoints::v1AnswersInOpenAiShape()
{
    const HttpResult result = m_client->post(
        v1Path, m_token, chatBody(R"("model":"gloo-anthropic-claude-haiku-4.5")"));

    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value(QStringLiteral("object")).toString(),
             QStringLiteral("chat.completion"));
    QCOMPARE(result.json.value(QStringLiteral("model")).toString(),
             QStringLiteral("gloo-anthropic-claude-haiku-4.5"));
    QCOMPARE(contentOf(result.json), sandboxAnswer(QStringLiteral("Hi")));
    QCOMPARE(result.json.value(QStringLiteral("usage"))
                 .toObject()
                 .value(QStringLiteral("total_tokens"))
                 .toInt(),
             31);
    QVERIFY(!result.json.contains(QStringLiteral("routing_mechanism")));
    QVERIFY(!result.json.contains(QStringLiteral("provider")));
}

void TestSandboxEndpoints::v1RejectsInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("no model") << chatBody({}) << "explicit \"model\"";
    QTest::newRow("family instead of a model")
        << chatBody(R"("model_family":"openai")") << "explicit \"model\"";
    QTest::newRow("auto routing instead of a model")
        << chatBody(R"("auto_routing":true)") << "explicit \"model\"";
    QTest::newRow("model and family")
        << chatBody(R"("model":"gloo-meta-llama-3.1-8b","model_family":"openai")") << "exactly one";
    QTest::newRow("temperature above 2")
        << chatBody(R"("model":"gloo-meta-llama-3.1-8b","temperature":2.1)") << "temperature";
    QTest::newRow("empty messages")
        << QByteArray(R"({"messages":[],"model":"gloo-meta-llama-3.1-8b"})") << "messages";
    QTest::newRow("unknown model") << chatBody(R"("model":"gpt-4o")") << "Unknown model";
}

void TestSandboxEndpoints::v1RejectsInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(v1Path, m_token, body);

    QCOMPARE(result.status, 400);
    QCOMPARE(result.error().value(QStringLiteral("type")).toString(),
             QStringLiteral("INVALID_REQUEST"));
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

void TestSandboxEndpoints::responsesAnswerInResponsesShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("inputTokens");
    QTest::addColumn<int>("outputTokens");

    QTest::newRow("input as a string")
        << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":"Hello there"})")
        << sandboxAnswer(QStringLiteral("Hello there")) << "completed" << 2 << 31;
    QTest::newRow("input as messages with parts")
        << QByteArray(R"({"model":"gloo-meta-llama-3.1-8b","instructions":"Be kind.",)"
                      R"("input":[{"role":"user","content":[{"type":"input_text",)"
                      R"("text":"Why pray?"}]}]})")
        << sandboxAnswer(QStringLiteral("Why pray?")) << "completed" << 2 << 31;
    QTest::newRow("cut by max_output_tokens")
        << QByteArray(R"({"model":"gloo-meta-llama-3.1-8b","input":"Hi","max_output_tokens":3})")
        << QStringLiteral("Sandbox reply to:") << "incomplete" << 1 << 3;
}

void TestSandboxEndpoints::responsesAnswerInResponsesShape()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(QString, status);
    QFETCH(int, inputTokens);
    QFETCH(int, outputTokens);

    const HttpResult result = m_client->post(responsesPath, m_token, body);

    QCOMPARE(result.status, 200);
    QVERIFY(result.json.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("resp_")));
    QCOMPARE(result.json.value(QStringLiteral("object")).toString(), QStringLiteral("response"));
    QCOMPARE(result.json.value(QStringLiteral("status")).toString(), status);
    const QJsonArray output = result.json.value(QStringLiteral("output")).toArray();
    QCOMPARE(output.size(), 1);
    const QJsonObject message = output.first().toObject();
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    const QJsonArray content = message.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(content.first().toObject().value(QStringLiteral("type")).toString(),
             QStringLiteral("output_text"));
    QCOMPARE(content.first().toObject().value(QStringLiteral("text")).toString(), text);

    const QJsonObject usage = result.json.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), inputTokens);
    QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), outputTokens);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), inputTokens + outputTokens);
}

void TestSandboxEndpoints::responsesRejectInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("no model") << QByteArray(R"({"input":"Hi"})") << "model";
    QTest::newRow("no input") << QByteArray(R"({"model":"gloo-openai-gpt-5-mini"})") << "input";
    QTest::newRow("empty input list")
        << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":[]})") << "input";
    QTest::newRow("blank input") << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":"  "})")
                                 << "input";
    QTest::newRow("message without role")
        << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":[{"content":"Hi"}]})")
        << "input[0]";
    QTest::newRow("unknown model")
        << QByteArray(R"({"model":"nobody","input":"Hi"})") << "Unknown model";
    QTest::newRow("temperature out of range")
        << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":"Hi","temperature":-1})")
        << "temperature";
    QTest::newRow("stream") << QByteArray(R"({"model":"gloo-openai-gpt-5-mini","input":"Hi",)"
                                          R"("stream":true})")
                            << "stream";
}

void TestSandboxEndpoints::responsesRejectInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(responsesPath, m_token, body);

    QCOMPARE(result.status, 400);
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

void TestSandboxEndpoints::messagesBuildAConversation()
{
    const HttpResult first = m_client->post(messagePath, m_token, R"({"query":"Who was Ruth?"})");
    QCOMPARE(first.status, 200);
    const QString chatId = first.json.value(QStringLiteral("chat_id")).toString();
    QVERIFY(!QUuid::fromString(chatId).isNull());
    QCOMPARE(first.json.value(QStringLiteral("message")).toString(),
             sandboxAnswer(QStringLiteral("Who was Ruth?")));
    QVERIFY(!first.json.value(QStringLiteral("query_id")).toString().isEmpty());
    QVERIFY(!first.json.value(QStringLiteral("message_id")).toString().isEmpty());
    QVERIFY(!first.json.value(QStringLiteral("model")).toString().isEmpty());
    QCOMPARE(first.json.value(QStringLiteral("sources")).toArray().size(), 3);
    QCOMPARE(first.json.value(QStringLiteral("suggestions")).toArray().size(), 0);

    const QByteArray followUp = QJsonDocument(
                                    QJsonObject{
                                        {QStringLiteral("query"), QStringLiteral("And Naomi?")},
                                        {QStringLiteral("chat_id"), chatId},
                                    })
                                    .toJson(QJsonDocument::Compact);
    const HttpResult second = m_client->post(messagePath, m_token, followUp);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json.value(QStringLiteral("chat_id")).toString(), chatId);

    const HttpResult other = m_client->post(messagePath, m_token, R"({"query":"Other"})");
    QVERIFY(other.json.value(QStringLiteral("chat_id")).toString() != chatId);

    const HttpResult chat = m_client->get(QStringLiteral("/ai/v1/chat?chat_id=") + chatId, m_token);
    QCOMPARE(chat.status, 200);
    QCOMPARE(chat.json.value(QStringLiteral("chat_id")).toString(), chatId);
    const QJsonArray messages = chat.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("query")).toString(),
             QStringLiteral("Who was Ruth?"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("query")).toString(),
             QStringLiteral("And Naomi?"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("message_id")).toString(),
             second.json.value(QStringLiteral("message_id")).toString());
}

void TestSandboxEndpoints::messageOptions()
{
    const HttpResult result = m_client->post(
        messagePath, m_token,
        R"({"query":"Hope","character_limit":20,"sources_limit":2,)"
        R"("publishers":["Press A","Press B"],"enable_suggestions":true,"stream":false})");

    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value(QStringLiteral("message")).toString(),
             sandboxAnswer(QStringLiteral("Hope")).left(20));
    const QJsonArray sources = result.json.value(QStringLiteral("sources")).toArray();
    QCOMPARE(sources.size(), 2);
    QCOMPARE(sources.at(0).toObject().value(QStringLiteral("publisher")).toString(),
             QStringLiteral("Press A"));
    QCOMPARE(sources.at(1).toObject().value(QStringLiteral("publisher")).toString(),
             QStringLiteral("Press B"));
    QCOMPARE(result.json.value(QStringLiteral("suggestions")).toArray().size(), 3);
}

void TestSandboxEndpoints::messageAndChatRefusals_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedStatus");

    QTest::newRow("no query") << QByteArray("POST") << messagePath << QByteArray("{}") << 400;
    QTest::newRow("blank query") << QByteArray("POST") << messagePath
                                 << QByteArray(R"({"query":" "})") << 400;
    QTest::newRow("sources_limit 11") << QByteArray("POST") << messagePath
                                      << QByteArray(R"({"query":"x","sources_limit":11})") << 400;
    QTest::newRow("publishers not strings")
        << QByteArray("POST") << messagePath << QByteArray(R"({"query":"x","publishers":[1]})")
        << 400;
    QTest::newRow("unknown chat_id")
        << QByteArray("POST") << messagePath
        << QByteArray(R"({"query":"x","chat_id":"no-such-chat"})") << 404;
    QTest::newRow("chat without chat_id")
        << QByteArray("GET") << QStringLiteral("/ai/v1/chat") << QByteArray() << 400;
    QTest::newRow("unknown chat") << QByteArray("GET")
                                  << QStringLiteral("/ai/v1/chat?chat_id=no-such-chat")
                                  << QByteArray() << 404;
}

void TestSandboxEndpoints::messageAndChatRefusals()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedStatus);

    const HttpResult result = m_client->send(
        verb, path, {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_token}},
        body);

    QCOMPARE(result.status, expectedStatus);
    QCOMPARE(result.error().value(QStringLiteral("type")).toString(),
             expectedStatus == 404 ? QStringLiteral("NOT_FOUND")
                                   : QStringLiteral("INVALID_REQUEST"));
}

void TestSandboxEndpoints::searchLaddersCertainty_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("results");
    QTest::addColumn<double>("lowestCertainty");

    QTest::newRow("defaults: certainty 0.75, limit 10") << QByteArray() << 8 << 0.77;
    QTest::newRow("certainty exactly on a rung") << QByteArray(R"("certainty":0.89)") << 4 << 0.89;
    QTest::newRow("limit below the matches") << QByteArray(R"("limit":2)") << 2 << 0.95;
    QTest::newRow("certainty 0 and a large limit")
        << QByteArray(R"("certainty":0,"limit":100)") << 20 << 0.41;
    QTest::newRow("certainty 1 finds nothing") << QByteArray(R"("certainty":1)") << 0 << 0.0;
}

void TestSandboxEndpoints::searchLaddersCertainty()
{
    QFETCH(QByteArray, fields);
    QFETCH(int, results);
    QFETCH(double, lowestCertainty);

    QByteArray body = R"({"query":"forgiveness","collection":"GlooProd","tenant":"Acme")";
    if (!fields.isEmpty())
        body += ',' + fields;
    const HttpResult result = m_client->post(searchPath, m_token, body + '}');

    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value(QStringLiteral("intent")).toString(), QStringLiteral("topic"));
    const QJsonArray data = result.json.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), results);
    double previous = 1.0;
    for (const QJsonValue &entry : data) {
        const QJsonObject item = entry.toObject();
        const QJsonObject metadata = item.value(QStringLiteral("metadata")).toObject();
        const double certainty = metadata.value(QStringLiteral("certainty")).toDouble();
        QVERIFY(certainty <= previous);
        previous = certainty;
        QVERIFY(qFuzzyCompare(1 + metadata.value(QStringLiteral("distance")).toDouble(),
                              1 + 2 * (1 - certainty)));
        QCOMPARE(item.value(QStringLiteral("collection")).toString(), QStringLiteral("GlooProd"));
        const QJsonObject properties = item.value(QStringLiteral("properties")).toObject();
        QCOMPARE(properties.value(QStringLiteral("publisher")).toString(), QStringLiteral("Acme"));
        for (const char *key : {"item_title", "snippet", "type"})
            QVERIFY2(!properties.value(QLatin1String(key)).toString().isEmpty(), key);
    }
    if (results > 0)
        QVERIFY(qFuzzyCompare(previous, lowestCertainty));
}

void TestSandboxEndpoints::searchResultsAreStable()
{
    const QByteArray body = R"({"query":"Is God good?","tenant":"Acme"})";
    const HttpResult first = m_client->post(searchPath, m_token, body);
    const HttpResult second = m_client->post(searchPath, m_token, body);
    const HttpResult other = m_client->post(searchPath, m_token, R"({"query":"psalms"})");

    QCOMPARE(first.status, 200);
    QCOMPARE(first.json, second.json);
    QCOMPARE(first.json.value(QStringLiteral("intent")).toString(), QStringLiteral("question"));
    const QString uuid = first.json.value(QStringLiteral("data"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QStringLiteral("uuid"))
                             .toString();
    QCOMPARE(QUuid::fromString(uuid).version(), QUuid::Sha1);
    QVERIFY(uuid
            != other.json.value(QStringLiteral("data"))
                   .toArray()
                   .first()
                   .toObject()
                   .value(QStringLiteral("uuid"))
                   .toString());
}

void TestSandboxEndpoints::searchRejectsInvalidBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("no query") << QByteArray(R"({"tenant":"Acme"})") << "query";
    QTest::newRow("other collection")
        << QByteArray(R"({"query":"x","collection":"Other"})") << "collection";
    QTest::newRow("certainty above 1")
        << QByteArray(R"({"query":"x","certainty":1.5})") << "certainty";
    QTest::newRow("certainty as text")
        << QByteArray(R"({"query":"x","certainty":"high"})") << "certainty";
    QTest::newRow("limit 0") << QByteArray(R"({"query":"x","limit":0})") << "limit";
    QTest::newRow("tenant a number") << QByteArray(R"({"query":"x","tenant":5})") << "tenant";
}

void TestSandboxEndpoints::searchRejectsInvalidBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(searchPath, m_token, body);

    QCOMPARE(result.status, 400);
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestSandboxEndpoints)
#include "tst_sandboxendpoints.moc"
