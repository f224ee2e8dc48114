// gloo-sandbox: runs the Gloo-compatible sandbox server on 127.0.0.1 until
// the process is stopped, for trying Gloo Console or any other client without
// real credentials.

#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QTextStream>

#include <optional>

namespace {

constexpr quint16 defaultPort = 8787;
constexpr int maxTokenLifetimeSeconds = 7 * 24 * 3600;
constexpr int maxDelayMs = 600000;

class SandboxCommand
{
    Q_DECLARE_TR_FUNCTIONS(SandboxCommand)

public:
    int run(const QCoreApplication &app);

private:
    std::optional<int> intOption(const QCommandLineOption &option, int minimum, int maximum) const;
    std::optional<gloo::sandbox::FaultPlan> faultOptions(const QCommandLineOption &faults,
                                                         const QCommandLineOption &tokenDelay,
                                                         const QCommandLineOption &apiDelay) const;
    void printWelcome(const gloo::sandbox::SandboxServer &server, bool demoSecret) const;

    QCommandLineParser m_parser;
};

int SandboxCommand::run(const QCoreApplication &app)
{
    const gloo::sandbox::SandboxConfig defaults;

    m_parser.setApplicationDescription(
        tr("A local server that answers like the Gloo AI API, with demo credentials and "
           "predictable replies. It listens on 127.0.0.1 only."));
    m_parser.addHelpOption();

    const QCommandLineOption portOption(
        {QStringLiteral("p"), QStringLiteral("port")},
        tr("Port to listen on (default %1); 0 picks a free one.").arg(defaultPort), tr("port"),
        QString::number(defaultPort));
    const QCommandLineOption lifetimeOption(
        QStringLiteral("token-lifetime"),
        tr("Lifetime of access tokens in seconds (default %1); a short one shows renewal.")
            .arg(defaults.tokenLifetimeSeconds),
        tr("seconds"), QString::number(defaults.tokenLifetimeSeconds));
    const QCommandLineOption clientIdOption(
        QStringLiteral("client-id"), tr("Client ID to accept (default %1).").arg(defaults.clientId),
        tr("id"), defaults.clientId);
    const QCommandLineOption clientSecretOption(QStringLiteral("client-secret"),
                                                tr("Client secret to accept (default %1, "
                                                   "public demo data).")
                                                    .arg(defaults.clientSecret),
                                                tr("secret"), defaults.clientSecret);
    const QCommandLineOption chunkDelayOption(
        QStringLiteral("stream-chunk-delay"),
        tr("Pause before each event of a streamed completion, in milliseconds (default %1).")
            .arg(defaults.streamChunkDelayMs),
        tr("ms"), QString::number(defaults.streamChunkDelayMs));
    const QCommandLineOption tokenDelayOption(
        QStringLiteral("token-delay"),
        tr("Make every answer of the token endpoint wait this many milliseconds."), tr("ms"),
        QStringLiteral("0"));
    const QCommandLineOption apiDelayOption(
        QStringLiteral("api-delay"),
        tr("Make every answer of the API endpoints wait this many milliseconds."), tr("ms"),
        QStringLiteral("0"));
    const QCommandLineOption faultsOption(
        QStringLiteral("faults"),
        tr("Faults to inject from the start, as the JSON that POST /_sandbox/control takes, "
           "for example '{\"token_failure\": {\"status\": 503, \"count\": 2}}'."),
        tr("json"));
    const QCommandLineOption noControlOption(
        QStringLiteral("no-control"),
        tr("Do not serve POST /_sandbox/control and GET /_sandbox/stats."));
    m_parser.addOptions({portOption, lifetimeOption, clientIdOption, clientSecretOption,
                         chunkDelayOption, tokenDelayOption, apiDelayOption, faultsOption,
                         noControlOption});
    m_parser.process(app);

    const auto port = intOption(portOption, 0, 65535);
    const auto lifetime = intOption(lifetimeOption, 1, maxTokenLifetimeSeconds);
    const auto chunkDelay = intOption(chunkDelayOption, 0, maxDelayMs);
    const auto faults = faultOptions(faultsOption, tokenDelayOption, apiDelayOption);
    if (!port || !lifetime || !chunkDelay || !faults)
        return 2;

    gloo::sandbox::SandboxConfig config;
    config.clientId = m_parser.value(clientIdOption);
    config.clientSecret = m_parser.value(clientSecretOption);
    if (config.clientId.isEmpty() || config.clientSecret.isEmpty()) {
        QTextStream(stderr) << tr("gloo-sandbox: --client-id and --client-secret must not be "
                                  "empty.")
                            << Qt::endl;
        return 2;
    }
    config.tokenLifetimeSeconds = *lifetime;
    config.streamChunkDelayMs = *chunkDelay;
    config.controlEndpoints = !m_parser.isSet(noControlOption);

    gloo::sandbox::SandboxServer server(config);
    server.setFaultPlan(*faults);
    if (!server.listen(quint16(*port))) {
        QTextStream(stderr) << server.errorString() << Qt::endl;
        return 1;
    }

    printWelcome(server, !m_parser.isSet(clientSecretOption));
    return QCoreApplication::exec();
}

// A whole number within [minimum, maximum] from an option; on anything else
// it says on stderr what was expected.
std::optional<int> SandboxCommand::intOption(const QCommandLineOption &option, int minimum,
                                             int maximum) const
{
    bool ok = false;
    const int value = m_parser.value(option).toInt(&ok);
    if (ok && value >= minimum && value <= maximum)
        return value;

    QTextStream(stderr) << tr("--%1 must be a whole number from %2 to %3.")
                               .arg(option.names().constLast())
                               .arg(minimum)
                               .arg(maximum)
                        << Qt::endl;
    return std::nullopt;
}

// The fault plan to start with: the --faults JSON, then the delay options on
// top. On a mistake it says on stderr what is wrong.
std::optional<gloo::sandbox::FaultPlan>
SandboxCommand::faultOptions(const QCommandLineOption &faults, const QCommandLineOption &tokenDelay,
                             const QCommandLineOption &apiDelay) const
{
    gloo::sandbox::FaultPlan plan;
    if (m_parser.isSet(faults)) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(m_parser.value(faults).toUtf8(),
                                                               &parseError);
        const QString error = document.isObject()
                                  ? gloo::sandbox::applyFaultChanges(document.object(), plan)
                                  : tr("it is not a JSON object.");
        if (!error.isEmpty()) {
            QTextStream(stderr) << tr("--faults: %1").arg(error) << Qt::endl;
            return std::nullopt;
        }
    }

    const auto tokenDelayMs = intOption(tokenDelay, 0, maxDelayMs);
    const auto apiDelayMs = intOption(apiDelay, 0, maxDelayMs);
    if (!tokenDelayMs || !apiDelayMs)
        return std::nullopt;
    if (m_parser.isSet(tokenDelay))
        plan.tokenDelayMs = *tokenDelayMs;
    if (m_parser.isSet(apiDelay))
        plan.apiDelayMs = *apiDelayMs;
    return plan;
}

void SandboxCommand::printWelcome(const gloo::sandbox::SandboxServer &server, bool demoSecret) const
{
    const QString base = server.baseUrl().toString();
    const gloo::sandbox::SandboxConfig config = server.config();

    QTextStream out(stdout);
    out << tr("Gloo sandbox listening on %1").arg(base) << Qt::endl
        << tr("  Token endpoint:  %1/oauth2/token").arg(base) << Qt::endl
        << tr("  Completions V2:  %1/ai/v2/chat/completions (and /grounded)").arg(base) << Qt::endl
        << tr("  Completions V1:  %1/ai/v1/chat/completions").arg(base) << Qt::endl
        << tr("  Responses:       %1/ai/v1/responses").arg(base) << Qt::endl
        << tr("  Message / Chat:  %1/ai/v1/message, %1/ai/v1/chat?chat_id=...").arg(base)
        << Qt::endl
        << tr("  Data search:     %1/ai/data/v1/search").arg(base) << Qt::endl
        << tr("  Model catalog:   %1/platform/v2/models").arg(base) << Qt::endl;
    if (config.controlEndpoints) {
        out << tr("  Fault control:   %1/_sandbox/control, %1/_sandbox/stats").arg(base)
            << Qt::endl;
    }
    if (!server.faultPlan().isEmpty())
        out << tr("Faults are injected from the start.") << Qt::endl;
    out << tr("Client ID:     %1").arg(config.clientId) << Qt::endl;

    // The built-in secret is public demo data; one given on the command line
    // may be real, so it is not echoed.
    if (demoSecret)
        out << tr("Client secret: %1").arg(config.clientSecret) << Qt::endl;
    else
        out << tr("Client secret: the one given with --client-secret") << Qt::endl;

    out << tr("Access tokens live %1 seconds. Press Ctrl+C to stop.")
               .arg(config.tokenLifetimeSeconds)
        << Qt::endl;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gloo-sandbox"));

    SandboxCommand command;
    return command.run(app);
}
