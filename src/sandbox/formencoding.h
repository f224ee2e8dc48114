#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <optional>

namespace gloo::sandbox {

// Decodes one application/x-www-form-urlencoded component: '+' is a space,
// %XX is a byte, and the bytes are UTF-8. Returns nothing for a broken escape
// or for bytes that are not UTF-8, so that a damaged value can never match.
std::optional<QString> decodeFormComponent(QByteArrayView encoded);

// Parses a form body into names and values. Returns nothing when a component
// cannot be decoded or a name repeats: RFC 6749 section 3.2 forbids repeated
// parameters, and accepting them would leave it open which one counts.
std::optional<QHash<QString, QString>> parseFormBody(QByteArrayView body);

} // namespace gloo::sandbox
