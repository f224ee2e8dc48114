#include "curlcommand.h"

#include <QStringList>

namespace gloo {

QString CurlCommand::shellQuoted(const QString &text)
{
    QString quoted = text;
    // Inside single quotes nothing is special except the quote itself, which
    // is closed, escaped and reopened.
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CurlCommand::toShell() const
{
    QStringList parts;
    parts << QStringLiteral("curl -sS");

    const QByteArray verb = method.toUpper();
    const QByteArray implied = body.isEmpty() ? QByteArrayLiteral("GET")
                                              : QByteArrayLiteral("POST");
    if (verb != implied)
        parts << QStringLiteral("-X ") + QString::fromLatin1(verb);
    parts << shellQuoted(url.toString(QUrl::FullyEncoded));

    for (const auto &header : headers) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) == 0)
            continue;
        parts << QStringLiteral("-H ")
                     + shellQuoted(QString::fromLatin1(header.first) + QStringLiteral(": ")
                                   + QString::fromUtf8(header.second));
    }
    switch (token) {
    case Token::None: break;
    case Token::Placeholder:
        // Double quotes, so that the shell expands the variable.
        parts << QStringLiteral("-H \"Authorization: Bearer $%1\"").arg(placeholderVariable());
        break;
    case Token::Value:
        parts << QStringLiteral("-H ")
                     + shellQuoted(QStringLiteral("Authorization: ")
                                   + QString::fromUtf8(authorizationValue));
        break;
    }
    if (!body.isEmpty())
        parts << QStringLiteral("--data-raw ") + shellQuoted(QString::fromUtf8(body));
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace gloo
