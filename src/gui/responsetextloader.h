#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QPlainTextEdit;

namespace gloo::gui {

// Puts a long text into a read-only text view a slice at a time, returning
// to the event loop between slices, so that showing tens of megabytes never
// freezes the window. Short texts go in at once.
class ResponseTextLoader : public QObject
{
    Q_OBJECT

public:
    explicit ResponseTextLoader(QPlainTextEdit *view, QObject *parent = nullptr);

    // Replaces the view's text; a load in progress is abandoned.
    void load(const QString &text);
    void stop();
    bool isLoading() const { return m_timer.isActive(); }

    static qsizetype sliceChars() { return 256 * 1024; }

signals:
    void progressed(int percent);
    void finished();

private:
    void insertNextSlice();

    QPointer<QPlainTextEdit> m_view;
    QString m_text;
    qsizetype m_position = 0;
    QTimer m_timer;
};

} // namespace gloo::gui
