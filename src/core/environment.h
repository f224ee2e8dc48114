#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace gloo {

struct Failure;

// Where requests go: Gloo's production API, the built-in sandbox on this
// computer, or any other base URL the user types.
struct Environment
{
    Q_DECLARE_TR_FUNCTIONS(Environment)

public:
    enum class Kind { Production, Sandbox, Custom };

    Kind kind = Kind::Production;
    // For Custom: what the user typed. For Sandbox: filled in once the
    // sandbox runs. For Production: always the production URL.
    QUrl baseUrl = productionUrl();
    // When set, the token endpoint lives here instead of {base}/oauth2/token.
    QUrl tokenUrlOverride;
    // When set, the token request asks for this scope instead of api/access.
    QString scopeOverride;

    static QUrl productionUrl();
    static Environment production();
    static Environment sandbox(const QUrl &baseUrl = {});
    static Environment custom(const QUrl &baseUrl);

    static QString kindKey(Kind kind);
    static Kind kindFromKey(const QString &key, Kind fallback = Kind::Production);
    QString displayName() const;

    QUrl tokenUrl() const;
    // The scope the token request asks for: the override, or Gloo's one
    // scope.
    QString scope() const;
    static QString defaultScope();

    // Where the client secret goes: the environment (or, for a custom one,
    // its server) together with the token endpoint when it is overridden.
    // A secret saved for one such place is never offered to another.
    QString secretDestination() const;

    // The keychain entry for this environment's credentials. A custom
    // environment's entry is tied to its server, so saved credentials are
    // never offered to a different one.
    QString profileKey() const;

    // A path such as "/ai/v2/chat/completions" is resolved against the base
    // URL; an absolute http(s) URL is used as it is.
    QUrl resolve(const QString &pathOrUrl) const;

    // Whether a URL belongs to this environment's server (same scheme, host
    // and port as the base URL): only such URLs may receive the access token.
    bool isSameServer(const QUrl &url) const;

    // Empty when the base URL, the token URL and the scope can be used;
    // otherwise why not, in plain words.
    QString validate() const;
};

// Why a token URL override cannot be used, in plain words; empty when it can
// (an empty URL means no override and is fine). The same rules as for a base
// URL: a web address with a host, HTTPS except for this computer.
QString validateTokenUrlOverride(const QUrl &url);
// Why a scope override cannot be used; empty when it can (an empty scope
// means no override). Scopes are separated by spaces and use the characters
// RFC 6749 section 3.3 allows.
QString validateScopeOverride(const QString &scope);
// A token URL typed by a person: adds https:// when no scheme is given.
QUrl normalizedTokenUrl(const QString &text);

// Whether a URL may carry credentials: HTTPS anywhere, plain HTTP only to
// this computer.
bool isTransportAllowed(const QUrl &url);
bool isLoopbackHost(const QString &host);

// A base URL typed by a person: adds https:// when no scheme is given and
// removes a trailing slash.
QUrl normalizedBaseUrl(const QString &text);

// The built-in sandbox as the client sees it: something that can be started
// on demand and tells its address and demo credentials. The application
// provides the implementation, so the client never depends on its own test
// double.
class BuiltInSandbox
{
public:
    virtual ~BuiltInSandbox() = default;

    // Starts the sandbox if it is not running. Returns false and sets
    // errorMessage when it cannot start.
    virtual bool ensureRunning(QString *errorMessage) = 0;
    virtual QUrl baseUrl() const = 0;
    virtual QString demoClientId() const = 0;
    virtual QString demoClientSecret() const = 0;
    virtual int tokenLifetimeSeconds() const = 0;
};

} // namespace gloo
