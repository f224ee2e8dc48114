#include "chatoptionsbar.h"

#include "core/modelcatalogloader.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace gloo::gui {

namespace {

// How a tradition reads in the list; the value sent is the API's name.
QString traditionLabel(const QString &tradition)
{
    if (tradition == QLatin1String("evangelical"))
        return ChatOptionsBar::tr("Evangelical");
    if (tradition == QLatin1String("catholic"))
        return ChatOptionsBar::tr("Catholic");
    if (tradition == QLatin1String("mainline"))
        return ChatOptionsBar::tr("Mainline Protestant");
    if (tradition == QLatin1String("not_faith_specific"))
        return ChatOptionsBar::tr("Not faith specific");
    return tradition;
}

using Mode = gloo::Routing::Mode;

// Gloo's families as its registry spells them, for before the catalog has
// loaded; requests accept any case.
const QStringList defaultFamilies{QStringLiteral("OpenAI"), QStringLiteral("Anthropic"),
                                  QStringLiteral("Google"), QStringLiteral("Open Source")};

} // namespace

ChatOptionsBar::ChatOptionsBar(gloo::ModelCatalogLoader *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_routingMode(new QComboBox(this))
    , m_routingValue(new QComboBox(this))
    , m_traditionLabel(new QLabel(tr("Tradition"), this))
    , m_tradition(new QComboBox(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_maxTokens(new QSpinBox(this))
{
    m_routingMode->setObjectName(QStringLiteral("routingModeCombo"));
    m_routingValue->setObjectName(QStringLiteral("routingValueCombo"));
    m_tradition->setObjectName(QStringLiteral("traditionCombo"));
    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_maxTokens->setObjectName(QStringLiteral("maxTokensSpin"));

    m_routingMode->addItem(tr("Auto routing"), int(Mode::Auto));
    m_routingMode->addItem(tr("Model family"), int(Mode::Family));
    m_routingMode->addItem(tr("Specific model"), int(Mode::Model));
    m_routingMode->setToolTip(tr("How Gloo picks the model that answers"));
    m_routingValue->setMinimumContentsLength(16);
    m_routingValue->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_tradition->addItem(tr("None"), QString());
    for (const QString &tradition : gloo::CompletionOptions::traditions())
        m_tradition->addItem(traditionLabel(tradition), tradition);
    m_tradition->setToolTip(tr("The faith tradition the answer should reflect"));

    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(1);
    m_temperature->setValue(0.7);
    m_temperature->setToolTip(tr("0 gives the most predictable answers, 2 the most varied"));

    m_maxTokens->setRange(0, 1000000);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setSpecialValueText(tr("No limit"));
    m_maxTokens->setValue(0);
    m_maxTokens->setToolTip(tr("Thinking models need 1024 or more, or no limit"));

    // Two rows, so that a long model name never makes the window wider.
    auto *routing = new QHBoxLayout;
    routing->addWidget(new QLabel(tr("Routing"), this));
    routing->addWidget(m_routingMode);
    routing->addWidget(m_routingValue, 3);
    routing->addStretch(1);
    auto *tuning = new QHBoxLayout;
    tuning->addWidget(m_traditionLabel);
    tuning->addWidget(m_tradition);
    tuning->addSpacing(12);
    tuning->addWidget(new QLabel(tr("Temperature"), this));
    tuning->addWidget(m_temperature);
    tuning->addSpacing(12);
    tuning->addWidget(new QLabel(tr("Max tokens"), this));
    tuning->addWidget(m_maxTokens);
    tuning->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(routing);
    layout->addLayout(tuning);

    connect(m_routingMode, &QComboBox::currentIndexChanged, this,
            &ChatOptionsBar::onRoutingModeChanged);
    connect(m_routingValue, &QComboBox::currentIndexChanged, this, [this] {
        if (m_routingValue->currentIndex() >= 0)
            m_wanted.insert(m_routingMode->currentData().toInt(),
                            m_routingValue->currentData().toString());
        emit changed();
    });
    connect(m_tradition, &QComboBox::currentIndexChanged, this, &ChatOptionsBar::changed);
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, &ChatOptionsBar::changed);
    connect(m_maxTokens, &QSpinBox::valueChanged, this, &ChatOptionsBar::changed);
    connect(m_catalog, &gloo::ModelCatalogLoader::finished, this,
            &ChatOptionsBar::fillRoutingValues);
    connect(m_catalog, &gloo::ModelCatalogLoader::loadingChanged, this,
            &ChatOptionsBar::fillRoutingValues);

    onRoutingModeChanged();
}

void ChatOptionsBar::setApi(gloo::CompletionApi api)
{
    m_api = api;
    const bool v1 = api == gloo::CompletionApi::V1;
    // V1 routes nothing: it needs a model.
    auto *modes = qobject_cast<QStandardItemModel *>(m_routingMode->model());
    for (const Mode mode : {Mode::Auto, Mode::Family}) {
        if (QStandardItem *item = modes->item(m_routingMode->findData(int(mode))))
            item->setEnabled(!v1);
    }
    if (v1)
        m_routingMode->setCurrentIndex(m_routingMode->findData(int(Mode::Model)));
    m_traditionLabel->setEnabled(!v1);
    m_tradition->setEnabled(!v1);
    emit changed();
}

gloo::CompletionOptions ChatOptionsBar::options() const
{
    gloo::CompletionOptions options;
    options.api = m_api;
    options.routing.mode = Mode(m_routingMode->currentData().toInt());
    if (options.routing.mode != Mode::Auto)
        options.routing.value = m_routingValue->currentData().toString();
    options.tradition = m_tradition->currentData().toString();
    options.temperature = m_temperature->value();
    if (m_maxTokens->value() > 0)
        options.maxTokens = m_maxTokens->value();
    return options;
}

void ChatOptionsBar::setRouting(const gloo::Routing &routing)
{
    m_wanted.insert(int(routing.mode), routing.value);
    m_routingMode->setCurrentIndex(m_routingMode->findData(int(routing.mode)));
    fillRoutingValues();
}

void ChatOptionsBar::setTradition(const QString &tradition)
{
    m_tradition->setCurrentIndex(std::max(0, m_tradition->findData(tradition)));
}

void ChatOptionsBar::setTemperature(double temperature)
{
    m_temperature->setValue(temperature);
}

void ChatOptionsBar::setMaxTokens(int maxTokens)
{
    m_maxTokens->setValue(maxTokens);
}

QStringList ChatOptionsBar::offeredModels() const
{
    QStringList models;
    if (Mode(m_routingMode->currentData().toInt()) != Mode::Model)
        return models;
    for (int i = 0; i < m_routingValue->count(); ++i)
        models << m_routingValue->itemData(i).toString();
    return models;
}

QStringList ChatOptionsBar::offeredFamilies() const
{
    QStringList families;
    if (Mode(m_routingMode->currentData().toInt()) != Mode::Family)
        return families;
    for (int i = 0; i < m_routingValue->count(); ++i)
        families << m_routingValue->itemData(i).toString();
    return families;
}

void ChatOptionsBar::onRoutingModeChanged()
{
    const Mode mode = Mode(m_routingMode->currentData().toInt());
    // The model list comes from the catalog, fetched the first time it is
    // needed.
    if (mode == Mode::Model)
        m_catalog->ensureLoaded();
    fillRoutingValues();
    emit changed();
}

void ChatOptionsBar::fillRoutingValues()
{
    const Mode mode = Mode(m_routingMode->currentData().toInt());
    const QString wanted = m_wanted.value(int(mode));
    const QSignalBlocker blocker(m_routingValue);
    m_routingValue->clear();
    m_routingValue->setVisible(mode != Mode::Auto);

    if (mode == Mode::Family) {
        QStringList families = m_catalog->catalog().families();
        if (families.isEmpty())
            families = defaultFamilies;
        for (const QString &family : families)
            m_routingValue->addItem(family, family);
    } else if (mode == Mode::Model) {
        const QList<gloo::ModelInfo> models = m_catalog->catalog().chatModels();
        for (const gloo::ModelInfo &model : models) {
            const QString label = model.name.isEmpty()
                                      ? model.id
                                      : QStringLiteral("%1 (%2)").arg(model.name, model.id);
            m_routingValue->addItem(label, model.id);
        }
        m_routingValue->setPlaceholderText(m_catalog->isLoading()
                                               ? tr("Loading the model catalog…")
                                               : tr("No models: load the catalog"));
    }

    const int index = m_routingValue->findData(wanted, Qt::UserRole, Qt::MatchFixedString);
    // A choice the list lacks is remembered, so that it comes back when the
    // catalog that has it arrives.
    m_routingValue->setCurrentIndex(index >= 0 ? index : (m_routingValue->count() > 0 ? 0 : -1));
    emit changed();
}

} // namespace gloo::gui
