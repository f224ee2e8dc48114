#include "core/apiclient.h"
#include "core/endpointcatalog.h"
#include "core/responseevents.h"
#include "core/tokenmanager.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using gloo::EndpointCatalog;
using gloo::EndpointPreset;

class TestEndpointCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyDocumentedSurfaceHasAPreset();
    void presetsAreComplete();
    void everyPresetIsAcceptedByTheSandbox_data();
    void everyPresetIsAcceptedByTheSandbox();
    void responseEventsAreSplitHoweverTheyArrive_data();
    void responseEventsAreSplitHoweverTheyArrive();

private:
    gloo::ApiResponse send(const EndpointPreset &preset, const QString &target);

    std::unique_ptr<gloo::sandbox::SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<gloo::TokenManager> m_tokens;
    std::unique_ptr<gloo::ApiClient> m_api;
};

void TestEndpointCatalog::initTestCase()
{
    gloo::sandbox::SandboxConfig config;
    config.streamChunkDelayMs = 0;
    m_sandbox = std::make_unique<gloo::sandbox::SandboxThread>(config);
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<gloo::TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({config.clientId, config.clientSecret});
    m_api = std::make_unique<gloo::ApiClient>(m_network.get(), m_tokens.get());
}

void TestEndpointCatalog::cleanupTestCase()
{
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

gloo::ApiResponse TestEndpointCatalog::send(const EndpointPreset &preset, const QString &target)
{
    gloo::ApiRequest request;
    request.method = preset.method;
    request.target = target;
    request.body = preset.exampleBody.toUtf8();
    request.authorize = preset.needsToken;
    gloo::ApiCall *call = m_api->send(request);
    QSignalSpy finished(call, &gloo::ApiCall::finished);
    if (!finished.wait(10000))
        return {};
    const gloo::ApiResponse response = call->response();
    call->deleteLater();
    return response;
}

void TestEndpointCatalog::everyDocumentedSurfaceHasAPreset()
{
    QStringList surfaces;
    const QList<EndpointPreset> presets = EndpointCatalog::presets();
    for (const EndpointPreset &preset : presets)
        surfaces << QString::fromLatin1(preset.method) + QLatin1Char(' ')
                        + preset.target.section(QLatin1Char('?'), 0, 0);
    const QStringList documented{
        "POST /ai/v2/chat/completions", "POST /ai/v2/chat/completions/grounded",
        "POST /ai/v1/chat/completions", "POST /ai/v1/responses",
        "POST /ai/v1/message",          "GET /ai/v1/chat",
        "POST /ai/data/v1/search",      "GET /platform/v2/models"};
    for (const QString &surface : documented)
        QVERIFY2(surfaces.contains(surface), qPrintable(surface));
    QVERIFY(EndpointCatalog::find(EndpointCatalog::defaultKey()));
}

void TestEndpointCatalog::presetsAreComplete()
{
    QSet<QString> keys;
    const QList<EndpointPreset> presets = EndpointCatalog::presets();
    for (const EndpointPreset &preset : presets) {
        QVERIFY2(!keys.contains(preset.key), qPrintable(preset.key));
        keys.insert(preset.key);
        QVERIFY(!preset.name.isEmpty());
        QVERIFY(!preset.description.isEmpty());
        QVERIFY(!preset.description.contains(QLatin1Char('\n')));
        QVERIFY(preset.target.startsWith(QLatin1Char('/')));
        if (preset.method == "GET") {
            QVERIFY(preset.exampleBody.isEmpty());
        } else {
            QJsonParseError error;
            QJsonDocument::fromJson(preset.exampleBody.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(preset.key));
        }
        const bool deprecated = preset.target.startsWith(QStringLiteral("/ai/v1/message"))
                                || preset.target.startsWith(QStringLiteral("/ai/v1/chat?"));
        QCOMPARE(preset.deprecated, deprecated);
        QCOMPARE(preset.needsToken, preset.target != QStringLiteral("/platform/v2/models"));
        QCOMPARE(EndpointCatalog::find(preset.key)->target, preset.target);
    }
    QVERIFY(!EndpointCatalog::find(QStringLiteral("no-such-preset")));
}

void TestEndpointCatalog::everyPresetIsAcceptedByTheSandbox_data()
{
    QTest::addColumn<QString>("key");
    const QList<EndpointPreset> presets = EndpointCatalog::presets();
    for (const EndpointPreset &preset : presets)
        QTest::newRow(qPrintable(preset.key)) << preset.key;
}

void TestEndpointCatalog::everyPresetIsAcceptedByTheSandbox()
{
    QFETCH(QString, key);
    const EndpointPreset preset = *EndpointCatalog::find(key);
    QString target = preset.target;
    if (target.contains(EndpointCatalog::chatIdPlaceholder())) {
        // The chat history needs a chat: start one with the Message preset.
        const gloo::ApiResponse message = send(*EndpointCatalog::find(QStringLiteral("message")),
                                               QStringLiteral("/ai/v1/message"));
        QCOMPARE(message.status, 200);
        const QString chatId = QJsonDocument::fromJson(message.body)
                                   .object()
                                   .value(QLatin1String("chat_id"))
                                   .toString();
        QVERIFY(!chatId.isEmpty());
        target.replace(EndpointCatalog::chatIdPlaceholder(), chatId);
    }

    const gloo::ApiResponse response = send(preset, target);
    QVERIFY2(response.isHttpSuccess(),
             qPrintable(QString::number(response.status) + QLatin1Char(' ')
                        + QString::fromUtf8(response.body)));
    if (preset.streams) {
        gloo::ResponseEventSplitter splitter;
        QList<gloo::ResponseEvent> events = splitter.feed(response.body);
        events += splitter.finish();
        QVERIFY(events.size() >= 2);
        QVERIFY(QJsonDocument::fromJson(events.first().data).isObject());
    } else {
        QVERIFY2(QJsonDocument::fromJson(response.body).isObject(), response.body.constData());
    }
}

void TestEndpointCatalog::responseEventsAreSplitHoweverTheyArrive_data()
{
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<QList<QByteArray>>("data");

    QTest::newRow("whole") << QList<QByteArray>{"data: {\"a\":1}\n\ndata: [DONE]\n\n"}
                           << QList<QByteArray>{"{\"a\":1}", "[DONE]"};
    QTest::newRow("split anywhere")
        << QList<QByteArray>{"da", "ta: {\"a\"", ":1}\n", "\n"} << QList<QByteArray>{"{\"a\":1}"};
    QTest::newRow("crlf and comments")
        << QList<QByteArray>{": keep-alive\r\n\r\nevent: delta\r\ndata: x\r\n\r\n"}
        << QList<QByteArray>{"x"};
    QTest::newRow("multi-line data")
        << QList<QByteArray>{"data: a\ndata: b\n\n"} << QList<QByteArray>{"a\nb"};
    QTest::newRow("no final blank line")
        << QList<QByteArray>{"data: last"} << QList<QByteArray>{"last"};
}

void TestEndpointCatalog::responseEventsAreSplitHoweverTheyArrive()
{
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(QList<QByteArray>, data);
    gloo::ResponseEventSplitter splitter;
    QList<gloo::ResponseEvent> events;
    for (const QByteArray &piece : pieces)
        events += splitter.feed(piece);
    events += splitter.finish();
    QList<QByteArray> seen;
    for (const gloo::ResponseEvent &event : events)
        seen << event.data;
    QCOMPARE(seen, data);
}

QTEST_GUILESS_MAIN(TestEndpointCatalog)
#include "tst_endpointcatalog.moc"
