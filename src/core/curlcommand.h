#pragma once

#include "apiclient.h"

#include <QString>
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

    // POSIX shell syntax (bash, zsh, sh), one option per line.
    QString toShell() const;

    static QString placeholderVariable() { return QStringLiteral("GLOO_ACCESS_TOKEN"); }
    // 'text' in single quotes, safe for any content.
    static QString shellQuoted(const QString &text);
};

} // namespace gloo
