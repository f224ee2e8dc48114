#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace gloo::test {

// Points HOME and the XDG folders at a fresh temporary folder, so a test can
// later prove what the app wrote and what it did not. Call before the
// application object exists. Returns the folder.
QString isolateHome();

// Every file below 'root' whose bytes contain any of 'needles' (raw, and
// base64 and percent-encoded forms are the caller's to add).
QStringList filesContaining(const QString &root, const QList<QByteArray> &needles);

// Number of regular files below 'root'.
int fileCount(const QString &root);

} // namespace gloo::test
