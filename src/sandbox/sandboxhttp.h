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
// front end. Every answer of the sandbox is JSON.
//
// Error messages are part of the wire protocol, like Gloo's own, so they stay
// in English instead of going through tr().
struct SandboxReply
{
    HttpStatus status = HttpStatus::Ok;
    QJsonObject body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

SandboxReply jsonReply(const QJsonObject &body, HttpStatus status = HttpStatus::Ok);

// An OAuth 2.0 error as the token endpoint answers it (RFC 6749 section 5.2),
// for example {"error": "invalid_client", "error_description": "..."}.
SandboxReply oauthError(HttpStatus status, const QString &error, const QString &description);

// Gloo's error envelope for the API endpoints. Every error the sandbox makes
// is the client's fault and is not worth retrying unchanged.
SandboxReply glooError(HttpStatus status, const QString &type, int code, const QString &message);

// Gloo documents the code of INVALID_REQUEST; for the other kinds it documents
// none, so the HTTP status stands in for the code.
SandboxReply invalidRequest(const QString &message);

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
