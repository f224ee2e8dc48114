#pragma once

#include "core/apiclient.h"
#include "core/curlcommand.h"
#include "core/requesthistory.h"
#include "headerstable.h"
#include "historypanel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QSpinBox;

class QShortcut;

namespace Ui {
class RequestConsole;
}

namespace gloo::gui {

class ResponseView;
class SecretClipboard;

// An explorer for the Gloo API: presets for every documented endpoint, a
// request editor (method, URL, query, headers, JSON body), the response
// viewer, the history of sent requests, requests saved by name, and "copy as
// curl". Requests go through the API client, which alone attaches the token;
// what the user typed is never touched by sending, failing or cancelling.
class RequestConsole : public QWidget
{
    Q_OBJECT

public:
    // The history is kept in 'historyFolder', by default the application's
    // data folder.
    explicit RequestConsole(gloo::ApiClient *api, QWidget *parent = nullptr);
    RequestConsole(gloo::ApiClient *api, const QString &historyFolder, QWidget *parent = nullptr);
    ~RequestConsole() override;

    // Called before each send; returning false stops the send. The main
    // window uses it to hand the credentials form to the session.
    void setPreparation(std::function<bool()> prepare);

    void setMethod(const QString &method);
    void setTarget(const QString &target);
    void setBody(const QString &body);
    // User headers, without the automatic Authorization row.
    void setHeaders(const gloo::HeaderList &headers);
    // Whether the console attaches the access token (the automatic
    // Authorization row's box).
    void setSendsAccessToken(bool sends);
    void setTimeoutSeconds(int seconds);
    // Fills method, path and body from a preset of the endpoint catalog.
    bool selectPreset(const QString &key);

    QString method() const;
    QString target() const;
    QString body() const;
    gloo::HeaderList queryPairs() const;
    gloo::HeaderList headerPairs() const;
    bool sendsAccessToken() const;
    int timeoutSeconds() const;

    QString statusText() const;
    QString responseBodyText() const;
    QString sentText() const;
    bool isBusy() const;
    // The response is still being formatted or put on screen.
    bool isShowingResponse() const;

    // The editor's request as a curl command; the token is the shell variable
    // $GLOO_ACCESS_TOKEN unless 'withToken'. Empty (with 'problem' set) when
    // the real token is asked for and there is none.
    QString curlCommand(bool withToken, QString *problem = nullptr) const;
    // The command for curlCommand(); the names of headers left out because
    // they hold credentials go to 'leftOut'.
    std::optional<gloo::CurlCommand> curlRequest(bool withToken, QString *problem,
                                                 QStringList *leftOut) const;

    gloo::RequestHistory *history() const { return m_history; }
    // The tables of the Query and Headers tabs, made on first use.
    HeadersTable *queryTable();
    HeadersTable *headersTable();
    // The panels of the History and Saved tabs, made on first use.
    HistoryPanel *historyPanel();
    HistoryPanel *savedPanel();
    // The view of the last answer, made with the first request (or Ctrl+F);
    // until then the pane shows a line of help.
    ResponseView *responseView();

    // The editor's request as it would be kept (before secrets are removed).
    gloo::StoredRequest currentRequest() const;
    void restore(const gloo::StoredRequest &request);
    void saveRequest(const QString &name);

    static QString exampleBody();
    // Indented JSON in the server's key order when the text is JSON; the
    // text unchanged otherwise.
    static QString prettyPrinted(const QByteArray &body);
    static QString formatSize(qint64 bytes);

public slots:
    void send();
    void cancel();
    // Copies curlCommand() to the clipboard.
    void copyCurl(bool withToken = false);

signals:
    void requestFinished(const gloo::ApiResponse &response);

private:
    void setUpRequestTabs();
    void setUpCurlMenu();
    int historyTabIndex() const;
    gloo::HeaderList userHeaders() const;
    bool sendsTokenChoice() const;
    gloo::HeaderList queryPairsOfUrl() const;
    HistoryPanel *makeHistoryPanel(HistoryPanel::Mode mode, int tabIndex);
    void onFinished();
    void onBodyPiece(const QByteArray &piece);
    void applyPreset(int index);
    // Keeps the editor's request as the draft of the endpoint it belongs to,
    // unless it is still that endpoint's example.
    void rememberDraft();
    // Shows which endpoint 'request' is, without changing it.
    void showPresetOf(const gloo::StoredRequest &request);
    // The description of the endpoint at 'index' (or of Custom request).
    void showPresetDescription(int index);
    void validateBody();
    void updateResolvedUrl();
    void updateAuthorizationRow();
    void syncQueryFromUrl();
    void syncUrlFromQuery();
    void setBusy(bool busy);
    void showNotice(const QString &text);
    void saveRequestWithDialog();
    QString sentDescription(const gloo::ApiResponse &response) const;
    bool hasOwnAuthorization() const;
    // The Content-Type the user set, when it is not JSON; empty otherwise.
    QString declaredNonJsonType() const;

    std::unique_ptr<Ui::RequestConsole> m_ui;
    gloo::ApiClient *m_api;
    gloo::RequestHistory *m_history;
    ResponseView *m_responseView = nullptr;
    // The request being sent waits for an access token first.
    bool m_waitingForToken = false;
    // Ctrl+F while there is no response view yet.
    QShortcut *m_findShortcut = nullptr;
    // Takes a command holding the real token off the clipboard again.
    SecretClipboard *m_secretClipboard = nullptr;
    HeadersTable *m_queryTable = nullptr;
    HeadersTable *m_headersTable = nullptr;
    // The headers and the Authorization choice while there is no table.
    gloo::HeaderList m_pendingHeaders;
    bool m_pendingSendsToken = true;
    QString m_authorizationText;
    HistoryPanel *m_historyPanel = nullptr;
    HistoryPanel *m_savedPanel = nullptr;
    QSpinBox *m_timeoutSpin = nullptr;
    QPointer<gloo::ApiCall> m_call;
    std::function<bool()> m_prepare;
    gloo::StoredRequest m_sending;
    QElapsedTimer m_sendTimer;
    qint64 m_firstPieceMs = -1;
    bool m_userCancelled = false;
    bool m_syncingQuery = false;
    // Requests edited for an endpoint (key; empty for Custom request) and
    // then left for another, to be found again on coming back.
    struct Draft
    {
        QString method;
        QString target;
        QString body;
        gloo::HeaderList headers;
        bool sendsToken = true;
    };
    QHash<QString, Draft> m_drafts;
    // The endpoint whose request the editor holds; unset before the first.
    std::optional<QString> m_shownPresetKey;
};

} // namespace gloo::gui
