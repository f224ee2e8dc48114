#pragma once

#include "core/jsonformat.h"

#include <QAbstractItemModel>

#include <memory>

namespace gloo::gui {

// A JSON answer as a tree of names and values. Rows are made only when a
// view asks for them, so expanding one branch of a huge answer costs that
// branch alone.
class ResponseTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, TypeColumn, ValueColumn, ColumnCount };

    explicit ResponseTreeModel(QObject *parent = nullptr);

    void setOutline(std::shared_ptr<const gloo::JsonOutline> outline);
    void clear() { setOutline(nullptr); }
    bool isEmpty() const { return !m_outline || m_outline->nodes.isEmpty(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int nodeOf(const QModelIndex &index) const;
    // The position of a node among its parent's children.
    int rowOf(int node) const;

    std::shared_ptr<const gloo::JsonOutline> m_outline;
};

} // namespace gloo::gui
