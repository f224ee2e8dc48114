#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo::sandbox {

// Reads the fields of a JSON request body and keeps the first mistake, so
// that an endpoint can read every field in a row and check once at the end.
// A field that is absent or null takes its default.
class FieldReader
{
public:
    // Fails (with the message every endpoint uses) unless `body` is a JSON
    // object.
    explicit FieldReader(const QByteArray &body);

    QJsonObject object() const;
    bool isPresent(const QString &key) const;

    // A string that must be there and must not be blank.
    QString requiredText(const QString &key);
    QString text(const QString &key, const QString &fallback = {});
    int wholeNumber(const QString &key, int minimum, int maximum, int fallback);
    double number(const QString &key, double minimum, double maximum, double fallback);
    bool boolean(const QString &key, bool fallback);
    QStringList texts(const QString &key);

    bool ok() const;
    QString error() const;

private:
    QJsonValue value(const QString &key) const;
    void fail(const QString &message);

    QJsonObject m_object;
    QString m_error;
};

} // namespace gloo::sandbox
