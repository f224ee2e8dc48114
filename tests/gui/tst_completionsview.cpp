#include "core/apiclient.h"
#include "core/modelcatalogloader.h"
#include "core/tokenmanager.h"
#include "gui/chatmessagewidget.h"
#include "gui/chatoptionsbar.h"
#include "gui/completionsview.h"
#include "gui/failureview.h"
#include "sandbox/completionanswer.h"
#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using gloo::gui::CompletionsView;
using gloo::sandbox::SandboxThread;

// The single-prompt view: the same prompt through Completions V2 and V1, with
// the details of each answer, so that they can be compared.
class TestCompletionsView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void v2AndV1AnswerTheSamePromptWithTheirDetails();
    void streamedCompletionWorksToo();
    void v1WithoutAModelIsExplainedBeforeSending();

private:
    bool sendAndWait();

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<gloo::TokenManager> m_tokens;
    std::unique_ptr<gloo::ApiClient> m_api;
    std::unique_ptr<gloo::ModelCatalogLoader> m_catalog;
    std::unique_ptr<CompletionsView> m_view;
};

void TestCompletionsView::init()
{
    gloo::sandbox::SandboxConfig config;
    config.streamChunkDelayMs = 2;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<gloo::TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({config.clientId, config.clientSecret});
    m_api = std::make_unique<gloo::ApiClient>(m_network.get(), m_tokens.get());
    m_catalog = std::make_unique<gloo::ModelCatalogLoader>(m_api.get());
    m_view = std::make_unique<CompletionsView>(m_api.get(), m_catalog.get());
    m_view->resize(900, 700);
    m_view->show();
}

void TestCompletionsView::cleanup()
{
    m_view.reset();
    m_catalog.reset();
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

bool TestCompletionsView::sendAndWait()
{
    QSignalSpy finished(m_view->controller(), &gloo::ChatController::replyFinished);
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("completionSendButton")),
                      Qt::LeftButton);
    return finished.wait(15000);
}

void TestCompletionsView::v2AndV1AnswerTheSamePromptWithTheirDetails()
{
    const QString prompt = QStringLiteral("Name one virtue.");
    const QString answer = gloo::sandbox::sandboxAnswer(prompt);
    const int tokens = gloo::sandbox::countTokens(answer);
    m_view->setPrompt(prompt);
    QVERIFY(sendAndWait());
    QVERIFY(m_view->answerWidget());
    QCOMPARE(m_view->answerWidget()->text(), answer);
    QVERIFY2(m_view->answerWidget()->detailsText().startsWith(
                 QStringLiteral("gloo-google-gemini-2.5-flash · provider google · routing "
                                "auto_routing · fast tier, 92% confidence · 3 in + %1 out = %2 "
                                "tokens · total ")
                     .arg(tokens)
                     .arg(3 + tokens)),
             qPrintable(m_view->answerWidget()->detailsText()));
    QJsonObject sent = QJsonDocument::fromJson(m_view->sentBodyText().toUtf8()).object();
    QCOMPARE(sent.value(QStringLiteral("auto_routing")), QJsonValue(true));
    QVERIFY(!sent.contains(QStringLiteral("stream")));

    // V1 needs a model; the routing controls switch to the catalog's models.
    m_view->setApi(gloo::CompletionApi::V1);
    QCOMPARE(m_view->optionsBar()->options().routing.mode, gloo::Routing::Mode::Model);
    QTRY_VERIFY_WITH_TIMEOUT(m_catalog->hasLoaded(), 10000);
    m_view->optionsBar()->setRouting(
        {gloo::Routing::Mode::Model, QStringLiteral("gloo-meta-llama-3.1-8b")});
    QVERIFY(sendAndWait());
    QCOMPARE(m_view->answerWidget()->text(), answer);
    // V1 is OpenAI-shaped: the model and usage, but no Gloo routing.
    QVERIFY2(m_view->answerWidget()->detailsText().startsWith(
                 QStringLiteral("gloo-meta-llama-3.1-8b · 3 in + %1 out = %2 tokens · total ")
                     .arg(tokens)
                     .arg(3 + tokens)),
             qPrintable(m_view->answerWidget()->detailsText()));
    sent = QJsonDocument::fromJson(m_view->sentBodyText().toUtf8()).object();
    QCOMPARE(sent.value(QStringLiteral("model")).toString(),
             QStringLiteral("gloo-meta-llama-3.1-8b"));
    QVERIFY(!sent.contains(QStringLiteral("auto_routing")));
    QVERIFY(!sent.contains(QStringLiteral("tradition")));

    QCOMPARE(m_sandbox->apiRequestCount(QStringLiteral("/ai/v2/chat/completions")), 1);
    QCOMPARE(m_sandbox->apiRequestCount(QStringLiteral("/ai/v1/chat/completions")), 1);
    QVERIFY(!m_view->failureView()->isVisible());
    // Each completion stands alone.
    QCOMPARE(m_view->controller()->conversation().messages.size(), 2);
}

void TestCompletionsView::streamedCompletionWorksToo()
{
    m_view->setStreaming(true);
    m_view->setPrompt(QStringLiteral("Stream it"));
    // What the status line says while the answer comes in.
    auto *status = m_view->findChild<QLabel *>(QStringLiteral("completionStatusLabel"));
    QStringList statuses;
    connect(m_view->controller(), &gloo::ChatController::busyChanged, m_view.get(),
            [&statuses, status] { statuses << status->text(); });
    connect(m_view->controller(), &gloo::ChatController::messageChanged, m_view.get(),
            [&statuses, status] { statuses << status->text(); });
    QVERIFY(sendAndWait());
    QCOMPARE(statuses.first(), QStringLiteral("Waiting for the answer…"));
    QVERIFY2(statuses.contains(QStringLiteral("The answer is arriving…")),
             qPrintable(statuses.join(QLatin1Char('|'))));
    QTRY_COMPARE(status->text(), QString());
    const QString answer = gloo::sandbox::sandboxAnswer(QStringLiteral("Stream it"));
    QCOMPARE(m_view->answerWidget()->text(), answer);
    const QJsonObject sent = QJsonDocument::fromJson(m_view->sentBodyText().toUtf8()).object();
    QCOMPARE(sent.value(QStringLiteral("stream")), QJsonValue(true));
    QVERIFY(m_view->answerWidget()->detailsText().contains(
        QStringLiteral("2 in + %1 out").arg(gloo::sandbox::countTokens(answer))));
    // A streamed answer has a first token before its end.
    QVERIFY(m_view->answerWidget()->detailsText().contains(QStringLiteral(" · first token ")));
}

void TestCompletionsView::v1WithoutAModelIsExplainedBeforeSending()
{
    // With the sandbox gone the catalog cannot load, so there is no model.
    m_sandbox->stop();
    m_view->setApi(gloo::CompletionApi::V1);
    m_view->setPrompt(QStringLiteral("Hello"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_catalog->isLoading(), 10000);
    QVERIFY(!m_catalog->hasLoaded());
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("completionSendButton")),
                      Qt::LeftButton);
    QVERIFY(m_view->failureView()->isVisible());
    QCOMPARE(m_view->failureView()->messageText(),
             QStringLiteral("Pick a model. The Models tab loads the catalog."));
    QVERIFY(!m_view->controller()->isBusy());
    QCOMPARE(m_sandbox->apiRequestCount(), 0);
}

QTEST_MAIN(TestCompletionsView)
#include "tst_completionsview.moc"
