#pragma once

#include "core/requesthistory.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace gloo::gui {

class HistoryModel;

// The list of sent requests, or of requests saved by name: open one into
// the editor, send it again, delete it, or clear the history. The list is a
// view of a model, so only the rows on screen are ever laid out.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { History, Saved };

    HistoryPanel(gloo::RequestHistory *history, Mode mode, QWidget *parent = nullptr);

    int count() const;
    QString itemText(int row) const;
    void selectRow(int row);
    // The selected request; false when none is selected.
    bool selected(gloo::StoredRequest *request) const;
    // Act on the selected row, as the buttons do.
    void openSelected();
    void sendSelected();
    void deleteSelected();
    // Asks first unless 'confirm' is false.
    void clearAll(bool confirm = true);

signals:
    void openRequested(const gloo::StoredRequest &request);
    void sendRequested(const gloo::StoredRequest &request);

private:
    void refresh();
    void updateButtons();
    int selectedRow() const;

    gloo::RequestHistory *m_history;
    Mode m_mode;
    HistoryModel *m_model;
    QString m_selectedId;
    QListView *m_list;
    // Said instead of showing an empty list.
    QLabel *m_emptyHint;
    QPushButton *m_openButton;
    QPushButton *m_sendButton;
    QPushButton *m_deleteButton;
    QPushButton *m_clearButton;
};

} // namespace gloo::gui
