#include "faultplan.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonValue>
#include <QMetaEnum>

#include <cmath>
#include <functional>
#include <optional>

namespace gloo::sandbox {

namespace {

// Ten minutes: longer than any client timeout worth testing.
constexpr int maxDelayMs = 600000;
constexpr int maxCount = 1000000;

using Apply = std::function<QString(const QJsonValue &value, FaultPlan &plan)>;

std::optional<int> wholeNumber(const QJsonValue &value, int minimum, int maximum)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || std::floor(number) != number || number < minimum || number > maximum)
        return std::nullopt;
    return int(number);
}

// Qt writes a status line only for the statuses it has a name for.
QString readStatus(const QJsonObject &object, const QString &name, int minimum, int &target)
{
    const QString key = QStringLiteral("status");
    if (!object.contains(key))
        return {};
    const auto number = wholeNumber(object.value(key), minimum, 599);
    const auto statuses = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    if (!number || !statuses.valueToKey(*number)) {
        return QStringLiteral("\"%1.status\" must be an HTTP status from %2 to 599.")
            .arg(name, QString::number(minimum));
    }
    target = *number;
    return {};
}

QString rangeError(const QString &name, int minimum, int maximum)
{
    return QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
        .arg(name)
        .arg(minimum)
        .arg(maximum);
}

// Reads an object such as {"count": 2, "status": 503}: every key must be one
// of `allowed`, and "count" defaults to 1.
QString readObject(const QString &name, const QJsonValue &value, const QStringList &allowed,
                   QJsonObject &object)
{
    if (!value.isObject())
        return QStringLiteral("\"%1\" must be an object.").arg(name);
    object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            return QStringLiteral("\"%1\" has no field \"%2\".").arg(name, it.key());
    }
    if (!object.contains(QStringLiteral("count")))
        object.insert(QStringLiteral("count"), 1);
    return {};
}

QString readInt(const QJsonObject &object, const QString &name, const QString &key, int minimum,
                int maximum, int &target)
{
    if (!object.contains(key))
        return {};
    const auto number = wholeNumber(object.value(key), minimum, maximum);
    if (!number)
        return rangeError(name + QLatin1Char('.') + key, minimum, maximum);
    target = *number;
    return {};
}

Apply countOnly(const QString &name, int FaultPlan::*count)
{
    return [name, count](const QJsonValue &value, FaultPlan &plan) {
        QJsonObject object;
        QString error = readObject(name, value, {QStringLiteral("count")}, object);
        if (error.isEmpty())
            error = readInt(object, name, QStringLiteral("count"), 0, maxCount, plan.*count);
        return error;
    };
}

Apply delay(const QString &name, int FaultPlan::*target)
{
    return [name, target](const QJsonValue &value, FaultPlan &plan) {
        const auto number = wholeNumber(value, 0, maxDelayMs);
        if (!number)
            return rangeError(name, 0, maxDelayMs);
        plan.*target = *number;
        return QString();
    };
}

Apply streamFault(const QString &name, int FaultPlan::*count, int FaultPlan::*afterEvents)
{
    return [name, count, afterEvents](const QJsonValue &value, FaultPlan &plan) {
        QJsonObject object;
        QString error = readObject(name, value,
                                   {QStringLiteral("count"), QStringLiteral("after_events")},
                                   object);
        if (error.isEmpty())
            error = readInt(object, name, QStringLiteral("count"), 0, maxCount, plan.*count);
        if (error.isEmpty()) {
            error = readInt(object, name, QStringLiteral("after_events"), 0, maxCount,
                            plan.*afterEvents);
        }
        return error;
    };
}

QString applyTokenFailure(const QJsonValue &value, FaultPlan &plan)
{
    const QString name = QStringLiteral("token_failure");
    QJsonObject object;
    QString error = readObject(
        name, value,
        {QStringLiteral("count"), QStringLiteral("status"), QStringLiteral("retry_after")}, object);
    if (error.isEmpty())
        error = readInt(object, name, QStringLiteral("count"), 0, maxCount, plan.tokenFailureCount);
    if (error.isEmpty())
        error = readStatus(object, name, 400, plan.tokenFailureStatus);
    if (!error.isEmpty() || !object.contains(QStringLiteral("retry_after")))
        return error;

    // Retry-After is a number of seconds or an HTTP date; either may be given.
    const QJsonValue retryAfter = object.value(QStringLiteral("retry_after"));
    if (retryAfter.isDouble() && wholeNumber(retryAfter, 0, maxCount))
        plan.tokenRetryAfter = QByteArray::number(retryAfter.toInt());
    else if (retryAfter.isString())
        plan.tokenRetryAfter = retryAfter.toString().toLatin1();
    else
        return QStringLiteral("\"token_failure.retry_after\" must be seconds or a string.");
    return {};
}

QString applyTokenBody(const QJsonValue &value, FaultPlan &plan)
{
    const QString name = QStringLiteral("token_body");
    QJsonObject object;
    QString error = readObject(
        name, value, {QStringLiteral("kind"), QStringLiteral("count"), QStringLiteral("status")},
        object);
    if (error.isEmpty()) {
        const auto kind = tokenBodyFaultFromName(object.value(QStringLiteral("kind")).toString());
        if (!kind) {
            return QStringLiteral("\"token_body.kind\" must be one of html, garbage, empty, "
                                  "no_access_token, expires_in_string, expires_in_missing, "
                                  "huge or none.");
        }
        plan.tokenBodyFault = *kind;
        error = readInt(object, name, QStringLiteral("count"), 0, maxCount,
                        plan.tokenBodyFaultCount);
    }
    if (error.isEmpty())
        error = readStatus(object, name, 200, plan.tokenBodyStatus);
    return error;
}

QString applyForbiddenClient(const QJsonValue &value, FaultPlan &plan)
{
    if (!value.isString() && !value.isNull())
        return QStringLiteral("\"forbidden_client_id\" must be a string.");
    plan.forbiddenClientId = value.toString();
    return {};
}

QString applyForbiddenModels(const QJsonValue &value, FaultPlan &plan)
{
    QStringList models;
    const QJsonArray list = value.toArray();
    for (const QJsonValue &model : list) {
        if (!model.isString())
            return QStringLiteral("\"forbidden_models\" must be an array of model IDs.");
        models.append(model.toString());
    }
    if (!value.isArray())
        return QStringLiteral("\"forbidden_models\" must be an array of model IDs.");
    plan.forbiddenModels = models;
    return {};
}

const QHash<QString, Apply> &appliers()
{
    static const QHash<QString, Apply> table{
        {QStringLiteral("token_failure"), applyTokenFailure},
        {QStringLiteral("token_body"), applyTokenBody},
        {QStringLiteral("token_drop"),
         countOnly(QStringLiteral("token_drop"), &FaultPlan::tokenDropCount)},
        {QStringLiteral("api_drop"),
         countOnly(QStringLiteral("api_drop"), &FaultPlan::apiDropCount)},
        {QStringLiteral("api_revoke"),
         countOnly(QStringLiteral("api_revoke"), &FaultPlan::apiRevokeCount)},
        {QStringLiteral("token_delay_ms"),
         delay(QStringLiteral("token_delay_ms"), &FaultPlan::tokenDelayMs)},
        {QStringLiteral("api_delay_ms"),
         delay(QStringLiteral("api_delay_ms"), &FaultPlan::apiDelayMs)},
        {QStringLiteral("forbidden_client_id"), applyForbiddenClient},
        {QStringLiteral("forbidden_models"), applyForbiddenModels},
        {QStringLiteral("stream_drop"),
         streamFault(QStringLiteral("stream_drop"), &FaultPlan::streamDropCount,
                     &FaultPlan::streamDropAfterEvents)},
        {QStringLiteral("stream_error"),
         streamFault(QStringLiteral("stream_error"), &FaultPlan::streamErrorCount,
                     &FaultPlan::streamErrorAfterEvents)},
    };
    return table;
}

} // namespace

QString applyFaultChanges(const QJsonObject &changes, FaultPlan &plan)
{
    FaultPlan changed = plan;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        const auto apply = appliers().constFind(it.key());
        if (apply == appliers().cend())
            return QStringLiteral("Unknown fault \"%1\".").arg(it.key());
        QString error = (*apply)(it.value(), changed);
        if (!error.isEmpty())
            return error;
    }
    plan = changed;
    return {};
}

} // namespace gloo::sandbox
