#pragma once

#include "core/completionoptions.h"
#include "core/modelcatalog.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace gloo {
class ModelCatalogLoader;
}

namespace gloo::gui {

// The controls of a completion request: routing (auto, a model family or a
// model from the catalog), tradition, temperature and max tokens. The chat
// and the completions view each have one; both read the shared catalog.
class ChatOptionsBar : public QWidget
{
    Q_OBJECT

public:
    explicit ChatOptionsBar(gloo::ModelCatalogLoader *catalog, QWidget *parent = nullptr);

    // Completions V1 needs an explicit model and knows no tradition.
    void setApi(gloo::CompletionApi api);
    gloo::CompletionOptions options() const;

    // For tests and for restoring a choice.
    void setRouting(const gloo::Routing &routing);
    void setTradition(const QString &tradition);
    void setTemperature(double temperature);
    void setMaxTokens(int maxTokens); // 0 for no limit
    QStringList offeredModels() const;
    QStringList offeredFamilies() const;

signals:
    void changed();

private:
    void onRoutingModeChanged();
    void fillRoutingValues();

    gloo::ModelCatalogLoader *m_catalog;
    gloo::CompletionApi m_api = gloo::CompletionApi::V2;
    QComboBox *m_routingMode;
    QComboBox *m_routingValue;
    QLabel *m_traditionLabel;
    QComboBox *m_tradition;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_maxTokens;
    // The family or model last chosen in each routing mode.
    QHash<int, QString> m_wanted;
};

} // namespace gloo::gui
