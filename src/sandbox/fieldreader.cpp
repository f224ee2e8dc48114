#include "fieldreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace gloo::sandbox {

FieldReader::FieldReader(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        fail(QStringLiteral("The request body must be a JSON object."));
    m_object = document.object();
}

QJsonObject FieldReader::object() const
{
    return m_object;
}

bool FieldReader::isPresent(const QString &key) const
{
    const QJsonValue found = value(key);
    return !found.isUndefined() && !found.isNull();
}

QString FieldReader::requiredText(const QString &key)
{
    const QJsonValue found = value(key);
    if (!found.isString() || found.toString().trimmed().isEmpty()) {
        fail(QStringLiteral("\"%1\" is required and must be a non-empty string.").arg(key));
        return {};
    }
    return found.toString();
}

QString FieldReader::text(const QString &key, const QString &fallback)
{
    if (!isPresent(key))
        return fallback;
    if (!value(key).isString())
        fail(QStringLiteral("\"%1\" must be a string.").arg(key));
    return value(key).toString(fallback);
}

int FieldReader::wholeNumber(const QString &key, int minimum, int maximum, int fallback)
{
    if (!isPresent(key))
        return fallback;
    const double number = value(key).toDouble(-1);
    if (!value(key).isDouble() || std::floor(number) != number || number < minimum
        || number > maximum) {
        fail(QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
                 .arg(key)
                 .arg(minimum)
                 .arg(maximum));
        return fallback;
    }
    return int(number);
}

double FieldReader::number(const QString &key, double minimum, double maximum, double fallback)
{
    if (!isPresent(key))
        return fallback;
    const double number = value(key).toDouble(-1);
    if (!value(key).isDouble() || number < minimum || number > maximum) {
        fail(QStringLiteral("\"%1\" must be a number from %2 to %3.")
                 .arg(key)
                 .arg(minimum)
                 .arg(maximum));
        return fallback;
    }
    return number;
}

bool FieldReader::boolean(const QString &key, bool fallback)
{
    if (!isPresent(key))
        return fallback;
    if (!value(key).isBool())
        fail(QStringLiteral("\"%1\" must be true or false.").arg(key));
    return value(key).toBool(fallback);
}

QStringList FieldReader::texts(const QString &key)
{
    if (!isPresent(key))
        return {};
    QStringList list;
    const QJsonArray array = value(key).toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    if (!value(key).isArray() || list.contains(QString()))
        fail(QStringLiteral("\"%1\" must be an array of non-empty strings.").arg(key));
    return list;
}

bool FieldReader::ok() const
{
    return m_error.isEmpty();
}

QString FieldReader::error() const
{
    return m_error;
}

QJsonValue FieldReader::value(const QString &key) const
{
    return m_object.value(key);
}

void FieldReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

} // namespace gloo::sandbox
