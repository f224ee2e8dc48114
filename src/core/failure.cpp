#include "failure.h"

#include <QJsonDocument>
#include <QJsonObject>

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

// The "error" member of an OAuth2 error answer, or of Gloo's error envelope
// ({"error": {"type": ..., "message": ...}}), or a top-level "message".
struct ErrorBody
{
    QString code;
    QString description;
};

ErrorBody parseErrorBody(const QByteArray &body)
{
    ErrorBody result;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return result;

    const QJsonObject object = document.object();
    const QJsonValue error = object.value(QLatin1String("error"));
    if (error.isString()) {
        result.code = error.toString();
        result.description = object.value(QLatin1String("error_description")).toString();
    } else if (error.isObject()) {
        const QJsonObject envelope = error.toObject();
        result.code = envelope.value(QLatin1String("type")).toString();
        result.description = envelope.value(QLatin1String("message")).toString();
    }
    if (result.code.isEmpty())
        result.code = object.value(QLatin1String("code")).toString();
    if (result.description.isEmpty())
        result.description = object.value(QLatin1String("message")).toString();
    return result;
}

QString statusDetail(int httpStatus, const QByteArray &body)
{
    QString detail = Failure::tr("HTTP status %1").arg(httpStatus);
    if (!body.isEmpty())
        detail += QStringLiteral("\n") + bodyExcerpt(body);
    return detail;
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
    case Kind::UnexpectedResponse: return QStringLiteral("unexpected-response");
    case Kind::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case Kind::KeychainDenied: return QStringLiteral("keychain-denied");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

Failure Failure::make(Kind kind, const QString &detail, int httpStatus)
{
    Failure failure;
    failure.kind = kind;
    failure.detail = detail;
    failure.httpStatus = httpStatus;

    switch (kind) {
    case Kind::None:
        break;
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
        failure.nextStep = tr("This is not caused by your settings. Try again in a few "
                              "minutes.");
        break;
    case Kind::InvalidRequest:
        failure.message = tr("The server rejected the request as invalid.");
        failure.nextStep = tr("Read the server's explanation below, correct the request "
                              "and send it again.");
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
        failure.message = tr("The secure connection could not be established: the server's "
                             "certificate was not trusted.");
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
    case Kind::UnexpectedResponse:
        failure.message = tr("The server sent an answer Gloo Console could not understand.");
        failure.nextStep = tr("Check that the base URL points to the Gloo API, then try "
                              "again.");
        break;
    case Kind::KeychainUnavailable:
        failure.message = tr("The system keychain is not available, so your credentials "
                             "cannot be saved.");
        failure.nextStep = tr("You can keep working: the credentials are kept for this "
                              "session only and never written to disk.");
        break;
    case Kind::KeychainDenied:
        failure.message = tr("Access to the system keychain was denied or it is locked.");
        failure.nextStep = tr("Unlock your keychain and allow Gloo Console to use it, then "
                              "try again. Until then the credentials are kept for this "
                              "session only.");
        break;
    case Kind::Cancelled:
        failure.message = tr("The request was cancelled.");
        break;
    }
    return failure;
}

Failure Failure::fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString)
{
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return make(Kind::HostNotFound, errorString);
    case QNetworkReply::ConnectionRefusedError:
        return make(Kind::ConnectionRefused, errorString);
    case QNetworkReply::TimeoutError:
        return make(Kind::Timeout, errorString);
    case QNetworkReply::SslHandshakeFailedError:
        return make(Kind::Tls, errorString);
    case QNetworkReply::OperationCanceledError:
        return make(Kind::Cancelled, errorString);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return make(Kind::Proxy, errorString);
    default:
        return make(Kind::Network, errorString);
    }
}

Failure Failure::fromTokenEndpoint(int httpStatus, const QByteArray &body,
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

Failure Failure::fromApiResponse(int httpStatus, const QByteArray &body)
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

    if (!error.description.isEmpty() && failure.kind == Kind::InvalidRequest)
        failure.message = tr("The server rejected the request: %1").arg(error.description);
    return failure;
}

QString Failure::summary() const
{
    if (nextStep.isEmpty())
        return message;
    return message + QLatin1Char(' ') + nextStep;
}

} // namespace gloo
