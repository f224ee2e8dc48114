// A token exchange and one chat completion against a running sandbox, through
// the client code Gloo Console uses, with a new client for every round so
// that each one pays for its own connections and token, as curl does. The
// same two requests also go through a bare QNetworkAccessManager, which
// shows how much of the time is Qt's HTTP client and how much the client
// code's own work (token parsing, renewal timers, failure handling), and,
// with --curl, through two curl processes, timed by curl itself
// (time_total, which leaves out starting curl). The three take turns in every
// round, so the machine's load weighs on all alike.

#include "benchsupport.h"

#include "core/apiclient.h"
#include "core/clientcredentials.h"
#include "core/tokenmanager.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>

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

// The same two requests through a bare QNetworkAccessManager: the token
// taken from the answer without any checks, no timers, no logging.
double oneBareRound(const QUrl &baseUrl, const ClientCredentials &credentials)
{
    QElapsedTimer clock;
    clock.start();
    QNetworkAccessManager network;
    EventLoopWait wait;
    const auto finish = [&wait](QNetworkReply *reply) {
        QObject::connect(reply, &QNetworkReply::finished, reply, [&wait] { wait.quit(); });
        return reply->isFinished() || wait.exec(30 * 1000);
    };

    QNetworkRequest tokenRequest(baseUrl.resolved(QUrl(QStringLiteral("/oauth2/token"))));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                           QStringLiteral("application/x-www-form-urlencoded"));
    tokenRequest.setRawHeader("Authorization", basicAuthorization(credentials));
    std::unique_ptr<QNetworkReply> tokenReply(
        network.post(tokenRequest, "grant_type=client_credentials&scope=api/access"));
    if (!finish(tokenReply.get()))
        return -1;
    const QString token = QJsonDocument::fromJson(tokenReply->readAll())
                              .object()
                              .value(QLatin1String("access_token"))
                              .toString();

    QNetworkRequest completion(baseUrl.resolved(QUrl(QStringLiteral("/ai/v2/chat/completions"))));
    completion.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    completion.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    std::unique_ptr<QNetworkReply> reply(network.post(completion, completionBody));
    if (!finish(reply.get()))
        return -1;
    reply->readAll();
    const double elapsedMs = double(clock.nsecsElapsed()) / 1e6;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        printNote(QStringLiteral("request: the bare completion ended with status %1").arg(status));
        return -1;
    }
    return elapsedMs;
}

// One curl run: its output's last line is "status time_total". Returns the
// body before that line, and the time in ms (negative on failure).
double runCurl(const QString &curl, const QStringList &arguments, QByteArray *body)
{
    QProcess process;
    process.start(curl, QStringList{QStringLiteral("-sS"), QStringLiteral("-w"),
                                    QStringLiteral("\n%{http_code} %{time_total}")}
                            + arguments);
    if (!process.waitForFinished(30 * 1000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        printNote(QStringLiteral("request: curl failed: %1")
                      .arg(QString::fromLocal8Bit(process.readAllStandardError())));
        return -1;
    }
    const QByteArray output = process.readAllStandardOutput();
    const qsizetype lastLine = output.lastIndexOf('\n');
    const QList<QByteArray> figures = output.mid(lastLine + 1).split(' ');
    if (figures.size() != 2 || figures.at(0) != "200") {
        printNote(QStringLiteral("request: curl's answer was not a 200"));
        return -1;
    }
    if (body)
        *body = output.left(qMax<qsizetype>(lastLine, 0));
    return figures.at(1).toDouble() * 1000;
}

// The same two requests with curl, as a person would type them.
double oneCurlRound(const QString &curl, const QUrl &baseUrl, const ClientCredentials &credentials)
{
    QByteArray answer;
    const double tokenMs = runCurl(
        curl,
        {QStringLiteral("-u"), credentials.clientId + QLatin1Char(':') + credentials.clientSecret,
         QStringLiteral("-d"), QStringLiteral("grant_type=client_credentials&scope=api/access"),
         baseUrl.resolved(QUrl(QStringLiteral("/oauth2/token"))).toString()},
        &answer);
    if (tokenMs < 0)
        return -1;
    const QString token =
        QJsonDocument::fromJson(answer).object().value(QLatin1String("access_token")).toString();
    const double completionMs = runCurl(
        curl,
        {QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-H"),
         QStringLiteral("Authorization: Bearer ") + token, QStringLiteral("-H"),
         QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-binary"),
         QString::fromUtf8(completionBody),
         baseUrl.resolved(QUrl(QStringLiteral("/ai/v2/chat/completions"))).toString()},
        nullptr);
    return completionMs < 0 ? -1 : tokenMs + completionMs;
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
    const QString curl = stringArgument(arguments, QStringLiteral("--curl"));

    // The first round loads Qt's network plugins and proxy settings once per
    // process; curl's first run is discarded the same way.
    if (oneRound(baseUrl, credentials) < 0)
        return 1;
    if (oneBareRound(baseUrl, credentials) < 0)
        return 1;
    if (!curl.isEmpty() && oneCurlRound(curl, baseUrl, credentials) < 0)
        return 1;
    // Taking turns, so that the machine's load weighs on all alike.
    QList<double> times;
    QList<double> bareTimes;
    QList<double> curlTimes;
    for (int i = 0; i < rounds; ++i) {
        // Who goes first changes every round: whatever runs right after the
        // curl processes finds colder caches.
        double ms = 0;
        double bareMs = 0;
        double curlMs = 0;
        for (int turn = 0; turn < 3; ++turn) {
            switch ((i + turn) % 3) {
            case 0: ms = oneRound(baseUrl, credentials); break;
            case 1: bareMs = oneBareRound(baseUrl, credentials); break;
            default: curlMs = curl.isEmpty() ? 0 : oneCurlRound(curl, baseUrl, credentials); break;
            }
        }
        if (ms < 0 || bareMs < 0 || curlMs < 0)
            return 1;
        times.append(ms);
        bareTimes.append(bareMs);
        curlTimes.append(curlMs);
    }
    printFigure(QStringLiteral("request.client_ms"), median(times));
    printFigure(QStringLiteral("request.qnam_ms"), median(bareTimes));
    if (!curl.isEmpty())
        printFigure(QStringLiteral("request.curl_ms"), median(curlTimes));
    return 0;
}

} // namespace gloo::bench
