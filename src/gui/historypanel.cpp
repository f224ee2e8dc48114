#include "historypanel.h"

#include "historymodel.h"
#include "look.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace gloo::gui {

HistoryPanel::HistoryPanel(gloo::RequestHistory *history, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_mode(mode)
    , m_model(new HistoryModel(
          history, mode == Mode::History ? HistoryModel::Kind::History : HistoryModel::Kind::Saved,
          this))
    , m_list(new QListView(this))
    , m_emptyHint(new QLabel(this))
    , m_openButton(new QPushButton(tr("&Open"), this))
    , m_sendButton(new QPushButton(tr("Send a&gain"), this))
    , m_deleteButton(new QPushButton(tr("&Delete"), this))
    , m_clearButton(new QPushButton(tr("C&lear all…"), this))
{
    setObjectName(mode == Mode::History ? QStringLiteral("historyPanel")
                                        : QStringLiteral("savedPanel"));
    m_list->setModel(m_model);
    m_list->setAlternatingRowColors(true);
    // One row is measured for all: the rows are one line of text each.
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // A long entry is shortened in the middle (its whole URL is in the
    // tooltip) rather than given a horizontal scroll bar.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setText(mode == Mode::History
                             ? tr("The requests you send are listed here, newest first. "
                                  "Tokens and secrets are never kept.")
                             : tr("Requests you keep with Save request… are listed here."));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    look::setTextTone(m_emptyHint, look::Tone::Muted);
    m_openButton->setToolTip(tr("Put this request into the editor (double-click)"));
    m_sendButton->setToolTip(tr("Put this request into the editor and send it"));
    m_clearButton->setVisible(mode == Mode::History);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch();
    buttons->addWidget(m_clearButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(m_emptyHint, 1);
    layout->addLayout(buttons);

    connect(m_list, &QListView::doubleClicked, this, &HistoryPanel::openSelected);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                // Remembered by id: by the time the history says it
                // changed, the rows already stand for other requests.
                m_selectedId = current.isValid() ? m_model->request(current.row()).id : QString();
                updateButtons();
            });
    connect(m_openButton, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_sendButton, &QPushButton::clicked, this, &HistoryPanel::sendSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { clearAll(); });
    connect(m_history,
            mode == Mode::History ? &gloo::RequestHistory::historyChanged
                                  : &gloo::RequestHistory::savedChanged,
            this, &HistoryPanel::refresh);
    updateButtons();
}

int HistoryPanel::count() const
{
    return m_model->rowCount();
}

QString HistoryPanel::itemText(int row) const
{
    return m_model->index(row).data().toString();
}

void HistoryPanel::selectRow(int row)
{
    m_list->setCurrentIndex(m_model->index(row));
}

int HistoryPanel::selectedRow() const
{
    return m_list->currentIndex().row();
}

bool HistoryPanel::selected(gloo::StoredRequest *request) const
{
    const int row = selectedRow();
    if (row < 0 || row >= count())
        return false;
    *request = m_model->request(row);
    return true;
}

void HistoryPanel::refresh()
{
    // The selection stays on the same request, wherever the change moved it:
    // a request just sent comes in at the top and pushes the others down.
    const int row = selectedRow();
    const QString chosen = m_selectedId;
    m_model->reload();
    int newRow = -1;
    if (!chosen.isEmpty()) {
        // Where it most likely went first, so a long history is not read
        // through for it.
        QList<int> candidates{row + 1, row, row - 1};
        for (int candidate = 0; candidate < count(); ++candidate)
            candidates << candidate;
        for (const int candidate : candidates) {
            if (candidate >= 0 && candidate < count() && m_model->request(candidate).id == chosen) {
                newRow = candidate;
                break;
            }
        }
        // Removed: its neighbour is selected instead.
        if (newRow < 0)
            newRow = qMin(row, count() - 1);
    }
    selectRow(newRow);
    updateButtons();
}

void HistoryPanel::updateButtons()
{
    const bool selected = selectedRow() >= 0;
    m_openButton->setEnabled(selected);
    m_sendButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected);
    m_clearButton->setEnabled(count() > 0);
    m_list->setVisible(count() > 0);
    m_emptyHint->setVisible(count() == 0);
}

void HistoryPanel::openSelected()
{
    gloo::StoredRequest request;
    if (selected(&request))
        emit openRequested(request);
}

void HistoryPanel::sendSelected()
{
    gloo::StoredRequest request;
    if (selected(&request))
        emit sendRequested(request);
}

void HistoryPanel::deleteSelected()
{
    gloo::StoredRequest request;
    if (!selected(&request))
        return;
    if (m_mode == Mode::History)
        m_history->removeFromHistory(request.id);
    else
        m_history->removeSaved(request.id);
}

void HistoryPanel::clearAll(bool confirm)
{
    if (confirm
        && QMessageBox::question(this, tr("Clear the history?"),
                                 count() == 1
                                     ? tr("Remove the one request from the history?")
                                     : tr("Remove all %1 requests from the history?").arg(count()),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return;
    m_history->clearHistory();
}

} // namespace gloo::gui
