#pragma once

#include "core/apiclient.h"

#include <QTableWidget>

namespace gloo::gui {

// Name/value pairs the user edits: request headers or query parameters. Each
// row has a box that includes it in the request, and there is always an empty
// last row to type a new pair into. Optionally, a first row stands for a
// value added automatically (the Authorization header): it cannot be edited,
// only switched off.
class HeadersTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit HeadersTable(QWidget *parent = nullptr);

    // The pairs whose box is ticked, in row order, without empty names and
    // without the automatic row.
    HeaderList enabledPairs() const;
    void setPairs(const HeaderList &pairs);

    void setAutomaticRow(const QString &name, const QString &value, const QString &toolTip);
    void setAutomaticValue(const QString &value);
    bool hasAutomaticRow() const { return m_hasAutomaticRow; }
    bool isAutomaticRowEnabled() const;
    void setAutomaticRowEnabled(bool enabled);

    void removeSelectedRows();

signals:
    // The user changed a pair, its box, or the automatic row's box.
    void pairsEdited();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onItemChanged(QTableWidgetItem *item);
    void appendEmptyRow();
    int firstEditableRow() const { return m_hasAutomaticRow ? 1 : 0; }

    bool m_hasAutomaticRow = false;
    bool m_updating = false;
};

} // namespace gloo::gui
