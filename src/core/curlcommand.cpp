#include "curlcommand.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace gloo {

QString CurlCommand::shellQuoted(const QString &text)
{
    QString quoted = text;
    // Inside single quotes nothing is special except the quote itself, which
    // is closed, escaped and reopened.
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

namespace {

// Where each variable's value appears in `text` (as typed, or percent-encoded
// as in a URL or a form body): the text split at those places, and the
// variable name for each cut.
struct Cut
{
    qsizetype at;
    qsizetype length;
    QString name;
};

QList<Cut> cutsIn(const QString &text, const QList<CurlCommand::Variable> &variables)
{
    QList<Cut> cuts;
    for (const CurlCommand::Variable &variable : variables) {
        if (variable.value.size() < 4)
            continue;
        QStringList forms{variable.value};
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(variable.value));
        if (encoded != variable.value)
            forms << encoded;
        for (const QString &form : forms) {
            for (qsizetype at = text.indexOf(form); at >= 0;
                 at = text.indexOf(form, at + form.size())) {
                const bool overlaps = std::any_of(cuts.cbegin(), cuts.cend(), [&](const Cut &cut) {
                    return at < cut.at + cut.length && cut.at < at + form.size();
                });
                if (!overlaps)
                    cuts.append({at, form.size(), variable.name});
            }
        }
    }
    // Anything shaped like a token (a JWT, as Gloo's are) is read from the
    // token's variable too, also once the application no longer holds it.
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));
    if (text.contains(QLatin1String("eyJ"))) {
        for (auto match = jwt.globalMatch(text); match.hasNext();) {
            const QRegularExpressionMatch found = match.next();
            const qsizetype at = found.capturedStart();
            const qsizetype length = found.capturedLength();
            const bool overlaps = std::any_of(cuts.cbegin(), cuts.cend(), [&](const Cut &cut) {
                return at < cut.at + cut.length && cut.at < at + length;
            });
            if (!overlaps)
                cuts.append({at, length, CurlCommand::placeholderVariable()});
        }
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut &a, const Cut &b) { return a.at < b.at; });
    return cuts;
}

// 'text' quoted for the shell, with each variable's value replaced by the
// variable ("$NAME" in double quotes, between single-quoted pieces).
QString quotedWithVariables(const QString &text, const QList<CurlCommand::Variable> &variables,
                            QStringList *used)
{
    const QList<Cut> cuts = cutsIn(text, variables);
    if (cuts.isEmpty())
        return CurlCommand::shellQuoted(text);
    QString result;
    qsizetype from = 0;
    for (const Cut &cut : cuts) {
        if (cut.at > from)
            result += CurlCommand::shellQuoted(text.mid(from, cut.at - from));
        result += QStringLiteral("\"$%1\"").arg(cut.name);
        if (used && !used->contains(cut.name))
            used->append(cut.name);
        from = cut.at + cut.length;
    }
    if (from < text.size())
        result += CurlCommand::shellQuoted(text.mid(from));
    return result;
}

} // namespace

QStringList CurlCommand::variablesUsed() const
{
    QStringList used;
    quotedWithVariables(url.toString(QUrl::FullyEncoded), variables, &used);
    if (token == Token::Placeholder)
        used.append(placeholderVariable());
    for (const auto &header : headers) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) != 0)
            quotedWithVariables(QString::fromUtf8(header.second), variables, &used);
    }
    quotedWithVariables(QString::fromUtf8(body), variables, &used);
    used.removeDuplicates();
    return used;
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
    parts << quotedWithVariables(url.toString(QUrl::FullyEncoded), variables, nullptr);

    for (const auto &header : headers) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) == 0)
            continue;
        parts << QStringLiteral("-H ")
                     + quotedWithVariables(QString::fromLatin1(header.first) + QStringLiteral(": ")
                                               + QString::fromUtf8(header.second),
                                           variables, nullptr);
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
        parts << QStringLiteral("--data-raw ")
                     + quotedWithVariables(QString::fromUtf8(body), variables, nullptr);
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace gloo
