#include "chatview.h"

#include "ui_chatview.h"

#include "chatmessagewidget.h"
#include "chatoptionsbar.h"
#include "core/tokenmanager.h"
#include "failureview.h"
#include "look.h"

#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>

namespace gloo::gui {

namespace {

// How close to the end the view must be for new text to keep it at the end;
// a user who scrolled up to read stays where they are.
constexpr int followSlackPixels = 24;

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    // A conversation is the user's own words: readable by them only, as the
    // request history is.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

ChatView::ChatView(gloo::ApiClient *api, gloo::ModelCatalogLoader *catalog, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ChatView>())
    , m_controller(new gloo::ChatController(api, this))
    , m_options(new ChatOptionsBar(catalog, this))
{
    m_ui->setupUi(this);
    m_ui->optionsLayout->addWidget(m_options);
    m_ui->transcriptArea->setFrameShape(QFrame::NoFrame);
    m_ui->transcriptContents->setObjectName(QStringLiteral("transcriptContents"));
    m_ui->transcriptArea->setStyleSheet(
        QStringLiteral("#transcriptArea, #transcriptContents { background: #f7f8fa; }"));
    m_ui->emptyHint->setStyleSheet(QStringLiteral("color: #80868b; padding: 24px;"));

    auto *exportMenu = new QMenu(this);
    QAction *markdownAction = exportMenu->addAction(tr("As Markdown…"));
    QAction *jsonAction = exportMenu->addAction(tr("As JSON…"));
    m_ui->exportButton->setMenu(exportMenu);

    connect(m_ui->chatSendButton, &QPushButton::clicked, this, &ChatView::send);
    connect(m_ui->chatPrompt, &ChatPromptEdit::submitted, this, &ChatView::send);
    connect(m_ui->chatStopButton, &QPushButton::clicked, this, &ChatView::stop);
    connect(m_ui->regenerateButton, &QPushButton::clicked, this, &ChatView::regenerate);
    connect(m_ui->newChatButton, &QPushButton::clicked, this, &ChatView::newChat);
    connect(m_ui->chatFailureView, &FailureView::retryRequested, this, &ChatView::regenerate);
    connect(markdownAction, &QAction::triggered, this, [this] { exportWithDialog(true); });
    connect(jsonAction, &QAction::triggered, this, [this] { exportWithDialog(false); });
    auto *stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    stopShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(stopShortcut, &QShortcut::activated, this, &ChatView::stop);

    connect(m_controller, &gloo::ChatController::messageAdded, this, &ChatView::onMessageAdded);
    connect(m_controller, &gloo::ChatController::messageChanged, this, &ChatView::onMessageChanged);
    connect(m_controller, &gloo::ChatController::messagesTruncated, this,
            &ChatView::onMessagesTruncated);
    connect(m_controller, &gloo::ChatController::busyChanged, this, &ChatView::updateButtons);
    connect(m_controller, &gloo::ChatController::replyFinished, this, &ChatView::onReplyFinished);
    connect(m_controller, &gloo::ChatController::firstSentChanged, this, [this] {
        placeServerDivider();
        updateButtons();
    });
    connect(api->tokenManager(), &gloo::TokenManager::clientIdChanged, this,
            [this](const QString &clientId) {
                if (m_serverDivider) {
                    m_serverDivider->setText(
                        tr("Now asking as Client ID %1. The messages above stay here, but are "
                           "not sent with it: the conversation starts again with your next "
                           "question.")
                            .arg(clientId));
                }
            });
    // After the controller has moved the start of the conversation.
    connect(api->tokenManager(), &gloo::TokenManager::environmentChanged, this,
            [this](const gloo::Environment &environment) {
                if (!m_serverDivider)
                    return;
                const QString server = environment.kind == gloo::Environment::Kind::Custom
                                           ? environment.baseUrl
                                                 .adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath
                                                           | QUrl::RemoveQuery
                                                           | QUrl::RemoveFragment)
                                                 .toString()
                                           : environment.displayName();
                m_serverDivider->setText(
                    tr("Now talking to %1. The messages above stay here, but are not sent "
                       "there: the conversation starts again with your next question.")
                        .arg(server));
            });

    QScrollBar *bar = m_ui->transcriptArea->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &ChatView::followEnd);
    connect(bar, &QScrollBar::valueChanged, this,
            [this, bar](int value) { m_followEnd = value >= bar->maximum() - followSlackPixels; });

    updateButtons();
}

ChatView::~ChatView() = default;

void ChatView::setPreparation(std::function<bool()> prepare)
{
    m_prepare = std::move(prepare);
}

FailureView *ChatView::failureView() const
{
    return m_ui->chatFailureView;
}

void ChatView::setPrompt(const QString &text)
{
    m_ui->chatPrompt->setPlainText(text);
}

QString ChatView::prompt() const
{
    return m_ui->chatPrompt->toPlainText();
}

void ChatView::setSystemPrompt(const QString &text)
{
    m_ui->systemPromptEdit->setPlainText(text);
}

bool ChatView::prepare()
{
    if (m_prepare && !m_prepare())
        return false;
    m_controller->setOptions(m_options->options());
    m_controller->setSystemPrompt(m_ui->systemPromptEdit->toPlainText());
    m_ui->chatFailureView->clearFailure();
    return true;
}

void ChatView::send()
{
    if (m_controller->isBusy() || !prepare())
        return;
    const gloo::Failure failure = m_controller->send(prompt());
    if (failure.isFailure()) {
        m_ui->chatFailureView->showFailure(failure);
        return;
    }
    m_followEnd = true;
    m_ui->chatPrompt->clear();
}

void ChatView::stop()
{
    m_controller->stop();
}

void ChatView::regenerate()
{
    if (m_controller->isBusy() || !prepare())
        return;
    const gloo::Failure failure = m_controller->regenerate();
    if (failure.isFailure())
        m_ui->chatFailureView->showFailure(failure);
    m_followEnd = true;
}

void ChatView::newChat()
{
    m_controller->clear();
    m_ui->chatFailureView->clearFailure();
    m_ui->chatPrompt->setFocus();
}

void ChatView::onMessageAdded(qsizetype index)
{
    auto *widget = new ChatMessageWidget(m_ui->transcriptContents);
    // Before the stretch that keeps messages at the top.
    m_ui->transcriptLayout->insertWidget(m_ui->transcriptLayout->count() - 1, widget);
    m_messages.insert(index, widget);
    widget->setMessage(m_controller->conversation().messages.at(index));
    m_ui->emptyHint->hide();
    updateButtons();
}

void ChatView::onMessageChanged(qsizetype index)
{
    if (index < m_messages.size())
        m_messages.at(index)->setMessage(m_controller->conversation().messages.at(index));
}

void ChatView::onMessagesTruncated(qsizetype count)
{
    while (m_messages.size() > count)
        delete m_messages.takeLast();
    m_ui->emptyHint->setVisible(m_messages.isEmpty());
    updateButtons();
}

void ChatView::placeServerDivider()
{
    const qsizetype first = m_controller->conversation().firstSent;
    if (first <= 0) {
        delete m_serverDivider;
        m_serverDivider = nullptr;
        return;
    }
    if (!m_serverDivider) {
        m_serverDivider = new QLabel(m_ui->transcriptContents);
        m_serverDivider->setObjectName(QStringLiteral("serverDivider"));
        m_serverDivider->setWordWrap(true);
        m_serverDivider->setAlignment(Qt::AlignCenter);
        m_serverDivider->setContentsMargins(12, 8, 12, 8);
        look::setTextTone(m_serverDivider, look::Tone::Muted);
    }
    m_ui->transcriptLayout->removeWidget(m_serverDivider);
    // Before the first message sent, or before the stretch at the end.
    const int position = first < m_messages.size()
                             ? m_ui->transcriptLayout->indexOf(m_messages.at(first))
                             : m_ui->transcriptLayout->count() - 1;
    m_ui->transcriptLayout->insertWidget(position, m_serverDivider);
}

void ChatView::onReplyFinished(const gloo::Failure &failure)
{
    if (failure.isFailure())
        m_ui->chatFailureView->showFailure(failure);
    updateButtons();
}

void ChatView::updateButtons()
{
    const bool busy = m_controller->isBusy();
    // A question from before a switch of server or account is not asked again.
    const qsizetype lastQuestion = m_controller->conversation().lastUserIndex();
    const bool hasQuestion = lastQuestion >= 0
                             && lastQuestion >= m_controller->conversation().firstSent;
    m_ui->chatSendButton->setEnabled(!busy);
    m_ui->chatStopButton->setEnabled(busy);
    m_ui->regenerateButton->setEnabled(!busy && hasQuestion);
    m_ui->exportButton->setEnabled(!m_controller->conversation().messages.isEmpty());
    m_ui->chatStatusLabel->setText(busy ? tr("Answering… Esc stops.") : QString());
}

void ChatView::followEnd(int minimum, int maximum)
{
    Q_UNUSED(minimum)
    if (m_followEnd)
        m_ui->transcriptArea->verticalScrollBar()->setValue(maximum);
}

bool ChatView::exportMarkdown(const QString &path, QString *error) const
{
    return writeFile(path, m_controller->conversation().toMarkdown().toUtf8(), error);
}

bool ChatView::exportJson(const QString &path, QString *error) const
{
    return writeFile(path, m_controller->conversation().toJson(), error);
}

void ChatView::exportWithDialog(bool markdown)
{
    const QString suggested = QDir::home().filePath(markdown ? QStringLiteral("conversation.md")
                                                             : QStringLiteral("conversation.json"));
    const QString path = QFileDialog::getSaveFileName(
        this, markdown ? tr("Export conversation as Markdown") : tr("Export conversation as JSON"),
        suggested, markdown ? tr("Markdown (*.md)") : tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool written = markdown ? exportMarkdown(path, &error) : exportJson(path, &error);
    if (!written) {
        QMessageBox::warning(this, tr("Export failed"),
                             tr("The conversation could not be written to %1: %2")
                                 .arg(QDir::toNativeSeparators(path), error));
    }
}

} // namespace gloo::gui
