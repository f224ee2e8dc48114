#include "guitestsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>

namespace gloo::test {

QString isolateHome()
{
    static QTemporaryDir home(QDir::tempPath() + QStringLiteral("/gloo-console-gui-test-XXXXXX"));
    const QString root = home.path();
    const QStringList folders{QStringLiteral(".config"), QStringLiteral(".local/share"),
                              QStringLiteral(".cache"), QStringLiteral("runtime")};
    for (const QString &folder : folders)
        QDir(root).mkpath(folder);
    QFile::setPermissions(root + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    qputenv("HOME", root.toUtf8());
    qputenv("XDG_CONFIG_HOME", (root + QStringLiteral("/.config")).toUtf8());
    qputenv("XDG_DATA_HOME", (root + QStringLiteral("/.local/share")).toUtf8());
    qputenv("XDG_CACHE_HOME", (root + QStringLiteral("/.cache")).toUtf8());
    qputenv("XDG_RUNTIME_DIR", (root + QStringLiteral("/runtime")).toUtf8());
    return root;
}

QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList matches;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles) {
            if (!needle.isEmpty() && content.contains(needle)) {
                matches << path;
                break;
            }
        }
    }
    return matches;
}

int fileCount(const QString &root)
{
    int count = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

} // namespace gloo::test
