// Streamed chat completions: server-sent events as OpenAI's SDKs read them,
// and the faults that break a stream in the middle.

#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using gloo::sandbox::FaultPlan;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;

namespace {

const QString v2Path = QStringLiteral("/ai/v2/chat/completions");
const QString v1Path = QStringLiteral("/ai/v1/chat/completions");
const QString groundedPath = QStringLiteral("/ai/v2/chat/completions/grounded");

QJsonObject parse(const QByteArray &event)
{
    return QJsonDocument::fromJson(event).object();
}

QJsonObject firstChoice(const QJsonObject &chunk)
{
    return chunk.value(QStringLiteral("choices")).toArray().first().toObject();
}

} // namespace

class TestSandboxStreaming : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void streamMatchesWholeAnswer_data();
    void streamMatchesWholeAnswer();
    void chunksAreShapedLikeOpenAi();
    void usageChunkOnlyWhenAsked();
    void groundedStreamEndsWithSources();
    void invalidStreamRequests_data();
    void invalidStreamRequests();
    void chunkDelaySpacesTheEvents();
    void streamDropsAfterEvents();
    void streamSendsErrorAfterEvents_data();
    void streamSendsErrorAfterEvents();
    void clientHangingUpMidStreamHarmsNothing();

private:
    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<SandboxTestClient> m_client;
    QByteArray m_token;
};

void TestSandboxStreaming::initTestCase()
{
    SandboxConfig config;
    config.streamChunkDelayMs = 0;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY2(m_sandbox->start(0), qPrintable(m_sandbox->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_sandbox->baseUrl());
    m_token = m_client->accessToken(basicAuthorization(config.clientId, config.clientSecret));
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxStreaming::init()
{
    m_sandbox->resetFaults();
}

void TestSandboxStreaming::cleanupTestCase()
{
    m_client.reset();
    m_sandbox.reset();
}

void TestSandboxStreaming::streamMatchesWholeAnswer_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("finishReason");

    QTest::newRow("V2 auto routing") << v2Path << QByteArray(R"("auto_routing":true)")
                                     << QStringLiteral("Hello there") << "stop";
    QTest::newRow("V2 cut by max_tokens")
        << v2Path << QByteArray(R"("model":"gloo-meta-llama-3.1-8b","max_tokens":4)")
        << QStringLiteral("Hi") << "length";
    QTest::newRow("V1 with a model")
        << v1Path << QByteArray(R"("model":"gloo-anthropic-claude-haiku-4.5")")
        << QStringLiteral("What is grace?") << "stop";
    QTest::newRow("characters beyond the BMP")
        << v2Path << QByteArray(R"("model_family":"google")")
        << QString::fromUtf8("Pray \xf0\x9f\x99\x8f\xf0\x9f\x99\x8f now") << "stop";
}

void TestSandboxStreaming::streamMatchesWholeAnswer()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, fields);
    QFETCH(QString, question);
    QFETCH(QString, finishReason);

    const HttpResult whole = m_client->post(path, m_token, chatBody(fields, question));
    const HttpResult streamed = m_client->post(path, m_token,
                                               chatBody(fields + ",\"stream\":true", question));

    QCOMPARE(whole.status, 200);
    QCOMPARE(streamed.status, 200);
    QCOMPARE(streamed.networkError, QNetworkReply::NoError);
    QVERIFY(streamed.header("Content-Type").startsWith("text/event-stream"));
    QCOMPARE(streamed.header("Transfer-Encoding"), QByteArray("chunked"));

    const QList<QByteArray> events = sseData(streamed.body);
    QVERIFY(events.size() >= 3);
    QCOMPARE(events.last(), QByteArray("[DONE]"));
    const QJsonObject wholeChoice = firstChoice(whole.json);
    const QString content = wholeChoice.value(QStringLiteral("message"))
                                .toObject()
                                .value(QStringLiteral("content"))
                                .toString();
    QCOMPARE(streamedContent(events), content);
    QCOMPARE(wholeChoice.value(QStringLiteral("finish_reason")).toString(), finishReason);
    const QJsonObject last = parse(events.at(events.size() - 2));
    QCOMPARE(firstChoice(last).value(QStringLiteral("finish_reason")).toString(), finishReason);

    // Several pieces per word: more content events than words.
    const qsizetype words = content.split(QLatin1Char(' ')).size();
    QVERIFY2(events.size() - 3 > words, QByteArray::number(events.size()).constData());
}

void TestSandboxStreaming::chunksAreShapedLikeOpenAi()
{
    const HttpResult streamed = m_client->post(
        v2Path, m_token,
        chatBody(R"("model":"gloo-openai-gpt-5-mini","tradition":"catholic","stream":true)"));
    QCOMPARE(streamed.status, 200);
    const QList<QByteArray> events = sseData(streamed.body);
    QVERIFY(events.size() > 3);

    // Every line of the body is "data: ..." or blank: nothing an SDK would trip on.
    const QList<QByteArray> lines = streamed.body.split('\n');
    for (const QByteArray &line : lines)
        QVERIFY2(line.isEmpty() || line.startsWith("data: "), line.constData());
    QVERIFY(streamed.body.endsWith("data: [DONE]\n\n"));

    const QString id = parse(events.first()).value(QStringLiteral("id")).toString();
    QVERIFY(id.startsWith(QStringLiteral("chatcmpl-")));
    for (qsizetype i = 0; i + 1 < events.size(); ++i) {
        const QJsonObject chunk = parse(events.at(i));
        QCOMPARE(chunk.value(QStringLiteral("object")).toString(),
                 QStringLiteral("chat.completion.chunk"));
        QCOMPARE(chunk.value(QStringLiteral("id")).toString(), id);
        QVERIFY(chunk.value(QStringLiteral("created")).toInteger() > 0);
        QCOMPARE(chunk.value(QStringLiteral("model")).toString(),
                 QStringLiteral("gloo-openai-gpt-5-mini"));
        QCOMPARE(chunk.value(QStringLiteral("routing_mechanism")).toString(),
                 QStringLiteral("model"));
        QCOMPARE(chunk.value(QStringLiteral("tradition")).toString(), QStringLiteral("catholic"));
        QCOMPARE(chunk.value(QStringLiteral("choices")).toArray().size(), 1);
        QCOMPARE(firstChoice(chunk).value(QStringLiteral("index")).toInt(-1), 0);
        QVERIFY(firstChoice(chunk).value(QStringLiteral("delta")).isObject());
        QVERIFY(!chunk.contains(QStringLiteral("usage")));

        const bool isLast = i + 2 == events.size();
        QCOMPARE(firstChoice(chunk).value(QStringLiteral("finish_reason")).isNull(), !isLast);
        const QJsonObject delta = firstChoice(chunk).value(QStringLiteral("delta")).toObject();
        QCOMPARE(delta.contains(QStringLiteral("role")), i == 0);
    }
    QCOMPARE(firstChoice(parse(events.first()))
                 .value(QStringLiteral("delta"))
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toString(),
             QStringLiteral("assistant"));
}

void TestSandboxStreaming::usageChunkOnlyWhenAsked()
{
    const HttpResult streamed = m_client->post(
        v1Path, m_token,
        chatBody(R"("model":"gloo-meta-llama-3.1-8b","stream":true,)"
                 R"("stream_options":{"include_usage":true})"));
    QCOMPARE(streamed.status, 200);
    const QList<QByteArray> events = sseData(streamed.body);
    QVERIFY(events.size() > 3);
    QCOMPARE(events.last(), QByteArray("[DONE]"));

    const QJsonObject usageChunk = parse(events.at(events.size() - 2));
    QCOMPARE(usageChunk.value(QStringLiteral("choices")).toArray().size(), 0);
    const QJsonObject usage = usageChunk.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 1);
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 30);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 31);
    // V1 is plain OpenAI: no Gloo routing fields.
    QVERIFY(!usageChunk.contains(QStringLiteral("routing_mechanism")));

    for (qsizetype i = 0; i + 2 < events.size(); ++i)
        QCOMPARE(parse(events.at(i)).value(QStringLiteral("usage")), QJsonValue(QJsonValue::Null));
}

void TestSandboxStreaming::groundedStreamEndsWithSources()
{
    const HttpResult streamed = m_client->post(groundedPath, m_token,
                                               chatBody(R"("sources_limit":2,"stream":true)"));
    QCOMPARE(streamed.status, 200);
    const QList<QByteArray> events = sseData(streamed.body);
    QVERIFY(events.size() > 3);

    const QJsonObject last = parse(events.at(events.size() - 2));
    QCOMPARE(firstChoice(last).value(QStringLiteral("finish_reason")).toString(),
             QStringLiteral("stop"));
    QCOMPARE(last.value(QStringLiteral("sources")).toArray().size(), 2);
    QVERIFY(!parse(events.first()).contains(QStringLiteral("sources")));
}

void TestSandboxStreaming::invalidStreamRequests_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("messageFragment");

    QTest::newRow("stream as a string")
        << v2Path << QByteArray(R"("auto_routing":true,"stream":"yes")") << "\"stream\"";
    QTest::newRow("stream_options without stream")
        << v2Path << QByteArray(R"("auto_routing":true,"stream_options":{"include_usage":true})")
        << "stream_options";
    QTest::newRow("stream_options not an object")
        << v2Path << QByteArray(R"("auto_routing":true,"stream":true,"stream_options":true)")
        << "stream_options";
    QTest::newRow("V1 stream without a model")
        << v1Path << QByteArray(R"("model_family":"openai","stream":true)") << "model";
}

void TestSandboxStreaming::invalidStreamRequests()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, fields);
    QFETCH(QString, messageFragment);

    const HttpResult result = m_client->post(path, m_token, chatBody(fields));

    QCOMPARE(result.status, 400);
    QVERIFY(result.header("Content-Type").startsWith("application/json"));
    const QString message = result.error().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
}

void TestSandboxStreaming::chunkDelaySpacesTheEvents()
{
    SandboxConfig config = m_sandbox->config();
    config.streamChunkDelayMs = 10;
    SandboxThread slow(config);
    QVERIFY(slow.start(0));
    SandboxTestClient client(slow.baseUrl());
    const QByteArray token = client.accessToken(
        basicAuthorization(config.clientId, config.clientSecret));

    const HttpResult streamed = client.post(
        v2Path, token, chatBody(R"("model":"gloo-meta-llama-3.1-8b","stream":true)"));

    QCOMPARE(streamed.status, 200);
    const qsizetype events = sseData(streamed.body).size();
    // One pause before each event and one before the end of the stream.
    QVERIFY2(streamed.elapsedMs >= (events + 1) * 10,
             qPrintable(QStringLiteral("%1 events in %2 ms").arg(events).arg(streamed.elapsedMs)));
}

void TestSandboxStreaming::streamDropsAfterEvents()
{
    m_sandbox->updateFaultPlan([](FaultPlan &plan) {
        plan.streamDropCount = 1;
        plan.streamDropAfterEvents = 4;
    });

    const HttpResult dropped = m_client->post(v2Path, m_token,
                                              chatBody(R"("auto_routing":true,"stream":true)"));

    QVERIFY(dropped.finished);
    QCOMPARE(dropped.status, 200);
    // The connection broke inside a chunk that promised more. Qt 6.4 does not
    // always report that as an error, which is why a client must look for the
    // stream's own end (finish_reason or [DONE]) as the chat does.
    QVERIFY2(dropped.body.endsWith(": cut"), dropped.body.right(80).constData());
    const QList<QByteArray> events = sseData(dropped.body);
    QCOMPARE(events.size(), 4);
    QVERIFY(!events.contains(QByteArray("[DONE]")));

    // The fault was used up: the next stream is whole.
    const HttpResult whole = m_client->post(v2Path, m_token,
                                            chatBody(R"("auto_routing":true,"stream":true)"));
    QCOMPARE(whole.networkError, QNetworkReply::NoError);
    QCOMPARE(sseData(whole.body).last(), QByteArray("[DONE]"));
}

void TestSandboxStreaming::streamSendsErrorAfterEvents_data()
{
    QTest::addColumn<int>("afterEvents");

    QTest::newRow("before any content") << 0;
    QTest::newRow("after three events") << 3;
}

void TestSandboxStreaming::streamSendsErrorAfterEvents()
{
    QFETCH(int, afterEvents);

    m_sandbox->updateFaultPlan([&](FaultPlan &plan) {
        plan.streamErrorCount = 1;
        plan.streamErrorAfterEvents = afterEvents;
    });

    const HttpResult failed = m_client->post(
        v2Path, m_token, chatBody(R"("model_family":"anthropic","stream":true)"));

    QCOMPARE(failed.status, 200);
    QCOMPARE(failed.networkError, QNetworkReply::NoError);
    const QList<QByteArray> events = sseData(failed.body);
    QCOMPARE(events.size(), afterEvents + 1);
    const QJsonObject error = parse(events.last()).value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(),
             QStringLiteral("service_unavailable_error"));
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), 2002);
    QCOMPARE(error.value(QStringLiteral("retryable")), QJsonValue(true));
    QCOMPARE(error.value(QStringLiteral("provider_name")).toString(), QStringLiteral("anthropic"));
}

void TestSandboxStreaming::clientHangingUpMidStreamHarmsNothing()
{
    SandboxConfig config = m_sandbox->config();
    config.streamChunkDelayMs = 20;
    SandboxThread slow(config);
    QVERIFY(slow.start(0));
    SandboxTestClient client(slow.baseUrl());
    const QByteArray token = client.accessToken(
        basicAuthorization(config.clientId, config.clientSecret));

    const QByteArray body = chatBody(R"("auto_routing":true,"stream":true)");
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, slow.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /ai/v2/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nAuthorization: Bearer "
                 + token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                 + body);
    QVERIFY(socket.waitForReadyRead(5000));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 200 OK\r\n"));
    socket.abort();

    // Long enough for the server to try writing into the closed connection.
    QTest::qWait(200);
    const HttpResult after = client.post(v2Path, token, chatBody(R"("auto_routing":true)"));
    QCOMPARE(after.status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxStreaming)
#include "tst_sandboxstreaming.moc"
