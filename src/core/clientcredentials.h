#pragma once

#include <QByteArray>
#include <QString>

namespace gloo {

// The Client ID and Client Secret from Gloo AI Studio. Held in memory only;
// persisted solely through the system keychain.
struct ClientCredentials
{
    QString clientId;
    QString clientSecret;

    bool isComplete() const { return !clientId.trimmed().isEmpty() && !clientSecret.isEmpty(); }
    bool operator==(const ClientCredentials &other) const
    {
        return clientId == other.clientId && clientSecret == other.clientSecret;
    }
    bool operator!=(const ClientCredentials &other) const { return !(*this == other); }

    // Overwrites the secret's characters before releasing them, so a copy
    // does not linger in freed memory longer than needed.
    void wipe();
};

// application/x-www-form-urlencoded encoding of one value: unreserved
// characters stay, a space becomes '+', everything else is %XX of its UTF-8.
QByteArray formUrlEncode(const QString &value);

// The value of the Authorization header for HTTP Basic client authentication
// as RFC 6749 section 2.3.1 defines it: the id and the secret are each
// form-urlencoded, then joined with ':' and base64-encoded.
QByteArray basicAuthorization(const ClientCredentials &credentials);

} // namespace gloo
