#include "core/apiclient.h"
#include "core/chatcontroller.h"
#include "core/tokenmanager.h"
#include "sandbox/completionanswer.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using gloo::ChatController;
using gloo::ChatMessage;
using gloo::Failure;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;
using State = ChatMessage::State;

namespace {

const QString completionsPath = QStringLiteral("/ai/v2/chat/completions");

Failure waitForReply(ChatController &chat)
{
    QSignalSpy finished(&chat, &ChatController::replyFinished);
    if (chat.isBusy() && !finished.wait(15000))
        return Failure::make(Failure::Kind::Timeout, QStringLiteral("no reply in the test"));
    return finished.isEmpty() ? Failure() : finished.first().first().value<Failure>();
}

// The sandbox's own answer, so that the tests follow its wording.
QString fullAnswer(const QString &question)
{
    return gloo::sandbox::sandboxAnswer(question);
}

// An API server on 127.0.0.1 that starts a streamed answer, sends a few
// pieces of it and then falls silent with the connection still open, as a
// stalled upstream model does.
class StallingServer
{
public:
    // With 'rawThenEnd', each piece is sent as the data of an event as it
    // is (not as a completion chunk), and the stream then ends.
    explicit StallingServer(QStringList pieces, bool rawThenEnd = false)
        : m_pieces(std::move(pieces))
        , m_rawThenEnd(rawThenEnd)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket] { answer(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl baseUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &request = m_requests[socket];
        request += socket->readAll();
        // The body does not matter; the answer starts once the headers are in.
        if (!request.contains("\r\n\r\n") || socket->property("answered").toBool())
            return;
        socket->setProperty("answered", true);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        if (m_rawThenEnd) {
            for (const QString &piece : m_pieces) {
                const QByteArray event = "data: " + piece.toUtf8() + "\n\n";
                socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
            }
            socket->write("0\r\n\r\n");
            socket->flush();
            return;
        }
        for (const QString &piece : m_pieces) {
            const QJsonObject chunk{
                {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                {QStringLiteral("model"), QStringLiteral("gloo-stalling-model")},
                {QStringLiteral("choices"),
                 QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                        {QStringLiteral("delta"),
                                         QJsonObject{{QStringLiteral("content"), piece}}},
                                        {QStringLiteral("finish_reason"), QJsonValue::Null}}}}};
            const QByteArray event = "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact)
                                     + "\n\n";
            socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
        }
        socket->flush();
    }

    QTcpServer m_server;
    QStringList m_pieces;
    bool m_rawThenEnd = false;
    QHash<QTcpSocket *, QByteArray> m_requests;
};

} // namespace

// The chat controller against the sandbox over 127.0.0.1: streamed replies,
// Stop, Regenerate, and the ends a stream can meet.
class TestChatController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void streamedReplyGrowsAndCarriesItsDetails();
    void historyGoesWithEveryTurn();
    void stopKeepsWhatArrived();
    void changingTheEnvironmentStopsTheReply();
    void anotherServerIsNotToldTheEarlierConversation();
    void regenerateSendsTheSameHistoryAgain();
    void errorEventKeepsWhatArrived();
    void droppedConnectionKeepsWhatArrived();
    void failureBeforeAnyTextLeavesNoEmptyReply();
    void wholeAnswerFromCompletionsV1();
    void nothingIsSentWhenTheOptionsAreIncomplete();
    void streamSlowerThanTheIdleTimeoutInAllSucceeds();
    void silentStreamFailsAndKeepsWhatArrived();
    void aStreamOfUnreadableEventsSaysNoTextArrived();
    void silenceBeforeTheFirstByteFails();

private:
    void start(int chunkDelayMs);

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<gloo::TokenManager> m_tokens;
    std::unique_ptr<gloo::ApiClient> m_api;
    std::unique_ptr<ChatController> m_chat;
};

void TestChatController::init()
{
    start(5);
}

void TestChatController::start(int chunkDelayMs)
{
    cleanup();
    SandboxConfig config;
    config.streamChunkDelayMs = chunkDelayMs;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<gloo::TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({config.clientId, config.clientSecret});
    m_api = std::make_unique<gloo::ApiClient>(m_network.get(), m_tokens.get());
    m_chat = std::make_unique<ChatController>(m_api.get());
}

void TestChatController::cleanup()
{
    m_chat.reset();
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestChatController::streamedReplyGrowsAndCarriesItsDetails()
{
    QSignalSpy changed(m_chat.get(), &ChatController::messageChanged);
    QVERIFY(!m_chat->send(QStringLiteral("What is grace?")).isFailure());
    QVERIFY(m_chat->isBusy());
    const Failure failure = waitForReply(*m_chat);
    QVERIFY2(!failure.isFailure(), qPrintable(failure.summary()));

    // Many pieces, each shown as it came.
    QVERIFY2(changed.size() > 10, qPrintable(QString::number(changed.size())));
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Complete);
    QVERIFY(reply.content.startsWith(QStringLiteral("Sandbox reply to: \"What is grace?\".")));
    QCOMPARE(reply.reply.model, QStringLiteral("gloo-google-gemini-2.5-flash"));
    QCOMPARE(reply.reply.provider, QStringLiteral("google"));
    QCOMPARE(reply.reply.routingMechanism, QStringLiteral("auto_routing"));
    QCOMPARE(reply.reply.routingTier, QStringLiteral("fast"));
    QCOMPARE(reply.reply.routingConfidence, 0.92);
    QCOMPARE(reply.reply.usage.promptTokens, 3);
    QCOMPARE(reply.reply.usage.completionTokens, int(reply.content.split(QLatin1Char(' ')).size()));
    QVERIFY(reply.firstTokenMs >= 0);
    QVERIFY(reply.totalMs >= reply.firstTokenMs);
}

void TestChatController::historyGoesWithEveryTurn()
{
    m_chat->setSystemPrompt(QStringLiteral("Be brief."));
    QVERIFY(!m_chat->send(QStringLiteral("First")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());
    QVERIFY(!m_chat->send(QStringLiteral("Second")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());

    const QJsonArray sent = QJsonDocument::fromJson(m_chat->lastRequestBody())
                                .object()
                                .value(QStringLiteral("messages"))
                                .toArray();
    QCOMPARE(sent.size(), 4);
    QCOMPARE(sent.at(0).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Be brief."));
    QCOMPARE(sent.at(2).toObject().value(QStringLiteral("content")).toString(),
             m_chat->conversation().messages.at(1).content);
    QCOMPARE(sent.at(3).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Second"));
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 2);
}

void TestChatController::stopKeepsWhatArrived()
{
    QSignalSpy changed(m_chat.get(), &ChatController::messageChanged);
    QVERIFY(!m_chat->send(QStringLiteral("Tell me a long story")).isFailure());
    QVERIFY(changed.wait(10000));
    QSignalSpy finished(m_chat.get(), &ChatController::replyFinished);
    m_chat->stop();

    // At once, not when the stream would have ended.
    QCOMPARE(finished.size(), 1);
    QVERIFY(!m_chat->isBusy());
    QVERIFY(!finished.first().first().value<Failure>().isFailure());
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Stopped);
    QVERIFY(!reply.content.isEmpty());
    QVERIFY(reply.content.size() < fullAnswer(QStringLiteral("Tell me a long story")).size());
    QVERIFY(fullAnswer(QStringLiteral("Tell me a long story")).startsWith(reply.content));
    const QString kept = reply.content;
    QTest::qWait(100);
    QCOMPARE(m_chat->conversation().messages.at(1).content, kept);
}

void TestChatController::changingTheEnvironmentStopsTheReply()
{
    QSignalSpy changed(m_chat.get(), &ChatController::messageChanged);
    QVERIFY(!m_chat->send(QStringLiteral("Tell me a long story")).isFailure());
    QVERIFY(changed.wait(10000));
    QSignalSpy finished(m_chat.get(), &ChatController::replyFinished);
    // The user picks another profile while the answer still streams in.
    m_tokens->setEnvironment(gloo::Environment::custom(QUrl(QStringLiteral("http://127.0.0.1:9"))));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!m_chat->isBusy());
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Stopped);
    QVERIFY(reply.content.size() < fullAnswer(QStringLiteral("Tell me a long story")).size());
}

void TestChatController::anotherServerIsNotToldTheEarlierConversation()
{
    QVERIFY(!m_chat->send(QStringLiteral("First")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());

    // The user picks a profile on another server and asks on.
    SandboxThread other;
    QVERIFY(other.start());
    QSignalSpy firstSent(m_chat.get(), &ChatController::firstSentChanged);
    m_tokens->setEnvironment(gloo::Environment::custom(other.baseUrl()));
    QCOMPARE(firstSent.size(), 1);
    QCOMPARE(firstSent.first().first().value<qsizetype>(), qsizetype(2));
    QVERIFY(!m_chat->send(QStringLiteral("Second")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());
    const auto sentMessages = [this] {
        QStringList contents;
        const QJsonArray sent = QJsonDocument::fromJson(m_chat->lastRequestBody())
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
        for (const QJsonValue &message : sent)
            contents << message.toObject().value(QStringLiteral("content")).toString();
        return contents;
    };
    QCOMPARE(sentMessages(), QStringList{QStringLiteral("Second")});
    QCOMPARE(other.apiRequestCount(completionsPath), 1);
    // Everything stays in the conversation on screen.
    QCOMPARE(m_chat->conversation().messages.size(), 4);

    // A question asked of the first server is not regenerated on the second.
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    QCOMPARE(m_chat->conversation().firstSent, qsizetype(4));
    const int asked = m_sandbox->apiRequestCount(completionsPath);
    const Failure refused = m_chat->regenerate();
    QVERIFY(refused.isFailure());
    QVERIFY2(refused.message.contains(QStringLiteral("send it again")),
             qPrintable(refused.message));
    QCOMPARE(m_chat->conversation().messages.size(), 4);
    QTest::qWait(100);
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), asked);

    // Another account on the same server starts again too.
    QVERIFY(!m_chat->send(QStringLiteral("Third")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());
    QCOMPARE(sentMessages(), QStringList{QStringLiteral("Third")});
    SandboxConfig config;
    m_tokens->setCredentials({QStringLiteral("another-client"), config.clientSecret});
    QCOMPARE(m_chat->conversation().firstSent, qsizetype(6));
    // Typing the same Client ID again is no switch.
    m_tokens->setCredentials({QStringLiteral("another-client"), QStringLiteral("typed again")});
    QCOMPARE(firstSent.size(), 3);

    // A new chat starts from the beginning again.
    m_chat->clear();
    QCOMPARE(m_chat->conversation().firstSent, qsizetype(0));
}

void TestChatController::regenerateSendsTheSameHistoryAgain()
{
    QVERIFY(!m_chat->send(QStringLiteral("Once")).isFailure());
    QVERIFY(!waitForReply(*m_chat).isFailure());
    const QByteArray firstBody = m_chat->lastRequestBody();

    QSignalSpy truncated(m_chat.get(), &ChatController::messagesTruncated);
    QVERIFY(!m_chat->regenerate().isFailure());
    QCOMPARE(truncated.size(), 1);
    QCOMPARE(truncated.first().first().value<qsizetype>(), qsizetype(1));
    QVERIFY(!waitForReply(*m_chat).isFailure());

    QCOMPARE(m_chat->lastRequestBody(), firstBody);
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 2);
    QCOMPARE(m_chat->conversation().messages.size(), 2);
    QCOMPARE(m_chat->conversation().messages.at(1).state, State::Complete);
}

void TestChatController::errorEventKeepsWhatArrived()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.streamErrorCount = 1;
        plan.streamErrorAfterEvents = 6;
    });
    QVERIFY(!m_chat->send(QStringLiteral("What is hope?")).isFailure());
    const Failure failure = waitForReply(*m_chat);

    QCOMPARE(failure.kind, Failure::Kind::ServerError);
    QVERIFY2(failure.message.startsWith(QStringLiteral("The server reported an error in the "
                                                       "middle of the answer")),
             qPrintable(failure.message));
    QVERIFY(!failure.requestId.isEmpty());
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Interrupted);
    QVERIFY(!reply.content.isEmpty());
    QVERIFY(reply.content.size() < fullAnswer(QStringLiteral("What is hope?")).size());
    QVERIFY(fullAnswer(QStringLiteral("What is hope?")).startsWith(reply.content));
}

void TestChatController::droppedConnectionKeepsWhatArrived()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.streamDropCount = 1;
        plan.streamDropAfterEvents = 6;
    });
    QVERIFY(!m_chat->send(QStringLiteral("What is hope?")).isFailure());
    const Failure failure = waitForReply(*m_chat);

    QCOMPARE(failure.kind, Failure::Kind::Network);
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Interrupted);
    QCOMPARE(reply.failure.kind, Failure::Kind::Network);
    QVERIFY(!reply.content.isEmpty());
    QVERIFY(reply.content.size() < fullAnswer(QStringLiteral("What is hope?")).size());
    QVERIFY(fullAnswer(QStringLiteral("What is hope?")).startsWith(reply.content));
}

void TestChatController::failureBeforeAnyTextLeavesNoEmptyReply()
{
    gloo::CompletionOptions options;
    options.routing = {gloo::Routing::Mode::Model, QStringLiteral("gloo-no-such-model")};
    m_chat->setOptions(options);
    QVERIFY(!m_chat->send(QStringLiteral("Hello")).isFailure());
    const Failure failure = waitForReply(*m_chat);

    QCOMPARE(failure.kind, Failure::Kind::InvalidRequest);
    QCOMPARE(failure.httpStatus, 400);
    QCOMPARE(m_chat->conversation().messages.size(), 1);
    QCOMPARE(m_chat->conversation().messages.at(0).content, QStringLiteral("Hello"));
}

void TestChatController::wholeAnswerFromCompletionsV1()
{
    gloo::CompletionOptions options;
    options.api = gloo::CompletionApi::V1;
    options.stream = false;
    options.routing = {gloo::Routing::Mode::Model, QStringLiteral("gloo-meta-llama-3.1-8b")};
    m_chat->setOptions(options);
    QVERIFY(!m_chat->send(QStringLiteral("Hello")).isFailure());
    const Failure failure = waitForReply(*m_chat);
    QVERIFY2(!failure.isFailure(), qPrintable(failure.summary()));

    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Complete);
    QVERIFY(reply.content.startsWith(QStringLiteral("Sandbox reply to: \"Hello\".")));
    QCOMPARE(reply.reply.model, QStringLiteral("gloo-meta-llama-3.1-8b"));
    QVERIFY(reply.reply.routingMechanism.isEmpty()); // V1 has no Gloo routing fields
    QCOMPARE(reply.reply.usage.promptTokens, 1);
    QCOMPARE(m_sandbox->apiRequestCount(QStringLiteral("/ai/v1/chat/completions")), 1);
}

void TestChatController::nothingIsSentWhenTheOptionsAreIncomplete()
{
    gloo::CompletionOptions options;
    options.routing = {gloo::Routing::Mode::Model, QString()};
    m_chat->setOptions(options);
    const Failure failure = m_chat->send(QStringLiteral("Hello"));
    QCOMPARE(failure.kind, Failure::Kind::InvalidRequest);
    QCOMPARE(failure.message, QStringLiteral("Pick a model. The Models tab loads the catalog."));
    QVERIFY(!m_chat->isBusy());
    QVERIFY(m_chat->conversation().messages.isEmpty());
    QCOMPARE(m_chat->send(QStringLiteral("  ")).message, QStringLiteral("Type a question first."));
}

void TestChatController::streamSlowerThanTheIdleTimeoutInAllSucceeds()
{
    start(40);
    m_chat->setIdleTimeout(300);
    const QString question = QStringLiteral("Tell me a long story");
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!m_chat->send(question).isFailure());
    const Failure failure = waitForReply(*m_chat);
    QVERIFY2(!failure.isFailure(), qPrintable(failure.summary()));

    // The whole answer took far longer than the idle timeout.
    QVERIFY2(clock.elapsed() > 3 * m_chat->idleTimeout(),
             qPrintable(QString::number(clock.elapsed())));
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Complete);
    QCOMPARE(reply.content, fullAnswer(question));
}

void TestChatController::aStreamOfUnreadableEventsSaysNoTextArrived()
{
    StallingServer garbage({QStringLiteral("not json"), QStringLiteral("{broken")}, true);
    QVERIFY(garbage.listen());
    gloo::Environment environment = gloo::Environment::custom(garbage.baseUrl());
    environment.tokenUrlOverride = m_sandbox->baseUrl().resolved(
        QUrl(QStringLiteral("/oauth2/token")));
    m_tokens->setEnvironment(environment);

    QVERIFY(!m_chat->send(QStringLiteral("Anything?")).isFailure());
    const Failure failure = waitForReply(*m_chat);
    QVERIFY(failure.isFailure());
    // Nothing is shown, so nothing is said to be.
    QVERIFY2(!failure.nextStep.contains(QStringLiteral("What arrived is shown")),
             qPrintable(failure.nextStep));
    QVERIFY(!m_chat->isBusy());
}

void TestChatController::silentStreamFailsAndKeepsWhatArrived()
{
    StallingServer stalling({QStringLiteral("The first words "), QStringLiteral("and then ")});
    QVERIFY(stalling.listen());
    gloo::Environment environment = gloo::Environment::custom(stalling.baseUrl());
    environment.tokenUrlOverride = m_sandbox->baseUrl().resolved(
        QUrl(QStringLiteral("/oauth2/token")));
    m_tokens->setEnvironment(environment);
    m_chat->setIdleTimeout(300);

    QElapsedTimer clock;
    clock.start();
    QVERIFY(!m_chat->send(QStringLiteral("Are you there?")).isFailure());
    const Failure failure = waitForReply(*m_chat);

    QCOMPARE(failure.kind, Failure::Kind::Timeout);
    QCOMPARE(failure.message,
             QStringLiteral("The server stopped sending: nothing arrived for 0.3 seconds."));
    QCOMPARE(failure.nextStep, QStringLiteral("What arrived is shown. Regenerate to ask again."));
    QVERIFY2(clock.elapsed() >= 250 && clock.elapsed() < 5000,
             qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!m_chat->isBusy());
    QCOMPARE(m_chat->conversation().messages.size(), 2);
    const ChatMessage &reply = m_chat->conversation().messages.at(1);
    QCOMPARE(reply.state, State::Interrupted);
    QCOMPARE(reply.content, QStringLiteral("The first words and then "));
    QCOMPARE(reply.failure.kind, Failure::Kind::Timeout);
}

void TestChatController::silenceBeforeTheFirstByteFails()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) { plan.apiDelayMs = 3000; });
    m_chat->setIdleTimeout(250);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!m_chat->send(QStringLiteral("Hello?")).isFailure());
    const Failure failure = waitForReply(*m_chat);

    QCOMPARE(failure.kind, Failure::Kind::Timeout);
    QCOMPARE(failure.message,
             QStringLiteral("The server did not start answering within 0.25 seconds."));
    QVERIFY2(clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
    // The server is on this computer: the internet connection is not to blame.
    QCOMPARE(failure.nextStep, Failure::localServerNextStep(false));
    // Nothing arrived, so no empty reply is left behind.
    QCOMPARE(m_chat->conversation().messages.size(), 1);
}

QTEST_GUILESS_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
