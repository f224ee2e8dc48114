#pragma once

#include "apiclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace gloo {

// A request as the console's user wrote it, with what came of it. Never holds
// an Authorization value, an access token or a secret: RequestHistory strips
// them before anything is kept.
struct StoredRequest
{
    QString id;
    // Set for saved requests; empty in the history.
    QString name;
    QDateTime sentAt;
    QByteArray method;
    // As typed: a path relative to the environment, or a full URL.
    QString target;
    // Where it went, for display.
    QString url;
    // It went to the built-in sandbox, which listens on another port each
    // time the application starts.
    bool builtInSandbox = false;
    HeaderList headers;
    // Whether the console attached the access token itself.
    bool sendsToken = true;
    QString body;
    // The body was too large to keep.
    bool bodyOmitted = false;
    int timeoutMs = 120 * 1000;
    // 0 when no answer came.
    int status = 0;
    qint64 durationMs = -1;

    QJsonObject toJson() const;
    static StoredRequest fromJson(const QJsonObject &object);
};

// Requests read from a file, each turned into a StoredRequest (and cleaned)
// only when it is first asked for, so that opening a long history costs one
// parse of the file rather than thousands of entries built up front.
class StoredRequestList
{
public:
    // Keeps the entries that have an id and a method; damaged ones are
    // dropped, not the whole list.
    void setSource(const QJsonArray &entries);
    qsizetype size() const;
    StoredRequest at(qsizetype row) const;
    // Every entry, built now if need be; changes go through this list.
    QList<StoredRequest> &all();
    const QList<StoredRequest> &all() const;

private:
    void buildAll() const;

    mutable QJsonArray m_source;
    // Positions in m_source of the entries kept.
    mutable QList<qsizetype> m_rows;
    mutable QList<StoredRequest> m_built;
    mutable QList<bool> m_isBuilt;
    mutable bool m_allBuilt = true;
};

// The history of sent requests and the requests saved by name, kept as JSON
// files in one folder so that they survive restarts.
class RequestHistory : public QObject
{
    Q_OBJECT

public:
    // Reads what the folder holds; missing or damaged files give empty lists.
    explicit RequestHistory(const QString &folder, QObject *parent = nullptr);

    // The application's data folder (QStandardPaths::AppDataLocation).
    static QString defaultFolder();
    static int maxEntries() { return 200; }
    static qsizetype maxBodyBytes() { return 1024 * 1024; }

    QString folder() const { return m_folder; }
    // Newest first.
    QList<StoredRequest> history() const { return m_history.all(); }
    // In the order they were saved.
    QList<StoredRequest> saved() const { return m_saved.all(); }
    // One entry at a time, for views of a long list: only what is shown
    // gets built.
    qsizetype historyCount() const { return m_history.size(); }
    StoredRequest historyEntry(qsizetype row) const { return m_history.at(row); }
    qsizetype savedCount() const { return m_saved.size(); }
    StoredRequest savedEntry(qsizetype row) const { return m_saved.at(row); }

    // Values that must never reach a file, such as the current access token;
    // they are cut out wherever they appear.
    void setRedactions(const QList<QByteArray> &values);

    void record(const StoredRequest &request);
    void clearHistory();
    void removeFromHistory(const QString &id);

    // Saving under a name that exists replaces that request.
    void save(const QString &name, const StoredRequest &request);
    void removeSaved(const QString &id);

    // A header that carries credentials: Authorization, Cookie, API keys,
    // or any value that reads "Bearer ..." or "Basic ...".
    static bool isCredentialHeader(const QByteArray &name, const QByteArray &value);
    // The request as it may be kept: no credential headers, no token-shaped
    // values, no redacted value anywhere, no oversized body.
    static StoredRequest withoutSecrets(const StoredRequest &request,
                                        const QList<QByteArray> &redactions = {});

    // Empty unless the last write failed.
    QString errorString() const { return m_error; }

signals:
    void historyChanged();
    void savedChanged();

private:
    QJsonArray load(const QString &fileName) const;
    void write(const QString &fileName, const QList<StoredRequest> &requests);

    QString m_folder;
    StoredRequestList m_history;
    StoredRequestList m_saved;
    QList<QByteArray> m_redactions;
    QString m_error;
};

} // namespace gloo
