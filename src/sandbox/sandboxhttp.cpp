#include "sandboxhttp.h"

#include <QHttpServerRequest>
#include <QUuid>

namespace gloo::sandbox {

SandboxReply jsonReply(const QJsonObject &body, HttpStatus status)
{
    SandboxReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

SandboxReply oauthError(HttpStatus status, const QString &error, const QString &description)
{
    return jsonReply(QJsonObject{{QStringLiteral("error"), error},
                                 {QStringLiteral("error_description"), description}},
                     status);
}

SandboxReply glooError(HttpStatus status, const QString &type, int code, const QString &message)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString traceId = QUuid::createUuid().toString(QUuid::Id128);
    const QJsonObject error{
        {QStringLiteral("type"), type},
        {QStringLiteral("code"), code},
        {QStringLiteral("fault"), QStringLiteral("client")},
        {QStringLiteral("retryable"), false},
        {QStringLiteral("message"), message},
        {QStringLiteral("request_id"), requestId},
        {QStringLiteral("trace_id"), traceId},
    };

    SandboxReply reply = jsonReply(QJsonObject{{QStringLiteral("error"), error}}, status);
    reply.headers.append({QByteArrayLiteral("X-Request-Id"), requestId.toUtf8()});
    return reply;
}

SandboxReply invalidRequest(const QString &message)
{
    return glooError(HttpStatus::BadRequest, QStringLiteral("INVALID_REQUEST"), 1001, message);
}

QByteArray headerValue(const QHttpServerRequest &request, QByteArrayView name)
{
    const auto headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second.trimmed();
    }
    return {};
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = semicolon < 0 ? contentType : contentType.left(semicolon);
    return type.trimmed().toLower();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;

    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace gloo::sandbox
