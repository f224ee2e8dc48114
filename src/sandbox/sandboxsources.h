#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace gloo::sandbox {

// Made-up sources for answers that cite some: `count` of them, attributed to
// `publishers` in turn, the same every time for the same question. Their
// URLs use the reserved .invalid domain, so that nothing can fetch them.
QJsonArray sandboxSources(const QString &question, int count, const QStringList &publishers);

// A name derived from `text` that is the same on every run: a version 5 UUID
// in the sandbox's own namespace.
QString stableUuid(const QString &text);

} // namespace gloo::sandbox
