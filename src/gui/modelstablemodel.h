#pragma once

#include "core/modelcatalog.h"

#include <QAbstractTableModel>

namespace gloo::gui {

// The model catalog as a table. Each cell offers its raw value under
// sortRole, so that numbers sort as numbers and absent figures sort last.
class ModelsTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Name,
        Family,
        Provider,
        Output,
        ContextWindow,
        MaxOutput,
        InputPrice,
        OutputPrice,
        ColumnCount
    };

    static constexpr int sortRole = Qt::UserRole + 1;

    explicit ModelsTableModel(QObject *parent = nullptr);

    void setModels(const QList<gloo::ModelInfo> &models);
    const QList<gloo::ModelInfo> &models() const { return m_models; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const gloo::ModelInfo &model, int column) const;
    QVariant sortValue(const gloo::ModelInfo &model, int column) const;

    QList<gloo::ModelInfo> m_models;
};

} // namespace gloo::gui
