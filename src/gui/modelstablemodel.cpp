#include "modelstablemodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace gloo::gui {

namespace {

QString price(const std::optional<double> &value, const QString &currency)
{
    if (!value)
        return {};
    const QString amount = QLocale().toString(*value, 'f', *value < 1 ? 3 : 2);
    if (currency == QLatin1String("USD") || currency.isEmpty())
        return QStringLiteral("$") + amount;
    return amount + QLatin1Char(' ') + currency;
}

QString tokens(const std::optional<qint64> &value)
{
    return value ? QLocale().toString(*value) : QString();
}

// Absent figures sort after every real one in ascending order.
// An unknown figure is no value at all: the view's sorting puts it last.
QVariant sortable(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

ModelsTableModel::ModelsTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ModelsTableModel::setModels(const QList<gloo::ModelInfo> &models)
{
    beginResetModel();
    m_models = models;
    endResetModel();
}

int ModelsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_models.size())
        return {};
    const gloo::ModelInfo &model = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(model, index.column());
    case sortRole: return sortValue(model, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= ContextWindow ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                               : QVariant();
    case Qt::ForegroundRole:
        // A model that cannot chat is listed, but dimmed.
        return model.producesText() ? QVariant() : QVariant(QBrush(QColor(0x80, 0x86, 0x8b)));
    case Qt::ToolTipRole:
        if (!model.producesText())
            return tr("Produces %1 only, so it is not offered for chat.")
                .arg(model.outputModalities.join(QStringLiteral(", ")));
        if (index.column() >= InputPrice && !model.priceUnit.isEmpty())
            return tr("Per %1").arg(model.priceUnit);
        // The whole text, for a cell too narrow to show it.
        if (index.column() < ContextWindow)
            return display(model, index.column());
        return {};
    default: return {};
    }
}

QVariant ModelsTableModel::display(const gloo::ModelInfo &model, int column) const
{
    switch (column) {
    case Id: return model.id;
    case Name: return model.name;
    case Family: return model.family;
    case Provider: return model.providerId;
    case Output:
        return model.outputModalities.isEmpty() ? tr("text")
                                                : model.outputModalities.join(QStringLiteral(", "));
    case ContextWindow: return tokens(model.contextWindow);
    case MaxOutput: return tokens(model.maxOutputTokens);
    case InputPrice: return price(model.inputPrice, model.priceCurrency);
    case OutputPrice: return price(model.outputPrice, model.priceCurrency);
    default: return {};
    }
}

QVariant ModelsTableModel::sortValue(const gloo::ModelInfo &model, int column) const
{
    auto count = [](const std::optional<qint64> &value) {
        return value ? std::optional<double>(double(*value)) : std::nullopt;
    };
    switch (column) {
    case ContextWindow: return sortable(count(model.contextWindow));
    case MaxOutput: return sortable(count(model.maxOutputTokens));
    case InputPrice: return sortable(model.inputPrice);
    case OutputPrice: return sortable(model.outputPrice);
    default: return display(model, column).toString().toLower();
    }
}

QVariant ModelsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section >= InputPrice)
        return tr("Price per unit the catalog names, usually one million tokens");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Model ID");
    case Name: return tr("Name");
    case Family: return tr("Family");
    case Provider: return tr("Provider");
    case Output: return tr("Output");
    case ContextWindow: return tr("Context");
    case MaxOutput: return tr("Max output");
    case InputPrice: return tr("Input $");
    case OutputPrice: return tr("Output $");
    default: return {};
    }
}

} // namespace gloo::gui
