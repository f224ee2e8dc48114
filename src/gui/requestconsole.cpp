#include "requestconsole.h"

#include "ui_requestconsole.h"

#include "core/tokenmanager.h"
#include "failureview.h"
#include "uilogging.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QMessageBox>
#include <QShortcut>

namespace gloo::gui {

namespace {

// Line and column of a character offset, for messages about JSON errors.
QPair<int, int> lineAndColumn(const QString &text, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n')) {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

bool methodTakesBody(const QString &method)
{
    return method != QLatin1String("GET") && method != QLatin1String("HEAD");
}

QString headerLines(const gloo::HeaderList &headers)
{
    QStringList lines;
    for (const auto &header : headers)
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ")
                     + QString::fromUtf8(header.second);
    return lines.join(QLatin1Char('\n'));
}

QString statusStyle(int status)
{
    if (status >= 200 && status < 300)
        return QStringLiteral("color: #1e7d32; font-weight: bold;");
    if (status >= 400 || status == 0)
        return QStringLiteral("color: #c62828; font-weight: bold;");
    return QStringLiteral("color: #8a4b00; font-weight: bold;");
}

} // namespace

RequestConsole::RequestConsole(gloo::ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestConsole>())
    , m_api(api)
{
    m_ui->setupUi(this);
    m_ui->methodCombo->addItems({QStringLiteral("POST"), QStringLiteral("GET"),
                                 QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                 QStringLiteral("DELETE")});
    m_ui->urlEdit->setText(QStringLiteral("/ai/v2/chat/completions"));
    m_ui->bodyEdit->setPlainText(exampleBody());
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 1);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->bodyEdit->setFont(fixed);
    m_ui->responseBodyView->setFont(fixed);
    m_ui->responseHeadersView->setFont(fixed);
    m_ui->sentView->setFont(fixed);
    m_ui->responseBodyView->setPlaceholderText(tr("The response appears here after you send "
                                                  "a request."));
    m_ui->resolvedUrlLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));

    connect(m_ui->sendButton, &QPushButton::clicked, this, &RequestConsole::send);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &RequestConsole::cancel);
    connect(m_ui->urlEdit, &QLineEdit::returnPressed, this, &RequestConsole::send);
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &RequestConsole::updateResolvedUrl);
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, this, &RequestConsole::validateBody);
    connect(m_ui->formatButton, &QPushButton::clicked, this, [this] {
        const QByteArray text = m_ui->bodyEdit->toPlainText().toUtf8();
        if (QJsonDocument::fromJson(text).isNull())
            return;
        m_ui->bodyEdit->setPlainText(prettyPrinted(text));
    });
    connect(m_ui->exampleButton, &QPushButton::clicked, this, [this] {
        // Through the undo stack, so the previous body is one Ctrl+Z away.
        QTextCursor cursor(m_ui->bodyEdit->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(exampleBody());
    });
    connect(m_ui->failureView, &FailureView::retryRequested, this, &RequestConsole::send);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &RequestConsole::send);
    connect(m_api->tokenManager(), &TokenManager::environmentChanged, this, [this] {
        // An old failure belongs to the old environment.
        if (!isBusy())
            m_ui->failureView->clearFailure();
        updateResolvedUrl();
    });
    connect(m_ui->methodCombo, &QComboBox::currentTextChanged, this,
            &RequestConsole::validateBody);

    validateBody();
    updateResolvedUrl();
    setBusy(false);
}

RequestConsole::~RequestConsole()
{
    if (m_call)
        m_call->cancel();
}

void RequestConsole::setPreparation(std::function<bool()> prepare)
{
    m_prepare = std::move(prepare);
}

QString RequestConsole::exampleBody()
{
    return QStringLiteral(R"({
  "messages": [
    {
      "role": "system",
      "content": "You are a helpful assistant for a church staff team."
    },
    {
      "role": "user",
      "content": "Suggest three ideas for welcoming first-time visitors."
    }
  ],
  "auto_routing": true,
  "tradition": "not_faith_specific",
  "temperature": 0.7,
  "max_tokens": 2048
}
)");
}

QString RequestConsole::prettyPrinted(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(body);
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

QString RequestConsole::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

void RequestConsole::setMethod(const QString &method)
{
    m_ui->methodCombo->setCurrentText(method);
}

void RequestConsole::setTarget(const QString &target)
{
    m_ui->urlEdit->setText(target);
}

void RequestConsole::setBody(const QString &body)
{
    m_ui->bodyEdit->setPlainText(body);
}

QString RequestConsole::body() const
{
    return m_ui->bodyEdit->toPlainText();
}

QString RequestConsole::statusText() const
{
    return m_ui->statusLabel->text();
}

QString RequestConsole::responseBodyText() const
{
    return m_ui->responseBodyView->toPlainText();
}

QString RequestConsole::sentText() const
{
    return m_ui->sentView->toPlainText();
}

bool RequestConsole::isBusy() const
{
    return !m_call.isNull();
}

void RequestConsole::send()
{
    if (isBusy())
        return;
    if (m_prepare && !m_prepare())
        return;

    const QString method = m_ui->methodCombo->currentText().trimmed().toUpper();
    const QString text = m_ui->bodyEdit->toPlainText();
    const bool sendsBody = methodTakesBody(method) && !text.trimmed().isEmpty();

    if (sendsBody) {
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            const auto answer = QMessageBox::question(
                this, tr("Send invalid JSON?"),
                tr("The request body is not valid JSON (%1). The server will probably "
                   "reject it. Send it anyway?")
                    .arg(m_ui->bodyStatusLabel->toolTip()),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Yes)
                return;
        }
    }

    gloo::ApiRequest request;
    request.method = method.toLatin1();
    request.target = m_ui->urlEdit->text().trimmed();
    if (sendsBody)
        request.body = text.toUtf8();

    m_ui->failureView->clearFailure();
    m_ui->statusLabel->setStyleSheet({});
    m_ui->statusLabel->setText(m_api->tokenManager()->hasUsableToken()
                                   ? tr("Sending…")
                                   : tr("Getting an access token, then sending…"));
    m_ui->timingLabel->clear();

    m_userCancelled = false;
    m_call = m_api->send(request);
    connect(m_call, &gloo::ApiCall::finished, this, &RequestConsole::onFinished);
    setBusy(true);
}

void RequestConsole::cancel()
{
    if (!m_call)
        return;
    m_userCancelled = true;
    m_call->cancel();
}

void RequestConsole::onFinished()
{
    gloo::ApiCall *call = m_call;
    m_call.clear();
    setBusy(false);
    if (!call)
        return;
    const gloo::ApiResponse response = call->response();
    call->deleteLater();
    showResponse(response);
    emit requestFinished(response);
}

void RequestConsole::showResponse(const gloo::ApiResponse &response)
{
    QString sent = QString::fromLatin1(response.method) + QLatin1Char(' ')
                   + response.url.toString();
    if (!response.sentHeaders.isEmpty())
        sent += QLatin1Char('\n') + headerLines(response.sentHeaders);
    if (!response.sentHeaders.isEmpty() && methodTakesBody(QString::fromLatin1(response.method))
        && !m_ui->bodyEdit->toPlainText().trimmed().isEmpty()) {
        sent += QStringLiteral("\n\n") + m_ui->bodyEdit->toPlainText();
    }
    if (response.replayed)
        sent += QStringLiteral("\n\n") + tr("(The first attempt was refused with 401; it was "
                                           "sent again with a fresh token.)");
    m_ui->sentView->setPlainText(sent);

    if (response.status > 0) {
        m_ui->statusLabel->setText(QStringLiteral("%1 %2").arg(response.status).arg(
            response.reason));
        m_ui->statusLabel->setStyleSheet(statusStyle(response.status));
        m_ui->timingLabel->setText(tr("%1 ms · %2")
                                       .arg(response.elapsedMs)
                                       .arg(formatSize(response.body.size())));
        m_ui->responseBodyView->setPlainText(prettyPrinted(response.body));
        m_ui->responseHeadersView->setPlainText(headerLines(response.headers));
    } else {
        m_ui->statusLabel->setText(response.failure.kind == gloo::Failure::Kind::Cancelled
                                       ? tr("Cancelled")
                                       : tr("No answer"));
        m_ui->statusLabel->setStyleSheet(statusStyle(0));
        m_ui->responseBodyView->clear();
        m_ui->responseHeadersView->clear();
    }

    // A cancel the user asked for needs no explanation; any other does.
    const bool userCancelled = m_userCancelled
                               && response.failure.kind == gloo::Failure::Kind::Cancelled;
    if (response.failure.isFailure() && !userCancelled)
        m_ui->failureView->showFailure(response.failure);
    qCInfo(lcUi) << "console request finished with status" << response.status;
}

void RequestConsole::validateBody()
{
    const QString text = m_ui->bodyEdit->toPlainText();
    const QString method = m_ui->methodCombo->currentText();
    if (!methodTakesBody(method) && !text.trimmed().isEmpty()) {
        m_ui->bodyStatusLabel->setText(tr("not sent with %1").arg(method));
        m_ui->bodyStatusLabel->setToolTip(tr("%1 requests carry no body; it is kept here for "
                                             "when you switch back.")
                                              .arg(method));
        m_ui->bodyStatusLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
        return;
    }
    if (text.trimmed().isEmpty()) {
        m_ui->bodyStatusLabel->setText(tr("empty"));
        m_ui->bodyStatusLabel->setToolTip({});
        m_ui->bodyStatusLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
        return;
    }
    QJsonParseError error;
    QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError) {
        m_ui->bodyStatusLabel->setText(tr("✓ valid JSON"));
        m_ui->bodyStatusLabel->setToolTip({});
        m_ui->bodyStatusLabel->setStyleSheet(QStringLiteral("color: #1e7d32;"));
        return;
    }
    // The parser reports a byte offset into the UTF-8; map it back to text.
    const int offset = QString::fromUtf8(text.toUtf8().left(error.offset)).size();
    const auto [line, column] = lineAndColumn(text, offset);
    const QString where = tr("line %1, column %2: %3").arg(line).arg(column).arg(
        error.errorString());
    m_ui->bodyStatusLabel->setText(tr("✗ %1").arg(where));
    m_ui->bodyStatusLabel->setToolTip(where);
    m_ui->bodyStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
}

void RequestConsole::updateResolvedUrl()
{
    const gloo::Environment environment = m_api->tokenManager()->environment();
    const QString target = m_ui->urlEdit->text().trimmed();
    if (target.isEmpty()) {
        m_ui->resolvedUrlLabel->clear();
        return;
    }
    const QUrl url = environment.resolve(target);
    m_ui->resolvedUrlLabel->setText(tr("Sends to %1").arg(url.toString()));
}

void RequestConsole::setBusy(bool busy)
{
    // Send is disabled rather than turned into Cancel, so a double click can
    // never cancel what it just sent.
    m_ui->sendButton->setEnabled(!busy);
    m_ui->cancelButton->setVisible(busy);
    m_ui->methodCombo->setEnabled(!busy);
    m_ui->urlEdit->setReadOnly(busy);
}

} // namespace gloo::gui
