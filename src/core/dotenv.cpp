#include "dotenv.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace gloo {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(DotEnv)
};

bool isValidKey(const QString &key)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    return pattern.match(key).hasMatch();
}

// The value after '=': quoted values keep everything between their quotes
// (double quotes understand \" \\ \n); unquoted values end at " #".
bool readValue(const QString &raw, QString *value, QString *problem)
{
    const QString text = raw.trimmed();
    if (text.isEmpty()) {
        value->clear();
        return true;
    }

    const QChar quote = text.front();
    if (quote == QLatin1Char('"') || quote == QLatin1Char('\'')) {
        QString result;
        for (int i = 1; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == quote) {
                const QString rest = text.mid(i + 1).trimmed();
                if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('#'))) {
                    *problem = Text::tr("unexpected text after the closing quote");
                    return false;
                }
                *value = result;
                return true;
            }
            if (quote == QLatin1Char('"') && c == QLatin1Char('\\') && i + 1 < text.size()) {
                const QChar next = text.at(++i);
                result += next == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : next;
                continue;
            }
            result += c;
        }
        *problem = Text::tr("the closing %1 quote is missing").arg(quote);
        return false;
    }

    QString result = text;
    const int comment = result.indexOf(QLatin1String(" #"));
    if (comment >= 0)
        result.truncate(comment);
    *value = result.trimmed();
    return true;
}

} // namespace

DotEnvResult parseDotEnv(const QByteArray &content)
{
    DotEnvResult result;
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList lines = text.split(QLatin1Char('\n'));

    for (int index = 0; index < lines.size(); ++index) {
        QString line = lines.at(index);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;

        QString assignment = trimmed;
        if (assignment.startsWith(QLatin1String("export ")))
            assignment = assignment.mid(7).trimmed();

        const int equals = assignment.indexOf(QLatin1Char('='));
        const QString key = assignment.left(equals).trimmed();
        QString problem;
        QString value;
        if (equals < 0)
            problem = Text::tr("there is no '=' between a name and a value");
        else if (!isValidKey(key))
            problem = Text::tr("\"%1\" is not a valid variable name").arg(key.left(40));
        else
            readValue(assignment.mid(equals + 1), &value, &problem);

        if (!problem.isEmpty()) {
            result.problemLine = index + 1;
            result.problem = Text::tr("Line %1: %2.").arg(index + 1).arg(problem);
            return result;
        }
        result.values.insert(key, value);
    }
    return result;
}

DotEnvCredentials credentialsFromDotEnv(const DotEnvResult &parsed)
{
    DotEnvCredentials result;
    if (!parsed.problem.isEmpty()) {
        result.problem = parsed.problem;
        return result;
    }
    result.credentials.clientId = parsed.values.value(QStringLiteral("GLOO_CLIENT_ID")).trimmed();
    result.credentials.clientSecret = parsed.values.value(QStringLiteral("GLOO_CLIENT_SECRET"));
    QStringList missing;
    if (result.credentials.clientId.isEmpty())
        missing << QStringLiteral("GLOO_CLIENT_ID");
    if (result.credentials.clientSecret.isEmpty())
        missing << QStringLiteral("GLOO_CLIENT_SECRET");
    if (!missing.isEmpty()) {
        result.problem = Text::tr("The file does not set %1.").arg(missing.join(Text::tr(" or ")));
    }
    return result;
}

} // namespace gloo
