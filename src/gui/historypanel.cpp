#include "historypanel.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace gloo::gui {

namespace {

QString shownTarget(const gloo::StoredRequest &request)
{
    // A full URL is shortened to its path: the server is the environment's.
    const QUrl url(request.target);
    if (url.isValid() && !url.scheme().isEmpty())
        return url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    return request.target;
}

} // namespace

HistoryPanel::HistoryPanel(gloo::RequestHistory *history, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_mode(mode)
    , m_list(new QListWidget(this))
    , m_openButton(new QPushButton(tr("&Open"), this))
    , m_sendButton(new QPushButton(tr("Send a&gain"), this))
    , m_deleteButton(new QPushButton(tr("&Delete"), this))
    , m_clearButton(new QPushButton(tr("C&lear all…"), this))
{
    setObjectName(mode == Mode::History ? QStringLiteral("historyPanel")
                                        : QStringLiteral("savedPanel"));
    m_list->setAlternatingRowColors(true);
    m_list->setUniformItemSizes(true);
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
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::itemDoubleClicked, this, &HistoryPanel::openSelected);
    connect(m_list, &QListWidget::currentRowChanged, this, &HistoryPanel::updateButtons);
    connect(m_openButton, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_sendButton, &QPushButton::clicked, this, &HistoryPanel::sendSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { clearAll(); });
    connect(m_history,
            mode == Mode::History ? &gloo::RequestHistory::historyChanged
                                  : &gloo::RequestHistory::savedChanged,
            this, &HistoryPanel::refresh);
    refresh();
}

QList<gloo::StoredRequest> HistoryPanel::entries() const
{
    return m_mode == Mode::History ? m_history->history() : m_history->saved();
}

int HistoryPanel::count() const
{
    return m_list->count();
}

QString HistoryPanel::itemText(int row) const
{
    return m_list->item(row) ? m_list->item(row)->text() : QString();
}

void HistoryPanel::selectRow(int row)
{
    m_list->setCurrentRow(row);
}

int HistoryPanel::selectedRow() const
{
    return m_list->currentRow();
}

void HistoryPanel::refresh()
{
    const int row = m_list->currentRow();
    m_list->clear();
    const QList<gloo::StoredRequest> list = entries();
    for (const gloo::StoredRequest &request : list) {
        const QString line = QString::fromLatin1(request.method) + QLatin1Char(' ')
                             + shownTarget(request);
        QString text;
        if (m_mode == Mode::Saved) {
            text = request.name + QStringLiteral("  —  ") + line;
        } else {
            const QString status = request.status > 0 ? QString::number(request.status)
                                                      : tr("no answer");
            const QString when = QLocale().toString(request.sentAt.toLocalTime(),
                                                    QLocale::ShortFormat);
            text = tr("%1  →  %2  ·  %3  ·  %4 ms").arg(line, status, when).arg(request.durationMs);
        }
        auto *item = new QListWidgetItem(text, m_list);
        item->setToolTip(request.url);
    }
    m_list->setCurrentRow(qMin(row, m_list->count() - 1));
    updateButtons();
}

void HistoryPanel::updateButtons()
{
    const bool selected = selectedRow() >= 0;
    m_openButton->setEnabled(selected);
    m_sendButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected);
    m_clearButton->setEnabled(m_list->count() > 0);
}

void HistoryPanel::openSelected()
{
    const int row = selectedRow();
    const QList<gloo::StoredRequest> list = entries();
    if (row >= 0 && row < list.size())
        emit openRequested(list.at(row));
}

void HistoryPanel::sendSelected()
{
    const int row = selectedRow();
    const QList<gloo::StoredRequest> list = entries();
    if (row >= 0 && row < list.size())
        emit sendRequested(list.at(row));
}

void HistoryPanel::deleteSelected()
{
    const int row = selectedRow();
    const QList<gloo::StoredRequest> list = entries();
    if (row < 0 || row >= list.size())
        return;
    if (m_mode == Mode::History)
        m_history->removeFromHistory(list.at(row).id);
    else
        m_history->removeSaved(list.at(row).id);
}

void HistoryPanel::clearAll(bool confirm)
{
    if (confirm
        && QMessageBox::question(
               this, tr("Clear the history?"),
               m_list->count() == 1
                   ? tr("Remove the one request from the history?")
                   : tr("Remove all %1 requests from the history?").arg(m_list->count()),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return;
    m_history->clearHistory();
}

} // namespace gloo::gui
