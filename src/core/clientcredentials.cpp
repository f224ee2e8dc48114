#include "clientcredentials.h"

#include <QUrl>

namespace gloo {

void ClientCredentials::wipe()
{
    clientSecret.fill(QLatin1Char('\0'));
    clientSecret.clear();
    clientId.clear();
}

QByteArray formUrlEncode(const QString &value)
{
    QByteArray encoded = QUrl::toPercentEncoding(value, QByteArrayLiteral(" "));
    encoded.replace(' ', '+');
    return encoded;
}

QByteArray basicAuthorization(const ClientCredentials &credentials)
{
    const QByteArray pair = formUrlEncode(credentials.clientId) + ':'
                            + formUrlEncode(credentials.clientSecret);
    return QByteArrayLiteral("Basic ") + pair.toBase64();
}

} // namespace gloo
