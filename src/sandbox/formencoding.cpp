#include "formencoding.h"

#include <QByteArray>
#include <QStringDecoder>

namespace gloo::sandbox {

namespace {

int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<QString> decodeFormComponent(QByteArrayView encoded)
{
    QByteArray bytes;
    bytes.reserve(encoded.size());

    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= encoded.size())
                return std::nullopt;
            const int high = hexDigitValue(encoded[i + 1]);
            const int low = hexDigitValue(encoded[i + 2]);
            if (high < 0 || low < 0)
                return std::nullopt;
            bytes.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            bytes.append(c);
        }
    }

    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

std::optional<QHash<QString, QString>> parseFormBody(QByteArrayView body)
{
    QHash<QString, QString> fields;

    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(start, end - start);
        start = end + 1;

        if (pair.isEmpty())
            continue;

        const qsizetype equals = pair.indexOf('=');
        const auto name = decodeFormComponent(equals < 0 ? pair : pair.first(equals));
        const auto value = decodeFormComponent(equals < 0 ? QByteArrayView()
                                                          : pair.sliced(equals + 1));
        if (!name || !value || fields.contains(*name))
            return std::nullopt;
        fields.insert(*name, *value);
    }

    return fields;
}

} // namespace gloo::sandbox
