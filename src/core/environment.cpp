#include "environment.h"

#include <QHostAddress>

namespace gloo {

QUrl Environment::productionUrl()
{
    return QUrl(QStringLiteral("https://platform.ai.gloo.com"));
}

Environment Environment::production()
{
    return Environment{Kind::Production, productionUrl(), {}, {}};
}

Environment Environment::sandbox(const QUrl &baseUrl)
{
    return Environment{Kind::Sandbox, baseUrl, {}, {}};
}

Environment Environment::custom(const QUrl &baseUrl)
{
    return Environment{Kind::Custom, baseUrl, {}, {}};
}

QString Environment::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Production: return QStringLiteral("production");
    case Kind::Sandbox: return QStringLiteral("sandbox");
    case Kind::Custom: return QStringLiteral("custom");
    }
    return QStringLiteral("production");
}

Environment::Kind Environment::kindFromKey(const QString &key, Kind fallback)
{
    for (Kind kind : {Kind::Production, Kind::Sandbox, Kind::Custom}) {
        if (kindKey(kind) == key)
            return kind;
    }
    return fallback;
}

QString Environment::displayName() const
{
    switch (kind) {
    case Kind::Production: return tr("Production");
    case Kind::Sandbox: return tr("Sandbox (built in, offline)");
    case Kind::Custom: return tr("Custom base URL");
    }
    return {};
}

QUrl Environment::tokenUrl() const
{
    if (!tokenUrlOverride.isEmpty())
        return tokenUrlOverride;
    return resolve(QStringLiteral("/oauth2/token"));
}

QString Environment::scope() const
{
    const QString trimmed = scopeOverride.simplified();
    return trimmed.isEmpty() ? defaultScope() : trimmed;
}

QString Environment::defaultScope()
{
    return QStringLiteral("api/access");
}

QString Environment::secretDestination() const
{
    // An override that names the default token URL changes nothing.
    const auto normalized = [](const QUrl &url) {
        return url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments)
            .toString(QUrl::FullyEncoded)
            .toLower();
    };
    if (tokenUrlOverride.isEmpty()
        || normalized(tokenUrlOverride) == normalized(resolve(QStringLiteral("/oauth2/token"))))
        return profileKey();
    const QUrl server = tokenUrlOverride.adjusted(QUrl::RemovePath | QUrl::RemoveQuery
                                                  | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    return profileKey() + QStringLiteral(" token=") + server.toString().toLower();
}

QString Environment::profileKey() const
{
    if (kind != Kind::Custom)
        return kindKey(kind);
    const QUrl server = baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                         | QUrl::RemoveUserInfo);
    return kindKey(kind) + QLatin1Char('/') + server.toString().toLower();
}

QUrl Environment::resolve(const QString &pathOrUrl) const
{
    const QString text = pathOrUrl.trimmed();
    if (text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        return QUrl(text, QUrl::StrictMode);
    }

    QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    QString path = text;
    if (!path.startsWith(QLatin1Char('/')))
        path.prepend(QLatin1Char('/'));
    return QUrl(base + path, QUrl::TolerantMode);
}

bool Environment::isSameServer(const QUrl &url) const
{
    const auto defaultPort = [](const QUrl &u) {
        return u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
    };
    return url.scheme().compare(baseUrl.scheme(), Qt::CaseInsensitive) == 0
           && url.host().compare(baseUrl.host(), Qt::CaseInsensitive) == 0
           && defaultPort(url) == defaultPort(baseUrl);
}

QString Environment::validate() const
{
    if (baseUrl.isEmpty()) {
        if (kind == Kind::Sandbox)
            return tr("The sandbox is not running yet.");
        return tr("Enter a base URL, for example https://platform.ai.gloo.com.");
    }
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return tr("\"%1\" is not a valid web address.").arg(baseUrl.toString());
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("The base URL must start with https://.");
    if (!isTransportAllowed(baseUrl))
        return tr("Plain http:// would send your credentials unencrypted. Use https://; "
                  "http:// is only allowed for servers on this computer.");
    if (QString problem = validateTokenUrlOverride(tokenUrlOverride); !problem.isEmpty())
        return problem;
    return validateScopeOverride(scopeOverride);
}

QString validateTokenUrlOverride(const QUrl &url)
{
    if (url.isEmpty())
        return {};
    if (!url.isValid() || url.host().isEmpty()) {
        return Environment::tr("The token URL \"%1\" is not a valid web address.")
            .arg(url.toString());
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return Environment::tr("The token URL must start with https://.");
    if (!isTransportAllowed(url)) {
        return Environment::tr("A token URL with plain http:// would send your Client Secret "
                               "unencrypted. Use https://; http:// is only allowed for servers "
                               "on this computer.");
    }
    if (!url.userInfo().isEmpty())
        return Environment::tr("The token URL must not contain a user name or password.");
    return {};
}

QString validateScopeOverride(const QString &scope)
{
    for (const QChar c : scope) {
        // RFC 6749 section 3.3: %x21 / %x23-5B / %x5D-7E, separated by spaces.
        const char16_t u = c.unicode();
        const bool allowed = u == u' ' || u == 0x21 || (u >= 0x23 && u <= 0x5B)
                             || (u >= 0x5D && u <= 0x7E);
        if (!allowed) {
            return Environment::tr("The scope may only contain plain letters, digits and "
                                   "punctuation (no accents, quotes or backslashes), with "
                                   "spaces between its parts.");
        }
    }
    return {};
}

namespace {

// An address typed without a scheme gets https, except for a server on this
// computer, which is almost always a plain http development server.
QString withScheme(const QString &value)
{
    if (value.contains(QLatin1String("://")))
        return value;
    const bool local = isLoopbackHost(QUrl(QStringLiteral("http://") + value).host());
    return (local ? QStringLiteral("http://") : QStringLiteral("https://")) + value;
}

} // namespace

QUrl normalizedTokenUrl(const QString &text)
{
    QString value = text.trimmed();
    if (value.isEmpty())
        return {};
    value = withScheme(value);
    return QUrl(value, QUrl::StrictMode);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isTransportAllowed(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    return scheme == QLatin1String("http") && isLoopbackHost(url.host());
}

QUrl normalizedBaseUrl(const QString &text)
{
    QString value = text.trimmed();
    if (value.isEmpty())
        return {};
    value = withScheme(value);
    while (value.endsWith(QLatin1Char('/')))
        value.chop(1);
    return QUrl(value, QUrl::StrictMode);
}

} // namespace gloo
