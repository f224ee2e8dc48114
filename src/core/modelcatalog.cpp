#include "modelcatalog.h"

#include "chatlogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace gloo {

namespace {

// A figure may come as a number or as a numeric string; anything else is
// treated as absent rather than as a broken entry.
std::optional<double> number(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double parsed = value.toString().toDouble(&ok);
        if (ok)
            return parsed;
    }
    return std::nullopt;
}

std::optional<qint64> count(const QJsonValue &value)
{
    const auto parsed = number(value);
    if (!parsed || *parsed < 0)
        return std::nullopt;
    return qint64(*parsed);
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

bool optionalString(const QJsonObject &object, const QString &key, QString &target)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return true;
    if (!value.isString())
        return false;
    target = value.toString();
    return true;
}

std::optional<ModelInfo> readModel(const QJsonValue &entry)
{
    if (!entry.isObject())
        return std::nullopt;
    const QJsonObject object = entry.toObject();

    ModelInfo model;
    const QJsonValue id = object.value(QStringLiteral("id"));
    if (!id.isString() || id.toString().trimmed().isEmpty())
        return std::nullopt;
    model.id = id.toString().trimmed();
    if (!optionalString(object, QStringLiteral("name"), model.name)
        || !optionalString(object, QStringLiteral("family"), model.family)
        || !optionalString(object, QStringLiteral("provider_id"), model.providerId)) {
        return std::nullopt;
    }

    const QJsonValue modalities = object.value(QStringLiteral("output_modalities"));
    if (!isAbsent(modalities)) {
        if (!modalities.isArray())
            return std::nullopt;
        const QJsonArray modalityList = modalities.toArray();
        for (const QJsonValue &modality : modalityList) {
            if (!modality.isString())
                return std::nullopt;
            model.outputModalities.append(modality.toString().toLower());
        }
    }

    model.supportsTools = object.value(QStringLiteral("supports_tools")).toBool();
    model.supportsReasoning = object.value(QStringLiteral("supports_reasoning")).toBool();
    model.contextWindow = count(object.value(QStringLiteral("context_window")));
    model.maxOutputTokens = count(object.value(QStringLiteral("max_output_tokens")));

    const QJsonObject pricing = object.value(QStringLiteral("pricing")).toObject();
    model.inputPrice = number(pricing.value(QStringLiteral("input")));
    model.outputPrice = number(pricing.value(QStringLiteral("output")));
    model.priceCurrency = pricing.value(QStringLiteral("currency")).toString();
    model.priceUnit = pricing.value(QStringLiteral("unit")).toString();
    return model;
}

} // namespace

bool ModelInfo::producesText() const
{
    return outputModalities.isEmpty() || outputModalities.contains(QLatin1String("text"));
}

ModelCatalog ModelCatalog::parse(const QByteArray &body)
{
    ModelCatalog catalog;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        catalog.m_error = tr("The model catalog is not valid JSON (%1).").arg(error.errorString());
        return catalog;
    }
    const QJsonValue data = document.object().value(QStringLiteral("data"));
    if (!data.isArray()) {
        catalog.m_error = tr("The model catalog has no \"data\" list of models.");
        return catalog;
    }

    const QJsonArray entries = data.toArray();
    for (const QJsonValue &entry : entries) {
        const auto model = readModel(entry);
        if (model)
            catalog.m_models.append(*model);
        else
            ++catalog.m_skipped;
    }
    if (catalog.m_skipped > 0)
        qCWarning(lcChat) << "model catalog: skipped" << catalog.m_skipped
                          << "entries that could not be read";
    return catalog;
}

QList<ModelInfo> ModelCatalog::chatModels() const
{
    QList<ModelInfo> models;
    for (const ModelInfo &model : m_models) {
        if (model.producesText())
            models.append(model);
    }
    return models;
}

QStringList ModelCatalog::families() const
{
    QStringList families;
    for (const ModelInfo &model : m_models) {
        if (model.producesText() && !model.family.isEmpty()
            && !families.contains(model.family, Qt::CaseInsensitive))
            families.append(model.family);
    }
    return families;
}

std::optional<ModelInfo> ModelCatalog::find(const QString &id) const
{
    for (const ModelInfo &model : m_models) {
        if (model.id == id)
            return model;
    }
    return std::nullopt;
}

} // namespace gloo
