#include "core/completionoptions.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using gloo::CompletionApi;
using gloo::CompletionOptions;
using gloo::Routing;

Q_DECLARE_METATYPE(Routing::Mode)
Q_DECLARE_METATYPE(CompletionApi)

namespace {

const QStringList routingKeys{QStringLiteral("auto_routing"), QStringLiteral("model_family"),
                              QStringLiteral("model")};

QJsonObject bodyOf(const CompletionOptions &options)
{
    const QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                          {QStringLiteral("content"), QStringLiteral("Hi")}}};
    return QJsonDocument::fromJson(options.body(messages)).object();
}

} // namespace

// The completion request body: one routing choice, always, and the options
// the user set, as Gloo documents them.
class TestChatRequestBody : public QObject
{
    Q_OBJECT

private slots:
    void routingGivesExactlyOneField_data();
    void routingGivesExactlyOneField();
    void optionsAreSentOnlyWhenSet();
    void streamAsksForUsage();
    void problemsAreNamedBeforeSending_data();
    void problemsAreNamedBeforeSending();
};

void TestChatRequestBody::routingGivesExactlyOneField_data()
{
    QTest::addColumn<CompletionApi>("api");
    QTest::addColumn<Routing::Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("auto routing") << CompletionApi::V2 << Routing::Mode::Auto << QString()
                                  << QStringLiteral("auto_routing") << QJsonValue(true);
    QTest::newRow("auto routing ignores a leftover model")
        << CompletionApi::V2 << Routing::Mode::Auto << QStringLiteral("gloo-openai-gpt-5-mini")
        << QStringLiteral("auto_routing") << QJsonValue(true);
    QTest::newRow("family as the registry spells it")
        << CompletionApi::V2 << Routing::Mode::Family << QStringLiteral("Open Source")
        << QStringLiteral("model_family") << QJsonValue(QStringLiteral("open source"));
    QTest::newRow("family in lower case")
        << CompletionApi::V2 << Routing::Mode::Family << QStringLiteral("anthropic")
        << QStringLiteral("model_family") << QJsonValue(QStringLiteral("anthropic"));
    QTest::newRow("specific model")
        << CompletionApi::V2 << Routing::Mode::Model
        << QStringLiteral(" gloo-anthropic-claude-haiku-4.5 ") << QStringLiteral("model")
        << QJsonValue(QStringLiteral("gloo-anthropic-claude-haiku-4.5"));
    QTest::newRow("V1 with its explicit model")
        << CompletionApi::V1 << Routing::Mode::Model << QStringLiteral("gloo-meta-llama-3.1-8b")
        << QStringLiteral("model") << QJsonValue(QStringLiteral("gloo-meta-llama-3.1-8b"));
}

void TestChatRequestBody::routingGivesExactlyOneField()
{
    QFETCH(CompletionApi, api);
    QFETCH(Routing::Mode, mode);
    QFETCH(QString, value);
    QFETCH(QString, key);
    QFETCH(QJsonValue, expected);

    CompletionOptions options;
    options.api = api;
    options.routing = {mode, value};
    QVERIFY(options.problem().isEmpty());
    const QJsonObject body = bodyOf(options);

    QStringList present;
    for (const QString &routingKey : routingKeys) {
        if (body.contains(routingKey))
            present << routingKey;
    }
    QCOMPARE(present, QStringList{key});
    QCOMPARE(body.value(key), expected);
    QCOMPARE(body.value(QStringLiteral("messages")).toArray().size(), 1);
}

void TestChatRequestBody::optionsAreSentOnlyWhenSet()
{
    CompletionOptions options;
    options.stream = false;
    QJsonObject body = bodyOf(options);
    QCOMPARE(body.keys(),
             (QStringList{QStringLiteral("auto_routing"), QStringLiteral("messages")}));

    options.tradition = QStringLiteral("catholic");
    options.temperature = 0.4;
    options.maxTokens = 2048;
    body = bodyOf(options);
    QCOMPARE(body.value(QStringLiteral("tradition")).toString(), QStringLiteral("catholic"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.4);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 2048);
    QVERIFY(!body.contains(QStringLiteral("stream")));

    // V1 is OpenAI-shaped: Gloo's tradition has no place in it.
    options.api = CompletionApi::V1;
    options.routing = {Routing::Mode::Model, QStringLiteral("gloo-openai-gpt-5-mini")};
    body = bodyOf(options);
    QVERIFY(!body.contains(QStringLiteral("tradition")));
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 2048);
    QCOMPARE(options.path(), QStringLiteral("/ai/v1/chat/completions"));
}

void TestChatRequestBody::streamAsksForUsage()
{
    CompletionOptions options;
    QVERIFY(options.stream);
    const QJsonObject body = bodyOf(options);
    QCOMPARE(body.value(QStringLiteral("stream")), QJsonValue(true));
    QCOMPARE(body.value(QStringLiteral("stream_options")).toObject(),
             (QJsonObject{{QStringLiteral("include_usage"), true}}));
    QCOMPARE(options.path(), QStringLiteral("/ai/v2/chat/completions"));
}

void TestChatRequestBody::problemsAreNamedBeforeSending_data()
{
    QTest::addColumn<CompletionApi>("api");
    QTest::addColumn<Routing::Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<double>("temperature");
    QTest::addColumn<QString>("problem");

    QTest::newRow("V1 without a model")
        << CompletionApi::V1 << Routing::Mode::Auto << QString() << 1.0
        << QStringLiteral("Completions V1 needs a specific model. Pick one from the catalog.");
    QTest::newRow("family not picked")
        << CompletionApi::V2 << Routing::Mode::Family << QStringLiteral(" ") << 1.0
        << QStringLiteral("Pick a model family.");
    QTest::newRow("model not picked")
        << CompletionApi::V2 << Routing::Mode::Model << QString() << 1.0
        << QStringLiteral("Pick a model. The Models tab loads the catalog.");
    QTest::newRow("temperature above 2")
        << CompletionApi::V2 << Routing::Mode::Auto << QString() << 2.5
        << QStringLiteral("The temperature must be between 0 and 2.");
    QTest::newRow("temperature 2 is fine")
        << CompletionApi::V2 << Routing::Mode::Auto << QString() << 2.0 << QString();
}

void TestChatRequestBody::problemsAreNamedBeforeSending()
{
    QFETCH(CompletionApi, api);
    QFETCH(Routing::Mode, mode);
    QFETCH(QString, value);
    QFETCH(double, temperature);
    QFETCH(QString, problem);

    CompletionOptions options;
    options.api = api;
    options.routing = {mode, value};
    options.temperature = temperature;
    QCOMPARE(options.problem(), problem);
}

QTEST_GUILESS_MAIN(TestChatRequestBody)
#include "tst_chatrequestbody.moc"
