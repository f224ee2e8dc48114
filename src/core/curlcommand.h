#pragma once

#include "apiclient.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace gloo {

// A shell command that sends the same request with curl, for bug reports,
// scripts and Gloo support. By default the access token stays out of it: the
// command reads it from $GLOO_ACCESS_TOKEN, so it can be pasted anywhere.
struct CurlCommand
{
    enum class Token {
        // No Authorization header (the request is sent without a token).
        None,
        // "Authorization: Bearer $GLOO_ACCESS_TOKEN", expanded by the shell.
        Placeholder,
        // authorizationValue written into the command: only on explicit request.
        Value,
    };

    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    // Sent as they are; an Authorization header here is ignored in favour of
    // the token choice.
    HeaderList headers;
    QByteArray body;
    Token token = Token::Placeholder;
    // The whole header value for Token::Value, such as "Bearer <token>".
    QByteArray authorizationValue;
    // Values never written into the command (the Client Secret typed into a
    // body, a token pasted into a header): wherever one appears, as typed or
    // percent-encoded, the command reads the shell variable instead, which
    // holds the value as typed.
    struct Variable
    {
        QString value;
        QString name;
    };
    QList<Variable> variables;

    // POSIX shell syntax (bash, zsh, sh), one option per line.
    QString toShell() const;
    // The names of the variables toShell() reads, each once.
    QStringList variablesUsed() const;

    static QString placeholderVariable() { return QStringLiteral("GLOO_ACCESS_TOKEN"); }
    static QString secretVariable() { return QStringLiteral("GLOO_CLIENT_SECRET"); }
    // 'text' in single quotes, safe for any content.
    static QString shellQuoted(const QString &text);
};

} // namespace gloo
