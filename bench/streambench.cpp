// A streamed chat answer of many events, shown by the chat view as a user
// sees it: the total time until the last frame shows the whole answer, and
// the longest time the event loop was stalled meanwhile. The sandbox's own
// answers are a few dozen events long, so a loopback server sends a long one
// made of the sandbox's chunk objects as fast as the client takes them; the
// sandbox issues the access token.

#include "benchsupport.h"
#include "loopbackserver.h"

#include "core/apiclient.h"
#include "core/chatcontroller.h"
#include "core/modelcatalogloader.h"
#include "core/tokenmanager.h"
#include "gui/chatmessagewidget.h"
#include "gui/chatview.h"
#include "gui/markdownview.h"
#include "sandbox/completionanswer.h"
#include "sandbox/sandboxserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>

#include <memory>

namespace gloo::bench {

namespace {

const QString completionsPath = QStringLiteral("/ai/v2/chat/completions");

// An answer of paragraphs of ordinary words, long enough to give `count`
// pieces, as chat.completion.chunk objects: the role, the pieces, and the
// finish reason, followed by [DONE].
QList<QByteArray> answerEvents(int count)
{
    static const QStringList words =
        QStringLiteral(
            "the quick answer streams in small pieces so that a reader sees it grow while the "
            "model is still writing and the window must stay responsive all the time")
            .split(QLatin1Char(' '));
    QString content;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            content += (i % 60 == 0) ? QStringLiteral("\n\n") : QStringLiteral(" ");
        content += words.at(i % words.size());
    }

    sandbox::CompletionRequest request;
    request.stream = true;
    request.model.id = QStringLiteral("gloo-bench-model");
    sandbox::CompletionAnswer answer;
    answer.id = QStringLiteral("chatcmpl-bench");
    answer.finishReason = QStringLiteral("stop");
    answer.content = content;
    QList<QByteArray> chunks = sandbox::completionChunks(request, answer);

    // Keep the role chunk, the first pieces and the finishing chunk.
    const QByteArray finishing = chunks.takeLast();
    chunks = chunks.first(qMin<qsizetype>(chunks.size(), qMax(1, count - 1)));
    chunks.append(finishing);
    chunks.append(QByteArrayLiteral("[DONE]"));
    return chunks;
}

// The chat view, already on screen with a token at hand, asked one question.
Run chatRun(ApiClient *api)
{
    ModelCatalogLoader catalog(api);
    gui::ChatView view(api, &catalog);
    view.resize(900, 700);
    view.show();
    waitForFrame(&view);

    Run run;
    StallProbe probe;
    EventLoopWait wait;
    Failure failure;
    QObject::connect(view.controller(), &ChatController::replyFinished, &view,
                     [&](const Failure &result) {
                         failure = result;
                         wait.quit();
                     });
    QElapsedTimer clock;
    probe.start();
    clock.start();
    view.setPrompt(QStringLiteral("Write a long answer."));
    view.send();
    if (!wait.exec(120 * 1000)) {
        printNote(QStringLiteral("stream: the answer did not finish"));
        return run;
    }
    // A long answer may still be catching up on screen when the stream ends:
    // the clock stops once the whole of it is rendered and painted.
    const QList<gui::ChatMessageWidget *> messages = view.messageWidgets();
    gui::ChatMessageWidget *reply = messages.isEmpty() ? nullptr : messages.last();
    if (reply && reply->renderedText() != reply->text()) {
        EventLoopWait rendered;
        QObject::connect(reply->body(), &gui::MarkdownView::rendered, &view, [&] {
            if (reply->renderedText() == reply->text())
                rendered.quit();
        });
        if (!rendered.exec(120 * 1000)) {
            printNote(QStringLiteral("stream: the answer was never rendered whole"));
            return run;
        }
    }
    if (!waitForFrame(&view)) {
        printNote(QStringLiteral("stream: no frame after the answer"));
        return run;
    }
    run.totalMs = double(clock.nsecsElapsed()) / 1e6;
    probe.stop();
    run.stallMs = probe.longestGapMs();
    if (failure.isFailure()) {
        printNote(QStringLiteral("stream: the answer failed: %1").arg(failure.message));
        run.totalMs = -1;
    }
    return run;
}

} // namespace

int runStreamBench(const QStringList &arguments)
{
    const int events = intArgument(arguments, QStringLiteral("--events"), 10000);
    const int repeats = intArgument(arguments, QStringLiteral("--repeat"), 5);

    sandbox::SandboxThread tokenServer;
    LoopbackServer server;
    server.setEventStream(completionsPath, answerEvents(events));
    if (!tokenServer.start() || !server.start()) {
        printNote(QStringLiteral("stream: a loopback server could not start"));
        return 1;
    }

    QNetworkAccessManager network;
    TokenManager tokens(&network);
    Environment environment = Environment::custom(server.url({}));
    environment.tokenUrlOverride = tokenServer.baseUrl().resolved(
        QUrl(QStringLiteral("/oauth2/token")));
    tokens.setEnvironment(environment);
    tokens.setCredentials({tokenServer.config().clientId, tokenServer.config().clientSecret});
    ApiClient api(&network, &tokens);

    // The token is fetched before the clock starts: the exchange is measured
    // by the request benchmark.
    EventLoopWait tokenWait;
    QObject::connect(&tokens, &TokenManager::exchangeFinished, &tokens,
                     [&tokenWait] { tokenWait.quit(); });
    tokens.requestToken();
    if (!tokenWait.exec(30 * 1000) || !tokens.hasUsableToken()) {
        printNote(QStringLiteral("stream: no access token from the sandbox"));
        return 1;
    }

    QList<double> totals, stalls, transferTotals, transferStalls;
    for (int i = 0; i < repeats; ++i) {
        const Run chat = chatRun(&api);
        const Run transfer = measureTransfer(server.url(completionsPath), true);
        if (chat.totalMs < 0 || transfer.totalMs < 0)
            return 1;
        totals.append(chat.totalMs);
        stalls.append(chat.stallMs);
        transferTotals.append(transfer.totalMs);
        transferStalls.append(transfer.stallMs);
    }
    printFigure(QStringLiteral("stream.events"), events);
    printFigure(QStringLiteral("stream.total_ms"), median(totals));
    printFigure(QStringLiteral("stream.stall_ms"), median(stalls));
    printFigure(QStringLiteral("stream.transfer_total_ms"), median(transferTotals));
    printFigure(QStringLiteral("stream.transfer_stall_ms"), median(transferStalls));
    return 0;
}

} // namespace gloo::bench
