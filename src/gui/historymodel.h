#pragma once

#include "core/requesthistory.h"

#include <QAbstractListModel>

namespace gloo::gui {

// The requests of the history (or the saved requests) as a list model. A
// row's request is read and its text made only when a view asks for it, so a
// history of thousands of requests costs the few rows on screen, not a widget
// item per request.
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind { History, Saved };

    HistoryModel(gloo::RequestHistory *history, Kind kind, QObject *parent = nullptr);

    // Takes the requests from the history again.
    void reload();
    gloo::StoredRequest request(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The line shown for a request.
    static QString text(const gloo::StoredRequest &request, Kind kind);

private:
    gloo::RequestHistory *m_history;
    Kind m_kind;
    int m_count = 0;
};

} // namespace gloo::gui
