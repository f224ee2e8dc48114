#pragma once

#include "core/apiclient.h"
#include "core/responseevents.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QPlainTextEdit;
class QTreeView;

namespace Ui {
class ResponseView;
}

namespace gloo {
class JsonFormatJob;
struct JsonFormatResult;
} // namespace gloo

namespace gloo::gui {

class FailureView;
class ResponseTreeModel;
class TextViewer;

// Shows one answer: status with its meaning, timing and size, the body as
// indented and coloured JSON, as a tree, or as it arrived, the response
// headers and what was sent. Event streams are shown event by event as they
// arrive. Large bodies are formatted on a worker thread, with a progress bar,
// and shown by a viewer that lays out only the lines on screen, so the window
// never freezes.
class ResponseView : public QWidget
{
    Q_OBJECT

public:
    explicit ResponseView(QWidget *parent = nullptr);
    ~ResponseView() override;

    // Clears the last answer and shows 'status' while a request is on its way.
    void showPending(const QString &status);
    // A piece of the body as it arrives (from ApiCall::bodyReceived).
    void addBodyPiece(const QByteArray &piece);
    // 'firstByteMs' is -1 when unknown. A failure is shown unless the user
    // asked for it (a cancel).
    void showResponse(const gloo::ApiResponse &response, const QString &sent, qint64 firstByteMs,
                      bool showFailure);

    QString statusText() const;
    QString prettyText() const;
    QString rawText() const;
    QString sentText() const;
    QString timingText() const;
    bool isLoading() const;
    bool isEventStream() const { return m_eventStream; }
    int eventCount() const { return m_eventCount; }
    FailureView *failureView() const;
    ResponseTreeModel *treeModel() const { return m_treeModel; }

    bool saveBody(const QString &fileName, QString *error) const;
    // Selects the next (or previous) match in the text tab on show; false
    // when there is none.
    bool find(const QString &text, bool backwards = false);
    // Puts the focus in the find field, its text selected.
    void focusFindField();

    static QString statusMeaning(int status);
    static QString formatSize(qint64 bytes);
    // Bodies up to this size are formatted at once, on the UI thread.
    static qsizetype immediateFormatBytes() { return 256 * 1024; }
    // The Raw tab shows the start of the body as it arrived (as does the
    // Pretty tab for a body that is not JSON); converting more would stall
    // the window, and the body can be saved whole.
    static qsizetype rawShownBytes() { return 4 * 1024 * 1024; }
    // The viewer of the body as indented JSON (or as text).
    TextViewer *prettyViewer() const;
    TextViewer *rawViewer() const;

signals:
    void retryRequested();
    // The body is on screen (after formatting and loading).
    void loaded();

private:
    void resetBody();
    void showPretty(const gloo::JsonFormatResult &result);
    void showUnformatted(const QString &why);
    // The start of the body as text, cut at a character boundary.
    QString bodyStart() const;
    void onTabChanged();
    void buildTree();
    void loadRaw();
    void setStatusLook(std::optional<int> status);
    void setTreeAvailable(bool available);
    void setProgress(const QString &format, int percent);
    void finishLoading();
    void appendEvents(const QList<gloo::ResponseEvent> &events);
    void saveWithDialog();
    QPlainTextEdit *makeTextView(QWidget *tab, const QString &text);
    void setHeadersText(const QString &text);
    QTreeView *treeView();
    void showOutline(const gloo::JsonFormatResult &result);

    std::unique_ptr<Ui::ResponseView> m_ui;
    ResponseTreeModel *m_treeModel;
    gloo::JsonFormatJob *m_formatJob;
    gloo::JsonFormatJob *m_treeJob;
    // Made when their tab is first opened.
    QTreeView *m_treeView = nullptr;
    QPlainTextEdit *m_headersView = nullptr;
    QPlainTextEdit *m_sentView = nullptr;
    QString m_headersText;
    QString m_sentText;

    QByteArray m_body;
    bool m_rawShown = false;
    bool m_treeRequested = false;
    bool m_eventStream = false;
    bool m_firstPiece = true;
    int m_eventCount = 0;
    qint64 m_receivedBytes = 0;
    QElapsedTimer m_sinceFirstPiece;
    QElapsedTimer m_sinceCountShown;
    gloo::ResponseEventSplitter m_events;
};

} // namespace gloo::gui
