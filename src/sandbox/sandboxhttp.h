#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

QT_BEGIN_NAMESPACE
class QHttpServerRequest;
QT_END_NAMESPACE

namespace gloo::sandbox {

using HttpStatus = QHttpServerResponder::StatusCode;

// One answer of the sandbox, built by an endpoint and written by the HTTP
// front end. Most answers are JSON; fault injection also needs raw bodies, a
// connection closed without an answer, and streams of server-sent events.
//
// Error messages are part of the wire protocol, like Gloo's own, so they stay
// in English instead of going through tr().
struct SandboxReply
{
    enum class Kind {
        Json,        // `body` as JSON with a Content-Length
        Raw,         // `rawBody` as it is, typed `contentType`
        EventStream, // `events` as server-sent events, in chunked transfer encoding
        Drop,        // the connection is closed and nothing is answered
    };

    Kind kind = Kind::Json;
    HttpStatus status = HttpStatus::Ok;
    QJsonObject body;
    QByteArray rawBody;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;

    // For EventStream: the data of each event in order, the pause before each
    // one, and whether the connection drops after the last one instead of the
    // stream ending properly.
    QList<QByteArray> events;
    int eventDelayMs = 0;
    bool dropAfterEvents = false;

    // How long the front end waits before it starts answering, so that a
    // client sees a slow server while the sandbox thread stays responsive.
    int delayMs = 0;
};

SandboxReply jsonReply(const QJsonObject &body, HttpStatus status = HttpStatus::Ok);
SandboxReply rawReply(const QByteArray &body, const QByteArray &contentType,
                      HttpStatus status = HttpStatus::Ok);
SandboxReply dropConnection();

// An OAuth 2.0 error as the token endpoint answers it (RFC 6749 section 5.2),
// for example {"error": "invalid_client", "error_description": "..."}.
SandboxReply oauthError(HttpStatus status, const QString &error, const QString &description);

// Gloo's error envelope for the API endpoints, for mistakes of the client that
// are not worth retrying unchanged.
SandboxReply glooError(HttpStatus status, const QString &type, int code, const QString &message);

// Gloo documents the code of INVALID_REQUEST; for the other kinds it documents
// none, so the HTTP status stands in for the code.
SandboxReply invalidRequest(const QString &message);
SandboxReply notFound(const QString &message);

// The envelope of a failure at the model provider: 503, retryable, with the
// identifiers that Gloo support asks for.
QJsonObject providerErrorObject(const QString &category, const QString &providerName,
                                const QString &message);
SandboxReply providerError(const QString &category, const QString &providerName,
                           const QString &message);

// 403 for credentials whose organisation has no API access.
SandboxReply forbiddenClient(const QString &message);

// 403 for a model these credentials are not entitled to, in the flat shape
// {"code": "forbidden", ...} that Gloo uses for it.
SandboxReply forbiddenModel(const QString &modelId);

// The value of a request header, found without regard to the case of its name
// as HTTP requires. Empty when the header is absent.
QByteArray headerValue(const QHttpServerRequest &request, QByteArrayView name);

// The media type of a Content-Type value in lower case, without parameters:
// "Application/JSON; charset=utf-8" gives "application/json".
QByteArray mediaType(const QByteArray &contentType);

// Compares two byte strings in time that depends only on their lengths, so
// that the time of a rejection tells nothing about how much of a secret or a
// signature was right.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace gloo::sandbox
