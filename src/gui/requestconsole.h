#pragma once

#include "core/apiclient.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class RequestConsole;
}

namespace gloo::gui {

// Sends one request at a time through the API client and shows exactly what
// was sent (with the token masked) and what came back. What the user typed
// is never touched by sending, failing or cancelling.
class RequestConsole : public QWidget
{
    Q_OBJECT

public:
    explicit RequestConsole(gloo::ApiClient *api, QWidget *parent = nullptr);
    ~RequestConsole() override;

    // Called before each send; returning false stops the send. The main
    // window uses it to hand the credentials form to the session.
    void setPreparation(std::function<bool()> prepare);

    void setMethod(const QString &method);
    void setTarget(const QString &target);
    void setBody(const QString &body);
    QString body() const;
    QString statusText() const;
    QString responseBodyText() const;
    QString sentText() const;
    bool isBusy() const;

    static QString exampleBody();
    // Indented JSON when the text is JSON; the text unchanged otherwise.
    static QString prettyPrinted(const QByteArray &body);
    static QString formatSize(qint64 bytes);

public slots:
    void send();
    void cancel();

signals:
    void requestFinished(const gloo::ApiResponse &response);

private:
    void onFinished();
    void validateBody();
    void updateResolvedUrl();
    void setBusy(bool busy);
    void showResponse(const gloo::ApiResponse &response);

    std::unique_ptr<Ui::RequestConsole> m_ui;
    gloo::ApiClient *m_api;
    QPointer<gloo::ApiCall> m_call;
    std::function<bool()> m_prepare;
    bool m_userCancelled = false;
};

} // namespace gloo::gui
