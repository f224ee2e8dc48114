#include "sandboxhttp.h"

#include <QHttpServerRequest>
#include <QUuid>

namespace gloo::sandbox {

namespace {

QString newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString newTraceId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

SandboxReply withRequestId(SandboxReply reply, const QString &requestId)
{
    reply.headers.append({QByteArrayLiteral("X-Request-Id"), requestId.toUtf8()});
    return reply;
}

} // namespace

SandboxReply jsonReply(const QJsonObject &body, HttpStatus status)
{
    SandboxReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

SandboxReply rawReply(const QByteArray &body, const QByteArray &contentType, HttpStatus status)
{
    SandboxReply reply;
    reply.kind = SandboxReply::Kind::Raw;
    reply.status = status;
    reply.rawBody = body;
    reply.contentType = contentType;
    return reply;
}

SandboxReply dropConnection()
{
    SandboxReply reply;
    reply.kind = SandboxReply::Kind::Drop;
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
    const QString requestId = newRequestId();
    const QJsonObject error{
        {QStringLiteral("type"), type},
        {QStringLiteral("code"), code},
        {QStringLiteral("fault"), QStringLiteral("client")},
        {QStringLiteral("retryable"), false},
        {QStringLiteral("message"), message},
        {QStringLiteral("request_id"), requestId},
        {QStringLiteral("trace_id"), newTraceId()},
    };
    return withRequestId(jsonReply(QJsonObject{{QStringLiteral("error"), error}}, status),
                         requestId);
}

SandboxReply invalidRequest(const QString &message)
{
    return glooError(HttpStatus::BadRequest, QStringLiteral("INVALID_REQUEST"), 1001, message);
}

SandboxReply notFound(const QString &message)
{
    return glooError(HttpStatus::NotFound, QStringLiteral("NOT_FOUND"), int(HttpStatus::NotFound),
                     message);
}

QJsonObject providerErrorObject(const QString &category, const QString &providerName,
                                const QString &message)
{
    const QJsonObject error{
        {QStringLiteral("type"), QStringLiteral("service_unavailable_error")},
        {QStringLiteral("code"), 2002},
        {QStringLiteral("fault"), QStringLiteral("provider")},
        {QStringLiteral("retryable"), true},
        {QStringLiteral("category"), category},
        {QStringLiteral("message"), message},
        {QStringLiteral("trace_id"), newTraceId()},
        {QStringLiteral("request_id"), newRequestId()},
        {QStringLiteral("provider_name"), providerName},
    };
    return QJsonObject{{QStringLiteral("error"), error}};
}

SandboxReply providerError(const QString &category, const QString &providerName,
                           const QString &message)
{
    const QJsonObject body = providerErrorObject(category, providerName, message);
    const QString requestId = body.value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("request_id"))
                                  .toString();
    return withRequestId(jsonReply(body, HttpStatus::ServiceUnavailable), requestId);
}

SandboxReply forbiddenClient(const QString &message)
{
    return glooError(HttpStatus::Forbidden, QStringLiteral("forbidden"), int(HttpStatus::Forbidden),
                     message);
}

SandboxReply forbiddenModel(const QString &modelId)
{
    const QString requestId = newRequestId();
    const QJsonObject body{
        {QStringLiteral("code"), QStringLiteral("forbidden")},
        {QStringLiteral("message"),
         QStringLiteral("Model \"%1\" is not enabled for these credentials.").arg(modelId)},
        {QStringLiteral("model"), modelId},
        {QStringLiteral("request_id"), requestId},
    };
    return withRequestId(jsonReply(body, HttpStatus::Forbidden), requestId);
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
