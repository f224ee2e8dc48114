#include "completionsview.h"

#include "ui_completionsview.h"

#include "chatmessagewidget.h"
#include "chatoptionsbar.h"
#include "failureview.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QShortcut>

namespace gloo::gui {

CompletionsView::CompletionsView(gloo::ApiClient *api, gloo::ModelCatalogLoader *catalog,
                                 QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::CompletionsView>())
    , m_controller(new gloo::ChatController(api, this))
    , m_options(new ChatOptionsBar(catalog, this))
{
    m_ui->setupUi(this);
    m_ui->optionsLayout->addWidget(m_options);
    m_ui->apiCombo->addItem(tr("Completions V2 (Gloo routing)"), int(gloo::CompletionApi::V2));
    m_ui->apiCombo->addItem(tr("Completions V1 (explicit model)"), int(gloo::CompletionApi::V1));
    m_ui->endpointLabel->setStyleSheet(QStringLiteral("color: #5f6368;"));
    m_ui->answerArea->setFrameShape(QFrame::NoFrame);
    m_ui->answerHint->setStyleSheet(QStringLiteral("color: #80868b; padding: 24px;"));
    m_ui->sentBodyView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->streamCheck->setChecked(false);

    connect(m_ui->apiCombo, &QComboBox::currentIndexChanged, this, [this] {
        const auto api = gloo::CompletionApi(m_ui->apiCombo->currentData().toInt());
        m_options->setApi(api);
        m_ui->endpointLabel->setText(QStringLiteral("POST ") + m_options->options().path());
    });
    connect(m_ui->completionSendButton, &QPushButton::clicked, this, &CompletionsView::send);
    connect(m_ui->completionStopButton, &QPushButton::clicked, this, &CompletionsView::stop);
    connect(m_ui->completionFailureView, &FailureView::retryRequested, this,
            &CompletionsView::send);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut, &QShortcut::activated, this, &CompletionsView::send);

    connect(m_controller, &gloo::ChatController::messageAdded, this, &CompletionsView::showAnswer);
    connect(m_controller, &gloo::ChatController::messageChanged, this,
            &CompletionsView::showAnswer);
    connect(m_controller, &gloo::ChatController::messagesTruncated, this,
            &CompletionsView::showAnswer);
    connect(m_controller, &gloo::ChatController::busyChanged, this, &CompletionsView::updateState);
    connect(m_controller, &gloo::ChatController::replyFinished, this,
            [this](const gloo::Failure &failure) {
                if (failure.isFailure())
                    m_ui->completionFailureView->showFailure(failure);
            });

    m_ui->endpointLabel->setText(QStringLiteral("POST ") + gloo::CompletionOptions().path());
    updateState();
}

CompletionsView::~CompletionsView() = default;

void CompletionsView::setPreparation(std::function<bool()> prepare)
{
    m_prepare = std::move(prepare);
}

void CompletionsView::setApi(gloo::CompletionApi api)
{
    m_ui->apiCombo->setCurrentIndex(m_ui->apiCombo->findData(int(api)));
}

void CompletionsView::setStreaming(bool stream)
{
    m_ui->streamCheck->setChecked(stream);
}

void CompletionsView::setPrompt(const QString &text)
{
    m_ui->completionPrompt->setPlainText(text);
}

FailureView *CompletionsView::failureView() const
{
    return m_ui->completionFailureView;
}

QString CompletionsView::sentBodyText() const
{
    return m_ui->sentBodyView->toPlainText();
}

void CompletionsView::send()
{
    if (m_controller->isBusy() || (m_prepare && !m_prepare()))
        return;
    m_ui->completionFailureView->clearFailure();
    gloo::CompletionOptions options = m_options->options();
    options.stream = m_ui->streamCheck->isChecked();
    m_controller->setOptions(options);

    // Each completion stands alone: no history from the one before.
    m_controller->clear();
    const gloo::Failure failure = m_controller->send(m_ui->completionPrompt->toPlainText());
    if (failure.isFailure()) {
        m_ui->completionFailureView->showFailure(failure);
        return;
    }
    const QJsonDocument body = QJsonDocument::fromJson(m_controller->lastRequestBody());
    m_ui->sentBodyView->setPlainText(QString::fromUtf8(body.toJson(QJsonDocument::Indented)));
}

void CompletionsView::stop()
{
    m_controller->stop();
}

void CompletionsView::showAnswer()
{
    updateState();
    const QList<gloo::ChatMessage> &messages = m_controller->conversation().messages;
    const bool hasAnswer = messages.size() > 1;
    if (!hasAnswer) {
        delete m_answer;
        m_answer = nullptr;
        m_ui->answerHint->setVisible(messages.isEmpty());
        return;
    }
    if (!m_answer) {
        m_answer = new ChatMessageWidget(m_ui->answerContents);
        m_ui->answerLayout->insertWidget(0, m_answer);
    }
    m_ui->answerHint->hide();
    m_answer->setMessage(messages.at(1));
}

void CompletionsView::updateState()
{
    const bool busy = m_controller->isBusy();
    m_ui->completionSendButton->setEnabled(!busy);
    m_ui->completionStopButton->setEnabled(busy);
    m_ui->apiCombo->setEnabled(!busy);
    const QList<gloo::ChatMessage> &messages = m_controller->conversation().messages;
    const bool arriving = messages.size() > 1 && !messages.at(1).content.isEmpty();
    QString status;
    if (busy)
        status = arriving ? tr("The answer is arriving…") : tr("Waiting for the answer…");
    m_ui->completionStatusLabel->setText(status);
}

} // namespace gloo::gui
