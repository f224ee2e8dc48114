#pragma once

#include "core/failure.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace gloo::gui {

// Shows one Failure the same way everywhere: what happened and what to do in
// plain words, with the technical detail one click away. Hidden while there
// is no failure.
class FailureView : public QWidget
{
    Q_OBJECT

public:
    explicit FailureView(QWidget *parent = nullptr);

    void showFailure(const gloo::Failure &failure);
    void clearFailure();
    const gloo::Failure &failure() const { return m_failure; }

    QString messageText() const;

signals:
    // The user asked to try again; offered only when that can help.
    void retryRequested();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void ensureBuilt();
    void setDetailsVisible(bool visible);
    bool hasCertificateDetails() const;

    gloo::Failure m_failure;
    QLabel *m_message = nullptr;
    QLabel *m_nextStep = nullptr;
    QToolButton *m_detailsButton = nullptr;
    QToolButton *m_copyButton = nullptr;
    QToolButton *m_reportButton = nullptr;
    QToolButton *m_retryButton = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace gloo::gui
