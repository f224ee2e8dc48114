#include "modelcatalog.h"

#include <QJsonArray>

namespace gloo::sandbox {

namespace {

CatalogModel textModel(const QString &id, const QString &name, const QString &family,
                       const QString &providerId, const QString &tier)
{
    CatalogModel model;
    model.id = id;
    model.name = name;
    model.family = family;
    model.providerId = providerId;
    model.tier = tier;
    model.outputModalities = {QStringLiteral("text")};
    model.supportsTools = true;
    return model;
}

QList<CatalogModel> builtInModels()
{
    const QString fast = QStringLiteral("fast");
    const QString balanced = QStringLiteral("balanced");

    // Figures are plausible, not Gloo's: the sandbox bills nothing.
    CatalogModel gptMini = textModel(QStringLiteral("gloo-openai-gpt-5-mini"),
                                     QStringLiteral("GPT-5 mini"), QStringLiteral("OpenAI"),
                                     QStringLiteral("openai"), balanced);
    gptMini.supportsReasoning = true;
    gptMini.maxOutputTokens = 128000;
    gptMini.contextWindow = 400000;
    gptMini.inputPricePerMillion = 0.25;
    gptMini.outputPricePerMillion = 2.0;

    CatalogModel gptImage;
    gptImage.id = QStringLiteral("gloo-openai-gpt-image-1");
    gptImage.name = QStringLiteral("GPT Image 1");
    gptImage.family = QStringLiteral("OpenAI");
    gptImage.providerId = QStringLiteral("openai");
    gptImage.outputModalities = {QStringLiteral("image")};
    gptImage.inputPricePerMillion = 5.0;
    gptImage.outputPricePerMillion = 40.0;

    CatalogModel haiku = textModel(QStringLiteral("gloo-anthropic-claude-haiku-4.5"),
                                   QStringLiteral("Claude Haiku 4.5"), QStringLiteral("Anthropic"),
                                   QStringLiteral("anthropic"), balanced);
    haiku.supportsReasoning = true;
    haiku.maxOutputTokens = 64000;
    haiku.contextWindow = 200000;
    haiku.inputPricePerMillion = 1.0;
    haiku.outputPricePerMillion = 5.0;

    CatalogModel gemini = textModel(QStringLiteral("gloo-google-gemini-2.5-flash"),
                                    QStringLiteral("Gemini 2.5 Flash"), QStringLiteral("Google"),
                                    QStringLiteral("google"), fast);
    gemini.supportsReasoning = true;
    gemini.maxOutputTokens = 65536;
    gemini.contextWindow = 1048576;
    gemini.inputPricePerMillion = 0.30;
    gemini.outputPricePerMillion = 2.50;

    CatalogModel llama = textModel(QStringLiteral("gloo-meta-llama-3.1-8b"),
                                   QStringLiteral("Llama 3.1 8B"), QStringLiteral("Open Source"),
                                   QStringLiteral("meta"), fast);
    llama.maxOutputTokens = 8192;
    llama.contextWindow = 128000;
    llama.inputPricePerMillion = 0.05;
    llama.outputPricePerMillion = 0.08;

    CatalogModel gptOss = textModel(QStringLiteral("gloo-openai-gpt-oss-120b"),
                                    QStringLiteral("gpt-oss-120b"), QStringLiteral("Open Source"),
                                    QStringLiteral("openai"), balanced);
    gptOss.supportsReasoning = true;
    gptOss.maxOutputTokens = 32768;
    gptOss.contextWindow = 131072;
    gptOss.inputPricePerMillion = 0.15;
    gptOss.outputPricePerMillion = 0.60;

    return {gptMini, gptImage, haiku, gemini, llama, gptOss};
}

} // namespace

bool CatalogModel::producesText() const
{
    return outputModalities.contains(QLatin1String("text"));
}

QJsonObject CatalogModel::toJson() const
{
    const QJsonObject pricing{
        {QStringLiteral("currency"), QStringLiteral("USD")},
        {QStringLiteral("unit"), QStringLiteral("1M tokens")},
        {QStringLiteral("input"), inputPricePerMillion},
        {QStringLiteral("output"), outputPricePerMillion},
    };
    QJsonObject object{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("family"), family},
        {QStringLiteral("provider_id"), providerId},
        {QStringLiteral("output_modalities"), QJsonArray::fromStringList(outputModalities)},
        {QStringLiteral("supports_tools"), supportsTools},
        {QStringLiteral("supports_reasoning"), supportsReasoning},
        {QStringLiteral("pricing"), pricing},
    };
    if (maxOutputTokens > 0)
        object.insert(QStringLiteral("max_output_tokens"), maxOutputTokens);
    if (contextWindow > 0)
        object.insert(QStringLiteral("context_window"), contextWindow);
    return object;
}

ModelCatalog::ModelCatalog()
    : m_models(builtInModels())
{
}

const QList<CatalogModel> &ModelCatalog::models() const
{
    return m_models;
}

std::optional<CatalogModel> ModelCatalog::find(const QString &id) const
{
    for (const CatalogModel &model : m_models) {
        if (model.id == id)
            return model;
    }
    return std::nullopt;
}

std::optional<CatalogModel> ModelCatalog::defaultForFamily(const QString &family) const
{
    for (const CatalogModel &model : m_models) {
        if (model.producesText() && model.family.compare(family, Qt::CaseInsensitive) == 0)
            return model;
    }
    return std::nullopt;
}

std::optional<CatalogModel> ModelCatalog::defaultForTier(const QString &tier) const
{
    for (const CatalogModel &model : m_models) {
        if (model.producesText() && model.tier == tier)
            return model;
    }
    return std::nullopt;
}

QJsonObject ModelCatalog::toJson() const
{
    QJsonArray data;
    for (const CatalogModel &model : m_models)
        data.append(model.toJson());
    return QJsonObject{{QStringLiteral("data"), data}};
}

} // namespace gloo::sandbox
