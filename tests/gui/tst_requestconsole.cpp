#include "core/curlcommand.h"
#include "core/endpointcatalog.h"
#include "core/session.h"
#include "gui/failureview.h"
#include "gui/headerstable.h"
#include "gui/historymodel.h"
#include "gui/historypanel.h"
#include "gui/requestconsole.h"
#include "gui/responsetreemodel.h"
#include "gui/responseview.h"
#include "gui/textviewer.h"
#include "guitestsupport.h"
#include "sandbox/sandboxserver.h"

#include <cmath>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <QtMath>

using gloo::gui::RequestConsole;

namespace {

// WCAG's contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &colour) {
        const auto channel = [](double value) {
            value /= 255.0;
            return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
               + 0.0722 * channel(colour.blue());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QString g_home;

// A one-route HTTP server on 127.0.0.1 for what the sandbox does not do:
// a very large answer, or no answer at all.
class LocalServer : public QTcpServer
{
public:
    // An empty body means: never answer.
    explicit LocalServer(const QByteArray &body)
        : m_body(body)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (!m_request.contains("\r\n\r\n") || m_body.isEmpty())
                        return;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Connection: close\r\nContent-Length: "
                                  + QByteArray::number(m_body.size()) + "\r\n\r\n");
                    socket->write(m_body);
                    socket->disconnectFromHost();
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }

    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2")
            .arg(serverPort())
            .arg(QString::fromLatin1(path));
    }
    QByteArray request() const { return m_request; }

private:
    QByteArray m_body;
    QByteArray m_request;
};

QByteArray largeJson(int items)
{
    QByteArray json = "{\"data\":[";
    json.reserve(items * 80);
    for (int i = 0; i < items; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"item number "
                + QByteArray::number(i) + "\",\"tags\":[\"a\",\"b\"],\"score\":0.5}";
    }
    json += "],\"last\":\"the-end-marker\"}";
    return json;
}

struct CurlResult
{
    int status = 0;
    QByteArray body;
    QString error;
};

CurlResult runCurl(const QString &command, const QByteArray &token)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("body"));
    QProcess bash;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(gloo::CurlCommand::placeholderVariable(), QString::fromLatin1(token));
    bash.setProcessEnvironment(environment);
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"), command + QStringLiteral(" -o ")
                                          + gloo::CurlCommand::shellQuoted(out)
                                          + QStringLiteral(" -w '%{http_code}'")});
    CurlResult result;
    if (!bash.waitForFinished(30000) || bash.exitCode() != 0) {
        result.error = QString::fromUtf8(bash.readAllStandardError());
        return result;
    }
    result.status = bash.readAllStandardOutput().toInt();
    QFile file(out);
    if (file.open(QIODevice::ReadOnly))
        result.body = file.readAll();
    return result;
}

QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestRequestConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void presetFillsTheEditorAndStaysEditable();
    void anEditedRequestIsKeptWhenTheEndpointChanges();
    void queryTableAndUrlStayInStep();
    void bodyErrorsNameTheirPosition();
    void authorizationIsShownMaskedAndCanBeLeftOut();
    void headersChosenBeforeTheHeadersTabOpensAreKept();
    void responseShowsStatusTimingTreeAndFind();
    void bodyViewerSelectsCopiesAndFinds();
    void streamedEventsAppearWhileTheyArrive();
    void cancelStopsTheRequestInFlight();
    void timeoutIsSetPerRequest();
    void historyAndSavedRequestsSurviveARestart();
    void historyNeverHoldsATokenOrASecret();
    void historySelectionFollowsItsRequest();
    void historyLinesShowPercentSignsAsSent();
    void aLongUrlDoesNotWidenTheConsole();
    void findShortcutWorksFromTheRequestFields();
    void changingTheEnvironmentStopsARequestInFlight();
    void anOpenedRequestShowsItsEndpoint();
    void sendAgainOnlySendsToTheSameServer();
    void theStatusSaysSendingOnceTheTokenIsThere();
    void longHistoryFileIsListedAndOpened();
    void copiedCurlGetsTheSameAnswer_data();
    void copiedCurlGetsTheSameAnswer();
    void curlHoldsTheRealTokenOnlyWhenAskedFor();
    void largeResponseNeverStopsTheEventLoop();

private:
    void sendAndWait(int timeoutMs = 10000);

    gloo::sandbox::SandboxConfig m_config;
    std::unique_ptr<gloo::sandbox::SandboxThread> m_sandbox;
    std::unique_ptr<gloo::Session> m_session;
    std::unique_ptr<RequestConsole> m_console;
    QList<QByteArray> m_tokensSeen;
};

void TestRequestConsole::initTestCase()
{
    m_config.clientId = QStringLiteral("console-test-")
                        + QUuid::createUuid().toString(QUuid::Id128);
    m_config.clientSecret = QStringLiteral("console-secret-")
                            + QUuid::createUuid().toString(QUuid::Id128);
    m_config.streamChunkDelayMs = 40;
    m_sandbox = std::make_unique<gloo::sandbox::SandboxThread>(m_config);
    QVERIFY(m_sandbox->start());
}

void TestRequestConsole::init()
{
    m_session = std::make_unique<gloo::Session>();
    m_session->tokens()->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_session->tokens()->setCredentials({m_config.clientId, m_config.clientSecret});
    m_console = std::make_unique<RequestConsole>(m_session->api());
    m_console->resize(900, 800);
    m_console->show();
}

void TestRequestConsole::cleanup()
{
    if (!m_session->tokens()->token().isNull())
        m_tokensSeen << m_session->tokens()->token().value;
    m_console.reset();
    m_session.reset();
}

void TestRequestConsole::sendAndWait(int timeoutMs)
{
    m_console->send();
    QVERIFY(m_console->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy() && !m_console->isShowingResponse(), timeoutMs);
}

void TestRequestConsole::presetFillsTheEditorAndStaysEditable()
{
    QVERIFY(m_console->body().contains(QStringLiteral("\"auto_routing\": true")));
    QCOMPARE(m_console->body(), RequestConsole::exampleBody());

    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    const gloo::EndpointPreset search = *gloo::EndpointCatalog::find(QStringLiteral("search"));
    QCOMPARE(m_console->method(), QStringLiteral("POST"));
    QCOMPARE(m_console->target(), QStringLiteral("/ai/data/v1/search"));
    QCOMPARE(m_console->body(), search.exampleBody);
    QVERIFY(m_console->sendsAccessToken());

    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    QCOMPARE(m_console->method(), QStringLiteral("GET"));
    QVERIFY(m_console->body().isEmpty());
    QVERIFY(!m_console->sendsAccessToken());

    // Everything stays editable after a preset.
    m_console->setTarget(QStringLiteral("/platform/v2/models?limit=1"));
    m_console->setMethod(QStringLiteral("POST"));
    QCOMPARE(m_console->method(), QStringLiteral("POST"));
    QCOMPARE(m_console->target(), QStringLiteral("/platform/v2/models?limit=1"));
    auto *description = m_console->findChild<QLabel *>(QStringLiteral("presetDescriptionLabel"));
    QCOMPARE(description->text(),
             gloo::EndpointCatalog::find(QStringLiteral("models"))->description);

    QVERIFY(m_console->selectPreset(QStringLiteral("message")));
    QVERIFY(description->text().startsWith(QStringLiteral("Deprecated.")));
}

void TestRequestConsole::anEditedRequestIsKeptWhenTheEndpointChanges()
{
    auto *notice = m_console->findChild<QLabel *>(QStringLiteral("noticeLabel"));
    const QString defaultKey = gloo::EndpointCatalog::defaultKey();
    const QString edited = QStringLiteral(
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Mine\"}]}");
    m_console->setBody(edited);

    // Another endpoint shows its own example...
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    QCOMPARE(m_console->body(), gloo::EndpointCatalog::find(QStringLiteral("search"))->exampleBody);
    QVERIFY(notice->text().isEmpty());
    // ...and coming back finds the edited body again, and says so.
    QVERIFY(m_console->selectPreset(defaultKey));
    QCOMPARE(m_console->body(), edited);
    QCOMPARE(m_console->target(), gloo::EndpointCatalog::find(defaultKey)->target);
    QVERIFY2(notice->text().contains(QStringLiteral("are back")), qPrintable(notice->text()));
    // Choosing the same endpoint again keeps the edits too.
    QVERIFY(m_console->selectPreset(defaultKey));
    QCOMPARE(m_console->body(), edited);

    // Back to the example: nothing is kept for it any more.
    m_console->findChild<QPushButton *>(QStringLiteral("exampleButton"))->click();
    QCOMPARE(m_console->body(), RequestConsole::exampleBody());
    notice->clear();
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    QVERIFY(m_console->selectPreset(defaultKey));
    QCOMPARE(m_console->body(), RequestConsole::exampleBody());
    QVERIFY(notice->text().isEmpty());

    // A request opened from the history does not wipe the one being edited.
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    const QString searchEdits = QStringLiteral("{\"query\": \"mine\"}");
    m_console->setBody(searchEdits);
    m_console->setTarget(QStringLiteral("/ai/data/v1/search?limit=3"));
    gloo::StoredRequest v1;
    v1.method = "POST";
    v1.target = QStringLiteral("/ai/v1/chat/completions");
    v1.body = QStringLiteral("{\"messages\": []}");
    m_console->restore(v1);
    QCOMPARE(m_console->body(), v1.body);
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    QCOMPARE(m_console->body(), searchEdits);
    QCOMPARE(m_console->target(), QStringLiteral("/ai/data/v1/search?limit=3"));

    // Headers and the Authorization choice go with their endpoint's request.
    m_console->setHeaders({{"X-Mine", "1"}});
    m_console->setSendsAccessToken(false);
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    QVERIFY(m_console->headerPairs().isEmpty());
    QVERIFY(!m_console->sendsAccessToken());
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    QCOMPARE(m_console->headerPairs(), gloo::HeaderList({{"X-Mine", "1"}}));
    QVERIFY(!m_console->sendsAccessToken());
    m_console->setHeaders({});
    m_console->setSendsAccessToken(true);

    // A custom request is kept as well.
    QVERIFY(m_console->selectPreset(QString()));
    QCOMPARE(m_console->body(), searchEdits);
    m_console->setMethod(QStringLiteral("GET"));
    m_console->setTarget(QStringLiteral("/ai/v2/mine"));
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    QCOMPARE(m_console->target(), gloo::EndpointCatalog::find(QStringLiteral("models"))->target);
    QVERIFY(m_console->selectPreset(QString()));
    QCOMPARE(m_console->method(), QStringLiteral("GET"));
    QCOMPARE(m_console->target(), QStringLiteral("/ai/v2/mine"));
}

void TestRequestConsole::queryTableAndUrlStayInStep()
{
    m_console->setTarget(QStringLiteral("/ai/v1/chat?chat_id=abc%20d&x=1"));
    QCOMPARE(m_console->queryPairs(), gloo::HeaderList({{"chat_id", "abc d"}, {"x", "1"}}));

    // The table is made when the Query tab is first opened, from the URL.
    QVERIFY(!m_console->findChild<gloo::gui::HeadersTable *>(QStringLiteral("queryTable")));
    gloo::gui::HeadersTable *table = m_console->queryTable();
    table->item(1, 1)->setText(QStringLiteral("2&3"));
    QCOMPARE(m_console->target(), QStringLiteral("/ai/v1/chat?chat_id=abc%20d&x=2%263"));
    // Typing into the empty last row adds a parameter.
    QCOMPARE(table->rowCount(), 3);
    table->item(2, 0)->setText(QStringLiteral("limit"));
    QCOMPARE(m_console->target(), QStringLiteral("/ai/v1/chat?chat_id=abc%20d&x=2%263&limit"));
    QCOMPARE(table->rowCount(), 4);
    // An unticked parameter leaves the URL.
    table->item(0, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(m_console->target(), QStringLiteral("/ai/v1/chat?x=2%263&limit"));
}

void TestRequestConsole::bodyErrorsNameTheirPosition()
{
    auto *status = m_console->findChild<QLabel *>(QStringLiteral("bodyStatusLabel"));
    m_console->setBody(QStringLiteral("{\n  \"a\": ,\n}"));
    QCOMPARE(status->text(), QStringLiteral("✗ line 2, column 8: Unexpected character ','."));
    m_console->setBody(QStringLiteral("{\"a\": 1}"));
    QCOMPARE(status->text(), QStringLiteral("✓ valid JSON"));

    // A body declared as a form is not checked as JSON, nor questioned on
    // sending.
    m_console->setBody(QStringLiteral("grant_type=client_credentials"));
    QVERIFY(status->text().startsWith(QStringLiteral("✗")));
    m_console->setHeaders({{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(status->text(), QStringLiteral("sent as application/x-www-form-urlencoded"));
    m_console->setMethod(QStringLiteral("POST"));
    m_console->setTarget(QStringLiteral("/ai/v2/chat/completions"));
    bool asked = false;
    QTimer::singleShot(300, this, [&asked] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            asked = true;
            dialog->close();
        }
    });
    m_console->send();
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QTest::qWait(400);
    QVERIFY(!asked);
    QVERIFY(!m_console->statusText().isEmpty());
}

void TestRequestConsole::authorizationIsShownMaskedAndCanBeLeftOut()
{
    gloo::gui::HeadersTable *headers = m_console->headersTable();
    QVERIFY(headers->hasAutomaticRow());
    QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("Authorization"));
    sendAndWait();
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
    const gloo::AccessToken token = m_session->tokens()->token();
    QCOMPARE(headers->item(0, 1)->text(),
             QStringLiteral("Bearer •••••• (fingerprint %1)").arg(token.fingerprint()));
    QVERIFY(m_console->sentText().contains(QStringLiteral("fingerprint ") + token.fingerprint()));

    // Switched off, the same request goes without a token and is refused.
    m_console->setSendsAccessToken(false);
    QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("not sent"));
    sendAndWait();
    QCOMPARE(m_console->statusText(), QStringLiteral("401 Unauthorized"));
    QVERIFY(!m_console->sentText().contains(QStringLiteral("Authorization")));
    // Explained as a request sent without a token, not as a refused token.
    QCOMPARE(m_console->responseView()->failureView()->failure().message,
             QStringLiteral("The server wants an access token, and this request was sent "
                            "without one."));

    // A row of the user's own replaces the automatic one.
    m_console->setSendsAccessToken(true);
    m_console->setHeaders({{"Authorization", "Bearer my-own"}});
    QVERIFY(!m_console->sendsAccessToken());
    QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("replaced by your own Authorization row"));
}

void TestRequestConsole::headersChosenBeforeTheHeadersTabOpensAreKept()
{
    // The Headers tab's table is made when the tab is first opened; until
    // then the console keeps the headers and the Authorization choice.
    QVERIFY(!m_console->findChild<gloo::gui::HeadersTable *>(QStringLiteral("headersTable")));
    m_console->setHeaders({{"X-Trace", "abc"}});
    m_console->setSendsAccessToken(false);
    QCOMPARE(m_console->headerPairs(), gloo::HeaderList({{"X-Trace", "abc"}}));
    QVERIFY(!m_console->sendsAccessToken());
    QCOMPARE(m_console->currentRequest().headers, gloo::HeaderList({{"X-Trace", "abc"}}));
    QVERIFY(!m_console->currentRequest().sendsToken);
    sendAndWait();
    QCOMPARE(m_console->statusText(), QStringLiteral("401 Unauthorized"));
    QVERIFY(m_console->sentText().contains(QStringLiteral("X-Trace: abc")));

    gloo::gui::HeadersTable *headers = m_console->headersTable();
    QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("Authorization"));
    QCOMPARE(headers->item(0, 0)->checkState(), Qt::Unchecked);
    QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("not sent"));
    QCOMPARE(headers->item(1, 0)->text(), QStringLiteral("X-Trace"));
    QCOMPARE(headers->item(1, 1)->text(), QStringLiteral("abc"));
    QCOMPARE(headers->enabledPairs(), m_console->headerPairs());

    // From now on the table holds them: ticking Authorization sends the token.
    headers->item(0, 0)->setCheckState(Qt::Checked);
    QVERIFY(m_console->sendsAccessToken());
    sendAndWait();
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
}

void TestRequestConsole::responseShowsStatusTimingTreeAndFind()
{
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    sendAndWait();
    gloo::gui::ResponseView *view = m_console->responseView();
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
    QCOMPARE(view->findChild<QLabel *>(QStringLiteral("meaningLabel"))->text(),
             QStringLiteral("Success."));
    QVERIFY2(view->timingText().contains(QStringLiteral("first byte ")),
             qPrintable(view->timingText()));
    QVERIFY(view->timingText().contains(QStringLiteral(" ms · total ")));

    // The server's key order is kept: "data" comes before "intent".
    const QString pretty = m_console->responseBodyText();
    QVERIFY(pretty.startsWith(QStringLiteral("{\n  \"data\": [")));
    QVERIFY(pretty.indexOf(QStringLiteral("\"intent\""))
            > pretty.indexOf(QStringLiteral("\"uuid\"")));

    QVERIFY(view->find(QStringLiteral("\"intent\"")));
    QVERIFY(!view->find(QStringLiteral("no-such-text-anywhere")));

    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("responseTabs"));
    tabs->setCurrentWidget(view->findChild<QWidget *>(QStringLiteral("treeTab")));
    gloo::gui::ResponseTreeModel *tree = view->treeModel();
    QCOMPARE(tree->rowCount(), 1);
    const QModelIndex root = tree->index(0, 0);
    QCOMPARE(tree->rowCount(root), 2);
    QCOMPARE(tree->index(0, 0, root).data().toString(), QStringLiteral("data"));
    QCOMPARE(tree->index(1, 0, root).data().toString(), QStringLiteral("intent"));
    QCOMPARE(tree->index(1, gloo::gui::ResponseTreeModel::ValueColumn, root).data().toString(),
             QStringLiteral("topic"));

    tabs->setCurrentWidget(view->findChild<QWidget *>(QStringLiteral("rawTab")));
    QTRY_VERIFY(!view->rawText().isEmpty());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("body.json"));
    QString error;
    QVERIFY2(view->saveBody(file, &error), qPrintable(error));
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(saved.readAll()), view->rawText());
}

void TestRequestConsole::bodyViewerSelectsCopiesAndFinds()
{
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    sendAndWait();
    gloo::gui::ResponseView *view = m_console->responseView();
    gloo::gui::TextViewer *viewer = view->prettyViewer();
    const QString pretty = m_console->responseBodyText();
    QCOMPARE(viewer->toPlainText(), pretty);
    QCOMPARE(viewer->lineCount(), pretty.count(QLatin1Char('\n')) + 1);
    QVERIFY(viewer->isVisible());

    // Find selects the match, the next search moves on, and it wraps around.
    const QString needle = QStringLiteral("\"uuid\"");
    const qsizetype matches = pretty.count(needle);
    QVERIFY(matches >= 2);
    QVERIFY(view->find(needle));
    QCOMPARE(viewer->selectionStart(), pretty.indexOf(needle));
    QCOMPARE(viewer->selectedText(), needle);
    QVERIFY(view->find(needle));
    QCOMPARE(viewer->selectionStart(), pretty.indexOf(needle, pretty.indexOf(needle) + 1));
    QVERIFY(view->find(needle, true));
    QCOMPARE(viewer->selectionStart(), pretty.indexOf(needle));
    QVERIFY(view->find(needle, true));
    QCOMPARE(viewer->selectionStart(), pretty.lastIndexOf(needle));
    view->findChild<QCheckBox *>(QStringLiteral("findCaseCheck"))->setChecked(true);
    QVERIFY(!view->find(QStringLiteral("\"UUID\"")));
    view->findChild<QCheckBox *>(QStringLiteral("findCaseCheck"))->setChecked(false);
    QVERIFY(view->find(QStringLiteral("\"UUID\"")));
    QCOMPARE(viewer->selectedText(), needle);

    // Copy puts exactly the selection on the clipboard.
    viewer->setFocus();
    QTest::keyClick(viewer, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), needle);
    QTest::keyClick(viewer, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(viewer->selectedText(), pretty);
    QTest::keyClick(viewer, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), pretty);

    // Dragging over the first two lines selects them, as drawn.
    viewer->verticalScrollBar()->setValue(0);
    viewer->horizontalScrollBar()->setValue(0);
    const int lineHeight = qCeil(QFontMetricsF(viewer->font()).lineSpacing());
    const QPoint start(4, 4 + lineHeight / 2);
    const QPoint end(viewer->viewport()->width() - 4, 4 + lineHeight + lineHeight / 2);
    QCOMPARE(viewer->positionAt(start), 0);
    QTest::mousePress(viewer->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(viewer->viewport(), end);
    QTest::mouseRelease(viewer->viewport(), Qt::LeftButton, {}, end);
    QCOMPARE(viewer->selectedText(),
             pretty.left(pretty.indexOf(QLatin1Char('\n'), pretty.indexOf(QLatin1Char('\n')) + 1)));
    QTest::mouseDClick(
        viewer->viewport(), Qt::LeftButton, {},
        QPoint(4 + int(3.5 * QFontMetricsF(viewer->font()).horizontalAdvance(QLatin1Char('0'))),
               start.y() + lineHeight));
    QCOMPARE(viewer->selectedText(), QStringLiteral("data"));
}

void TestRequestConsole::streamedEventsAppearWhileTheyArrive()
{
    QVERIFY(m_console->selectPreset(QStringLiteral("completions-v2-stream")));
    m_console->send();
    gloo::gui::ResponseView *view = m_console->responseView();
    // Events are on screen before the answer is complete.
    QTRY_VERIFY_WITH_TIMEOUT(view->eventCount() >= 2, 10000);
    QVERIFY(m_console->isBusy());
    QVERIFY(m_console->responseBodyText().contains(QStringLiteral("#1  +")));

    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 20000);
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
    QVERIFY(view->isEventStream());
    QVERIFY(view->eventCount() > 3);
    QVERIFY(view->timingText().contains(QStringLiteral("%1 events").arg(view->eventCount())));
    QVERIFY(m_console->responseBodyText().contains(QStringLiteral("\"finish_reason\"")));

    // A stream has no single tree: the Tree tab says so instead of staying
    // empty, until an answer with a body comes.
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("responseTabs"));
    QVERIFY(tabs);
    const int tree = tabs->indexOf(view->findChild<QWidget *>(QStringLiteral("treeTab")));
    QVERIFY(!tabs->isTabEnabled(tree));
    QVERIFY(tabs->tabToolTip(tree).contains(QStringLiteral("event stream")));
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    sendAndWait();
    QVERIFY(tabs->isTabEnabled(tree));
}

void TestRequestConsole::cancelStopsTheRequestInFlight()
{
    LocalServer silent({});
    m_console->setSendsAccessToken(false);
    m_console->setMethod(QStringLiteral("GET"));
    m_console->setTarget(silent.url("/never"));
    m_console->send();
    QTRY_VERIFY(!silent.request().isEmpty());
    QVERIFY(m_console->isBusy());
    QTest::qWait(300);
    QTest::mouseClick(m_console->findChild<QPushButton *>(QStringLiteral("cancelButton")),
                      Qt::LeftButton);
    QVERIFY(!m_console->isBusy());
    QCOMPARE(m_console->statusText(), QStringLiteral("Cancelled"));
    QVERIFY(!m_console->findChild<gloo::gui::FailureView *>()->isVisible());
    // The history keeps how long it ran before it was cancelled.
    QVERIFY2(m_console->history()->history().first().durationMs >= 250,
             qPrintable(QString::number(m_console->history()->history().first().durationMs)));

    // Refused before it left (the token is never sent to another server): it
    // is explained, but it is not in the history of what was sent.
    const qsizetype kept = m_console->history()->history().size();
    m_console->setSendsAccessToken(true);
    m_console->setTarget(QStringLiteral("http://127.0.0.1:9/elsewhere"));
    m_console->send();
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QVERIFY(m_console->findChild<gloo::gui::FailureView *>()->isVisible());
    QCOMPARE(m_console->history()->history().size(), kept);
    QVERIFY2(m_console->sentText().startsWith(QStringLiteral("Nothing was sent")),
             qPrintable(m_console->sentText()));
}

void TestRequestConsole::timeoutIsSetPerRequest()
{
    LocalServer silent({});
    m_console->setSendsAccessToken(false);
    m_console->setMethod(QStringLiteral("GET"));
    m_console->setTarget(silent.url("/never"));
    m_console->setTimeoutSeconds(1);
    QElapsedTimer timer;
    timer.start();
    m_console->send();
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QVERIFY(timer.elapsed() >= 900);
    QVERIFY(timer.elapsed() < 5000);
    QCOMPARE(m_console->statusText(), QStringLiteral("No answer"));
    QCOMPARE(m_console->findChild<gloo::gui::FailureView *>()->failure().kind,
             gloo::Failure::Kind::Timeout);
}

void TestRequestConsole::historyAndSavedRequestsSurviveARestart()
{
    m_console->history()->clearHistory();
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    m_console->setBody(QStringLiteral("{\"query\": \"hope\", \"limit\": 2}"));
    sendAndWait();
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    sendAndWait();
    m_console->selectPreset(QStringLiteral("grounded"));
    m_console->saveRequest(QStringLiteral("My grounded question"));

    // A new console, as after a restart, reads the same files.
    m_console = std::make_unique<RequestConsole>(m_session->api());
    gloo::gui::HistoryPanel *history = m_console->historyPanel();
    QCOMPARE(history->count(), 2);
    QVERIFY2(history->itemText(0).startsWith(QStringLiteral("GET /platform/v2/models  →  200")),
             qPrintable(history->itemText(0)));
    QVERIFY(history->itemText(1).startsWith(QStringLiteral("POST /ai/data/v1/search  →  200")));

    history->selectRow(1);
    history->openSelected();
    QCOMPARE(m_console->method(), QStringLiteral("POST"));
    QCOMPARE(m_console->target(), QStringLiteral("/ai/data/v1/search"));
    QCOMPARE(m_console->body(), QStringLiteral("{\"query\": \"hope\", \"limit\": 2}"));
    QVERIFY(m_console->sendsAccessToken());

    // Sending again from the history adds a new entry.
    history->selectRow(0);
    history->sendSelected();
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
    QCOMPARE(history->count(), 3);
    QVERIFY(!m_console->sendsAccessToken());

    history->selectRow(0);
    history->deleteSelected();
    QCOMPARE(history->count(), 2);

    gloo::gui::HistoryPanel *saved = m_console->savedPanel();
    QCOMPARE(saved->count(), 1);
    QVERIFY(saved->itemText(0).startsWith(QStringLiteral("My grounded question")));
    saved->selectRow(0);
    saved->openSelected();
    QCOMPARE(m_console->target(), QStringLiteral("/ai/v2/chat/completions/grounded"));
    QCOMPARE(m_console->body(),
             gloo::EndpointCatalog::find(QStringLiteral("grounded"))->exampleBody);

    history->clearAll(false);
    QCOMPARE(history->count(), 0);
    QCOMPARE(RequestConsole(m_session->api()).historyPanel()->count(), 0);
    // An empty list says what would be in it.
    auto *hint = history->findChild<QLabel *>(QStringLiteral("emptyHint"));
    QVERIFY(hint);
    QVERIFY(!hint->isHidden());
    QVERIFY(hint->text().contains(QStringLiteral("requests you send")));
    QVERIFY(history->findChild<QListView *>()->isHidden());
}

void TestRequestConsole::historySelectionFollowsItsRequest()
{
    m_console->history()->clearHistory();
    QVERIFY(m_console->selectPreset(QStringLiteral("search")));
    sendAndWait();
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));
    sendAndWait();
    gloo::gui::HistoryPanel *history = m_console->historyPanel();
    QCOMPARE(history->count(), 2);

    // The older request, sent again twice: each time it is the one sent,
    // though every send pushes it one row down.
    history->selectRow(1);
    gloo::StoredRequest chosen;
    QVERIFY(history->selected(&chosen));
    QCOMPARE(chosen.target, QStringLiteral("/ai/data/v1/search"));
    for (int round = 0; round < 2; ++round) {
        history->sendSelected();
        QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
        QCOMPARE(m_console->target(), QStringLiteral("/ai/data/v1/search"));
        gloo::StoredRequest now;
        QVERIFY(history->selected(&now));
        QCOMPARE(now.id, chosen.id);
    }
    QCOMPARE(history->count(), 4);

    // A deleted request hands the selection to its neighbour.
    history->deleteSelected();
    QCOMPARE(history->count(), 3);
    gloo::StoredRequest neighbour;
    QVERIFY(history->selected(&neighbour));
    QVERIFY(neighbour.id != chosen.id);
}

void TestRequestConsole::historyLinesShowPercentSignsAsSent()
{
    gloo::StoredRequest request;
    request.method = "GET";
    request.target = QStringLiteral("/ai/v1/chat?q=42%26z%3D9&name=two%20x");
    request.status = 200;
    request.durationMs = 17;
    request.sentAt = QDateTime::currentDateTimeUtc();
    const QString line = gloo::gui::HistoryModel::text(request,
                                                       gloo::gui::HistoryModel::Kind::History);
    QVERIFY2(line.contains(QStringLiteral("q=42%26z%3D9&name=two%20x")), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("·  17 ms")), qPrintable(line));

    // The server it went to is named, without the password of its address.
    request.url = QStringLiteral("http://me:pw-123@127.0.0.1:8787/ai/v1/chat");
    const QString withServer = gloo::gui::HistoryModel::text(
        request, gloo::gui::HistoryModel::Kind::History);
    QVERIFY2(withServer.contains(QStringLiteral("·  127.0.0.1:8787  ·")), qPrintable(withServer));
    QVERIFY(!withServer.contains(QStringLiteral("pw-123")));
    request.builtInSandbox = true;
    QVERIFY(gloo::gui::HistoryModel::text(request, gloo::gui::HistoryModel::Kind::History)
                .contains(QStringLiteral("·  built-in sandbox  ·")));
}

void TestRequestConsole::aLongUrlDoesNotWidenTheConsole()
{
    const int before = m_console->minimumSizeHint().width();
    QVERIFY(before < 900);
    m_console->setTarget(QStringLiteral("/ai/data/v1/search?q=") + QString(600, QLatin1Char('x'))
                         + QStringLiteral("&a=1%262"));
    QCOMPARE(m_console->minimumSizeHint().width(), before);
    // Longer than a line edit's usual limit, the address keeps its end.
    const QString veryLong = QStringLiteral("/ai/data/v1/search?q=")
                             + QString(100000, QLatin1Char('y')) + QStringLiteral("&x=%C3%A9");
    m_console->setTarget(veryLong);
    QCOMPARE(m_console->target(), veryLong);
    m_console->setTarget(QStringLiteral("/ai/data/v1/search?q=") + QString(600, QLatin1Char('x'))
                         + QStringLiteral("&a=1%262"));
    auto *resolved = m_console->findChild<QLabel *>(QStringLiteral("resolvedUrlLabel"));
    // Shown and told as it is sent, with "%26" still encoded.
    QVERIFY(resolved->text().endsWith(QStringLiteral("&a=1%262")));
    QVERIFY(resolved->toolTip().endsWith(QStringLiteral("&a=1%262")));
    // And really on screen, with room and contrast enough to read it.
    QVERIFY(QTest::qWaitForWindowExposed(m_console.get()));
    QTRY_VERIFY2(resolved->isVisible() && resolved->width() > m_console->width() / 3,
                 qPrintable(QStringLiteral("visible %1, width %2 of %3")
                                .arg(resolved->isVisible())
                                .arg(resolved->width())
                                .arg(m_console->width())));
    QVERIFY2(contrast(resolved->palette().color(QPalette::WindowText),
                      m_console->palette().color(QPalette::Window))
                 >= 4.5,
             qPrintable(resolved->palette().color(QPalette::WindowText).name()));

    // So is the note that Copy as curl leaves beside it.
    auto *notice = m_console->findChild<QLabel *>(QStringLiteral("noticeLabel"));
    m_console->copyCurl();
    QVERIFY(!notice->text().isEmpty());
    QTRY_VERIFY(notice->isVisible() && notice->width() > m_console->width() / 4);
    QVERIFY(contrast(notice->palette().color(QPalette::WindowText),
                     m_console->palette().color(QPalette::Window))
            >= 4.5);
    QVERIFY(resolved->geometry().right() <= notice->geometry().left());
}

void TestRequestConsole::findShortcutWorksFromTheRequestFields()
{
    QApplication::setActiveWindow(m_console.get());
    QVERIFY(QTest::qWaitForWindowActive(m_console.get()));
    auto *url = m_console->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    const QString target = m_console->target();
    url->setFocus();
    QTRY_VERIFY(url->hasFocus());

    // Before any answer there is no response view yet: Ctrl+F makes it.
    QVERIFY(!m_console->findChild<QLineEdit *>(QStringLiteral("findEdit")));
    QTest::keySequence(url, QKeySequence(QKeySequence::Find));
    auto *find = m_console->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    QVERIFY(find);
    QTRY_VERIFY(find->hasFocus());
    // The keys that follow go to the find field, not into the URL.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("DONE"));
    QCOMPARE(find->text(), QStringLiteral("DONE"));
    QCOMPARE(m_console->target(), target);

    // Once the view is there, its own shortcut answers, from the body too.
    sendAndWait();
    auto *body = m_console->findChild<QPlainTextEdit *>(QStringLiteral("bodyEdit"));
    body->setFocus();
    QTRY_VERIFY(body->hasFocus());
    const QString bodyText = body->toPlainText();
    QTest::keySequence(body, QKeySequence(QKeySequence::Find));
    QTRY_VERIFY(find->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("X"));
    QCOMPARE(find->text(), QStringLiteral("X"));
    QCOMPARE(body->toPlainText(), bodyText);
}

void TestRequestConsole::changingTheEnvironmentStopsARequestInFlight()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) { plan.apiDelayMs = 1500; });
    m_console->send();
    QVERIFY(m_console->isBusy());
    // The token arrives and the request goes out, then the user switches.
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->tokens()->token().isNull(), 10000);
    m_session->tokens()->setEnvironment(
        gloo::Environment::custom(QUrl(QStringLiteral("http://127.0.0.1:9"))));
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 3000);
    // The old server's answer never shows under the new environment.
    QVERIFY2(!m_console->statusText().contains(QStringLiteral("200")),
             qPrintable(m_console->statusText()));
    QCOMPARE(m_console->responseView()->failureView()->failure().kind,
             gloo::Failure::Kind::Cancelled);
    QVERIFY(m_console->responseView()->failureView()->failure().message.contains(
        QStringLiteral("environment changed")));
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) { plan.apiDelayMs = 0; });

    // A response pane squeezed while empty gets room back for the answer.
    RequestConsole fresh(m_session->api());
    fresh.resize(900, 800);
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    auto *freshSplitter = fresh.findChild<QSplitter *>(QStringLiteral("splitter"));
    freshSplitter->setSizes({700, 20});
    fresh.responseView();
    const QList<int> sizes = freshSplitter->sizes();
    QVERIFY2(sizes.at(1) >= (sizes.at(0) + sizes.at(1)) / 3,
             qPrintable(QStringLiteral("%1 / %2").arg(sizes.at(0)).arg(sizes.at(1))));

    // After a send, an empty viewer no longer invites one.
    QCOMPARE(m_console->responseView()->prettyViewer()->placeholderText(),
             QStringLiteral("No body."));
}

void TestRequestConsole::anOpenedRequestShowsItsEndpoint()
{
    auto *endpoint = m_console->findChild<QComboBox *>(QStringLiteral("presetCombo"));
    auto *description = m_console->findChild<QLabel *>(QStringLiteral("presetDescriptionLabel"));
    QVERIFY(m_console->selectPreset(QStringLiteral("models")));

    // A Completions V1 request, opened from the history: the endpoint follows,
    // and the body stays the request's own.
    gloo::StoredRequest v1;
    v1.method = "POST";
    v1.target = QStringLiteral("/ai/v1/chat/completions");
    v1.body = QStringLiteral("{\"messages\": []}");
    m_console->restore(v1);
    const auto preset = gloo::EndpointCatalog::find(endpoint->currentData().toString());
    QVERIFY(preset);
    QCOMPARE(QString::fromLatin1(preset->method) + QLatin1Char(' ') + preset->target,
             QStringLiteral("POST /ai/v1/chat/completions"));
    QVERIFY(description->text().contains(preset->description));
    QCOMPARE(m_console->body(), v1.body);

    // One that is none of the presets is a custom request.
    gloo::StoredRequest own;
    own.method = "GET";
    own.target = QStringLiteral("/ai/v2/something/else?x=1");
    m_console->restore(own);
    QCOMPARE(endpoint->currentText(), QStringLiteral("Custom request"));
    QCOMPARE(m_console->target(), own.target);
}

void TestRequestConsole::sendAgainOnlySendsToTheSameServer()
{
    gloo::gui::HistoryPanel *history = m_console->historyPanel();
    gloo::StoredRequest elsewhere;
    elsewhere.method = "GET";
    elsewhere.target = QStringLiteral("/platform/v2/models");
    // With user info in it, which is never repeated on screen.
    elsewhere.url = QStringLiteral("http://someone:hunter2@127.0.0.1:9/platform/v2/models");
    const int before = m_sandbox->apiRequestCount();
    emit history->sendRequested(elsewhere);
    QVERIFY(!m_console->isBusy());
    QCOMPARE(m_console->target(), elsewhere.target);
    auto *notice = m_console->findChild<QLabel *>(QStringLiteral("noticeLabel"));
    QVERIFY2(notice->text().contains(QStringLiteral("127.0.0.1:9")), qPrintable(notice->text()));
    QVERIFY(!notice->text().contains(QStringLiteral("hunter2")));
    QTest::qWait(200);
    QCOMPARE(m_sandbox->apiRequestCount(), before);

    // Where it went before, it goes again.
    gloo::StoredRequest here = elsewhere;
    here.url = m_sandbox->baseUrl().resolved(QUrl(elsewhere.target)).toString();
    emit history->sendRequested(here);
    QVERIFY(m_console->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QVERIFY(m_console->statusText().contains(QStringLiteral("200")));

    // The built-in sandbox is the same server after a restart, although it
    // then listens on another port.
    m_session->tokens()->setEnvironment(gloo::Environment::sandbox(m_sandbox->baseUrl()));
    gloo::StoredRequest lastRun = elsewhere;
    lastRun.url = QStringLiteral("http://127.0.0.1:9/platform/v2/models");
    lastRun.builtInSandbox = true;
    emit history->sendRequested(lastRun);
    QVERIFY(m_console->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    QVERIFY(m_console->statusText().contains(QStringLiteral("200")));
    QVERIFY(m_console->history()->history().first().builtInSandbox);
}

void TestRequestConsole::theStatusSaysSendingOnceTheTokenIsThere()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.tokenDelayMs = 300;
        plan.apiDelayMs = 1500;
    });
    m_console->send();
    QCOMPARE(m_console->statusText(), QStringLiteral("Getting an access token, then sending…"));
    QSignalSpy issued(m_session->tokens(), &gloo::TokenManager::tokenIssued);
    QVERIFY(issued.wait(10000));
    QVERIFY(m_console->isBusy());
    QCOMPARE(m_console->statusText(), QStringLiteral("Sending…"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 10000);
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.tokenDelayMs = 0;
        plan.apiDelayMs = 0;
    });
}

void TestRequestConsole::historyNeverHoldsATokenOrASecret()
{
    sendAndWait();
    const QByteArray token = m_session->tokens()->token().value;
    QVERIFY(!token.isEmpty());
    // What a user might type or paste: their own header and the token itself.
    m_console->setHeaders({{"Authorization", "Bearer typed-" + token}, {"X-Keep", "visible"}});
    m_console->setBody(QStringLiteral("{\"note\": \"%1\"}").arg(QString::fromLatin1(token)));
    sendAndWait();
    m_console->saveRequest(QStringLiteral("with pasted token"));

    const QString folder = m_console->history()->folder();
    QVERIFY(folder.startsWith(g_home));
    QVERIFY(gloo::test::fileCount(folder) >= 2);
    QVERIFY(!gloo::test::filesContaining(folder, {"X-Keep"}).isEmpty());
    const QStringList leaks = gloo::test::filesContaining(
        g_home, {token, m_config.clientSecret.toUtf8(), "typed-", "Bearer", "Authorization"});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
}

void TestRequestConsole::longHistoryFileIsListedAndOpened()
{
    // A history file longer than the console writes, as from another tool.
    const int entries = 3000;
    QJsonArray requests;
    for (int i = 0; i < entries; ++i) {
        gloo::StoredRequest request;
        request.id = QStringLiteral("long-%1").arg(i);
        request.sentAt = QDateTime::currentDateTimeUtc().addSecs(-60 * i);
        request.method = "POST";
        request.target = QStringLiteral("/ai/data/v1/search");
        request.body = QStringLiteral("{\"query\": \"row %1\"}").arg(i);
        request.status = 200;
        request.durationMs = i;
        requests.append(request.toJson());
    }
    const QString folder = m_console->history()->folder();
    m_console.reset();
    QVERIFY(QDir().mkpath(folder));
    QFile file(QDir(folder).filePath(QStringLiteral("console-history.json")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                         {QStringLiteral("requests"), requests}})
                   .toJson());
    file.close();

    m_console = std::make_unique<RequestConsole>(m_session->api());
    m_console->show();
    gloo::gui::HistoryPanel *history = m_console->historyPanel();
    QCOMPARE(history->count(), entries);
    QVERIFY2(history->itemText(entries - 1)
                 .startsWith(QStringLiteral("POST /ai/data/v1/search  →  200")),
             qPrintable(history->itemText(entries - 1)));
    QVERIFY(history->itemText(entries - 1).endsWith(QStringLiteral("%1 ms").arg(entries - 1)));

    history->selectRow(2345);
    history->openSelected();
    QCOMPARE(m_console->body(), QStringLiteral("{\"query\": \"row 2345\"}"));

    history->clearAll(false);
    QCOMPARE(history->count(), 0);
}

void TestRequestConsole::copiedCurlGetsTheSameAnswer_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QStringList>("sameFields");

    QTest::newRow("search") << QStringLiteral("search") << QStringList{"data", "intent"};
    QTest::newRow("models") << QStringLiteral("models") << QStringList{"data"};
    QTest::newRow("completions") << QStringLiteral("completions-v2")
                                 << QStringList{"choices", "model", "routing_mechanism", "usage"};
    QTest::newRow("completions v1")
        << QStringLiteral("completions-v1") << QStringList{"choices", "model"};
}

void TestRequestConsole::copiedCurlGetsTheSameAnswer()
{
    QFETCH(QString, preset);
    QFETCH(QStringList, sameFields);
    QVERIFY(m_console->selectPreset(preset));
    sendAndWait();
    QVERIFY(m_console->statusText().startsWith(QStringLiteral("200")));
    const QJsonObject fromConsole = json(m_console->responseBodyText());

    m_console->copyCurl(false);
    const QString command = QApplication::clipboard()->text();
    QVERIFY(command.startsWith(QStringLiteral("curl ")));
    const QByteArray token = m_session->tokens()->token().value;
    const gloo::EndpointPreset endpoint = *gloo::EndpointCatalog::find(preset);
    QCOMPARE(token.isEmpty(), !endpoint.needsToken);
    QCOMPARE(command.contains(QStringLiteral("$GLOO_ACCESS_TOKEN")), endpoint.needsToken);
    if (!token.isEmpty())
        QVERIFY(!command.contains(QString::fromLatin1(token)));

    const CurlResult curl = runCurl(command, token);
    QVERIFY2(curl.error.isEmpty(), qPrintable(curl.error));
    QCOMPARE(QStringLiteral("%1 OK").arg(curl.status), m_console->statusText());
    const QJsonObject fromCurl = QJsonDocument::fromJson(curl.body).object();
    for (const QString &field : sameFields) {
        QVERIFY2(fromCurl.contains(field), qPrintable(field));
        QCOMPARE(fromCurl.value(field), fromConsole.value(field));
    }
}

void TestRequestConsole::curlHoldsTheRealTokenOnlyWhenAskedFor()
{
    QString problem;
    QVERIFY(m_console->curlCommand(true, &problem).isEmpty());
    QVERIFY(!problem.isEmpty());

    sendAndWait();
    const QByteArray token = m_session->tokens()->token().value;
    const QString placeholder = m_console->curlCommand(false);
    QVERIFY(placeholder.contains(QStringLiteral("$GLOO_ACCESS_TOKEN")));
    QVERIFY(!placeholder.contains(QString::fromLatin1(token)));

    const QString real = m_console->curlCommand(true);
    QVERIFY(real.contains(QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(token)));
    QVERIFY(!real.contains(QStringLiteral("GLOO_ACCESS_TOKEN")));
    const CurlResult curl = runCurl(real, "not-a-token");
    QCOMPARE(curl.status, 200);

    // Copied, the command with the real token leaves the clipboard again.
    QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), 1);
    m_console->copyCurl(true);
    QSettings().remove(QStringLiteral("security/clipboardClearSeconds"));
    QCOMPARE(QApplication::clipboard()->text(), real);
    auto *notice = m_console->findChild<QLabel *>(QStringLiteral("noticeLabel"));
    QVERIFY2(notice->text().contains(QStringLiteral("for 1 s")), qPrintable(notice->text()));
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::clipboard()->text().isEmpty(), 5000);

    // A token request typed by hand: the Client Secret in its body, the
    // token pasted into a header. Neither is written into the command, which
    // still works with the two variables set.
    m_console->setMethod(QStringLiteral("POST"));
    m_console->setTarget(QStringLiteral("/oauth2/token"));
    m_console->setSendsAccessToken(false);
    m_console->setHeaders(
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Pasted", token}});
    m_console->setBody(QStringLiteral("grant_type=client_credentials&client_id=")
                       + QString::fromLatin1(QUrl::toPercentEncoding(m_config.clientId))
                       + QStringLiteral("&client_secret=")
                       + QString::fromLatin1(QUrl::toPercentEncoding(m_config.clientSecret)));
    const QString byHand = m_console->curlCommand(false);
    QVERIFY2(!byHand.contains(m_config.clientSecret)
                 && !byHand.contains(
                     QString::fromLatin1(QUrl::toPercentEncoding(m_config.clientSecret))),
             qPrintable(byHand));
    QVERIFY(!byHand.contains(QString::fromLatin1(token)));
    QVERIFY(byHand.contains(QStringLiteral("\"$GLOO_CLIENT_SECRET\"")));
    QVERIFY(byHand.contains(QStringLiteral("\"$GLOO_ACCESS_TOKEN\"")));
    m_console->copyCurl(false);
    QVERIFY2(notice->text().contains(QStringLiteral("GLOO_CLIENT_SECRET=<your Client Secret>")),
             qPrintable(notice->text()));
    // With the variables set, the shell hands curl the request as typed.
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(gloo::CurlCommand::placeholderVariable(), QString::fromLatin1(token));
    environment.insert(gloo::CurlCommand::secretVariable(), m_config.clientSecret);
    shell.setProcessEnvironment(environment);
    shell.start(QStringLiteral("bash"),
                {QStringLiteral("-c"),
                 QStringLiteral("curl() { printf '%s\\n' \"$@\"; }; ") + byHand});
    QVERIFY(shell.waitForFinished(10000));
    const QStringList arguments =
        QString::fromUtf8(shell.readAllStandardOutput()).split(QLatin1Char('\n'));
    QVERIFY2(arguments.contains(m_console->body()), qPrintable(arguments.join(QLatin1Char('|'))));
    QVERIFY(arguments.contains(QStringLiteral("X-Pasted: ") + QString::fromLatin1(token)));

    // Credentials under another header name stay out, and the notice says so.
    m_console->setHeaders(
        {{"X-Basic", "Basic " + QByteArray("someone:their-password").toBase64()}});
    m_console->copyCurl(false);
    QVERIFY(!QApplication::clipboard()->text().contains(QStringLiteral("X-Basic")));
    QVERIFY2(notice->text().contains(QStringLiteral("Left out, as they hold credentials: X-Basic")),
             qPrintable(notice->text()));
    // Nor is the password of an address repeated on screen.
    m_console->setTarget(QStringLiteral("http://alice:pw-on-screen@127.0.0.1:9/x"));
    QVERIFY(!m_console->findChild<QLabel *>(QStringLiteral("resolvedUrlLabel"))
                 ->text()
                 .contains(QStringLiteral("pw-on-screen")));
}

void TestRequestConsole::largeResponseNeverStopsTheEventLoop()
{
    const QByteArray body = largeJson(300000);
    QVERIFY(body.size() > 20 * 1000 * 1000);
    LocalServer server(body);
    m_console->setSendsAccessToken(false);
    m_console->setMethod(QStringLiteral("GET"));
    m_console->setTarget(server.url("/large"));

    QTimer ticker;
    ticker.setInterval(20);
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    int ticks = 0;
    connect(&ticker, &QTimer::timeout, this, [&] {
        longestGap = qMax(longestGap, sinceTick.restart());
        ++ticks;
    });
    sinceTick.start();
    ticker.start();
    QElapsedTimer sinceSend;
    sinceSend.start();

    m_console->send();
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isBusy(), 30000);
    QCOMPARE(m_console->statusText(), QStringLiteral("200 OK"));
    QVERIFY(m_console->isShowingResponse());
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->isShowingResponse(), 90000);
    ticker.stop();
    const qint64 elapsed = sinceSend.elapsed();

    const QString pretty = m_console->responseBodyText();
    QVERIFY(pretty.startsWith(QStringLiteral("{\n  \"data\": [\n    {\n      \"id\": 0,")));
    QVERIFY(pretty.endsWith(QStringLiteral("  ],\n  \"last\": \"the-end-marker\"\n}")));
    qInfo() << "timer ticks:" << ticks << "in" << elapsed << "ms, longest gap:" << longestGap
            << "ms";
    // The timer kept running: at least half of its ticks came.
    QVERIFY2(ticks >= elapsed / ticker.interval() / 2, qPrintable(QString::number(ticks)));
    QVERIFY2(longestGap < 750, qPrintable(QString::number(longestGap)));

    // Millions of lines, of which only a screenful is ever laid out.
    gloo::gui::ResponseView *view = m_console->responseView();
    gloo::gui::TextViewer *viewer = view->prettyViewer();
    QVERIFY(viewer->lineCount() > 1000 * 1000);
    viewer->viewport()->repaint();
    const int screenful = viewer->viewport()->height() / QFontMetrics(viewer->font()).height() + 2;
    QVERIFY(viewer->linesPaintedLastTime() > 0);
    QVERIFY2(viewer->linesPaintedLastTime() <= screenful,
             qPrintable(QString::number(viewer->linesPaintedLastTime())));

    // Find reaches the end of the text and scrolls there.
    QVERIFY(view->find(QStringLiteral("the-end-marker")));
    QCOMPARE(viewer->selectedText(), QStringLiteral("the-end-marker"));
    QVERIFY(viewer->firstVisibleLine() > viewer->lineCount() - 100);
    viewer->viewport()->repaint();
    QVERIFY(viewer->linesPaintedLastTime() <= screenful);

    // The raw tab shows the start of the body, and says so.
    auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("responseTabs"));
    tabs->setCurrentWidget(view->findChild<QWidget *>(QStringLiteral("rawTab")));
    QCOMPARE(view->rawText().size(), gloo::gui::ResponseView::rawShownBytes());
    QVERIFY(body.startsWith(view->rawText().toUtf8()));
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("rawNoteLabel"))->isVisible());
    view->rawViewer()->horizontalScrollBar()->setValue(1000 * 1000);
    view->rawViewer()->viewport()->repaint();
    QCOMPARE(view->rawViewer()->linesPaintedLastTime(), 1);
}

int main(int argc, char *argv[])
{
    g_home = gloo::test::isolateHome();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_requestconsole"));
    TestRequestConsole test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_requestconsole.moc"
