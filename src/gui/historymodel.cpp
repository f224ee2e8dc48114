#include "historymodel.h"

#include <QLocale>
#include <QUrl>

namespace gloo::gui {

namespace {

QString shownTarget(const gloo::StoredRequest &request)
{
    // A full URL is shortened to its path: the server is the environment's.
    if (!request.target.startsWith(QLatin1Char('/'))) {
        const QUrl url(request.target);
        if (url.isValid() && !url.scheme().isEmpty())
            return url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    }
    return request.target;
}

} // namespace

HistoryModel::HistoryModel(gloo::RequestHistory *history, Kind kind, QObject *parent)
    : QAbstractListModel(parent)
    , m_history(history)
    , m_kind(kind)
{
    reload();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_count = int(m_kind == Kind::History ? m_history->historyCount() : m_history->savedCount());
    endResetModel();
}

gloo::StoredRequest HistoryModel::request(int row) const
{
    if (row < 0 || row >= m_count)
        return {};
    return m_kind == Kind::History ? m_history->historyEntry(row) : m_history->savedEntry(row);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count)
        return {};
    switch (role) {
    case Qt::DisplayRole: return text(request(index.row()), m_kind);
    case Qt::ToolTipRole: return request(index.row()).url;
    default: return {};
    }
}

QString HistoryModel::text(const gloo::StoredRequest &request, Kind kind)
{
    const QString line = QString::fromLatin1(request.method) + QLatin1Char(' ')
                         + shownTarget(request);
    if (kind == Kind::Saved)
        return request.name + QStringLiteral("  —  ") + line;
    const QString status = request.status > 0 ? QString::number(request.status) : tr("no answer");
    const QString when = QLocale().toString(request.sentAt.toLocalTime(), QLocale::ShortFormat);
    // Where it went, so that requests to two servers can be told apart:
    // host and port only (a URL's user info may hold a password).
    const QUrl url(request.url);
    QString server;
    if (request.builtInSandbox)
        server = tr("built-in sandbox");
    else if (!url.host().isEmpty())
        server = url.port() < 0 ? url.host()
                                : url.host() + QLatin1Char(':') + QString::number(url.port());
    // One arg() call: a second one would read a "%" in the URL as a place
    // to fill.
    if (server.isEmpty())
        return tr("%1  →  %2  ·  %3  ·  %4 ms")
            .arg(line, status, when, QString::number(request.durationMs));
    return tr("%1  →  %2  ·  %3  ·  %4  ·  %5 ms")
        .arg(line, status, server, when, QString::number(request.durationMs));
}

} // namespace gloo::gui
