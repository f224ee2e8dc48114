#pragma once

#include "clientcredentials.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace gloo {

// The result of reading a .env file the way Gloo's tutorials create it.
struct DotEnvResult
{
    QHash<QString, QString> values;
    // Empty when the file could be read; otherwise what is wrong and where.
    QString problem;
    int problemLine = 0;
};

// Reads KEY=value lines: "export " prefixes, spaces around '=', single or
// double quotes, '#' comments (whole-line, or after an unquoted value), blank
// lines and CRLF line ends. Reading stops at the first malformed line, which
// the problem names.
DotEnvResult parseDotEnv(const QByteArray &content);

// GLOO_CLIENT_ID and GLOO_CLIENT_SECRET from parsed values; the problem is
// set when either is missing.
struct DotEnvCredentials
{
    ClientCredentials credentials;
    QString problem;
};
DotEnvCredentials credentialsFromDotEnv(const DotEnvResult &parsed);

} // namespace gloo
