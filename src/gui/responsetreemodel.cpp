#include "responsetreemodel.h"

#include <QFontDatabase>

namespace gloo::gui {

namespace {

QString typeName(gloo::JsonNode::Type type)
{
    switch (type) {
    case gloo::JsonNode::Type::Object: return ResponseTreeModel::tr("object");
    case gloo::JsonNode::Type::Array: return ResponseTreeModel::tr("array");
    case gloo::JsonNode::Type::String: return ResponseTreeModel::tr("string");
    case gloo::JsonNode::Type::Number: return ResponseTreeModel::tr("number");
    case gloo::JsonNode::Type::Bool: return ResponseTreeModel::tr("boolean");
    case gloo::JsonNode::Type::Null: return ResponseTreeModel::tr("null");
    }
    return {};
}

} // namespace

ResponseTreeModel::ResponseTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ResponseTreeModel::setOutline(std::shared_ptr<const gloo::JsonOutline> outline)
{
    beginResetModel();
    m_outline = std::move(outline);
    endResetModel();
}

// Each index carries its node number; the invisible root is node -1, and its
// one child is the document's top-level value (node 0).
int ResponseTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : -1;
}

int ResponseTreeModel::rowOf(int node) const
{
    const int parent = m_outline->nodes.at(node).parent;
    if (parent < 0)
        return 0;
    return int(m_outline->nodes.at(parent).children.indexOf(node));
}

QModelIndex ResponseTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (isEmpty() || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const int parentNode = nodeOf(parent);
    if (parentNode < 0)
        return row == 0 ? createIndex(row, column, quintptr(0)) : QModelIndex();
    const QList<int> &children = m_outline->nodes.at(parentNode).children;
    if (row >= children.size())
        return {};
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex ResponseTreeModel::parent(const QModelIndex &child) const
{
    const int node = nodeOf(child);
    if (node <= 0)
        return {};
    const int parentNode = m_outline->nodes.at(node).parent;
    return createIndex(rowOf(parentNode), 0, quintptr(parentNode));
}

int ResponseTreeModel::rowCount(const QModelIndex &parent) const
{
    if (isEmpty() || parent.column() > 0)
        return 0;
    const int node = nodeOf(parent);
    return node < 0 ? 1 : int(m_outline->nodes.at(node).children.size());
}

int ResponseTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ResponseTreeModel::data(const QModelIndex &index, int role) const
{
    const int node = nodeOf(index);
    if (node < 0 || isEmpty())
        return {};
    const gloo::JsonNode &entry = m_outline->nodes.at(node);

    if (role == Qt::FontRole && index.column() == ValueColumn)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};

    switch (index.column()) {
    case KeyColumn:
        if (entry.parent < 0)
            return tr("(answer)");
        if (entry.keyStart >= 0)
            return m_outline->key(node);
        return QStringLiteral("[%1]").arg(index.row());
    case ValueColumn:
        if (entry.type == gloo::JsonNode::Type::Object)
            return entry.children.size() == 1 ? tr("{1 member}")
                                              : tr("{%1 members}").arg(entry.children.size());
        if (entry.type == gloo::JsonNode::Type::Array)
            return entry.children.size() == 1 ? tr("[1 item]")
                                              : tr("[%1 items]").arg(entry.children.size());
        return m_outline->scalarText(node, role == Qt::ToolTipRole ? 4000 : 300);
    case TypeColumn: return typeName(entry.type);
    }
    return {};
}

QVariant ResponseTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Name");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    }
    return {};
}

} // namespace gloo::gui
