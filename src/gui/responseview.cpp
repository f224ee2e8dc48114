#include "responseview.h"

#include "ui_responseview.h"

#include "core/jsonformatjob.h"
#include "failureview.h"
#include "jsonhighlighter.h"
#include "look.h"
#include "responsetreemodel.h"
#include "textviewer.h"
#include "uilogging.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTreeView>

namespace gloo::gui {

namespace {

// How often the count of bytes received so far is brought up to date.
constexpr qint64 countIntervalMs = 100;

QString headerLines(const gloo::HeaderList &headers)
{
    QStringList lines;
    for (const auto &header : headers)
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ")
                     + QString::fromUtf8(header.second);
    return lines.join(QLatin1Char('\n'));
}

look::Tone statusTone(int status)
{
    if (status >= 200 && status < 300)
        return look::Tone::Success;
    if (status >= 400 || status == 0)
        return look::Tone::Error;
    return look::Tone::Warning;
}

// Line and column of a byte offset, for the note on a body that is not JSON.
QPair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    const QByteArrayView before = QByteArrayView(text).first(qMin(offset, text.size()));
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.sliced(lineStart)).size()) + 1;
    return {line, column};
}

} // namespace

ResponseView::ResponseView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ResponseView>())
    , m_treeModel(new ResponseTreeModel(this))
    , m_formatJob(new gloo::JsonFormatJob(this))
    , m_treeJob(new gloo::JsonFormatJob(this))
{
    m_ui->setupUi(this);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QWidget *view : std::initializer_list<QWidget *>{m_ui->prettyView, m_ui->rawView})
        view->setFont(fixed);
    m_ui->prettyView->setPlaceholderText(tr("The response appears here after you send a "
                                            "request."));
    look::setTextTone(m_ui->meaningLabel, look::Tone::Muted);
    look::setTextTone(m_ui->rawNoteLabel, look::Tone::Muted);
    look::setTextTone(m_ui->findResultLabel, look::Tone::Error);
    look::enableClearButton(m_ui->findEdit);
    m_ui->rawNoteLabel->hide();
    m_ui->progressBar->hide();
    m_ui->saveButton->setEnabled(false);

    connect(m_ui->failureView, &FailureView::retryRequested, this, &ResponseView::retryRequested);
    connect(m_ui->responseTabs, &QTabWidget::currentChanged, this, &ResponseView::onTabChanged);
    connect(m_ui->saveButton, &QToolButton::clicked, this, &ResponseView::saveWithDialog);

    connect(m_formatJob, &gloo::JsonFormatJob::progressed, this,
            [this](int percent) { setProgress(tr("Formatting %p%"), percent); });
    connect(m_formatJob, &gloo::JsonFormatJob::finished, this, &ResponseView::showPretty);
    connect(m_treeJob, &gloo::JsonFormatJob::finished, this,
            [this](const gloo::JsonFormatResult &result) { showOutline(result); });

    const auto findNext = [this] {
        find(m_ui->findEdit->text());
    };
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, findNext);
    // "not found" was said of the text before; it is not repeated for new
    // text until that is searched.
    connect(m_ui->findEdit, &QLineEdit::textEdited, m_ui->findResultLabel, &QLabel::clear);
    connect(m_ui->findNextButton, &QToolButton::clicked, this, findNext);
    connect(m_ui->findPreviousButton, &QToolButton::clicked, this,
            [this] { find(m_ui->findEdit->text(), true); });
    // Whenever the response is on screen, wherever the focus is: from the
    // URL or the body too, Ctrl+F goes to the find field, not into the text.
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WindowShortcut);
    connect(findShortcut, &QShortcut::activated, this, &ResponseView::focusFindField);
    auto *nextShortcut = new QShortcut(QKeySequence::FindNext, this);
    nextShortcut->setContext(Qt::WindowShortcut);
    connect(nextShortcut, &QShortcut::activated, this, findNext);
    auto *previousShortcut = new QShortcut(QKeySequence::FindPrevious, this);
    previousShortcut->setContext(Qt::WindowShortcut);
    connect(previousShortcut, &QShortcut::activated, this,
            [this] { find(m_ui->findEdit->text(), true); });
}

ResponseView::~ResponseView() = default;

void ResponseView::focusFindField()
{
    m_ui->findEdit->setFocus();
    m_ui->findEdit->selectAll();
}

FailureView *ResponseView::failureView() const
{
    return m_ui->failureView;
}

TextViewer *ResponseView::prettyViewer() const
{
    return m_ui->prettyView;
}

TextViewer *ResponseView::rawViewer() const
{
    return m_ui->rawView;
}

QString ResponseView::statusText() const
{
    return m_ui->statusLabel->text();
}

QString ResponseView::prettyText() const
{
    return m_ui->prettyView->toPlainText();
}

QString ResponseView::rawText() const
{
    return m_ui->rawView->toPlainText();
}

QString ResponseView::sentText() const
{
    return m_sentText;
}

QString ResponseView::timingText() const
{
    return m_ui->timingLabel->text();
}

bool ResponseView::isLoading() const
{
    return m_formatJob->isRunning();
}

void ResponseView::resetBody()
{
    m_formatJob->cancel();
    m_treeJob->cancel();
    m_ui->prettyView->clear();
    m_ui->prettyView->setColouring({});
    m_ui->rawView->clear();
    m_ui->rawNoteLabel->hide();
    m_ui->responseTabs->setTabToolTip(m_ui->responseTabs->indexOf(m_ui->prettyTab), {});
    m_treeModel->clear();
    m_body.clear();
    m_rawShown = false;
    m_treeRequested = false;
    m_eventStream = false;
    setTreeAvailable(true);
    m_firstPiece = true;
    m_sinceCountShown.invalidate();
    m_eventCount = 0;
    m_receivedBytes = 0;
    m_events = {};
    m_ui->progressBar->hide();
    m_ui->saveButton->setEnabled(false);
}

void ResponseView::showPending(const QString &status)
{
    // From now on an empty viewer means an answer without a body (or none).
    m_ui->prettyView->setPlaceholderText(tr("No body."));
    resetBody();
    m_ui->failureView->clearFailure();
    setStatusLook(std::nullopt);
    m_ui->statusLabel->setText(status);
    m_ui->meaningLabel->clear();
    m_ui->timingLabel->clear();
    setHeadersText({});
}

void ResponseView::addBodyPiece(const QByteArray &piece)
{
    if (m_firstPiece) {
        m_firstPiece = false;
        m_sinceFirstPiece.start();
        // Limitation: the content type is not known before the answer is
        // complete, so an event stream is recognised by its first bytes.
        m_eventStream = gloo::ResponseEventSplitter::looksLikeEventStream(piece);
        if (m_eventStream)
            setTreeAvailable(false);
    }
    m_receivedBytes += piece.size();
    if (m_eventStream) {
        appendEvents(m_events.feed(piece));
    } else if (!m_sinceCountShown.isValid() || m_sinceCountShown.elapsed() >= countIntervalMs) {
        // A large body comes in hundreds of pieces a second; changing the
        // label for each would lay out the window for each, and the pieces
        // would queue up faster than they are handled.
        m_sinceCountShown.start();
        m_ui->timingLabel->setText(tr("receiving… %1").arg(formatSize(m_receivedBytes)));
    }
}

void ResponseView::appendEvents(const QList<gloo::ResponseEvent> &events)
{
    for (const gloo::ResponseEvent &event : events) {
        ++m_eventCount;
        QString line = tr("#%1  +%2 ms").arg(m_eventCount).arg(m_sinceFirstPiece.elapsed());
        if (!event.name.isEmpty())
            line += QStringLiteral("  event: ") + event.name;
        line += QStringLiteral("\n") + QString::fromUtf8(event.data) + QLatin1Char('\n');
        m_ui->prettyView->appendParagraph(line);
    }
    if (!events.isEmpty())
        m_ui->statusLabel->setText(tr("Receiving events… (%1 so far)").arg(m_eventCount));
}

void ResponseView::showResponse(const gloo::ApiResponse &response, const QString &sent,
                                qint64 firstByteMs, bool showFailure)
{
    m_sentText = sent;
    if (m_sentView)
        m_sentView->setPlainText(sent);
    m_body = response.body;
    m_ui->saveButton->setEnabled(response.status > 0);

    if (response.status > 0) {
        m_ui->statusLabel->setText(
            QStringLiteral("%1 %2").arg(response.status).arg(response.reason));
        setStatusLook(response.status);
        m_ui->meaningLabel->setText(statusMeaning(response.status));
        QString timing =
            firstByteMs >= 0
                ? tr("first byte %1 ms · total %2 ms").arg(firstByteMs).arg(response.elapsedMs)
                : tr("total %1 ms").arg(response.elapsedMs);
        timing += QStringLiteral(" · ") + formatSize(response.body.size());
        if (m_eventStream)
            timing += QStringLiteral(" · ")
                      + (m_eventCount == 1 ? tr("1 event") : tr("%1 events").arg(m_eventCount));
        m_ui->timingLabel->setText(timing);
        setHeadersText(headerLines(response.headers));
    } else {
        m_ui->statusLabel->setText(response.failure.kind == gloo::Failure::Kind::Cancelled
                                       ? tr("Cancelled")
                                       : tr("No answer"));
        setStatusLook(0);
        m_ui->meaningLabel->clear();
        m_ui->timingLabel->clear();
        setHeadersText({});
    }
    if (showFailure && response.failure.isFailure())
        m_ui->failureView->showFailure(response.failure);

    if (m_eventStream) {
        appendEvents(m_events.finish());
        finishLoading();
    } else if (m_body.isEmpty()) {
        m_ui->prettyView->clear();
        finishLoading();
    } else if (m_body.size() <= immediateFormatBytes()) {
        showPretty(gloo::JsonFormatter::format(m_body));
    } else {
        setProgress(tr("Formatting %p%"), 0);
        m_formatJob->start(m_body, gloo::JsonFormatter::Options());
        qCInfo(lcUi) << "formatting a response body of" << m_body.size()
                     << "bytes off the UI "
                        "thread";
    }
    onTabChanged();
}

void ResponseView::showPretty(const gloo::JsonFormatResult &result)
{
    if (!result.valid) {
        const auto [line, column] = lineAndColumn(m_body, result.errorOffset);
        showUnformatted(tr("Not JSON (line %1, column %2: %3); shown as it arrived.")
                            .arg(line)
                            .arg(column)
                            .arg(result.errorMessage));
        return;
    }
    // The viewer colours only the lines it paints, so any size is coloured.
    m_ui->prettyView->setColouring(&JsonHighlighter::formats);
    m_ui->prettyView->setLines(result.prettyLines);
    finishLoading();
}

void ResponseView::showUnformatted(const QString &why)
{
    // Plain text and HTML error pages are worth reading as they are.
    m_ui->prettyView->setColouring({});
    m_ui->rawNoteLabel->setText(why);
    m_ui->rawNoteLabel->show();
    m_ui->responseTabs->setTabToolTip(m_ui->responseTabs->indexOf(m_ui->prettyTab), why);
    m_ui->prettyView->setText(bodyStart());
    finishLoading();
}

QString ResponseView::bodyStart() const
{
    qsizetype end = qMin(m_body.size(), rawShownBytes());
    // Back off to the first byte of a UTF-8 sequence that does not fit.
    if (end < m_body.size()) {
        while (end > 0 && (uchar(m_body.at(end)) & 0xc0) == 0x80)
            --end;
    }
    return QString::fromUtf8(QByteArrayView(m_body).first(end));
}

void ResponseView::setTreeAvailable(bool available)
{
    // An event stream is many small JSON objects, not one tree: its events
    // are in Pretty, one after another.
    const int tree = m_ui->responseTabs->indexOf(m_ui->treeTab);
    if (!available && m_ui->responseTabs->currentIndex() == tree)
        m_ui->responseTabs->setCurrentWidget(m_ui->prettyTab);
    m_ui->responseTabs->setTabEnabled(tree, available);
    m_ui->responseTabs->setTabToolTip(
        tree, available ? QString()
                        : tr("An event stream has no single JSON tree; its events are in "
                             "Pretty."));
}

void ResponseView::setStatusLook(std::optional<int> status)
{
    // A status is shown bold in its colour; a line such as "Sending…" is not.
    QFont font = m_ui->statusLabel->font();
    font.setBold(status.has_value());
    m_ui->statusLabel->setFont(font);
    look::setTextTone(m_ui->statusLabel, status ? statusTone(*status) : look::Tone::Normal);
}

void ResponseView::setProgress(const QString &format, int percent)
{
    m_ui->progressBar->setFormat(format);
    m_ui->progressBar->setValue(percent);
    m_ui->progressBar->show();
}

void ResponseView::finishLoading()
{
    m_ui->progressBar->hide();
    emit loaded();
}

void ResponseView::onTabChanged()
{
    QWidget *current = m_ui->responseTabs->currentWidget();
    if (current == m_ui->rawTab)
        loadRaw();
    else if (current == m_ui->treeTab) {
        treeView();
        buildTree();
    } else if (current == m_ui->headersTab && !m_headersView)
        m_headersView = makeTextView(m_ui->headersTab, m_headersText);
    else if (current == m_ui->sentTab && !m_sentView)
        m_sentView = makeTextView(m_ui->sentTab, m_sentText);
}

QPlainTextEdit *ResponseView::makeTextView(QWidget *tab, const QString &text)
{
    // The views behind tabs are made when their tab is first opened, so the
    // first window has fewer widgets to build and lay out.
    auto *view = new QPlainTextEdit(tab);
    view->setObjectName(tab == m_ui->sentTab ? QStringLiteral("sentView")
                                             : QStringLiteral("responseHeadersView"));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setUndoRedoEnabled(false);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(text);
    tab->layout()->addWidget(view);
    return view;
}

void ResponseView::setHeadersText(const QString &text)
{
    m_headersText = text;
    if (m_headersView)
        m_headersView->setPlainText(text);
}

QTreeView *ResponseView::treeView()
{
    if (!m_treeView) {
        m_treeView = new QTreeView(m_ui->treeTab);
        m_treeView->setObjectName(QStringLiteral("treeView"));
        m_treeView->setUniformRowHeights(true);
        m_treeView->setAlternatingRowColors(true);
        m_treeView->setModel(m_treeModel);
        m_ui->treeTab->layout()->addWidget(m_treeView);
    }
    return m_treeView;
}

void ResponseView::showOutline(const gloo::JsonFormatResult &result)
{
    m_treeModel->setOutline(result.outline);
    treeView()->expandToDepth(0);
    treeView()->resizeColumnToContents(ResponseTreeModel::KeyColumn);
}

void ResponseView::loadRaw()
{
    if (m_rawShown || m_body.isEmpty())
        return;
    m_rawShown = true;
    if (m_body.size() > rawShownBytes()) {
        m_ui->rawNoteLabel->setText(
            tr("Showing the first %1 of %2. Save the body to see all "
               "of it.")
                .arg(formatSize(rawShownBytes()), formatSize(m_body.size())));
        m_ui->rawNoteLabel->show();
    }
    m_ui->rawView->setText(bodyStart());
}

void ResponseView::buildTree()
{
    if (m_treeRequested || m_body.isEmpty() || m_eventStream)
        return;
    m_treeRequested = true;
    gloo::JsonFormatter::Options options;
    options.pretty = false;
    options.outline = true;
    if (m_body.size() <= immediateFormatBytes()) {
        showOutline(gloo::JsonFormatter::format(m_body, options));
    } else {
        m_treeJob->start(m_body, options);
    }
}

bool ResponseView::find(const QString &text, bool backwards)
{
    QWidget *current = m_ui->responseTabs->currentWidget();
    if (current == m_ui->treeTab) {
        m_ui->responseTabs->setCurrentWidget(m_ui->prettyTab);
        current = m_ui->prettyTab;
    }
    if (text.isEmpty()) {
        m_ui->findResultLabel->clear();
        return false;
    }

    const bool caseSensitive = m_ui->findCaseCheck->isChecked();
    bool found = false;
    if (current == m_ui->prettyTab || current == m_ui->rawTab) {
        TextViewer *viewer = current == m_ui->rawTab ? m_ui->rawView : m_ui->prettyView;
        found = viewer->find(text, backwards,
                             caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
    } else {
        QPlainTextEdit *view = current == m_ui->sentTab ? m_sentView : m_headersView;
        if (!view)
            return false;
        QTextDocument::FindFlags flags;
        if (backwards)
            flags |= QTextDocument::FindBackward;
        if (caseSensitive)
            flags |= QTextDocument::FindCaseSensitively;
        found = view->find(text, flags);
        if (!found) {
            // Wrap around once.
            QTextCursor cursor = view->textCursor();
            cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
            view->setTextCursor(cursor);
            found = view->find(text, flags);
        }
    }
    m_ui->findResultLabel->setText(found ? QString() : tr("not found"));
    return found;
}

bool ResponseView::saveBody(const QString &fileName, QString *error) const
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(m_body) != m_body.size()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ResponseView::saveWithDialog()
{
    const bool json = !m_eventStream && m_body.trimmed().startsWith('{');
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save response body"),
                                                          json ? QStringLiteral("response.json")
                                                               : QStringLiteral("response.txt"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!saveBody(fileName, &error))
        QMessageBox::warning(this, tr("Not saved"),
                             tr("The body could not be saved: %1").arg(error));
}

QString ResponseView::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString ResponseView::statusMeaning(int status)
{
    switch (status) {
    case 200: return tr("Success.");
    case 201: return tr("Created.");
    case 202: return tr("Accepted; the work goes on at the server.");
    case 204: return tr("Success, with no body.");
    case 400: return tr("The request is malformed or misses a field.");
    case 401: return tr("The access token is missing, expired or invalid.");
    case 403: return tr("These credentials may not use this endpoint or model.");
    case 404: return tr("No such endpoint or item.");
    case 405: return tr("This endpoint does not take this method.");
    case 408: return tr("The server gave up waiting for the request.");
    case 413: return tr("The body is too large.");
    case 415: return tr("The server does not accept this content type.");
    case 422: return tr("The values in the request are not accepted.");
    case 429: return tr("Too many requests; wait and try again.");
    case 500: return tr("The server failed.");
    case 502: return tr("A gateway got no valid answer from the server behind it.");
    case 503: return tr("Unavailable for now, often the model provider.");
    case 504: return tr("A gateway gave up waiting for the server behind it.");
    default: break;
    }
    if (status >= 200 && status < 300)
        return tr("Success.");
    if (status >= 300 && status < 400)
        return tr("A redirect, which is not followed.");
    if (status >= 400 && status < 500)
        return tr("The server refused the request.");
    if (status >= 500)
        return tr("The server failed.");
    return {};
}

} // namespace gloo::gui
