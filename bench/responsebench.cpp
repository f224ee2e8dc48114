// A large JSON answer in the request console: the time from Send until the
// formatted body is on screen, and the longest stall of the event loop
// meanwhile. A loopback server sends the body, since the sandbox's answers
// are small; the console sends no token, so none is needed.

#include "benchsupport.h"
#include "loopbackserver.h"

#include "core/apiclient.h"
#include "core/tokenmanager.h"
#include "gui/requestconsole.h"
#include "gui/responseview.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

namespace gloo::bench {

namespace {

const QString bodyPath = QStringLiteral("/bench/large.json");

// A list of records shaped like an API's answer: strings, numbers, booleans,
// nulls and nested objects and arrays, about `bytes` long.
QByteArray largeJson(qint64 bytes)
{
    QByteArray json = R"({"object":"list","data":[)";
    for (int i = 0; json.size() < bytes; ++i) {
        if (i > 0)
            json += ',';
        const QByteArray n = QByteArray::number(i);
        json += R"({"id":"item-)" + n + R"(","index":)" + n + R"(,"score":0.)"
                + QByteArray::number(i % 997) + R"(,"active":)" + (i % 3 == 0 ? "true" : "false")
                + R"(,"parent":null,"tags":["alpha","beta","gamma"],)"
                + R"("text":"A sentence of ordinary text that stands for a passage the )"
                + R"(search returned, with an escaped \"quote\" and a line\nbreak.",)"
                + R"("meta":{"source":"bench","page":)" + n + R"(}})";
    }
    json += R"(],"has_more":false})";
    return json;
}

Run consoleRun(ApiClient *api, const QUrl &url)
{
    QTemporaryDir historyFolder;
    gui::RequestConsole console(api, historyFolder.path());
    console.resize(1180, 760);
    console.setMethod(QStringLiteral("GET"));
    console.setTarget(url.toString());
    console.setSendsAccessToken(false);
    console.setBody({});
    console.show();
    waitForFrame(&console);

    Run run;
    StallProbe probe;
    EventLoopWait wait;
    QObject::connect(console.responseView(), &gui::ResponseView::loaded, &console,
                     [&wait] { wait.quit(); });
    QElapsedTimer clock;
    probe.start();
    clock.start();
    console.send();
    if (!wait.exec(120 * 1000) || !waitForFrame(&console)) {
        printNote(QStringLiteral("response: the body was not shown in time"));
        return run;
    }
    run.totalMs = double(clock.nsecsElapsed()) / 1e6;
    probe.stop();
    run.stallMs = probe.longestGapMs();

    if (!console.statusText().startsWith(QLatin1String("200"))
        || console.responseBodyText().isEmpty()) {
        printNote(QStringLiteral("response: the console shows \"%1\" and no body")
                      .arg(console.statusText()));
        run.totalMs = -1;
    }
    return run;
}

} // namespace

int runResponseBench(const QStringList &arguments)
{
    const int megabytes = intArgument(arguments, QStringLiteral("--megabytes"), 20);
    const int repeats = intArgument(arguments, QStringLiteral("--repeat"), 5);

    LoopbackServer server;
    server.setJson(bodyPath, largeJson(qint64(megabytes) * 1024 * 1024));
    if (!server.start()) {
        printNote(QStringLiteral("response: the loopback server could not start"));
        return 1;
    }
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(Environment::custom(server.url({})));
    ApiClient api(&network, &tokens);

    QList<double> totals, stalls, transferTotals, transferStalls;
    for (int i = 0; i < repeats; ++i) {
        const Run shown = consoleRun(&api, server.url(bodyPath));
        const Run transfer = measureTransfer(server.url(bodyPath), false);
        if (shown.totalMs < 0 || transfer.totalMs < 0)
            return 1;
        totals.append(shown.totalMs);
        stalls.append(shown.stallMs);
        transferTotals.append(transfer.totalMs);
        transferStalls.append(transfer.stallMs);
    }
    printFigure(QStringLiteral("response.megabytes"), megabytes);
    printFigure(QStringLiteral("response.total_ms"), median(totals));
    printFigure(QStringLiteral("response.stall_ms"), median(stalls));
    printFigure(QStringLiteral("response.transfer_total_ms"), median(transferTotals));
    printFigure(QStringLiteral("response.transfer_stall_ms"), median(transferStalls));
    return 0;
}

} // namespace gloo::bench
