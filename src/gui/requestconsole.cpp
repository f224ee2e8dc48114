#include "requestconsole.h"

#include "ui_requestconsole.h"

#include "core/curlcommand.h"
#include "core/endpointcatalog.h"
#include "core/jsonformat.h"
#include "core/tokenmanager.h"
#include "failureview.h"
#include "historypanel.h"
#include "look.h"
#include "responseview.h"
#include "secretclipboard.h"
#include "uilogging.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QShortcut>
#include <QSpinBox>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <limits>

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

bool isAuthorization(const QByteArray &name)
{
    return name.compare("authorization", Qt::CaseInsensitive) == 0;
}

bool hasHeader(const gloo::HeaderList &headers, const char *name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString headerLines(const gloo::HeaderList &headers)
{
    QStringList lines;
    for (const auto &header : headers)
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ")
                     + QString::fromUtf8(header.second);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

RequestConsole::RequestConsole(gloo::ApiClient *api, QWidget *parent)
    : RequestConsole(api, gloo::RequestHistory::defaultFolder(), parent)
{
}

RequestConsole::RequestConsole(gloo::ApiClient *api, const QString &historyFolder, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestConsole>())
    , m_api(api)
    , m_history(new gloo::RequestHistory(historyFolder, this))
{
    m_ui->setupUi(this);
    m_ui->methodCombo->addItems({QStringLiteral("POST"), QStringLiteral("GET"),
                                 QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                 QStringLiteral("DELETE")});
    m_ui->methodCombo->setEditable(false);
    const QList<gloo::EndpointPreset> presets = gloo::EndpointCatalog::presets();
    for (const gloo::EndpointPreset &preset : presets)
        m_ui->presetCombo->addItem(preset.name, preset.key);
    // For a request of one's own, or one opened from the history that is
    // none of the above.
    m_ui->presetCombo->addItem(tr("Custom request"), QString());
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 3);
    // The same shares from the start, although the empty response pane asks
    // for little room, so the answer gets its room when it comes.
    m_ui->splitter->setSizes({200, 300});

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->bodyEdit->setFont(fixed);
    for (QLabel *hint :
         {m_ui->resolvedUrlLabel, m_ui->presetDescriptionLabel, m_ui->headersHintLabel})
        look::setTextTone(hint, look::Tone::Muted);
    // A long URL or notice is cut at the window's edge (the tooltip has all
    // of it) instead of making the window wider than the screen. Their room
    // comes from the row's stretch factors: an ignored size hint asks for
    // none, and beside an expanding spacer they would get none.
    for (QLabel *line : {m_ui->resolvedUrlLabel, m_ui->noticeLabel}) {
        QSizePolicy policy = line->sizePolicy();
        policy.setHorizontalPolicy(QSizePolicy::Ignored);
        line->setSizePolicy(policy);
    }
    // A notice is read to its first word: it wraps onto more lines instead.
    m_ui->noticeLabel->setWordWrap(true);
    setUpRequestTabs();
    setUpCurlMenu();

    connect(m_ui->sendButton, &QPushButton::clicked, this, &RequestConsole::send);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &RequestConsole::cancel);
    // A line edit keeps 32,767 characters unless told otherwise; a long
    // query string must not lose its end without a word.
    m_ui->urlEdit->setMaxLength(std::numeric_limits<int>::max());
    connect(m_ui->urlEdit, &QLineEdit::returnPressed, this, &RequestConsole::send);
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, [this] {
        syncQueryFromUrl();
        updateResolvedUrl();
    });
    connect(m_ui->bodyEdit, &QPlainTextEdit::textChanged, this, &RequestConsole::validateBody);
    connect(m_ui->methodCombo, &QComboBox::currentTextChanged, this, &RequestConsole::validateBody);
    connect(m_ui->presetCombo, &QComboBox::activated, this, &RequestConsole::applyPreset);
    connect(m_ui->formatButton, &QPushButton::clicked, this, [this] {
        const gloo::JsonFormatResult result = gloo::JsonFormatter::format(
            m_ui->bodyEdit->toPlainText().toUtf8());
        if (!result.valid)
            return;
        // Through the undo stack, so the previous body is one Ctrl+Z away.
        QTextCursor cursor(m_ui->bodyEdit->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(result.pretty + QLatin1Char('\n'));
    });
    connect(m_ui->exampleButton, &QPushButton::clicked, this, [this] {
        const auto preset = gloo::EndpointCatalog::find(
            m_ui->presetCombo->currentData().toString());
        QTextCursor cursor(m_ui->bodyEdit->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(preset ? preset->exampleBody : exampleBody());
    });
    look::setTextTone(m_ui->responsePlaceholder, look::Tone::Muted);
    // Ctrl+F before the first answer opens the (empty) response view and its
    // find field, as it would later; the view brings its own shortcut.
    m_findShortcut = new QShortcut(QKeySequence::Find, this);
    m_findShortcut->setContext(Qt::WindowShortcut);
    connect(m_findShortcut, &QShortcut::activated, this,
            [this] { responseView()->focusFindField(); });
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &RequestConsole::send);

    gloo::TokenManager *tokens = m_api->tokenManager();
    connect(tokens, &TokenManager::environmentChanged, this, [this] {
        // An answer still on its way would come from the old server and be
        // shown under the new one.
        if (isBusy())
            m_call->cancel(tr("Stopped because the environment changed before the answer "
                              "came."));
        // An old failure belongs to the old environment.
        else if (m_responseView)
            m_responseView->failureView()->clearFailure();
        updateResolvedUrl();
    });
    connect(tokens, &TokenManager::stateChanged, this, &RequestConsole::updateAuthorizationRow);
    // The request waited for a token; now it is on its way.
    connect(tokens, &TokenManager::tokenIssued, this, [this] {
        if (isBusy() && m_waitingForToken && m_firstPieceMs < 0)
            responseView()->showPending(tr("Sending…"));
        m_waitingForToken = false;
    });

    selectPreset(gloo::EndpointCatalog::defaultKey());
    validateBody();
    updateResolvedUrl();
    updateAuthorizationRow();
    setBusy(false);
}

RequestConsole::~RequestConsole()
{
    // Nothing is shown or recorded for a request the closing window drops.
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void RequestConsole::setUpRequestTabs()
{
    // The History and Saved tabs get their panel when first opened (or asked
    // for), so the first window does not build and fill two more lists.
    for (const QString &title : {tr("History"), tr("Saved")}) {
        auto *page = new QWidget;
        auto *pageLayout = new QVBoxLayout(page);
        pageLayout->setContentsMargins(0, 0, 0, 0);
        m_ui->requestTabs->addTab(page, title);
    }
    connect(m_ui->requestTabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_ui->requestTabs->widget(index) == m_ui->queryTab)
            queryTable();
        else if (m_ui->requestTabs->widget(index) == m_ui->headersTab)
            headersTable();
        else if (index == historyTabIndex())
            historyPanel();
        else if (index == historyTabIndex() + 1)
            savedPanel();
    });

    // Per-request settings sit in the corner, beside the tabs they belong to.
    auto *corner = new QWidget(this);
    auto *layout = new QHBoxLayout(corner);
    layout->setContentsMargins(0, 0, 0, 2);
    m_timeoutSpin = new QSpinBox(corner);
    m_timeoutSpin->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeoutSpin->setRange(1, 600);
    m_timeoutSpin->setValue(120);
    m_timeoutSpin->setPrefix(tr("Timeout "));
    m_timeoutSpin->setSuffix(tr(" s"));
    m_timeoutSpin->setToolTip(tr("Give up on the request after this many seconds"));
    auto *saveButton = new QToolButton(corner);
    saveButton->setObjectName(QStringLiteral("saveRequestButton"));
    saveButton->setText(tr("Save request…"));
    saveButton->setToolTip(tr("Keep this request under a name, in the Saved tab"));
    connect(saveButton, &QToolButton::clicked, this, &RequestConsole::saveRequestWithDialog);
    layout->addWidget(m_timeoutSpin);
    layout->addWidget(saveButton);
    m_ui->requestTabs->setCornerWidget(corner, Qt::TopRightCorner);
}

int RequestConsole::historyTabIndex() const
{
    return m_ui->requestTabs->indexOf(m_ui->headersTab) + 1;
}

HistoryPanel *RequestConsole::historyPanel()
{
    if (!m_historyPanel)
        m_historyPanel = makeHistoryPanel(HistoryPanel::Mode::History, historyTabIndex());
    return m_historyPanel;
}

HistoryPanel *RequestConsole::savedPanel()
{
    if (!m_savedPanel)
        m_savedPanel = makeHistoryPanel(HistoryPanel::Mode::Saved, historyTabIndex() + 1);
    return m_savedPanel;
}

HistoryPanel *RequestConsole::makeHistoryPanel(HistoryPanel::Mode mode, int tabIndex)
{
    QWidget *page = m_ui->requestTabs->widget(tabIndex);
    auto *panel = new HistoryPanel(m_history, mode, page);
    page->layout()->addWidget(panel);
    connect(panel, &HistoryPanel::openRequested, this, [this](const StoredRequest &request) {
        restore(request);
        m_ui->requestTabs->setCurrentWidget(m_ui->bodyTab);
    });
    connect(panel, &HistoryPanel::sendRequested, this, [this](const StoredRequest &request) {
        restore(request);
        // Sent again only where it went before: a request from the sandbox
        // is not sent to Production (or the other way round) in one click.
        const QUrl before(request.url);
        const gloo::Environment environment = m_api->tokenManager()->environment();
        const QUrl now = environment.resolve(request.target);
        // The built-in sandbox is the same server after a restart, on
        // whatever port it listens now.
        const bool sandboxAgain = request.builtInSandbox
                                  && environment.kind == gloo::Environment::Kind::Sandbox
                                  && !request.target.contains(QLatin1String("://"));
        if (!sandboxAgain && !before.host().isEmpty()
            && (before.scheme() != now.scheme() || before.host() != now.host()
                || before.port() != now.port())) {
            // Host and port only: a URL's user info may hold a password.
            const auto server = [](const QUrl &url) {
                return url.port() < 0 ? url.host()
                                      : url.host() + QLatin1Char(':') + QString::number(url.port());
            };
            showNotice(tr("Opened, not sent: it went to %1 before, and would now go to %2.")
                           .arg(server(before), server(now)));
            return;
        }
        send();
    });
    return panel;
}

void RequestConsole::setUpCurlMenu()
{
    auto *menu = new QMenu(m_ui->curlButton);
    QAction *placeholder = menu->addAction(tr("Copy as curl (token from $GLOO_ACCESS_TOKEN)"));
    QAction *withToken = menu->addAction(tr("Copy as curl with the real access token…"));
    withToken->setObjectName(QStringLiteral("copyCurlWithTokenAction"));
    m_ui->curlButton->setMenu(menu);
    connect(m_ui->curlButton, &QToolButton::clicked, this, [this] { copyCurl(false); });
    connect(placeholder, &QAction::triggered, this, [this] { copyCurl(false); });
    connect(withToken, &QAction::triggered, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Copy the real access token?"),
            tr("The command will hold your access token in plain text. Anyone who sees it can "
               "call the API as you until the token expires. Copy it anyway?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes)
            copyCurl(true);
    });
}

void RequestConsole::setPreparation(std::function<bool()> prepare)
{
    m_prepare = std::move(prepare);
}

QString RequestConsole::exampleBody()
{
    return gloo::EndpointCatalog::find(gloo::EndpointCatalog::defaultKey())->exampleBody;
}

QString RequestConsole::prettyPrinted(const QByteArray &body)
{
    const gloo::JsonFormatResult result = gloo::JsonFormatter::format(body);
    return result.valid ? result.pretty : QString::fromUtf8(body);
}

QString RequestConsole::formatSize(qint64 bytes)
{
    return ResponseView::formatSize(bytes);
}

ResponseView *RequestConsole::responseView()
{
    if (!m_responseView) {
        delete m_findShortcut;
        m_findShortcut = nullptr;
        m_responseView = new ResponseView;
        m_responseView->setObjectName(QStringLiteral("responseView"));
        connect(m_responseView, &ResponseView::retryRequested, this, &RequestConsole::send);
        m_ui->responsePlaceholder->hide();
        m_ui->responsePaneLayout->addWidget(m_responseView);
        m_responseView->show();
        // A pane made small while it held one line of help would leave the
        // first answer two lines to show itself in.
        const QList<int> sizes = m_ui->splitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (total > 0 && sizes.value(1) < total / 3)
            m_ui->splitter->setSizes({total * 2 / 5, total - total * 2 / 5});
    }
    return m_responseView;
}

bool RequestConsole::selectPreset(const QString &key)
{
    const int index = m_ui->presetCombo->findData(key);
    if (index < 0)
        return false;
    m_ui->presetCombo->setCurrentIndex(index);
    applyPreset(index);
    return true;
}

void RequestConsole::applyPreset(int index)
{
    rememberDraft();
    showPresetDescription(index);
    const QString key = m_ui->presetCombo->itemData(index).toString();
    const bool leftAnother = m_shownPresetKey && *m_shownPresetKey != key;
    m_shownPresetKey = key;
    const auto preset = gloo::EndpointCatalog::find(key);
    const auto draft = m_drafts.constFind(key);
    // Custom request without a draft: the request stays as it is, to be
    // edited freely.
    if (!preset && draft == m_drafts.constEnd())
        return;
    const QString method = draft != m_drafts.constEnd() ? draft->method
                                                        : QString::fromLatin1(preset->method);
    setMethod(method);
    setTarget(draft != m_drafts.constEnd() ? draft->target : preset->target);
    const QString body = draft != m_drafts.constEnd() ? draft->body : preset->exampleBody;
    // Through the undo stack, so the body it replaces is one Ctrl+Z away.
    if (body != m_ui->bodyEdit->toPlainText()) {
        QTextCursor cursor(m_ui->bodyEdit->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(body);
    }
    // The headers and the Authorization choice belong to the request too:
    // an endpoint's own come back with it, and one without edits starts
    // with none of another's.
    if (draft != m_drafts.constEnd()) {
        setHeaders(draft->headers);
        setSendsAccessToken(draft->sendsToken);
    } else {
        setHeaders({});
        setSendsAccessToken(preset->needsToken);
    }
    if (draft != m_drafts.constEnd() && leftAnother)
        showNotice(preset ? tr("Your edits to %1 are back.").arg(m_ui->presetCombo->itemText(index))
                          : tr("Your custom request is back."));
}

void RequestConsole::rememberDraft()
{
    if (!m_shownPresetKey)
        return;
    const Draft draft{method(), target(), m_ui->bodyEdit->toPlainText(), userHeaders(),
                      sendsTokenChoice()};
    const auto preset = gloo::EndpointCatalog::find(*m_shownPresetKey);
    if (preset && draft.method == QLatin1String(preset->method) && draft.target == preset->target
        && draft.body == preset->exampleBody && draft.headers.isEmpty()
        && draft.sendsToken == preset->needsToken) {
        m_drafts.remove(*m_shownPresetKey);
        return;
    }
    m_drafts.insert(*m_shownPresetKey, draft);
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

void RequestConsole::setHeaders(const gloo::HeaderList &headers)
{
    if (m_headersTable)
        m_headersTable->setPairs(headers);
    else
        m_pendingHeaders = headers;
    updateAuthorizationRow();
    validateBody();
}

QString RequestConsole::declaredNonJsonType() const
{
    for (const auto &header : userHeaders()) {
        if (header.first.trimmed().compare("content-type", Qt::CaseInsensitive) != 0)
            continue;
        const QString type = QString::fromUtf8(header.second).trimmed();
        return type.contains(QLatin1String("json"), Qt::CaseInsensitive) ? QString() : type;
    }
    return {};
}

void RequestConsole::setSendsAccessToken(bool sends)
{
    if (m_headersTable)
        m_headersTable->setAutomaticRowEnabled(sends);
    else
        m_pendingSendsToken = sends;
    updateAuthorizationRow();
}

HeadersTable *RequestConsole::queryTable()
{
    if (!m_queryTable) {
        // Made when the Query tab is first opened; until then the URL alone
        // holds the parameters.
        m_queryTable = new HeadersTable(m_ui->queryTab);
        m_queryTable->setObjectName(QStringLiteral("queryTable"));
        m_queryTable->setPairs(queryPairsOfUrl());
        m_ui->queryTab->layout()->addWidget(m_queryTable);
        connect(m_queryTable, &HeadersTable::pairsEdited, this, &RequestConsole::syncUrlFromQuery);
    }
    return m_queryTable;
}

HeadersTable *RequestConsole::headersTable()
{
    if (!m_headersTable) {
        // Made when the Headers tab is first opened; until then the console
        // keeps the headers and the Authorization choice itself.
        m_headersTable = new HeadersTable(m_ui->headersTab);
        m_headersTable->setObjectName(QStringLiteral("headersTable"));
        m_headersTable->setAutomaticRow(
            QStringLiteral("Authorization"), m_authorizationText,
            tr("Added by Gloo Console when it sends; the token itself is never shown. Untick to "
               "send without it."));
        m_headersTable->setAutomaticRowEnabled(m_pendingSendsToken);
        m_headersTable->setPairs(m_pendingHeaders);
        m_pendingHeaders.clear();
        qobject_cast<QBoxLayout *>(m_ui->headersTab->layout())->insertWidget(0, m_headersTable);
        connect(m_headersTable, &HeadersTable::pairsEdited, this,
                &RequestConsole::updateAuthorizationRow);
        // A Content-Type of its own changes what the body is checked for.
        connect(m_headersTable, &HeadersTable::pairsEdited, this, &RequestConsole::validateBody);
    }
    return m_headersTable;
}

gloo::HeaderList RequestConsole::userHeaders() const
{
    return m_headersTable ? m_headersTable->enabledPairs() : m_pendingHeaders;
}

bool RequestConsole::sendsTokenChoice() const
{
    return m_headersTable ? m_headersTable->isAutomaticRowEnabled() : m_pendingSendsToken;
}

gloo::HeaderList RequestConsole::queryPairsOfUrl() const
{
    const QString text = target();
    const qsizetype mark = text.indexOf(QLatin1Char('?'));
    gloo::HeaderList pairs;
    if (mark >= 0) {
        const auto items = QUrlQuery(text.mid(mark + 1)).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            pairs.append({item.first.toUtf8(), item.second.toUtf8()});
    }
    return pairs;
}

void RequestConsole::setTimeoutSeconds(int seconds)
{
    m_timeoutSpin->setValue(seconds);
}

QString RequestConsole::method() const
{
    return m_ui->methodCombo->currentText().trimmed().toUpper();
}

QString RequestConsole::target() const
{
    return m_ui->urlEdit->text().trimmed();
}

QString RequestConsole::body() const
{
    return m_ui->bodyEdit->toPlainText();
}

gloo::HeaderList RequestConsole::queryPairs() const
{
    return m_queryTable ? m_queryTable->enabledPairs() : queryPairsOfUrl();
}

gloo::HeaderList RequestConsole::headerPairs() const
{
    return userHeaders();
}

bool RequestConsole::sendsAccessToken() const
{
    return sendsTokenChoice() && !hasOwnAuthorization();
}

int RequestConsole::timeoutSeconds() const
{
    return m_timeoutSpin->value();
}

QString RequestConsole::statusText() const
{
    return m_responseView ? m_responseView->statusText() : QString();
}

QString RequestConsole::responseBodyText() const
{
    return m_responseView ? m_responseView->prettyText() : QString();
}

QString RequestConsole::sentText() const
{
    return m_responseView ? m_responseView->sentText() : QString();
}

bool RequestConsole::isBusy() const
{
    return !m_call.isNull();
}

bool RequestConsole::isShowingResponse() const
{
    return m_responseView && m_responseView->isLoading();
}

bool RequestConsole::hasOwnAuthorization() const
{
    const gloo::HeaderList headers = userHeaders();
    for (const auto &header : headers) {
        if (isAuthorization(header.first))
            return true;
    }
    return false;
}

gloo::StoredRequest RequestConsole::currentRequest() const
{
    gloo::StoredRequest request;
    request.method = method().toLatin1();
    request.target = target();
    request.url = m_api->tokenManager()->environment().resolve(request.target).toString();
    request.headers = userHeaders();
    request.sendsToken = sendsTokenChoice();
    if (methodTakesBody(method()))
        request.body = body();
    request.timeoutMs = timeoutSeconds() * 1000;
    return request;
}

void RequestConsole::restore(const gloo::StoredRequest &request)
{
    // What was being edited stays with its endpoint.
    rememberDraft();
    setMethod(QString::fromLatin1(request.method));
    setTarget(request.target);
    if (!request.bodyOmitted) {
        QTextCursor cursor(m_ui->bodyEdit->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(request.body);
    }
    setHeaders(request.headers);
    setSendsAccessToken(request.sendsToken);
    setTimeoutSeconds(qMax(1, request.timeoutMs / 1000));
    showPresetOf(request);
    if (request.bodyOmitted)
        showNotice(tr("The body of this request was too large to keep; the editor's body is "
                      "unchanged."));
}

void RequestConsole::showPresetOf(const gloo::StoredRequest &request)
{
    // The endpoint whose method and path the request has, or Custom request;
    // chosen without filling in its example, which would replace the body.
    const QString path = request.target.section(QLatin1Char('?'), 0, 0);
    int index = m_ui->presetCombo->findData(QString());
    const QList<gloo::EndpointPreset> presets = gloo::EndpointCatalog::presets();
    for (const gloo::EndpointPreset &preset : presets) {
        if (preset.method == request.method
            && preset.target.section(QLatin1Char('?'), 0, 0) == path) {
            index = m_ui->presetCombo->findData(preset.key);
            break;
        }
    }
    const QSignalBlocker blocker(m_ui->presetCombo);
    m_ui->presetCombo->setCurrentIndex(index);
    m_shownPresetKey = m_ui->presetCombo->itemData(index).toString();
    showPresetDescription(index);
}

void RequestConsole::showPresetDescription(int index)
{
    const auto preset = gloo::EndpointCatalog::find(m_ui->presetCombo->itemData(index).toString());
    QString description = preset ? preset->description
                                 : tr("Any method, path and body of your own.");
    if (preset && preset->deprecated)
        description = tr("Deprecated. %1").arg(description);
    m_ui->presetDescriptionLabel->setText(description);
    m_ui->presetDescriptionLabel->setToolTip(description);
}

void RequestConsole::saveRequest(const QString &name)
{
    if (name.trimmed().isEmpty())
        return;
    m_history->setRedactions({m_api->tokenManager()->token().value});
    m_history->save(name, currentRequest());
    showNotice(m_history->errorString().isEmpty()
                   ? tr("Saved as \"%1\".").arg(name.trimmed())
                   : tr("Not saved: %1").arg(m_history->errorString()));
}

void RequestConsole::saveRequestWithDialog()
{
    bool ok = false;
    const QString suggestion = m_ui->presetCombo->currentText();
    const QString name = QInputDialog::getText(this, tr("Save request"),
                                               tr("Name for this request:"), QLineEdit::Normal,
                                               suggestion, &ok);
    if (ok)
        saveRequest(name);
}

QString RequestConsole::curlCommand(bool withToken, QString *problem) const
{
    const std::optional<gloo::CurlCommand> command = curlRequest(withToken, problem, nullptr);
    return command ? command->toShell() : QString();
}

std::optional<gloo::CurlCommand> RequestConsole::curlRequest(bool withToken, QString *problem,
                                                             QStringList *leftOut) const
{
    const gloo::StoredRequest request = currentRequest();
    gloo::CurlCommand command;
    command.method = request.method;
    command.url = QUrl(request.url);
    command.body = request.body.trimmed().isEmpty() ? QByteArray() : request.body.toUtf8();

    // The same defaults the API client adds, so that the server sees the same
    // request.
    QByteArray ownAuthorization;
    for (const auto &header : request.headers) {
        if (isAuthorization(header.first)) {
            ownAuthorization = header.second;
        } else if (gloo::RequestHistory::isCredentialHeader(header.first, header.second)) {
            // Credentials under another header name (a cookie, an API key,
            // "Basic ..." or "Bearer ...") stay out of the command.
            if (leftOut)
                leftOut->append(QString::fromLatin1(header.first));
        } else {
            command.headers.append(header);
        }
    }
    if (!hasHeader(command.headers, "accept"))
        command.headers.prepend(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    if (!command.body.isEmpty() && !hasHeader(command.headers, "content-type"))
        command.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));

    const bool authorizes = !ownAuthorization.isEmpty() || request.sendsToken;
    command.token = authorizes ? gloo::CurlCommand::Token::Placeholder
                               : gloo::CurlCommand::Token::None;
    if (withToken && authorizes) {
        if (!ownAuthorization.isEmpty()) {
            command.authorizationValue = ownAuthorization;
        } else {
            const gloo::AccessToken &token = m_api->tokenManager()->token();
            if (token.isNull() || !m_api->tokenManager()->hasUsableToken()) {
                if (problem)
                    *problem = tr("There is no valid access token yet: send a request or get a "
                                  "token first.");
                return std::nullopt;
            }
            command.authorizationValue = QByteArrayLiteral("Bearer ") + token.value;
        }
        command.token = gloo::CurlCommand::Token::Value;
    }
    // Typed or pasted into the request itself, the Client Secret (and the
    // token, unless asked for) is read from a shell variable instead.
    gloo::TokenManager *tokens = m_api->tokenManager();
    command.variables.append({tokens->clientSecret(), gloo::CurlCommand::secretVariable()});
    if (!withToken && !tokens->token().isNull())
        command.variables.append(
            {QString::fromLatin1(tokens->token().value), gloo::CurlCommand::placeholderVariable()});
    return command;
}

void RequestConsole::copyCurl(bool withToken)
{
    QString problem;
    QStringList leftOut;
    const std::optional<gloo::CurlCommand> command = curlRequest(withToken, &problem, &leftOut);
    if (!command) {
        showNotice(problem);
        return;
    }
    const QString text = command->toShell();
    QStringList exports;
    for (const QString &variable : command->variablesUsed()) {
        exports << QStringLiteral("%1=%2").arg(variable,
                                               variable == gloo::CurlCommand::secretVariable()
                                                   ? tr("<your Client Secret>")
                                                   : tr("<your access token>"));
    }
    QString runAfter = exports.isEmpty()
                           ? QString()
                           : tr("Run it after: export %1").arg(exports.join(QLatin1Char(' ')));
    if (!leftOut.isEmpty()) {
        runAfter +=
            (runAfter.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("Left out, as they hold credentials: %1.").arg(leftOut.join(QStringLiteral(", ")));
    }
    if (withToken) {
        // Marked for clipboard managers, and taken off the clipboard again
        // like a copied token.
        if (!m_secretClipboard)
            m_secretClipboard = new SecretClipboard(this);
        const int seconds = SecretClipboard::clearAfterSeconds();
        m_secretClipboard->copy(text, seconds);
        showNotice(tr("Copied with the real token, for %1 s. Paste it only where you would type "
                      "the token itself.")
                       .arg(seconds)
                   + (runAfter.isEmpty() ? QString() : QLatin1Char(' ') + runAfter));
    } else {
        QApplication::clipboard()->setText(text);
        showNotice(runAfter.isEmpty() ? tr("Copied.") : tr("Copied. %1").arg(runAfter));
    }
    qCInfo(lcUi) << "copied the request as a curl command" << (withToken ? "with the token" : "");
}

void RequestConsole::showNotice(const QString &text)
{
    m_ui->noticeLabel->setText(text);
    m_ui->noticeLabel->setToolTip(text);
    QTimer::singleShot(8000, m_ui->noticeLabel, [label = m_ui->noticeLabel, text] {
        if (label->text() == text)
            label->clear();
    });
}

void RequestConsole::send()
{
    if (isBusy())
        return;
    if (m_prepare && !m_prepare())
        return;

    const QString verb = method();
    const QString text = body();
    const bool sendsBody = methodTakesBody(verb) && !text.trimmed().isEmpty();

    if (sendsBody && declaredNonJsonType().isEmpty()) {
        gloo::JsonFormatter::Options checkOnly;
        checkOnly.pretty = false;
        if (!gloo::JsonFormatter::format(text.toUtf8(), checkOnly).valid) {
            const auto answer = QMessageBox::question(
                this, tr("Send invalid JSON?"),
                tr("The request body is not valid JSON: %1 The server will probably reject it. "
                   "Send it anyway?")
                    .arg(m_ui->bodyStatusLabel->toolTip()),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Yes)
                return;
        }
    }

    m_sending = currentRequest();
    m_sending.builtInSandbox = m_api->tokenManager()->environment().kind
                               == gloo::Environment::Kind::Sandbox;
    gloo::ApiRequest request;
    request.method = verb.toLatin1();
    request.target = m_sending.target;
    request.headers = m_sending.headers;
    request.authorize = sendsAccessToken();
    // Pieces of the body arrive as they come, for event streams and for the
    // time to the first byte.
    request.streamBody = true;
    request.timeoutMs = m_sending.timeoutMs;
    if (sendsBody)
        request.body = text.toUtf8();

    const bool needsToken = request.authorize && !m_api->tokenManager()->hasUsableToken();
    m_waitingForToken = needsToken;
    responseView()->showPending(needsToken ? tr("Getting an access token, then sending…")
                                           : tr("Sending…"));
    m_userCancelled = false;
    m_firstPieceMs = -1;
    m_sendTimer.start();
    m_sending.sentAt = QDateTime::currentDateTimeUtc();
    m_call = m_api->send(request);
    connect(m_call, &gloo::ApiCall::bodyReceived, this, &RequestConsole::onBodyPiece);
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

void RequestConsole::onBodyPiece(const QByteArray &piece)
{
    if (m_firstPieceMs < 0)
        m_firstPieceMs = m_sendTimer.elapsed();
    responseView()->addBodyPiece(piece);
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

    // The API client times the request from the moment it is sent, after any
    // token exchange; the console's own clock also counts that wait, which
    // is taken off the time to the first piece of the body.
    // Limitation: an answer whose body is not streamed (any non-2xx) has no
    // time to first byte; ApiResponse would need to record it.
    qint64 firstByteMs = -1;
    if (m_firstPieceMs >= 0) {
        const qint64 waitBeforeSending = qMax<qint64>(0,
                                                      m_sendTimer.elapsed() - response.elapsedMs);
        firstByteMs = qBound<qint64>(0, m_firstPieceMs - waitBeforeSending, response.elapsedMs);
    }

    // A cancel the user asked for needs no explanation; any other does.
    const bool userCancelled = m_userCancelled
                               && response.failure.kind == gloo::Failure::Kind::Cancelled;
    responseView()->showResponse(response, sentDescription(response), firstByteMs, !userCancelled);

    // The history is of requests that went out; one refused before sending
    // is explained on screen only.
    if (response.sent) {
        gloo::StoredRequest entry = m_sending;
        entry.url = response.url.toString();
        entry.status = response.status;
        entry.durationMs = response.elapsedMs;
        m_history->setRedactions({m_api->tokenManager()->token().value});
        m_history->record(entry);
    }

    qCInfo(lcUi) << "console request finished with status" << response.status;
    emit requestFinished(response);
}

QString RequestConsole::sentDescription(const gloo::ApiResponse &response) const
{
    if (!response.sent)
        return tr("Nothing was sent: the request was stopped before it left. The message "
                  "above says why.");
    QString sent = QString::fromLatin1(response.method) + QLatin1Char(' ')
                   + response.url.toString(QUrl::FullyEncoded);
    if (!response.sentHeaders.isEmpty())
        sent += QLatin1Char('\n') + headerLines(response.sentHeaders);
    if (!response.sentHeaders.isEmpty() && !m_sending.body.trimmed().isEmpty())
        sent += QStringLiteral("\n\n") + m_sending.body;
    if (response.replayed)
        sent += QStringLiteral("\n\n")
                + tr("(The first attempt was refused with 401; it was "
                     "sent again with a fresh token.)");
    return sent;
}

void RequestConsole::validateBody()
{
    const QString text = m_ui->bodyEdit->toPlainText();
    const QString verb = m_ui->methodCombo->currentText();
    if (!methodTakesBody(verb) && !text.trimmed().isEmpty()) {
        m_ui->bodyStatusLabel->setText(tr("not sent with %1").arg(verb));
        m_ui->bodyStatusLabel->setToolTip(tr("%1 requests carry no body; it is kept here for "
                                             "when you switch back.")
                                              .arg(verb));
        look::setTextTone(m_ui->bodyStatusLabel, look::Tone::Muted);
        return;
    }
    if (text.trimmed().isEmpty()) {
        m_ui->bodyStatusLabel->setText(methodTakesBody(verb) ? tr("empty")
                                                             : tr("no body with %1").arg(verb));
        m_ui->bodyStatusLabel->setToolTip({});
        look::setTextTone(m_ui->bodyStatusLabel, look::Tone::Muted);
        return;
    }
    // A body declared as something else (a form, plain text) is not JSON
    // and is not checked as JSON.
    const QString declared = declaredNonJsonType();
    if (!declared.isEmpty()) {
        m_ui->bodyStatusLabel->setText(tr("sent as %1").arg(declared));
        m_ui->bodyStatusLabel->setToolTip(
            tr("The Content-Type header in the Headers tab says what this body is."));
        look::setTextTone(m_ui->bodyStatusLabel, look::Tone::Muted);
        return;
    }
    gloo::JsonFormatter::Options checkOnly;
    checkOnly.pretty = false;
    const QByteArray utf8 = text.toUtf8();
    const gloo::JsonFormatResult result = gloo::JsonFormatter::format(utf8, checkOnly);
    if (result.valid) {
        m_ui->bodyStatusLabel->setText(tr("✓ valid JSON"));
        m_ui->bodyStatusLabel->setToolTip({});
        look::setTextTone(m_ui->bodyStatusLabel, look::Tone::Success);
        return;
    }
    // The parser reports a byte offset into the UTF-8; map it back to text.
    const int offset = int(QString::fromUtf8(utf8.left(result.errorOffset)).size());
    const auto [line, column] = lineAndColumn(text, offset);
    const QString where =
        tr("line %1, column %2: %3").arg(line).arg(column).arg(result.errorMessage);
    m_ui->bodyStatusLabel->setText(tr("✗ %1").arg(where));
    m_ui->bodyStatusLabel->setToolTip(where);
    look::setTextTone(m_ui->bodyStatusLabel, look::Tone::Error);
}

void RequestConsole::updateResolvedUrl()
{
    const gloo::Environment environment = m_api->tokenManager()->environment();
    const QString typed = target();
    if (typed.isEmpty()) {
        m_ui->resolvedUrlLabel->clear();
        return;
    }
    // Encoded as it goes out: decoded, "%26" would read as a new parameter.
    // A password in the address is not repeated on screen.
    const QString url = environment.resolve(typed).toString(QUrl::FullyEncoded
                                                            | QUrl::RemovePassword);
    m_ui->resolvedUrlLabel->setText(tr("Sends to %1").arg(url));
    m_ui->resolvedUrlLabel->setToolTip(url);
}

void RequestConsole::updateAuthorizationRow()
{
    const gloo::AccessToken &token = m_api->tokenManager()->token();
    QString value;
    if (hasOwnAuthorization())
        value = tr("replaced by your own Authorization row");
    else if (!sendsTokenChoice())
        value = tr("not sent");
    else if (token.isNull())
        value = tr("Bearer •••••• (the access token, fetched when you send)");
    else
        value = QString::fromUtf8(gloo::ApiClient::maskedAuthorization(token.value));
    m_authorizationText = value;
    if (m_headersTable)
        m_headersTable->setAutomaticValue(value);
}

void RequestConsole::syncQueryFromUrl()
{
    // Without a table yet, the parameters are read from the URL when needed.
    if (m_syncingQuery || !m_queryTable)
        return;
    const gloo::HeaderList pairs = queryPairsOfUrl();
    if (pairs == m_queryTable->enabledPairs())
        return;
    m_syncingQuery = true;
    m_queryTable->setPairs(pairs);
    m_syncingQuery = false;
}

void RequestConsole::syncUrlFromQuery()
{
    if (m_syncingQuery)
        return;
    const QString text = target();
    const qsizetype mark = text.indexOf(QLatin1Char('?'));
    QString base = mark >= 0 ? text.left(mark) : text;
    QUrlQuery query;
    const gloo::HeaderList pairs = m_queryTable->enabledPairs();
    for (const auto &pair : pairs)
        query.addQueryItem(QString::fromUtf8(pair.first), QString::fromUtf8(pair.second));
    if (!pairs.isEmpty())
        base += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    m_syncingQuery = true;
    m_ui->urlEdit->setText(base);
    m_syncingQuery = false;
}

void RequestConsole::setBusy(bool busy)
{
    // Send is disabled rather than turned into Cancel, so a double click can
    // never cancel what it just sent.
    m_ui->sendButton->setEnabled(!busy);
    m_ui->cancelButton->setVisible(busy);
    m_ui->methodCombo->setEnabled(!busy);
    m_ui->presetCombo->setEnabled(!busy);
    m_ui->urlEdit->setReadOnly(busy);
}

} // namespace gloo::gui
