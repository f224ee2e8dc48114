#include "headerstable.h"

#include <QHeaderView>
#include <QKeyEvent>

namespace gloo::gui {

namespace {

enum Column { NameColumn, ValueColumn };

QTableWidgetItem *checkableItem(const QString &text, bool checked)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

HeadersTable::HeadersTable(QWidget *parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(NameColumn, 180);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed);
    connect(this, &QTableWidget::itemChanged, this, &HeadersTable::onItemChanged);
    appendEmptyRow();
}

HeaderList HeadersTable::enabledPairs() const
{
    HeaderList pairs;
    for (int row = firstEditableRow(); row < rowCount(); ++row) {
        const QTableWidgetItem *name = item(row, NameColumn);
        const QTableWidgetItem *value = item(row, ValueColumn);
        if (!name || name->checkState() != Qt::Checked || name->text().trimmed().isEmpty())
            continue;
        pairs.append({name->text().trimmed().toUtf8(), value ? value->text().toUtf8() : ""});
    }
    return pairs;
}

void HeadersTable::setPairs(const HeaderList &pairs)
{
    m_updating = true;
    setRowCount(firstEditableRow());
    for (const auto &pair : pairs) {
        const int row = rowCount();
        insertRow(row);
        setItem(row, NameColumn, checkableItem(QString::fromUtf8(pair.first), true));
        setItem(row, ValueColumn, new QTableWidgetItem(QString::fromUtf8(pair.second)));
    }
    m_updating = false;
    appendEmptyRow();
}

void HeadersTable::setAutomaticRow(const QString &name, const QString &value,
                                   const QString &toolTip)
{
    m_updating = true;
    if (!m_hasAutomaticRow) {
        insertRow(0);
        m_hasAutomaticRow = true;
    }
    auto *nameItem = checkableItem(name, true);
    nameItem->setFlags((nameItem->flags() | Qt::ItemIsUserCheckable) & ~Qt::ItemIsEditable);
    nameItem->setToolTip(toolTip);
    auto *valueItem = new QTableWidgetItem(value);
    valueItem->setFlags(valueItem->flags() & ~Qt::ItemIsEditable);
    valueItem->setToolTip(toolTip);
    valueItem->setForeground(palette().color(QPalette::PlaceholderText));
    setItem(0, NameColumn, nameItem);
    setItem(0, ValueColumn, valueItem);
    m_updating = false;
}

void HeadersTable::setAutomaticValue(const QString &value)
{
    if (m_hasAutomaticRow && item(0, ValueColumn)) {
        m_updating = true;
        item(0, ValueColumn)->setText(value);
        m_updating = false;
    }
}

bool HeadersTable::isAutomaticRowEnabled() const
{
    return m_hasAutomaticRow && item(0, NameColumn)
           && item(0, NameColumn)->checkState() == Qt::Checked;
}

void HeadersTable::setAutomaticRowEnabled(bool enabled)
{
    if (!m_hasAutomaticRow || !item(0, NameColumn))
        return;
    m_updating = true;
    item(0, NameColumn)->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    m_updating = false;
}

void HeadersTable::removeSelectedRows()
{
    QList<int> rows;
    const QList<QTableWidgetSelectionRange> ranges = selectedRanges();
    for (const auto &range : ranges) {
        for (int row = range.topRow(); row <= range.bottomRow(); ++row) {
            if (row >= firstEditableRow() && row < rowCount() - 1)
                rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        removeRow(row);
    if (!rows.isEmpty())
        emit pairsEdited();
}

void HeadersTable::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        && state() != QAbstractItemView::EditingState) {
        removeSelectedRows();
        return;
    }
    QTableWidget::keyPressEvent(event);
}

void HeadersTable::onItemChanged(QTableWidgetItem *changed)
{
    if (m_updating)
        return;
    // Typing into the empty last row makes it a pair and opens a new one.
    if (changed->row() == rowCount() - 1 && !changed->text().isEmpty())
        appendEmptyRow();
    emit pairsEdited();
}

void HeadersTable::appendEmptyRow()
{
    m_updating = true;
    const int row = rowCount();
    insertRow(row);
    setItem(row, NameColumn, checkableItem({}, true));
    setItem(row, ValueColumn, new QTableWidgetItem);
    m_updating = false;
}

} // namespace gloo::gui
