#include "faultplan.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace gloo::sandbox {

namespace {

const std::array<std::pair<TokenBodyFault, const char *>, 8> tokenBodyFaultNames{{
    {TokenBodyFault::None, "none"},
    {TokenBodyFault::Html, "html"},
    {TokenBodyFault::Garbage, "garbage"},
    {TokenBodyFault::Empty, "empty"},
    {TokenBodyFault::NoAccessToken, "no_access_token"},
    {TokenBodyFault::ExpiresInString, "expires_in_string"},
    {TokenBodyFault::ExpiresInMissing, "expires_in_missing"},
    {TokenBodyFault::Huge, "huge"},
}};

QJsonObject countedFault(int count, int afterEvents)
{
    return QJsonObject{{QStringLiteral("count"), count},
                       {QStringLiteral("after_events"), afterEvents}};
}

} // namespace

QString tokenBodyFaultName(TokenBodyFault fault)
{
    for (const auto &[value, name] : tokenBodyFaultNames) {
        if (value == fault)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<TokenBodyFault> tokenBodyFaultFromName(const QString &name)
{
    for (const auto &[value, known] : tokenBodyFaultNames) {
        if (name == QLatin1String(known))
            return value;
    }
    return std::nullopt;
}

bool FaultPlan::isEmpty() const
{
    return tokenFailureCount == 0 && tokenBodyFaultCount == 0 && tokenDropCount == 0
           && apiDropCount == 0 && apiRevokeCount == 0 && tokenDelayMs == 0 && apiDelayMs == 0
           && forbiddenClientId.isEmpty() && forbiddenModels.isEmpty() && streamDropCount == 0
           && streamErrorCount == 0;
}

QJsonObject FaultPlan::toJson() const
{
    const QJsonObject tokenFailure{
        {QStringLiteral("count"), tokenFailureCount},
        {QStringLiteral("status"), tokenFailureStatus},
        {QStringLiteral("retry_after"), QString::fromLatin1(tokenRetryAfter)},
    };
    const QJsonObject tokenBody{
        {QStringLiteral("kind"), tokenBodyFaultName(tokenBodyFault)},
        {QStringLiteral("count"), tokenBodyFaultCount},
        {QStringLiteral("status"), tokenBodyStatus},
    };
    return QJsonObject{
        {QStringLiteral("token_failure"), tokenFailure},
        {QStringLiteral("token_body"), tokenBody},
        {QStringLiteral("token_drop"), QJsonObject{{QStringLiteral("count"), tokenDropCount}}},
        {QStringLiteral("api_drop"), QJsonObject{{QStringLiteral("count"), apiDropCount}}},
        {QStringLiteral("api_revoke"), QJsonObject{{QStringLiteral("count"), apiRevokeCount}}},
        {QStringLiteral("token_delay_ms"), tokenDelayMs},
        {QStringLiteral("api_delay_ms"), apiDelayMs},
        {QStringLiteral("forbidden_client_id"), forbiddenClientId},
        {QStringLiteral("forbidden_models"), QJsonArray::fromStringList(forbiddenModels)},
        {QStringLiteral("stream_drop"), countedFault(streamDropCount, streamDropAfterEvents)},
        {QStringLiteral("stream_error"), countedFault(streamErrorCount, streamErrorAfterEvents)},
    };
}

} // namespace gloo::sandbox
