#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo::sandbox {

struct CatalogModel
{
    QString id;
    QString name;
    QString family; // as the registry spells it: "OpenAI", "Open Source", ...
    QString providerId;
    QString tier; // the routing tier that auto routing assigns the model to
    QStringList outputModalities;
    bool supportsTools = false;
    bool supportsReasoning = false;
    int maxOutputTokens = 0;
    int contextWindow = 0;
    double inputPricePerMillion = 0;
    double outputPricePerMillion = 0;

    bool producesText() const;
    QJsonObject toJson() const;
};

// The fixed list of models the sandbox offers, shaped like Gloo's model
// registry: every family, and one model that only produces images and so
// cannot answer chat completions.
class ModelCatalog
{
public:
    ModelCatalog();

    const QList<CatalogModel> &models() const;
    std::optional<CatalogModel> find(const QString &id) const;

    // The model that answers for a family, matched without regard to case as
    // Gloo does ("open source" finds "Open Source").
    std::optional<CatalogModel> defaultForFamily(const QString &family) const;
    std::optional<CatalogModel> defaultForTier(const QString &tier) const;

    // {"data": [...]}, the answer of GET /platform/v2/models.
    QJsonObject toJson() const;

private:
    QList<CatalogModel> m_models;
};

} // namespace gloo::sandbox
