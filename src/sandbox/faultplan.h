#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo::sandbox {

// A broken body the token endpoint can answer with instead of a token.
enum class TokenBodyFault {
    None,
    Html,             // an HTML error page, as a gateway in front would send
    Garbage,          // "application/json" that is not JSON
    Empty,            // no body at all
    NoAccessToken,    // the success shape without "access_token"
    ExpiresInString,  // "expires_in": "3600", a string instead of a number
    ExpiresInMissing, // no "expires_in"
    Huge,             // a valid token padded to more than 1 MB
};

// The names used by the control endpoint and the command line: "html",
// "garbage", "empty", "no_access_token", "expires_in_string",
// "expires_in_missing", "huge" (and "none").
QString tokenBodyFaultName(TokenBodyFault fault);
std::optional<TokenBodyFault> tokenBodyFaultFromName(const QString &name);

// What the sandbox does wrong on purpose, so that a client's handling of each
// failure can be tested against a real server. The default plan injects
// nothing.
//
// Fields named "...Count" are one-shot: each request that a fault hits uses
// up one, and the fault stops when the count reaches zero. The other fields
// stay in force until they are changed or the plan is reset.
//
// Faults act before the request is examined, the way a failing gateway in
// front of the real server would. A token request meets at most one of them,
// checked in this order: drop, failure status, broken body. An API request is
// dropped before its access token is checked; the 403 faults apply to requests
// that pass the token check.
struct FaultPlan
{
    // Token endpoint: the next tokenFailureCount requests answer
    // tokenFailureStatus (for example 429, 500, 503) with an OAuth error body,
    // and a Retry-After header when tokenRetryAfter is not empty.
    int tokenFailureCount = 0;
    int tokenFailureStatus = 503;
    QByteArray tokenRetryAfter;

    // Token endpoint: the next tokenBodyFaultCount requests get a broken body,
    // sent with tokenBodyStatus (200, or 502 for a gateway's error page).
    TokenBodyFault tokenBodyFault = TokenBodyFault::None;
    int tokenBodyFaultCount = 0;
    int tokenBodyStatus = 200;

    // The next N requests find their connection closed without an answer.
    // Qt's QNetworkAccessManager sends a request once more, unasked, when its
    // connection closes before any answer, so a client built on it reports a
    // drop only when two attempts in a row are dropped; each attempt uses up
    // one of the count.
    int tokenDropCount = 0;
    int apiDropCount = 0;

    // The next N API requests revoke every token issued so far before their
    // own token is checked: the request in hand is refused with 401 while a
    // freshly issued token works, exactly like a token revoked mid-session.
    int apiRevokeCount = 0;

    // Every answer waits this long first; a dropped connection too.
    int tokenDelayMs = 0;
    int apiDelayMs = 0;

    // API requests with a valid access token issued to this client ID are
    // answered 403 {"error": {"type": "forbidden", ...}}. Empty for none.
    QString forbiddenClientId;

    // Requests that name one of these models explicitly are answered 403
    // {"code": "forbidden", ...}; routing by family or auto routing is not
    // affected, as the real router only picks models the client may use.
    QStringList forbiddenModels;

    // Streams: the next streamDropCount streams lose their connection after
    // streamDropAfterEvents events; the next streamErrorCount streams send an
    // error event after streamErrorAfterEvents events and end. A drop wins
    // when both are due.
    int streamDropCount = 0;
    int streamDropAfterEvents = 0;
    int streamErrorCount = 0;
    int streamErrorAfterEvents = 0;

    // True when nothing is injected.
    bool isEmpty() const;

    // The plan as the control and stats endpoints show it.
    QJsonObject toJson() const;
};

// Applies the fault keys of a control request to `plan`, all or nothing:
// on a mistake it returns what is wrong and leaves `plan` as it was. Keys:
//
//   "token_failure": {"count": 2, "status": 503, "retry_after": "5"}
//   "token_body":    {"kind": "html", "count": 1, "status": 502}
//   "token_drop":    {"count": 1}            "api_drop": {"count": 1}
//   "api_revoke":    {"count": 1}
//   "token_delay_ms": 500                    "api_delay_ms": 500
//   "forbidden_client_id": "sandbox-client"  ("" lifts it)
//   "forbidden_models": ["gloo-openai-gpt-5-mini"]
//   "stream_drop":   {"count": 1, "after_events": 3}
//   "stream_error":  {"count": 1, "after_events": 3}
//
// A "count" left out means 1. Keys not listed here are refused, so that a
// misspelt fault cannot silently do nothing.
QString applyFaultChanges(const QJsonObject &changes, FaultPlan &plan);

} // namespace gloo::sandbox
