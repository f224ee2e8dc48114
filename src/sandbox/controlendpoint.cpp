#include "controlendpoint.h"

#include "faultinjector.h"
#include "requeststats.h"
#include "sandboxlogging.h"
#include "tokenissuer.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonParseError>

namespace gloo::sandbox {

namespace {

const QString resetKey = QStringLiteral("reset");
const QString resetFaultsKey = QStringLiteral("reset_faults");
const QString resetCountersKey = QStringLiteral("reset_counters");
const QString revokeKey = QStringLiteral("revoke_tokens");

// Takes a switch such as "reset": true out of `body`, so that what remains
// are fault keys. Refuses anything but a boolean.
bool takeSwitch(QJsonObject &body, const QString &key, bool &value, QString &error)
{
    const QJsonValue found = body.take(key);
    if (!found.isUndefined() && !found.isBool()) {
        error = QStringLiteral("\"%1\" must be true or false.").arg(key);
        return false;
    }
    value = found.toBool(false);
    return true;
}

} // namespace

SandboxReply answerControlRequest(const QHttpServerRequest &request, const ControlTargets &targets)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalidRequest(QStringLiteral("The control request must be a JSON object."));

    QJsonObject body = document.object();
    bool reset = false;
    bool resetFaults = false;
    bool resetCounters = false;
    bool revoke = false;
    QString error;
    if (!takeSwitch(body, resetKey, reset, error)
        || !takeSwitch(body, resetFaultsKey, resetFaults, error)
        || !takeSwitch(body, resetCountersKey, resetCounters, error)
        || !takeSwitch(body, revokeKey, revoke, error))
        return invalidRequest(error);

    // Checked and applied under one lock, so that requests in flight see the
    // plan before or after the change, never half of it.
    targets.faults.update([&](FaultPlan &plan) {
        FaultPlan changed = (reset || resetFaults) ? FaultPlan() : plan;
        error = applyFaultChanges(body, changed);
        if (error.isEmpty())
            plan = changed;
    });
    if (!error.isEmpty()) {
        qCInfo(lcSandbox) << "control request refused as invalid";
        return invalidRequest(error);
    }

    if (reset || resetCounters)
        targets.stats.reset();
    if (revoke) {
        targets.tokens.revokeAll();
        qCInfo(lcSandbox) << "every access token issued so far has been revoked";
    }
    qCInfo(lcSandbox).noquote() << "fault plan changed:"
                                << (targets.faults.plan().isEmpty() ? "no faults"
                                                                    : "faults active");
    return answerStatsRequest(targets);
}

SandboxReply answerStatsRequest(const ControlTargets &targets)
{
    return jsonReply(QJsonObject{
        {QStringLiteral("faults"), targets.faults.plan().toJson()},
        {QStringLiteral("stats"), targets.stats.snapshot().toJson()},
    });
}

} // namespace gloo::sandbox
