#include "authlogview.h"

#include "look.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gloo::gui {

namespace {

QColor colorFor(gloo::AuthEvent::Type type)
{
    switch (type) {
    case gloo::AuthEvent::Type::Issued:
    case gloo::AuthEvent::Type::Renewed: return QColor(0x1e, 0x7d, 0x32);
    case gloo::AuthEvent::Type::Failed:
    case gloo::AuthEvent::Type::Rejected: return QColor(0xc6, 0x28, 0x28);
    case gloo::AuthEvent::Type::RetryScheduled: return QColor(0x8a, 0x4b, 0x00);
    default: return {};
    }
}

} // namespace

AuthLogView::AuthLogView(gloo::AuthEventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("authLogTree"));
    m_tree->setHeaderLabels({tr("Time"), tr("Event")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *hint = new QLabel(tr("Every request, renewal and failure of the access token. Tokens "
                               "are named by a short fingerprint; secrets never appear here."),
                            this);
    hint->setWordWrap(true);
    look::setTextTone(hint, look::Tone::Muted);
    auto *copy = new QPushButton(tr("Copy log"), this);
    auto *clear = new QPushButton(tr("Clear"), this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(copy);
    buttons->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_tree);

    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(plainText()); });
    connect(clear, &QPushButton::clicked, m_log, &gloo::AuthEventLog::clear);
    connect(m_log, &gloo::AuthEventLog::cleared, m_tree, &QTreeWidget::clear);
    connect(m_log, &gloo::AuthEventLog::eventAdded, this, &AuthLogView::append);

    for (const gloo::AuthEvent &event : m_log->events())
        append(event);
}

int AuthLogView::rowCount() const
{
    return m_tree->topLevelItemCount();
}

QString AuthLogView::rowText(int row) const
{
    const QTreeWidgetItem *item = m_tree->topLevelItem(row);
    return item ? item->text(1) : QString();
}

void AuthLogView::append(const gloo::AuthEvent &event)
{
    auto *item = new QTreeWidgetItem({event.time.toString(QStringLiteral("HH:mm:ss")), event.text});
    item->setToolTip(1, event.text);
    const QColor color = colorFor(event.type);
    if (color.isValid())
        item->setForeground(1, color);
    m_tree->addTopLevelItem(item);
    while (m_tree->topLevelItemCount() > gloo::AuthEventLog::kMaxEvents)
        delete m_tree->takeTopLevelItem(0);
    m_tree->scrollToItem(item);
}

QString AuthLogView::plainText() const
{
    QStringList lines;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        lines << item->text(0) + QLatin1Char(' ') + item->text(1);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace gloo::gui
