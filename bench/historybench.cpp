// The request history with many entries: the time from reading its file to
// the first frame of the history list showing it.

#include "benchsupport.h"

#include "core/requesthistory.h"
#include "gui/historypanel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QTemporaryDir>

namespace gloo::bench {

namespace {

// The file name and layout RequestHistory writes.
const QString historyFile = QStringLiteral("console-history.json");

bool writeHistory(const QString &folder, int entries)
{
    const QDateTime start = QDateTime::currentDateTimeUtc();
    QJsonArray requests;
    for (int i = 0; i < entries; ++i) {
        StoredRequest request;
        request.id = QStringLiteral("bench-%1").arg(i);
        request.sentAt = start.addSecs(-i * 60);
        request.method = i % 4 == 0 ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
        request.target = i % 4 == 0 ? QStringLiteral("/ai/v1/models")
                                    : QStringLiteral("/ai/v2/chat/completions");
        request.url = QStringLiteral("https://platform.ai.gloo.com") + request.target;
        request.headers = {{"Content-Type", "application/json"}};
        if (i % 4 != 0) {
            request.body = QStringLiteral(
                               R"({"messages":[{"role":"user","content":"Question %1"}],)"
                               R"("auto_routing":true})")
                               .arg(i);
        }
        request.status = i % 10 == 0 ? 429 : 200;
        request.durationMs = 200 + i % 800;
        requests.append(request.toJson());
    }
    QFile file(QDir(folder).filePath(historyFile));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject document{{QStringLiteral("version"), 1},
                               {QStringLiteral("requests"), requests}};
    return file.write(QJsonDocument(document).toJson(QJsonDocument::Indented)) > 0;
}

// Returns the time to the first frame, or a negative value when the panel
// does not list every entry.
double panelRun(const QString &folder, int entries, double *loadMs)
{
    QElapsedTimer clock;
    clock.start();
    RequestHistory history(folder);
    *loadMs = double(clock.nsecsElapsed()) / 1e6;
    gui::HistoryPanel panel(&history, gui::HistoryPanel::Mode::History);
    panel.resize(420, 700);
    panel.show();
    if (!waitForFrame(&panel))
        return -1;
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (panel.count() != entries) {
        printNote(
            QStringLiteral("history: %1 of %2 entries listed").arg(panel.count()).arg(entries));
        return -1;
    }
    return ms;
}

// The least any program does with that file: parse it and list one line per
// entry in a plain list widget.
double plainListRun(const QString &folder)
{
    QElapsedTimer clock;
    clock.start();
    QFile file(QDir(folder).filePath(historyFile));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QJsonArray requests = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value(QStringLiteral("requests"))
                                    .toArray();
    QListWidget list;
    list.setUniformItemSizes(true);
    for (const QJsonValue &value : requests) {
        const QJsonObject request = value.toObject();
        list.addItem(request.value(QStringLiteral("method")).toString() + QLatin1Char(' ')
                     + request.value(QStringLiteral("target")).toString());
    }
    list.resize(420, 700);
    list.show();
    if (!waitForFrame(&list))
        return -1;
    return double(clock.nsecsElapsed()) / 1e6;
}

} // namespace

int runHistoryBench(const QStringList &arguments)
{
    const int entries = intArgument(arguments, QStringLiteral("--entries"), 10000);
    const int repeats = intArgument(arguments, QStringLiteral("--repeat"), 5);

    QTemporaryDir folder;
    if (!folder.isValid() || !writeHistory(folder.path(), entries)) {
        printNote(QStringLiteral("history: the history file could not be written"));
        return 1;
    }

    // A first round of each fills the file cache and loads fonts and styles,
    // which a user's window has done long before the history is opened.
    double loadMs = 0;
    if (panelRun(folder.path(), entries, &loadMs) < 0 || plainListRun(folder.path()) < 0)
        return 1;

    QList<double> shown, loads, plain;
    for (int i = 0; i < repeats; ++i) {
        const double panelMs = panelRun(folder.path(), entries, &loadMs);
        const double plainMs = plainListRun(folder.path());
        if (panelMs < 0 || plainMs < 0)
            return 1;
        shown.append(panelMs);
        loads.append(loadMs);
        plain.append(plainMs);
    }
    printFigure(QStringLiteral("history.entries"), entries);
    printFigure(QStringLiteral("history.shown_ms"), median(shown));
    printFigure(QStringLiteral("history.load_ms"), median(loads));
    printFigure(QStringLiteral("history.plain_ms"), median(plain));
    return 0;
}

} // namespace gloo::bench
