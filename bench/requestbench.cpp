// A token exchange and one chat completion against a running sandbox, through
// the client code Gloo Console uses, with a new client for every round so
// that each one pays for its own connections and token, as curl does.

#include "benchsupport.h"

#include "core/apiclient.h"
#include "core/tokenmanager.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>

#include <memory>

namespace gloo::bench {

namespace {

const QByteArray completionBody =
    R"({"messages":[{"role":"user","content":"Hello"}],"auto_routing":true})";

// One round: returns the time in milliseconds, or a negative value when the
// request did not end with a 200.
double oneRound(const QUrl &baseUrl, const ClientCredentials &credentials)
{
    QElapsedTimer clock;
    clock.start();

    auto network = std::make_unique<QNetworkAccessManager>();
    auto tokens = std::make_unique<TokenManager>(network.get());
    tokens->setEnvironment(Environment::custom(baseUrl));
    tokens->setCredentials(credentials);
    auto api = std::make_unique<ApiClient>(network.get(), tokens.get());

    ApiRequest request;
    request.target = QStringLiteral("/ai/v2/chat/completions");
    request.body = completionBody;
    ApiCall *call = api->send(request);
    EventLoopWait wait;
    QObject::connect(call, &ApiCall::finished, call, [&wait] { wait.quit(); });
    const bool finished = call->isFinished() || wait.exec(30 * 1000);
    const double elapsedMs = double(clock.nsecsElapsed()) / 1e6;

    const int status = call->response().status;
    delete call;
    if (!finished || status != 200) {
        printNote(QStringLiteral("request: the completion ended with status %1").arg(status));
        return -1;
    }
    return elapsedMs;
}

} // namespace

int runRequestBench(const QStringList &arguments)
{
    const QUrl baseUrl(stringArgument(arguments, QStringLiteral("--base-url")));
    const int rounds = intArgument(arguments, QStringLiteral("--iterations"), 30);
    if (!baseUrl.isValid() || baseUrl.isEmpty()) {
        printNote(QStringLiteral("request: --base-url of a running gloo-sandbox is needed"));
        return 2;
    }
    const ClientCredentials credentials{stringArgument(arguments, QStringLiteral("--client-id")),
                                        stringArgument(arguments,
                                                       QStringLiteral("--client-secret"))};

    // The first round loads Qt's network plugins and proxy settings once per
    // process; curl's first run is discarded the same way.
    if (oneRound(baseUrl, credentials) < 0)
        return 1;
    QList<double> times;
    for (int i = 0; i < rounds; ++i) {
        const double ms = oneRound(baseUrl, credentials);
        if (ms < 0)
            return 1;
        times.append(ms);
    }
    printFigure(QStringLiteral("request.client_ms"), median(times));
    return 0;
}

} // namespace gloo::bench
