#include "failureview.h"

#include "look.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaMethod>
#include <QPainter>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace gloo::gui {

FailureView::FailureView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("failureView"));
    hide();
}

void FailureView::ensureBuilt()
{
    // Most views never show a failure, and three of them are part of the
    // first window: their contents are made when the first failure comes.
    if (m_message)
        return;
    m_message = new QLabel(this);
    m_nextStep = new QLabel(this);
    m_detailsButton = new QToolButton(this);
    m_copyButton = new QToolButton(this);
    m_reportButton = new QToolButton(this);
    m_retryButton = new QToolButton(this);
    m_details = new QPlainTextEdit(this);

    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, look::failureText());
    setPalette(palette);

    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_message->font();
    bold.setBold(true);
    m_message->setFont(bold);
    m_nextStep->setWordWrap(true);
    m_nextStep->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_detailsButton->setObjectName(QStringLiteral("failureDetailsButton"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setAutoRaise(true);
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the message and the technical details"));
    m_copyButton->setAutoRaise(true);
    m_reportButton->setObjectName(QStringLiteral("supportReportButton"));
    m_reportButton->setText(tr("Copy report for Gloo support"));
    m_reportButton->setToolTip(tr("Time, endpoint, status and the request and trace IDs that "
                                  "Gloo support asks for. Never your secret or token."));
    m_reportButton->setAutoRaise(true);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_retryButton->setText(tr("Try again"));
    m_retryButton->setAutoRaise(true);

    m_details->setObjectName(QStringLiteral("failureDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // The details are read on the normal text background, not the panel's.
    m_details->setPalette(QApplication::palette(m_details));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_detailsButton);
    buttons->addStretch();
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_reportButton);
    buttons->addWidget(m_copyButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);
    layout->addWidget(m_message);
    layout->addWidget(m_nextStep);
    layout->addLayout(buttons);
    layout->addWidget(m_details);

    connect(m_detailsButton, &QToolButton::toggled, this, &FailureView::setDetailsVisible);
    connect(m_retryButton, &QToolButton::clicked, this, &FailureView::retryRequested);
    connect(m_reportButton, &QToolButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_failure.supportReport()); });
    connect(m_copyButton, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(messageText() + QStringLiteral("\n\n")
                                           + m_failure.detail);
    });
}

void FailureView::showFailure(const gloo::Failure &failure)
{
    if (!failure.isFailure()) {
        clearFailure();
        return;
    }
    ensureBuilt();
    m_failure = failure;
    m_message->setText(failure.message);
    QString nextStep = failure.nextStep;
    if (failure.hasSupportIds()) {
        nextStep += QLatin1Char(' ')
                    + tr("Request ID %1.")
                          .arg(failure.requestId.isEmpty() ? failure.traceId : failure.requestId);
    }
    m_nextStep->setText(nextStep.trimmed());
    m_nextStep->setVisible(!m_nextStep->text().isEmpty());
    m_details->setPlainText(failure.detail);
    // A certificate's description is longer than other details, and is
    // read line by line when deciding whether to trust the server.
    const int lineHeight = m_details->fontMetrics().lineSpacing();
    m_details->setMinimumHeight(hasCertificateDetails() ? 12 * lineHeight : 0);
    m_details->setMaximumHeight(hasCertificateDetails() ? 20 * lineHeight : 120);
    m_detailsButton->setVisible(!failure.detail.isEmpty());
    m_copyButton->setVisible(!failure.detail.isEmpty());
    m_reportButton->setVisible(failure.hasSupportIds());
    m_retryButton->setVisible(
        failure.canRetry()
        && isSignalConnected(QMetaMethod::fromSignal(&FailureView::retryRequested)));
    m_detailsButton->setChecked(false);
    setDetailsVisible(false);
    show();
}

void FailureView::clearFailure()
{
    m_failure = {};
    hide();
}

QString FailureView::messageText() const
{
    return m_failure.summary();
}

void FailureView::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
    m_detailsButton->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    if (!hasCertificateDetails())
        m_detailsButton->setText(tr("Technical details"));
    else if (visible)
        m_detailsButton->setText(tr("Hide certificate details"));
    else
        m_detailsButton->setText(tr("Show certificate details"));
}

bool FailureView::hasCertificateDetails() const
{
    return m_failure.kind == gloo::Failure::Kind::Tls
           && m_failure.tlsCause != gloo::Failure::TlsCause::None;
}

void FailureView::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    look::paintPanel(painter, rect(), look::failureBackground(), look::failureBorder());
}

} // namespace gloo::gui
