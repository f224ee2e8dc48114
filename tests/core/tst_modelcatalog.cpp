#include "core/modelcatalog.h"

#include <QTest>

using gloo::ModelCatalog;

namespace {

const QByteArray registry = QByteArrayLiteral(R"({
  "data": [
    {"id": "gloo-openai-gpt-5-mini", "name": "GPT-5 mini", "family": "OpenAI",
     "provider_id": "openai", "output_modalities": ["text"], "supports_reasoning": true,
     "context_window": 400000, "max_output_tokens": 128000,
     "pricing": {"currency": "USD", "unit": "1M tokens", "input": 0.25, "output": 2.0},
     "speed": {"tokens_per_second": 90}, "released": "2025-08-07", "tags": ["new"]},
    {"id": "gloo-openai-gpt-image-1", "name": "GPT Image 1", "family": "OpenAI",
     "output_modalities": ["image"]},
    {"name": "no id at all", "family": "Google"},
    "not an object",
    {"id": 42, "family": "Google"},
    {"id": "gloo-bad-modalities", "family": "Google", "output_modalities": "text"},
    {"id": "gloo-meta-llama-3.1-8b", "name": "Llama 3.1 8B", "family": "Open Source",
     "context_window": "128000"},
    {"id": "gloo-anthropic-claude-haiku-4.5", "family": "Anthropic",
     "output_modalities": ["text", "image"], "context_window": null, "pricing": "soon"}
  ],
  "next_page": null
})");

QStringList ids(const QList<gloo::ModelInfo> &models)
{
    QStringList list;
    for (const gloo::ModelInfo &model : models)
        list << model.id;
    return list;
}

} // namespace

// Reading Gloo's public model registry: keep what is understood, skip what
// is broken, never lose the whole list to one entry.
class TestModelCatalog : public QObject
{
    Q_OBJECT

private slots:
    void malformedEntriesAreSkippedAndCounted();
    void knownFieldsAreReadAndUnknownOnesIgnored();
    void imageOnlyModelsAreNotOfferedForChat();
    void familiesKeepTheRegistrySpelling();
    void answerWithoutAListIsAnError_data();
    void answerWithoutAListIsAnError();
};

void TestModelCatalog::malformedEntriesAreSkippedAndCounted()
{
    const ModelCatalog catalog = ModelCatalog::parse(registry);
    QVERIFY(catalog.isValid());
    QCOMPARE(catalog.skippedEntries(), 4);
    QCOMPARE(ids(catalog.models()),
             (QStringList{QStringLiteral("gloo-openai-gpt-5-mini"),
                          QStringLiteral("gloo-openai-gpt-image-1"),
                          QStringLiteral("gloo-meta-llama-3.1-8b"),
                          QStringLiteral("gloo-anthropic-claude-haiku-4.5")}));
}

void TestModelCatalog::knownFieldsAreReadAndUnknownOnesIgnored()
{
    const ModelCatalog catalog = ModelCatalog::parse(registry);
    const auto mini = catalog.find(QStringLiteral("gloo-openai-gpt-5-mini"));
    QVERIFY(mini);
    QCOMPARE(mini->name, QStringLiteral("GPT-5 mini"));
    QCOMPARE(mini->family, QStringLiteral("OpenAI"));
    QCOMPARE(mini->providerId, QStringLiteral("openai"));
    QVERIFY(mini->supportsReasoning);
    QVERIFY(!mini->supportsTools);
    QCOMPARE(mini->contextWindow, std::optional<qint64>(400000));
    QCOMPARE(mini->maxOutputTokens, std::optional<qint64>(128000));
    QCOMPARE(mini->inputPrice, std::optional<double>(0.25));
    QCOMPARE(mini->outputPrice, std::optional<double>(2.0));
    QCOMPARE(mini->priceCurrency, QStringLiteral("USD"));
    QCOMPARE(mini->priceUnit, QStringLiteral("1M tokens"));

    // A number sent as a string still counts; figures that are null or of
    // an odd shape are simply absent.
    const auto llama = catalog.find(QStringLiteral("gloo-meta-llama-3.1-8b"));
    QCOMPARE(llama->contextWindow, std::optional<qint64>(128000));
    QVERIFY(!llama->inputPrice);
    const auto haiku = catalog.find(QStringLiteral("gloo-anthropic-claude-haiku-4.5"));
    QVERIFY(!haiku->contextWindow);
    QVERIFY(!haiku->outputPrice);
    QVERIFY(haiku->name.isEmpty());
}

void TestModelCatalog::imageOnlyModelsAreNotOfferedForChat()
{
    const ModelCatalog catalog = ModelCatalog::parse(registry);
    QCOMPARE(ids(catalog.chatModels()),
             (QStringList{QStringLiteral("gloo-openai-gpt-5-mini"),
                          QStringLiteral("gloo-meta-llama-3.1-8b"),
                          QStringLiteral("gloo-anthropic-claude-haiku-4.5")}));
    QVERIFY(!catalog.find(QStringLiteral("gloo-openai-gpt-image-1"))->producesText());
    // No output_modalities at all means text.
    QVERIFY(catalog.find(QStringLiteral("gloo-meta-llama-3.1-8b"))->producesText());
}

void TestModelCatalog::familiesKeepTheRegistrySpelling()
{
    const ModelCatalog catalog = ModelCatalog::parse(registry);
    QCOMPARE(catalog.families(),
             (QStringList{QStringLiteral("OpenAI"), QStringLiteral("Open Source"),
                          QStringLiteral("Anthropic")}));
}

void TestModelCatalog::answerWithoutAListIsAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    const QString noList = QStringLiteral("The model catalog has no \"data\" list of models.");
    QTest::newRow("HTML page") << QByteArray("<html>Bad gateway</html>")
                               << QStringLiteral("The model catalog is not valid JSON "
                                                 "(illegal value).");
    QTest::newRow("object without data") << QByteArray(R"({"models": []})") << noList;
    QTest::newRow("data is an object") << QByteArray(R"({"data": {}})") << noList;
    QTest::newRow("bare array") << QByteArray(R"([{"id": "x"}])") << noList;
}

void TestModelCatalog::answerWithoutAListIsAnError()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const ModelCatalog catalog = ModelCatalog::parse(body);
    QVERIFY(!catalog.isValid());
    QCOMPARE(catalog.error(), error);
    QVERIFY(catalog.models().isEmpty());
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"
