#pragma once

#include <QByteArray>
#include <QString>

namespace gloo {

// Keeps every secret value the process currently holds (client secrets,
// access tokens) so that any text about to be logged or shown can be
// scrubbed of them. Thread-safe; values are forgotten when unregistered.
class SecretRegistry
{
public:
    static void add(const QString &secret);
    static void remove(const QString &secret);

    // The text with every registered secret, every "Bearer ..." and "Basic
    // ..." credential and every JWT-looking value replaced by [redacted].
    static QString redact(const QString &text);
    // The text with every registered secret replaced by `marker`, as typed
    // and as it appears percent-encoded in a URL or a form body.
    static QString replaceRegistered(const QString &text, const QString &marker);
};

// Routes all Qt logging through SecretRegistry::redact before the previous
// handler prints it. Installed once by each executable at start-up.
void installRedactingMessageHandler();

} // namespace gloo
