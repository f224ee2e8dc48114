#include "headless.h"

#include "core/profilestore.h"
#include "core/session.h"
#include "sandboxadapter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QSettings>

#include <optional>

#include <unistd.h>

namespace {

using Kind = gloo::Failure::Kind;

constexpr auto kHelpDetails = R"(
Commands:
  check                 Exchange the credentials for an access token and print a
                        one-line diagnosis.
  token                 Print the access token on standard output, for use with
                        other tools. The token is a secret: treat it like one.
  request METHOD PATH   Send one request with the access token (renewed and
                        replayed once after a 401) and print the response body.
                        PATH is relative to the base URL, or a full URL.

Credentials come from GLOO_CLIENT_ID and GLOO_CLIENT_SECRET in the environment
when both are set (unless --profile is given), otherwise from the system
keychain entry that Gloo Console saved for the profile.

Profiles: the name of any profile made in Gloo Console's window (in any case),
with its server, token URL, scope and saved secret; custom for the window's
custom profile (the current one if it is custom). Without such a profile,
production (https://platform.ai.gloo.com, the default) and sandbox (the
built-in sandbox) still work. A saved secret is only sent to the server it was
saved for, so --base-url and --token-url cannot send it elsewhere.

Exit codes:
  0  success
  1  other failure (for example cancelled)
  2  usage: bad arguments, unusable base URL or file
  3  credentials: missing, wrong, or refused by the server (401)
  4  access: credentials valid but not allowed (403)
  5  network: name not found, connection refused, TLS, proxy, timeout
  6  server: 5xx, rate limited (429), or an answer that could not be understood
  7  keychain: the system keychain could not be used
  8  request rejected: the server refused the request itself (other 4xx)
)";

// A --profile value among the profiles the window keeps in its settings: by
// id, by name in any case, and "custom" as the window's custom profile (the
// current one when it is custom, else the first). Adds the profiles' names to
// 'names'.
std::optional<gloo::Profile> findWindowProfile(const QString &wanted, QStringList *names)
{
    // Without saved profiles there is nothing to find, and loading would
    // write the first ones.
    gloo::ProfileStore store;
    if (!store.hasSavedProfiles())
        return std::nullopt;
    store.load();
    const QList<gloo::Profile> profiles = store.profiles();
    for (const gloo::Profile &profile : profiles)
        *names << QLatin1Char('"') + profile.name + QLatin1Char('"');
    for (const gloo::Profile &profile : profiles) {
        if (profile.id == wanted)
            return profile;
    }
    for (const gloo::Profile &profile : profiles) {
        if (profile.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return profile;
    }
    if (wanted.compare(QLatin1String("custom"), Qt::CaseInsensitive) == 0) {
        if (store.current().kind == gloo::Environment::Kind::Custom)
            return store.current();
        for (const gloo::Profile &profile : profiles) {
            if (profile.kind == gloo::Environment::Kind::Custom)
                return profile;
        }
    }
    return std::nullopt;
}

} // namespace

struct HeadlessRunner::Options
{
    QString command;
    QString method;
    QString target;
    QByteArray body;
    QString profile = QStringLiteral("production");
    bool profileGiven = false;
    // A profile made in the window, when --profile names one.
    std::optional<gloo::Profile> windowProfile;
    bool sandbox = false;
    bool authorize = true;
    bool verbose = false;
    QString baseUrl;
    QString tokenUrl;
    int timeoutSeconds = 120;
    int maxRetries = -1;
};

HeadlessRunner::HeadlessRunner(std::FILE *out, std::FILE *err, QObject *parent)
    : QObject(parent)
    , m_options(std::make_unique<Options>())
    , m_out(out)
    , m_err(err)
{
}

HeadlessRunner::~HeadlessRunner()
{
    if (m_session)
        m_session->tokens()->clear();
}

void HeadlessRunner::print(std::FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

HeadlessRunner::ExitCode HeadlessRunner::exitCodeFor(const gloo::Failure &failure)
{
    switch (failure.kind) {
    case Kind::None: return Success;
    case Kind::MissingCredentials:
    case Kind::InvalidCredentials:
    case Kind::Unauthorized: return Credentials;
    case Kind::AccessDenied: return Access;
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::Tls:
    case Kind::Timeout:
    case Kind::Proxy:
    case Kind::Network: return Network;
    case Kind::RateLimited:
    case Kind::ServerError:
    case Kind::UnexpectedResponse: return Server;
    case Kind::KeychainUnavailable:
    case Kind::KeychainDenied: return Keychain;
    case Kind::InsecureTransport:
    case Kind::OtherServer: return Usage;
    case Kind::InvalidRequest: return failure.httpStatus == 0 ? Usage : RequestRejected;
    case Kind::NotFound: return RequestRejected;
    case Kind::Cancelled: return GeneralFailure;
    }
    return GeneralFailure;
}

QString HeadlessRunner::categoryName(ExitCode code)
{
    switch (code) {
    case Success: return QStringLiteral("ok");
    case GeneralFailure: return QStringLiteral("failed");
    case Usage: return QStringLiteral("usage");
    case Credentials: return QStringLiteral("credentials");
    case Access: return QStringLiteral("access");
    case Network: return QStringLiteral("network");
    case Server: return QStringLiteral("server");
    case Keychain: return QStringLiteral("keychain");
    case RequestRejected: return QStringLiteral("request rejected");
    }
    return QStringLiteral("failed");
}

bool HeadlessRunner::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check Gloo AI credentials and call the Gloo API from scripts."));
    parser.addPositionalArgument(QStringLiteral("command"), tr("check, token or request"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Profile: production, sandbox, custom, or the name of a "
                                        "profile made in the window."),
                                     QStringLiteral("name"));
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     tr("Use the built-in sandbox, started in this process, with "
                                        "its demo credentials unless others are given."));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     tr("Send requests to this base URL."), QStringLiteral("url"));
    const QCommandLineOption tokenUrl(QStringLiteral("token-url"),
                                      tr("Exchange credentials at this URL instead of "
                                         "{base}/oauth2/token."),
                                      QStringLiteral("url"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  tr("Request body: JSON text, @file, or @- for standard input."),
                                  QStringLiteral("json|@file"));
    const QCommandLineOption noAuth(QStringLiteral("no-auth"),
                                    tr("Send the request without an access token (public "
                                       "endpoints such as /platform/v2/models)."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("Give up on a request after this many seconds (default "
                                        "120)."),
                                     QStringLiteral("seconds"));
    const QCommandLineOption maxRetries(QStringLiteral("max-retries"),
                                        tr("Retry a failing token request at most this many times "
                                           "(default 4; 0 to fail at once)."),
                                        QStringLiteral("count"));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     tr("Print the token's events and diagnostics on standard "
                                        "error (never the secret or the token)."));
    parser.addOptions(
        {help, profile, sandbox, baseUrl, tokenUrl, data, noAuth, timeout, maxRetries, verbose});

    auto usageError = [this, &parser](const QString &message) {
        print(m_err, tr("gloo-console-cli: %1").arg(message));
        print(m_err, tr("Try 'gloo-console-cli --help'."));
        m_exitCode = Usage;
        Q_UNUSED(parser);
        return false;
    };

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        print(m_out, parser.helpText() + QString::fromUtf8(kHelpDetails));
        m_exitCode = Success;
        return false;
    }

    Options &options = *m_options;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(tr("no command given"));
    options.command = positional.first();
    if (options.command == QLatin1String("request")) {
        if (positional.size() != 3)
            return usageError(tr("request needs a METHOD and a PATH"));
        options.method = positional.at(1).toUpper();
        options.target = positional.at(2);
    } else if (options.command == QLatin1String("check")
               || options.command == QLatin1String("token")) {
        if (positional.size() != 1)
            return usageError(tr("%1 takes no arguments").arg(options.command));
    } else {
        return usageError(tr("unknown command \"%1\"").arg(options.command));
    }

    // Quiet unless asked, from here on: looking up a profile logs.
    options.verbose = parser.isSet(verbose);
    if (!options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("gloo.*=false"));

    options.profileGiven = parser.isSet(profile);
    if (options.profileGiven) {
        // The window's profiles first, so a name means the same in both; the
        // built-in words keep their meaning when no profile matches.
        const QString wanted = parser.value(profile).trimmed();
        const QStringList builtIn{QStringLiteral("production"), QStringLiteral("sandbox"),
                                  QStringLiteral("custom")};
        QStringList names = builtIn;
        options.windowProfile = findWindowProfile(wanted, &names);
        options.profile = options.windowProfile ? wanted : wanted.toLower();
        if (!options.windowProfile && !builtIn.contains(options.profile)) {
            return usageError(tr("unknown profile \"%1\" (the profiles are %2)")
                                  .arg(wanted, names.join(QStringLiteral(", "))));
        }
    }
    options.sandbox = parser.isSet(sandbox) || options.profile == QLatin1String("sandbox")
                      || (options.windowProfile
                          && options.windowProfile->kind == gloo::Environment::Kind::Sandbox);
    options.baseUrl = parser.value(baseUrl);
    options.tokenUrl = parser.value(tokenUrl);
    options.authorize = !parser.isSet(noAuth);
    if (parser.isSet(timeout)) {
        bool ok = false;
        options.timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || options.timeoutSeconds < 1)
            return usageError(tr("--timeout needs a whole number of seconds"));
    }

    if (parser.isSet(maxRetries)) {
        bool ok = false;
        options.maxRetries = parser.value(maxRetries).toInt(&ok);
        if (!ok || options.maxRetries < 0 || options.maxRetries > 10)
            return usageError(tr("--max-retries needs a number from 0 to 10"));
    }

    if (parser.isSet(data)) {
        const QString value = parser.value(data);
        if (value.startsWith(QLatin1Char('@'))) {
            QFile file;
            const QString path = value.mid(1);
            const bool opened = path == QLatin1String("-")
                                    ? file.open(stdin, QIODevice::ReadOnly)
                                    : (file.setFileName(path), file.open(QIODevice::ReadOnly));
            if (!opened)
                return usageError(tr("cannot read %1: %2").arg(path, file.errorString()));
            options.body = file.readAll();
        } else {
            options.body = value.toUtf8();
        }
    }

    m_session = std::make_unique<gloo::Session>();
    if (options.maxRetries >= 0) {
        gloo::BackoffPolicy policy = m_session->tokens()->backoff().policy();
        policy.maxRetries = options.maxRetries;
        m_session->tokens()->backoff().setPolicy(policy);
    }
    if (options.verbose) {
        connect(m_session->authLog(), &gloo::AuthEventLog::eventAdded, this,
                [this](const gloo::AuthEvent &event) {
                    print(m_err,
                          QStringLiteral("[auth %1] %2")
                              .arg(event.time.toString(QStringLiteral("HH:mm:ss")), event.text));
                });
    }

    QMetaObject::invokeMethod(this, &HeadlessRunner::withCredentials, Qt::QueuedConnection);
    return true;
}

void HeadlessRunner::withCredentials()
{
    Options &options = *m_options;

    gloo::Environment environment = gloo::Environment::production();
    if (options.windowProfile)
        environment = options.windowProfile->environment();
    if (options.sandbox) {
        m_sandbox = std::make_unique<SandboxAdapter>(gloo::sandbox::SandboxConfig());
        m_session->setBuiltInSandbox(m_sandbox.get());
        const gloo::Environment profileEnvironment = environment;
        environment = gloo::Environment::sandbox();
        if (options.windowProfile) {
            environment.tokenUrlOverride = profileEnvironment.tokenUrlOverride;
            environment.scopeOverride = profileEnvironment.scopeOverride;
        }
    } else if (options.windowProfile) {
        // Its environment is set above.
    } else if (options.profile == QLatin1String("custom")) {
        QSettings settings;
        environment = gloo::Environment::custom(gloo::normalizedBaseUrl(
            settings.value(QStringLiteral("connection/customBaseUrl")).toString()));
    }
    if (!options.baseUrl.isEmpty())
        environment = gloo::Environment::custom(gloo::normalizedBaseUrl(options.baseUrl));
    if (!options.tokenUrl.isEmpty())
        environment.tokenUrlOverride = QUrl(options.tokenUrl.trimmed(), QUrl::StrictMode);

    QString problem;
    if (!m_session->useEnvironment(environment, &problem)) {
        gloo::Failure failure = gloo::Failure::make(Kind::InvalidRequest);
        if (!gloo::isTransportAllowed(m_session->tokens()->environment().baseUrl)
            || !gloo::isTransportAllowed(m_session->tokens()->environment().tokenUrl()))
            failure = gloo::Failure::make(Kind::InsecureTransport);
        failure.message = problem;
        failure.nextStep = tr("Check --base-url, --token-url and --profile.");
        fail(failure);
        return;
    }

    const QString envId = qEnvironmentVariable("GLOO_CLIENT_ID").trimmed();
    const QString envSecret = qEnvironmentVariable("GLOO_CLIENT_SECRET");
    if (!options.profileGiven && !envId.isEmpty() && !envSecret.isEmpty()) {
        m_session->tokens()->setCredentials({envId, envSecret});
        run();
        return;
    }
    if (options.sandbox && !options.profileGiven) {
        m_session->tokens()->setCredentials(
            {m_sandbox->demoClientId(), m_sandbox->demoClientSecret()});
        run();
        return;
    }
    if (!options.authorize) {
        run();
        return;
    }

    // A window profile's secret is kept under the profile's id.
    QString key = m_session->tokens()->environment().profileKey();
    QString shownName = options.profile;
    if (options.windowProfile) {
        key = options.windowProfile->id;
        shownName = options.windowProfile->name;
    }

    gloo::CredentialStore *store = m_session->store();
    connect(store, &gloo::CredentialStore::loaded, this,
            [this](const QString &, const gloo::ClientCredentials &credentials) {
                if (!savedSecretFits())
                    return;
                m_session->tokens()->setCredentials(credentials);
                run();
            });
    connect(store, &gloo::CredentialStore::notFound, this, [this, shownName] {
        gloo::Failure failure = gloo::Failure::make(Kind::MissingCredentials);
        failure.message = tr("No credentials are saved for the %1 profile.").arg(shownName);
        failure.nextStep = tr("Save them in Gloo Console, or set GLOO_CLIENT_ID and "
                              "GLOO_CLIENT_SECRET.");
        fail(failure);
    });
    connect(store, &gloo::CredentialStore::failed, this,
            [this](const QString &, const gloo::Failure &failure) {
                gloo::Failure explained = failure;
                explained.nextStep = tr("Set GLOO_CLIENT_ID and GLOO_CLIENT_SECRET instead.");
                fail(explained);
            });
    store->load(key);
}

bool HeadlessRunner::savedSecretFits()
{
    // A window profile's saved secret goes only to the server it was saved
    // for, whatever --base-url and --token-url say.
    const std::optional<gloo::Profile> &profile = m_options->windowProfile;
    const gloo::Environment environment = m_session->tokens()->environment();
    if (!profile || profile->secretDestination.isEmpty()
        || profile->secretDestination == environment.secretDestination()) {
        return true;
    }
    gloo::Failure failure = gloo::Failure::make(Kind::MissingCredentials);
    failure.message = tr("The secret saved for the profile \"%1\" belongs to another server, so "
                         "it is not sent to %2.")
                          .arg(profile->name, environment.tokenUrl().toString());
    const bool fromEnvironment = !qEnvironmentVariableIsEmpty("GLOO_CLIENT_ID")
                                 && !qEnvironmentVariableIsEmpty("GLOO_CLIENT_SECRET");
    failure.nextStep =
        fromEnvironment
            ? tr("Leave out --base-url and --token-url, or leave out --profile to use "
                 "GLOO_CLIENT_ID and GLOO_CLIENT_SECRET.")
            : tr("Leave out --base-url and --token-url, save the secret for this server in "
                 "Gloo Console, or set GLOO_CLIENT_ID and GLOO_CLIENT_SECRET.");
    fail(failure);
    return false;
}

void HeadlessRunner::run()
{
    const QString &command = m_options->command;
    if (command == QLatin1String("check"))
        runCheck();
    else if (command == QLatin1String("token"))
        runToken();
    else
        runRequest();
}

void HeadlessRunner::runCheck()
{
    gloo::TokenManager *tokens = m_session->tokens();
    connect(tokens, &gloo::TokenManager::exchangeFinished, this,
            [this, tokens](const gloo::Failure &failure) {
                if (failure.isFailure()) {
                    fail(failure);
                    return;
                }
                const gloo::AccessToken &token = tokens->token();
                print(m_out, tr("OK: Gloo accepted client %1 at %2. The access token is valid "
                                "for %3 minutes (fingerprint %4).")
                                 .arg(tokens->clientId(), tokens->environment().baseUrl.toString(),
                                      QString::number((tokens->secondsRemaining() + 30) / 60),
                                      token.fingerprint()));
                done(Success);
            });
    tokens->requestToken(gloo::TokenManager::Reason::Manual);
}

void HeadlessRunner::runToken()
{
    gloo::TokenManager *tokens = m_session->tokens();
    connect(tokens, &gloo::TokenManager::exchangeFinished, this,
            [this, tokens](const gloo::Failure &failure) {
                if (failure.isFailure()) {
                    fail(failure);
                    return;
                }
                if (isatty(fileno(m_out))) {
                    print(m_err, tr("Note: this access token is a secret for the next %1 "
                                    "minutes.")
                                     .arg((tokens->secondsRemaining() + 30) / 60));
                }
                std::fputs(tokens->token().value.constData(), m_out);
                std::fputc('\n', m_out);
                std::fflush(m_out);
                done(Success);
            });
    tokens->requestToken(gloo::TokenManager::Reason::Manual);
}

void HeadlessRunner::runRequest()
{
    gloo::ApiRequest request;
    request.method = m_options->method.toLatin1();
    request.target = m_options->target;
    request.body = m_options->body;
    request.authorize = m_options->authorize;
    request.timeoutMs = m_options->timeoutSeconds * 1000;

    gloo::ApiCall *call = m_session->api()->send(request);
    connect(call, &gloo::ApiCall::finished, this, [this, call] {
        const gloo::ApiResponse &response = call->response();
        if (response.status > 0) {
            print(m_err, tr("HTTP %1 %2 (%3 ms)%4")
                             .arg(response.status)
                             .arg(response.reason)
                             .arg(response.elapsedMs)
                             .arg(response.replayed ? tr(", sent again after a 401") : QString()));
            std::fwrite(response.body.constData(), 1, static_cast<size_t>(response.body.size()),
                        m_out);
            if (!response.body.endsWith('\n'))
                std::fputc('\n', m_out);
            std::fflush(m_out);
        }
        if (response.failure.isFailure())
            fail(response.failure);
        else
            done(Success);
    });
}

void HeadlessRunner::fail(const gloo::Failure &failure)
{
    const ExitCode code = exitCodeFor(failure);
    print(m_err, tr("FAILED (%1): %2").arg(categoryName(code), failure.summary()));
    if (failure.hasSupportIds())
        print(m_err, failure.supportReport());
    if (m_options->verbose && !failure.detail.isEmpty())
        print(m_err, tr("Details: %1").arg(failure.detail));
    done(code);
}

void HeadlessRunner::done(int code)
{
    m_exitCode = code;
    if (m_session)
        m_session->tokens()->clear();
    QCoreApplication::exit(code);
}
