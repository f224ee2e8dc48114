#pragma once

#include "core/chatcontroller.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class CompletionsView;
}

namespace gloo {
class ApiClient;
class ModelCatalogLoader;
} // namespace gloo

namespace gloo::gui {

class ChatMessageWidget;
class ChatOptionsBar;
class FailureView;

// One prompt, one completion, with the same details as the chat, from
// Completions V2 or from the OpenAI-shaped V1 with an explicit model, so
// that the two can be compared side by side with the same prompt.
class CompletionsView : public QWidget
{
    Q_OBJECT

public:
    CompletionsView(gloo::ApiClient *api, gloo::ModelCatalogLoader *catalog,
                    QWidget *parent = nullptr);
    ~CompletionsView() override;

    void setPreparation(std::function<bool()> prepare);

    void setApi(gloo::CompletionApi api);
    void setStreaming(bool stream);
    void setPrompt(const QString &text);
    ChatOptionsBar *optionsBar() const { return m_options; }
    gloo::ChatController *controller() const { return m_controller; }
    FailureView *failureView() const;
    // Null until the first completion.
    ChatMessageWidget *answerWidget() const { return m_answer; }
    QString sentBodyText() const;

public slots:
    void send();
    void stop();

private:
    void showAnswer();
    void updateState();

    std::unique_ptr<Ui::CompletionsView> m_ui;
    gloo::ChatController *m_controller;
    ChatOptionsBar *m_options;
    ChatMessageWidget *m_answer = nullptr;
    std::function<bool()> m_prepare;
};

} // namespace gloo::gui
