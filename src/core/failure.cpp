#include "failure.h"

#include "environment.h"
#include "redaction.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace gloo {

namespace {

// A body shown as technical detail is cut short: error pages can be large and
// nobody reads past the first lines.
constexpr int kMaxDetailBodyLength = 600;

QString bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(kMaxDetailBodyLength)).trimmed();
    if (body.size() > kMaxDetailBodyLength)
        text += QStringLiteral(" …");
    return text;
}

bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.toLower().contains("text/html"))
        return true;
    const QByteArray start = body.left(256).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

// What an error body says: the "error" member of an OAuth2 answer, Gloo's
// envelope ({"error": {"type": ..., "message": ..., "retryable": ...}}), or
// a top-level "code" and "message".
struct ErrorBody
{
    QString code;
    QString description;
    QString fault;
    QString requestId;
    QString traceId;
    Failure::Retry retryable = Failure::Retry::Unknown;
};

ErrorBody parseErrorBody(const QByteArray &body)
{
    ErrorBody result;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return result;

    const QJsonObject object = document.object();
    const QJsonValue error = object.value(QLatin1String("error"));
    QJsonObject envelope = object;
    if (error.isString()) {
        result.code = error.toString();
        result.description = object.value(QLatin1String("error_description")).toString();
    } else if (error.isObject()) {
        envelope = error.toObject();
        result.code = envelope.value(QLatin1String("type")).toString();
        result.description = envelope.value(QLatin1String("message")).toString();
    }
    if (result.code.isEmpty())
        result.code = object.value(QLatin1String("code")).toString();
    if (result.description.isEmpty())
        result.description = object.value(QLatin1String("message")).toString();

    result.fault = envelope.value(QLatin1String("fault")).toString();
    result.requestId = envelope.value(QLatin1String("request_id")).toString();
    result.traceId = envelope.value(QLatin1String("trace_id")).toString();
    const QJsonValue retryable = envelope.value(QLatin1String("retryable"));
    if (retryable.isBool())
        result.retryable = retryable.toBool() ? Failure::Retry::Yes : Failure::Retry::No;
    return result;
}

QString waitText(int milliseconds)
{
    const int seconds = (milliseconds + 999) / 1000;
    if (seconds < 120)
        return Failure::tr("%n second(s)", nullptr, seconds);
    return Failure::tr("%n minute(s)", nullptr, (seconds + 59) / 60);
}

// A server may echo what it was sent; the detail never shows a secret.
QString statusDetail(int httpStatus, const QByteArray &body)
{
    QString detail = Failure::tr("HTTP status %1").arg(httpStatus);
    if (!body.isEmpty())
        detail += QStringLiteral("\n") + SecretRegistry::redact(bodyExcerpt(body));
    return detail;
}

// How one error of the TLS library counts for the user.
Failure::TlsCause tlsCauseOf(QSslError::SslError error)
{
    using Cause = Failure::TlsCause;
    switch (error) {
    case QSslError::CertificateExpired: return Cause::Expired;
    case QSslError::CertificateNotYetValid: return Cause::NotYetValid;
    case QSslError::HostNameMismatch: return Cause::WrongHost;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::InvalidCaCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected: return Cause::Untrusted;
    case QSslError::CertificateRevoked:
    case QSslError::CertificateBlacklisted: return Cause::Revoked;
    default: return Cause::Other;
    }
}

// When a certificate has several problems, the one explained first is the
// one the user can best act on; the others are named after it.
int tlsCauseRank(Failure::TlsCause cause)
{
    using Cause = Failure::TlsCause;
    switch (cause) {
    case Cause::Revoked: return 0;
    case Cause::Expired: return 1;
    case Cause::NotYetValid: return 2;
    case Cause::WrongHost: return 3;
    case Cause::Untrusted: return 4;
    case Cause::Other: return 5;
    case Cause::None: break;
    }
    return 6;
}

QString tlsCausePhrase(Failure::TlsCause cause)
{
    using Cause = Failure::TlsCause;
    switch (cause) {
    case Cause::Expired: return Failure::tr("it has expired");
    case Cause::NotYetValid: return Failure::tr("it is not valid yet");
    case Cause::WrongHost: return Failure::tr("it is for another host name");
    case Cause::Untrusted: return Failure::tr("its issuer is not trusted");
    case Cause::Revoked: return Failure::tr("it has been revoked");
    case Cause::Other: return Failure::tr("it could not be checked");
    case Cause::None: break;
    }
    return {};
}

QString distinguishedName(const QSslCertificate &certificate, bool subject)
{
    const QList<QByteArray> attributes = subject ? certificate.subjectInfoAttributes()
                                                 : certificate.issuerInfoAttributes();
    QStringList parts;
    for (const QByteArray &attribute : attributes) {
        const QStringList values = subject ? certificate.subjectInfo(attribute)
                                           : certificate.issuerInfo(attribute);
        for (const QString &value : values)
            parts << QString::fromLatin1(attribute) + QLatin1Char('=') + value;
    }
    return parts.join(QStringLiteral(", "));
}

// The host names and addresses a certificate is valid for, from its
// subject alternative names, or else its common name as old servers use it.
QStringList certificateNames(const QSslCertificate &certificate, bool orCommonName)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        if (it.key() == QSsl::DnsEntry || it.key() == QSsl::IpAddressEntry)
            names << it.value();
    }
    if (names.isEmpty() && orCommonName)
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    names.removeDuplicates();
    return names;
}

QString fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// A date and time as the user reads them, in this computer's time zone.
QString localTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString certificateDescription(const QSslCertificate &certificate)
{
    QStringList lines;
    lines << Failure::tr("Subject: %1").arg(distinguishedName(certificate, true));
    lines << Failure::tr("Issuer: %1").arg(distinguishedName(certificate, false));
    lines << Failure::tr("Valid from: %1").arg(isoTime(certificate.effectiveDate()));
    lines << Failure::tr("Valid until: %1").arg(isoTime(certificate.expiryDate()));
    const QStringList names = certificateNames(certificate, false);
    if (!names.isEmpty())
        lines << Failure::tr("Valid for: %1").arg(names.join(QStringLiteral(", ")));
    lines << Failure::tr("SHA-256 fingerprint: %1").arg(fingerprint(certificate));
    return QStringLiteral("  ") + lines.join(QStringLiteral("\n  "));
}

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

// What a refused certificate is about, gathered for the explanation.
struct TlsProblem
{
    QString host;
    QDateTime now;
    QSslError::SslError error = QSslError::UnspecifiedError;
    // The certificate the problem explained is about.
    QSslCertificate certificate;
    // The certificate the server presented as its own.
    QSslCertificate serverCertificate;
};

// Sets the message and next step for failure.tlsCause.
void explainTlsProblem(Failure &failure, const TlsProblem &problem)
{
    using Cause = Failure::TlsCause;
    const QSslCertificate &certificate = problem.certificate;
    const QString which = certificate == problem.serverCertificate
                              ? Failure::tr("the server's certificate")
                              : Failure::tr("a certificate the server relies on (%1)")
                                    .arg(certificate.subjectDisplayName());
    const QString clock = localTime(problem.now);
    QString what;

    switch (failure.tlsCause) {
    case Cause::Expired:
        what = Failure::tr("%1 expired on %2.").arg(which, localTime(certificate.expiryDate()));
        failure.nextStep = Failure::tr("This is a problem on the server's side, or your "
                                       "computer's clock is wrong (it says %1). If the clock is "
                                       "right, ask whoever runs the server to renew the "
                                       "certificate.")
                               .arg(clock);
        break;
    case Cause::NotYetValid:
        what = Failure::tr("%1 is only valid from %2.")
                   .arg(which, localTime(certificate.effectiveDate()));
        failure.nextStep = Failure::tr("Your computer's clock is probably wrong: it says %1. Set "
                                       "the correct date and time, then try again. If the clock "
                                       "is right, this is a problem on the server's side.")
                               .arg(clock);
        break;
    case Cause::WrongHost: {
        const QStringList names = certificateNames(problem.serverCertificate, true);
        QString listed = names.mid(0, 3).join(QStringLiteral(", "));
        if (names.size() > 3)
            listed += QLatin1Char(' ') + Failure::tr("and %n more", nullptr, int(names.size()) - 3);
        what = listed.isEmpty() ? Failure::tr("the server's certificate is for another host name.")
                                : Failure::tr("the server's certificate is for %1, not for %2.")
                                      .arg(listed, problem.host);
        failure.nextStep = Failure::tr("Check the base URL for a typing mistake. If it is right, "
                                       "the server uses the wrong certificate, or something on "
                                       "the network answers in its place: ask whoever runs it, "
                                       "or your IT.");
        break;
    }
    case Cause::Untrusted:
        if (problem.error == QSslError::SelfSignedCertificate) {
            what = Failure::tr("the server's certificate is self-signed, so nobody this "
                               "computer trusts vouches for it.");
        } else if (!certificate.issuerDisplayName().isEmpty()) {
            what = Failure::tr("the server's certificate was issued by \"%1\", which this "
                               "computer does not trust.")
                       .arg(certificate.issuerDisplayName());
        } else {
            what = Failure::tr("the server's certificate was issued by an authority this "
                               "computer does not trust.");
        }
        failure.nextStep = Failure::tr("Check the base URL. On a company network, ask IT "
                                       "whether a proxy inspects secure traffic and how to "
                                       "install its certificate. If the server is your own, "
                                       "give it a certificate from a trusted authority and send "
                                       "the whole certificate chain.");
        break;
    case Cause::Revoked:
        what = Failure::tr("%1 has been revoked by whoever issued it.").arg(which);
        failure.nextStep = Failure::tr("Do not use this server until its certificate is "
                                       "replaced. Check the base URL, and tell whoever runs the "
                                       "server or your IT.");
        break;
    case Cause::Other:
    case Cause::None:
        what = Failure::tr("the server's certificate could not be checked.");
        failure.nextStep = Failure::tr("Check the base URL. If it keeps happening, send the "
                                       "certificate details to whoever runs the server.");
        break;
    }
    failure.message = Failure::tr("The secure connection to %1 was stopped before anything was "
                                  "sent: %2")
                          .arg(problem.host, what);
}

// The technical detail of a refused certificate: where, when, what the TLS
// library said, and every certificate the server presented.
QString tlsDetail(const QList<QSslError> &errors, const QUrl &url,
                  const QList<QSslCertificate> &chain, const TlsProblem &problem)
{
    QStringList lines;
    lines << Failure::tr("Host asked for: %1").arg(hostAndPort(url));
    lines << Failure::tr("This computer's clock: %1").arg(isoTime(problem.now));
    lines << Failure::tr("Problems found:");
    for (const QSslError &error : errors)
        lines << QStringLiteral("  - ") + error.errorString();
    if (!problem.serverCertificate.isNull()) {
        lines << Failure::tr("The server's certificate:");
        lines << certificateDescription(problem.serverCertificate);
    }
    for (qsizetype i = 1; i < chain.size(); ++i) {
        lines << Failure::tr("Certificate %1 of the chain:").arg(i + 1);
        lines << certificateDescription(chain.at(i));
    }
    if (!problem.certificate.isNull() && problem.certificate != problem.serverCertificate
        && !chain.contains(problem.certificate)) {
        lines << Failure::tr("The certificate with the problem:");
        lines << certificateDescription(problem.certificate);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString Failure::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("none");
    case Kind::MissingCredentials: return QStringLiteral("missing-credentials");
    case Kind::InvalidCredentials: return QStringLiteral("invalid-credentials");
    case Kind::AccessDenied: return QStringLiteral("access-denied");
    case Kind::Unauthorized: return QStringLiteral("unauthorized");
    case Kind::RateLimited: return QStringLiteral("rate-limited");
    case Kind::ServerError: return QStringLiteral("server-error");
    case Kind::InvalidRequest: return QStringLiteral("invalid-request");
    case Kind::NotFound: return QStringLiteral("not-found");
    case Kind::HostNotFound: return QStringLiteral("host-not-found");
    case Kind::ConnectionRefused: return QStringLiteral("connection-refused");
    case Kind::Tls: return QStringLiteral("tls");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Proxy: return QStringLiteral("proxy");
    case Kind::Network: return QStringLiteral("network");
    case Kind::InsecureTransport: return QStringLiteral("insecure-transport");
    case Kind::OtherServer: return QStringLiteral("other-server");
    case Kind::UnexpectedResponse: return QStringLiteral("unexpected-response");
    case Kind::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case Kind::KeychainDenied: return QStringLiteral("keychain-denied");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString Failure::tlsCauseName(TlsCause cause)
{
    switch (cause) {
    case TlsCause::None: return QStringLiteral("none");
    case TlsCause::Expired: return QStringLiteral("expired");
    case TlsCause::NotYetValid: return QStringLiteral("not-yet-valid");
    case TlsCause::WrongHost: return QStringLiteral("wrong-host");
    case TlsCause::Untrusted: return QStringLiteral("untrusted");
    case TlsCause::Revoked: return QStringLiteral("revoked");
    case TlsCause::Other: return QStringLiteral("other");
    }
    return QStringLiteral("unknown");
}

Failure Failure::make(Kind kind, const QString &detail, int httpStatus)
{
    Failure failure;
    failure.kind = kind;
    failure.detail = detail;
    failure.httpStatus = httpStatus;
    failure.occurredAt = QDateTime::currentDateTimeUtc();

    switch (kind) {
    case Kind::None: break;
    case Kind::MissingCredentials:
        failure.message = tr("No Client ID and Client Secret have been entered.");
        failure.nextStep = tr("Enter both values from the API Credentials page in Gloo AI Studio.");
        break;
    case Kind::InvalidCredentials:
        failure.message = tr("Gloo did not accept this Client ID and Client Secret.");
        failure.nextStep = tr("Copy both values again from the API Credentials page in "
                              "Gloo AI Studio, and check that you picked the right "
                              "environment.");
        break;
    case Kind::AccessDenied:
        failure.message = tr("Your credentials are valid, but they are not allowed to use "
                             "this part of the API.");
        failure.nextStep = tr("In Gloo AI Studio, check that your organization has API "
                              "access and that billing is set up.");
        break;
    case Kind::Unauthorized:
        failure.message = tr("The server did not accept the access token, even after a "
                             "fresh one was fetched.");
        failure.nextStep = tr("Check that the request goes to the same environment as the "
                              "token, then try again.");
        break;
    case Kind::RateLimited:
        failure.message = tr("Gloo is receiving too many requests from you right now.");
        failure.nextStep = tr("Wait a minute, then try again.");
        break;
    case Kind::ServerError:
        failure.message = tr("Gloo's server had a problem answering.");
        failure.nextStep = tr("Try again in a few minutes. If it keeps happening with a "
                              "custom base URL, check that URL.");
        break;
    case Kind::InvalidRequest:
        failure.message = tr("The server rejected the request as invalid.");
        failure.nextStep = tr("Correct the request as the server explains, then send it "
                              "again.");
        break;
    case Kind::NotFound:
        failure.message = tr("The server has nothing at this address.");
        failure.nextStep = tr("Check the path and the environment's base URL.");
        break;
    case Kind::HostNotFound:
        failure.message = tr("The server's name could not be found.");
        failure.nextStep = tr("Check your internet connection and the spelling of the "
                              "base URL.");
        break;
    case Kind::ConnectionRefused:
        failure.message = tr("The server refused the connection.");
        failure.nextStep = tr("Check the base URL and port. If you use the sandbox, make "
                              "sure it is running.");
        break;
    case Kind::Tls:
        failure.message = tr("The secure connection to the server could not be set up.");
        failure.nextStep = tr("Check the base URL. On a company network, ask IT whether "
                              "traffic is inspected by a proxy.");
        break;
    case Kind::Timeout:
        failure.message = tr("The server took too long to answer.");
        failure.nextStep = tr("Check your internet connection and try again.");
        break;
    case Kind::Proxy:
        failure.message = tr("The network proxy refused or failed the connection.");
        failure.nextStep = tr("Check your proxy settings, or ask IT for help.");
        break;
    case Kind::Network:
        failure.message = tr("The connection to the server failed.");
        failure.nextStep = tr("Check your internet connection and try again.");
        break;
    case Kind::InsecureTransport:
        failure.message = tr("This address is not secure: credentials would travel "
                             "unencrypted.");
        failure.nextStep = tr("Use an https:// address. Plain http:// is only allowed for "
                              "servers on this computer.");
        break;
    case Kind::OtherServer:
        failure.message = tr("This address is on another server than the environment's, so "
                             "the access token was not sent to it.");
        failure.nextStep = tr("Use a path such as /ai/v2/chat/completions, or pick the "
                              "environment that belongs to that server.");
        break;
    case Kind::UnexpectedResponse:
        failure.message = tr("The server sent an answer Gloo Console could not understand.");
        failure.nextStep = tr("Check that the base URL points to the Gloo API, then try "
                              "again.");
        break;
    case Kind::KeychainUnavailable:
        failure.message = tr("The system keychain is not available, so credentials can "
                             "neither be saved nor read from it.");
        failure.nextStep = tr("You can keep working: the credentials are kept for this "
                              "session only and never written to disk.");
        break;
    case Kind::KeychainDenied:
        failure.message = tr("Access to the system keychain was denied or it is locked.");
        failure.nextStep = tr("Unlock your keychain and allow Gloo Console to use it, then "
                              "try again. Until then the credentials are kept for this "
                              "session only.");
        break;
    case Kind::Cancelled: failure.message = tr("The request was cancelled."); break;
    }
    return failure;
}

Failure Failure::fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString)
{
    switch (error) {
    case QNetworkReply::HostNotFoundError: return make(Kind::HostNotFound, errorString);
    case QNetworkReply::ConnectionRefusedError: return make(Kind::ConnectionRefused, errorString);
    case QNetworkReply::TimeoutError: return make(Kind::Timeout, errorString);
    case QNetworkReply::SslHandshakeFailedError: return make(Kind::Tls, errorString);
    case QNetworkReply::OperationCanceledError: return make(Kind::Cancelled, errorString);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError: return make(Kind::Proxy, errorString);
    default: return make(Kind::Network, errorString);
    }
}

Failure Failure::fromSslErrors(const QList<QSslError> &errors, const QUrl &url,
                               const QList<QSslCertificate> &chain, const QDateTime &now)
{
    // The error explained first, and the other causes to name after it.
    const QSslError *primary = nullptr;
    QList<TlsCause> causes;
    for (const QSslError &error : errors) {
        const TlsCause cause = tlsCauseOf(error.error());
        if (!causes.contains(cause))
            causes << cause;
        if (!primary || tlsCauseRank(cause) < tlsCauseRank(tlsCauseOf(primary->error())))
            primary = &error;
    }

    TlsProblem problem;
    problem.host = url.host();
    problem.now = now;
    problem.serverCertificate = chain.value(0);
    for (const QSslError &error : errors) {
        if (problem.serverCertificate.isNull())
            problem.serverCertificate = error.certificate();
    }
    // For an expiry, the certificate concerned may be one further up the chain.
    problem.certificate = primary ? primary->certificate() : QSslCertificate();
    if (problem.certificate.isNull())
        problem.certificate = problem.serverCertificate;
    problem.error = primary ? primary->error() : QSslError::UnspecifiedError;

    Failure failure = make(Kind::Tls);
    failure.tlsCause = primary ? tlsCauseOf(primary->error()) : TlsCause::Other;
    explainTlsProblem(failure, problem);

    QStringList others;
    for (const TlsCause cause : std::as_const(causes)) {
        if (cause != failure.tlsCause)
            others << tlsCausePhrase(cause);
    }
    if (!others.isEmpty()) {
        failure.message += QLatin1Char(' ')
                           + tr("The certificate has other problems too: %1.")
                                 .arg(others.join(QStringLiteral("; ")));
    }
    failure.detail = tlsDetail(errors, url, chain, problem);
    return failure;
}

Failure Failure::unreadableToken(int httpStatus, const QByteArray &body,
                                 const QByteArray &contentType, const QString &problem)
{
    Failure failure = make(Kind::UnexpectedResponse,
                           tr("HTTP %1: %2").arg(QString::number(httpStatus), problem), httpStatus);
    if (looksLikeHtml(body, contentType)) {
        failure.message = tr("The server answered with a web page instead of a token.");
        failure.nextStep = tr("Check the base URL: it should be the Gloo API's address "
                              "(https://platform.ai.gloo.com), not a website or a sign-in "
                              "page.");
    }
    return failure;
}

Failure Failure::fromTokenEndpoint(int httpStatus, const QByteArray &body,
                                   const QByteArray &contentType, int retryAfterMs)
{
    Failure failure = classifyTokenEndpoint(httpStatus, body, contentType);
    failure.retryAfterMs = retryAfterMs;
    failure.context.endpoint = QStringLiteral("/oauth2/token");
    if (failure.kind == Kind::RateLimited && retryAfterMs >= 0)
        failure.nextStep = tr("Wait %1, then try again.").arg(waitText(retryAfterMs));
    return failure;
}

Failure Failure::classifyTokenEndpoint(int httpStatus, const QByteArray &body,
                                       const QByteArray &contentType)
{
    const ErrorBody error = parseErrorBody(body);
    const QString detail = statusDetail(httpStatus, body);

    if (error.code == QLatin1String("invalid_client")
        || error.code == QLatin1String("unauthorized_client")) {
        return make(Kind::InvalidCredentials, detail, httpStatus);
    }
    if (httpStatus == 403)
        return make(Kind::AccessDenied, detail, httpStatus);
    if (httpStatus == 429)
        return make(Kind::RateLimited, detail, httpStatus);
    if (httpStatus >= 500)
        return make(Kind::ServerError, detail, httpStatus);
    if (looksLikeHtml(body, contentType)) {
        Failure failure = make(Kind::UnexpectedResponse, detail, httpStatus);
        failure.message = tr("The server answered with a web page instead of a token.");
        return failure;
    }
    if (httpStatus == 401)
        return make(Kind::InvalidCredentials, detail, httpStatus);
    if (httpStatus == 404)
        return make(Kind::NotFound, detail, httpStatus);
    if (!error.code.isEmpty()) {
        Failure failure = make(Kind::InvalidRequest, detail, httpStatus);
        failure.message = tr("The token server rejected the request (%1).").arg(error.code);
        failure.nextStep = tr("Check the environment's base URL. If it is correct, this is a "
                              "problem for Gloo support.");
        return failure;
    }
    return make(Kind::UnexpectedResponse, detail, httpStatus);
}

Failure Failure::fromApiResponse(int httpStatus, const QByteArray &body, const Context &context,
                                 int retryAfterMs)
{
    const ErrorBody error = parseErrorBody(body);
    const QString detail = statusDetail(httpStatus, body);

    Failure failure;
    if (httpStatus == 401)
        failure = make(Kind::Unauthorized, detail, httpStatus);
    else if (httpStatus == 403)
        failure = make(Kind::AccessDenied, detail, httpStatus);
    else if (httpStatus == 404)
        failure = make(Kind::NotFound, detail, httpStatus);
    else if (httpStatus == 429)
        failure = make(Kind::RateLimited, detail, httpStatus);
    else if (httpStatus >= 500)
        failure = make(Kind::ServerError, detail, httpStatus);
    else if (httpStatus >= 400)
        failure = make(Kind::InvalidRequest, detail, httpStatus);
    else
        failure = make(Kind::UnexpectedResponse, detail, httpStatus);

    failure.context = context;
    failure.errorType = error.code;
    failure.fault = error.fault;
    failure.requestId = error.requestId;
    failure.traceId = error.traceId;
    failure.retryable = error.retryable;
    failure.retryAfterMs = retryAfterMs;

    const bool forbiddenModel = httpStatus == 403 && !context.model.isEmpty()
                                && error.code.compare(QLatin1String("forbidden"),
                                                      Qt::CaseInsensitive)
                                       == 0;
    const bool providerFault = error.fault == QLatin1String("provider");

    if (forbiddenModel) {
        failure.message =
            tr("The model \"%1\" is not enabled for these credentials.").arg(context.model);
        failure.nextStep = tr("Other models may work: try auto routing or a model family, or "
                              "ask your Gloo administrator to enable this model.");
    } else if (httpStatus == 503 && providerFault && context.maxTokens > 0
               && context.maxTokens < 1024) {
        failure.message = tr("The model produced no answer. max_tokens is %1, which is "
                             "probably too low for a thinking model: it spends tokens on "
                             "hidden reasoning first.")
                              .arg(context.maxTokens);
        failure.nextStep = tr("Raise max_tokens to 1024 or more, or leave it out, and send "
                              "again.");
    } else if (failure.kind == Kind::InvalidRequest && !error.description.isEmpty()) {
        failure.message = tr("The server rejected the request: %1").arg(error.description);
    } else if (providerFault) {
        failure.message = tr("The AI provider behind Gloo could not answer right now.");
        failure.nextStep = error.retryable == Retry::No
                               ? tr("This will not work by simply retrying. Try another model "
                                    "or contact Gloo support with the report below.")
                               : tr("This is usually temporary: try again in a moment, or pick "
                                    "another model.");
    }

    if (failure.kind == Kind::RateLimited && retryAfterMs >= 0)
        failure.nextStep = tr("Wait %1, then try again.").arg(waitText(retryAfterMs));
    return failure;
}

Failure Failure::timedOut(int milliseconds, const QUrl &url, bool adjustable)
{
    Failure failure = make(Kind::Timeout, noAnswerWithin(milliseconds));
    if (isLoopbackHost(url.host()))
        failure.nextStep = localServerNextStep(adjustable);
    else if (!adjustable)
        failure.nextStep = tr("Check your internet connection and try again; if the server "
                              "is known to be slow, try again later.");
    return failure;
}

QString Failure::noAnswerWithin(int milliseconds)
{
    if (milliseconds % 1000 != 0)
        return tr("No answer within %1 seconds.").arg(milliseconds / 1000.0, 0, 'g', 3);
    const int seconds = milliseconds / 1000;
    return seconds == 1 ? tr("No answer within 1 second.")
                        : tr("No answer within %1 seconds.").arg(seconds);
}

QString Failure::localServerNextStep(bool adjustable)
{
    return adjustable ? tr("The server runs on this computer: check that it is still running "
                           "and answering, or allow a longer timeout.")
                      : tr("The server runs on this computer: check that it is still running "
                           "and answering.");
}

bool Failure::canRetry() const
{
    if (retryable != Retry::Unknown)
        return retryable == Retry::Yes;
    switch (kind) {
    case Kind::RateLimited:
    case Kind::ServerError:
    case Kind::Timeout:
    case Kind::Network:
    case Kind::ConnectionRefused:
    case Kind::Unauthorized:
    case Kind::Cancelled: return true;
    default: return false;
    }
}

QString Failure::supportReport() const
{
    QStringList lines;
    lines << tr("Gloo Console problem report");
    const QDateTime when = occurredAt.isValid() ? occurredAt : QDateTime::currentDateTimeUtc();
    lines << tr("Time (UTC): %1").arg(when.toUTC().toString(Qt::ISODate));
    if (!context.endpoint.isEmpty())
        lines << tr("Endpoint: %1").arg(context.endpoint);
    if (httpStatus > 0)
        lines << tr("HTTP status: %1").arg(httpStatus);
    if (!errorType.isEmpty())
        lines << tr("Error type: %1").arg(errorType);
    if (!fault.isEmpty())
        lines << tr("Fault: %1").arg(fault);
    if (!requestId.isEmpty())
        lines << tr("Request ID: %1").arg(requestId);
    if (!traceId.isEmpty())
        lines << tr("Trace ID: %1").arg(traceId);
    if (!context.model.isEmpty())
        lines << tr("Model: %1").arg(context.model);
    lines << tr("Problem: %1").arg(message);
    return lines.join(QLatin1Char('\n'));
}

QString Failure::summary() const
{
    if (nextStep.isEmpty())
        return message;
    return message + QLatin1Char(' ') + nextStep;
}

} // namespace gloo
