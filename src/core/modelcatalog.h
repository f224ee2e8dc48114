#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo {

// One entry of Gloo's public model registry, reduced to what the console
// shows. Optional figures stay empty when the registry leaves them out.
struct ModelInfo
{
    QString id;
    QString name;
    QString family; // as the registry spells it: "OpenAI", "Open Source", ...
    QString providerId;
    QStringList outputModalities; // empty when the registry names none
    bool supportsTools = false;
    bool supportsReasoning = false;
    std::optional<qint64> contextWindow;
    std::optional<qint64> maxOutputTokens;
    std::optional<double> inputPrice; // per priceUnit, usually 1M tokens
    std::optional<double> outputPrice;
    QString priceCurrency;
    QString priceUnit;

    // Whether the model can answer chat completions. The registry's absent
    // output_modalities means text.
    bool producesText() const;
};

// The registry's answer, GET /platform/v2/models: {"data": [...]}. New
// fields are ignored; an entry that cannot be read is skipped and counted,
// so one bad entry never costs the whole list.
class ModelCatalog
{
    Q_DECLARE_TR_FUNCTIONS(ModelCatalog)

public:
    static ModelCatalog parse(const QByteArray &body);

    bool isValid() const { return m_error.isEmpty(); }
    // Why the answer as a whole could not be read; empty when it could.
    QString error() const { return m_error; }
    int skippedEntries() const { return m_skipped; }

    const QList<ModelInfo> &models() const { return m_models; }
    // The models a chat can use, that is the ones that produce text.
    QList<ModelInfo> chatModels() const;
    // The families of the chat models in the registry's spelling, in the order
    // first seen.
    QStringList families() const;
    std::optional<ModelInfo> find(const QString &id) const;

private:
    QList<ModelInfo> m_models;
    QString m_error;
    int m_skipped = 0;
};

} // namespace gloo
