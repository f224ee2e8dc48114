#include "core/apiclient.h"
#include "core/modelcatalogloader.h"
#include "core/tokenmanager.h"
#include "gui/chatmessagewidget.h"
#include "gui/chatoptionsbar.h"
#include "gui/chatview.h"
#include "gui/failureview.h"
#include "gui/markdownview.h"
#include "sandbox/completionanswer.h"
#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextList>

using gloo::gui::ChatMessageWidget;
using gloo::gui::ChatView;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;
using Mode = gloo::Routing::Mode;

Q_DECLARE_METATYPE(Mode)

namespace {

const QString completionsPath = QStringLiteral("/ai/v2/chat/completions");

// The sandbox's own answer, so that the tests follow its wording.
QString fullAnswer(const QString &question)
{
    return gloo::sandbox::sandboxAnswer(question);
}

// A long answer with every kind of block a model writes, repeated: headings,
// paragraphs with inline markup and links, loose and tight lists, numbered
// lists, fenced code with blank lines inside, indented code, quotes and
// rules.
QString longMarkdown(int sections)
{
    QString text;
    for (int i = 0; i < sections; ++i) {
        text += QStringLiteral("## Section %1\n\n").arg(i);
        text += QStringLiteral("A paragraph with **bold**, *italic*, `inline code` and a "
                               "[link](https://docs.gloo.com/%1) that\ngoes on over a second "
                               "line.\n\n")
                    .arg(i);
        text += QStringLiteral("- first item\n- second item\n\n  still the second item\n"
                               "- third item\n\n");
        text += QStringLiteral("After the list.\n\n1. one\n2. two\n\n3. three\n\n");
        text += QStringLiteral("```cpp\nint main()\n{\n\n    return %1;\n}\n```\n\n").arg(i);
        text += QStringLiteral("> A quote\n> over two lines.\n\n---\n\n");
        text += QStringLiteral("Text before indented code:\n\n    indented code\n\n"
                               "    more of it\n\nThe end of section %1.\n\n")
                    .arg(i);
    }
    return text;
}

// What a reader sees of a document, block by block: the text, the kind of
// block, the list a block belongs to, and the inline formats. Shading of code
// blocks is left out, as the reference document has none.
QStringList describe(const QTextDocument *document)
{
    QStringList lines;
    const QTextList *previousList = nullptr;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        const QTextList *list = block.textList();
        QString line = QStringLiteral("%1 | h%2 | indent %3 | margins %4/%5 | code %6 %7 | hr %8")
                           .arg(block.text())
                           .arg(format.headingLevel())
                           .arg(format.indent())
                           .arg(format.topMargin())
                           .arg(format.bottomMargin())
                           .arg(format.hasProperty(QTextFormat::BlockCodeFence))
                           .arg(format.stringProperty(QTextFormat::BlockCodeLanguage))
                           .arg(format.hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth));
        if (list) {
            line += QStringLiteral(" | list %1 item %2 %3")
                        .arg(int(list->format().style()))
                        .arg(list->itemNumber(block))
                        .arg(list == previousList ? QStringLiteral("same list")
                                                  : QStringLiteral("new list"));
        }
        previousList = list ? list : previousList;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat chars = it.fragment().charFormat();
            line += QStringLiteral(" [%1 w%2 i%3 %4]")
                        .arg(it.fragment().text())
                        .arg(chars.fontWeight())
                        .arg(chars.fontItalic())
                        .arg(chars.anchorHref());
        }
        lines << line;
    }
    return lines;
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

} // namespace

// The chat view on the offscreen platform, talking to the sandbox over
// 127.0.0.1 as a user would: typing, Enter, Stop, Regenerate, New chat.
class TestChatView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void streamedAnswerAppearsIncrementally();
    void shiftEnterStartsANewLine();
    void stopEndsTheAnswerAndKeepsThePartialText();
    void regenerateSendsTheSameHistoryAgain();
    void routingControlsGiveExactlyOneRoutingField_data();
    void routingControlsGiveExactlyOneRoutingField();
    void errorInTheStreamIsShownAndWhatArrivedKept();
    void droppedConnectionIsShownAndWhatArrivedKept();
    void fastStreamIsRenderedAtMostEvery50Ms();
    void repliesRenderMarkdown();
    void longMarkdownInPiecesLooksLikeTheWholeText();
    void piecesEndOnlyWhereLaterTextCannotChangeThem();
    void answerLinksAndTagsAreNeverFollowed();
    void linkReferencesReachAcrossTheWholeAnswer();
    void veryLongAnswerIsCaughtUpInSteps();
    void exportWritesMarkdownAndJson();
    void newChatClearsTheConversation();
    void aNewServerIsMarkedInTheConversation();

private:
    void start(int chunkDelayMs);
    void ask(const QString &question);
    bool waitForAnswer();
    ChatMessageWidget *reply() const;

    std::unique_ptr<SandboxThread> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<gloo::TokenManager> m_tokens;
    std::unique_ptr<gloo::ApiClient> m_api;
    std::unique_ptr<gloo::ModelCatalogLoader> m_catalog;
    std::unique_ptr<ChatView> m_view;
};

void TestChatView::init()
{
    start(20);
}

void TestChatView::start(int chunkDelayMs)
{
    cleanup();
    SandboxConfig config;
    config.streamChunkDelayMs = chunkDelayMs;
    m_sandbox = std::make_unique<SandboxThread>(config);
    QVERIFY(m_sandbox->start());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<gloo::TokenManager>(m_network.get());
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    m_tokens->setCredentials({config.clientId, config.clientSecret});
    m_api = std::make_unique<gloo::ApiClient>(m_network.get(), m_tokens.get());
    m_catalog = std::make_unique<gloo::ModelCatalogLoader>(m_api.get());
    m_view = std::make_unique<ChatView>(m_api.get(), m_catalog.get());
    m_view->resize(900, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestChatView::cleanup()
{
    m_view.reset();
    m_catalog.reset();
    m_api.reset();
    m_tokens.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestChatView::ask(const QString &question)
{
    auto *prompt = child<QPlainTextEdit>(m_view.get(), "chatPrompt");
    prompt->setFocus();
    QTest::keyClicks(prompt, question);
    QTest::keyClick(prompt, Qt::Key_Return);
}

bool TestChatView::waitForAnswer()
{
    QSignalSpy finished(m_view->controller(), &gloo::ChatController::replyFinished);
    return !m_view->controller()->isBusy() || finished.wait(15000);
}

ChatMessageWidget *TestChatView::reply() const
{
    const QList<ChatMessageWidget *> widgets = m_view->messageWidgets();
    return widgets.isEmpty() ? nullptr : widgets.last();
}

void TestChatView::streamedAnswerAppearsIncrementally()
{
    const QString question = QStringLiteral("What is grace?");
    ask(question);
    QCOMPARE(m_view->prompt(), QString());
    QCOMPARE(m_view->messageWidgets().size(), 2);
    QCOMPARE(m_view->messageWidgets().first()->text(), question);
    QVERIFY(!child<QPushButton>(m_view.get(), "chatSendButton")->isEnabled());
    QVERIFY(child<QPushButton>(m_view.get(), "chatStopButton")->isEnabled());

    // Watch the rendered text while the answer streams in.
    QStringList seen;
    QElapsedTimer timer;
    timer.start();
    while (m_view->controller()->isBusy() && timer.elapsed() < 15000) {
        const QString shown = reply()->renderedText();
        if (!shown.isEmpty() && (seen.isEmpty() || seen.last() != shown))
            seen << shown;
        QTest::qWait(5);
    }
    QVERIFY(!m_view->controller()->isBusy());

    const QString full = fullAnswer(question);
    QCOMPARE(reply()->renderedText(), full);
    QVERIFY2(seen.size() >= 3, qPrintable(seen.join(QStringLiteral(" | "))));
    for (const QString &partial : seen)
        QVERIFY2(full.startsWith(partial), qPrintable(partial));
    QVERIFY(seen.first().size() < full.size() / 2);

    const QString details = reply()->detailsText();
    const int answerTokens = gloo::sandbox::countTokens(full);
    const QString expected = QStringLiteral("gloo-google-gemini-2.5-flash · provider google · "
                                            "routing auto_routing · fast tier, 92% confidence · "
                                            "3 in + %1 out = %2 tokens · first token ")
                                 .arg(answerTokens)
                                 .arg(3 + answerTokens);
    QVERIFY2(details.startsWith(expected), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral(" · total ")));
    QCOMPARE(reply()->stateText(), QString());
    QVERIFY(!m_view->failureView()->isVisible());
}

void TestChatView::shiftEnterStartsANewLine()
{
    auto *prompt = child<QPlainTextEdit>(m_view.get(), "chatPrompt");
    prompt->setFocus();
    QTest::keyClicks(prompt, QStringLiteral("one"));
    QTest::keyClick(prompt, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(prompt, QStringLiteral("two"));
    QCOMPARE(m_view->prompt(), QStringLiteral("one\ntwo"));
    QVERIFY(m_view->messageWidgets().isEmpty());
    QCOMPARE(m_sandbox->apiRequestCount(), 0);
}

void TestChatView::stopEndsTheAnswerAndKeepsThePartialText()
{
    const QString question = QStringLiteral("Tell me a long story");
    ask(question);
    QTRY_VERIFY_WITH_TIMEOUT(reply() && !reply()->text().isEmpty(), 10000);

    QTest::mouseClick(child<QPushButton>(m_view.get(), "chatStopButton"), Qt::LeftButton);
    QVERIFY(!m_view->controller()->isBusy());
    const QString kept = reply()->text();
    QVERIFY(!kept.isEmpty());
    QVERIFY(kept.size() < fullAnswer(question).size());
    QVERIFY(fullAnswer(question).startsWith(kept));
    QCOMPARE(reply()->renderedText(), kept);
    QCOMPARE(reply()->stateText(), QStringLiteral("Stopped"));
    QVERIFY(!m_view->failureView()->isVisible());

    QTest::qWait(200);
    QCOMPARE(reply()->text(), kept);
    QVERIFY(child<QPushButton>(m_view.get(), "chatSendButton")->isEnabled());
}

void TestChatView::regenerateSendsTheSameHistoryAgain()
{
    m_view->setSystemPrompt(QStringLiteral("Answer in one line."));
    ask(QStringLiteral("First question"));
    QVERIFY(waitForAnswer());
    ask(QStringLiteral("Second question"));
    QVERIFY(waitForAnswer());
    const QByteArray sent = m_view->controller()->lastRequestBody();
    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 2);

    QTest::mouseClick(child<QPushButton>(m_view.get(), "regenerateButton"), Qt::LeftButton);
    QCOMPARE(m_view->messageWidgets().size(), 4);
    QVERIFY(m_view->controller()->isBusy());
    QVERIFY(waitForAnswer());

    QCOMPARE(m_sandbox->apiRequestCount(completionsPath), 3);
    QCOMPARE(m_view->controller()->lastRequestBody(), sent);
    const QJsonArray messages =
        QJsonDocument::fromJson(sent).object().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 4); // system, question, answer, question
    QCOMPARE(m_view->messageWidgets().size(), 4);
    QCOMPARE(reply()->text(), fullAnswer(QStringLiteral("Second question")));
}

void TestChatView::routingControlsGiveExactlyOneRoutingField_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("sentValue");
    QTest::addColumn<QString>("answeredBy");

    QTest::newRow("auto routing") << Mode::Auto << QString() << QStringLiteral("auto_routing")
                                  << QString() << QStringLiteral("gloo-google-gemini-2.5-flash");
    QTest::newRow("family") << Mode::Family << QStringLiteral("Anthropic")
                            << QStringLiteral("model_family") << QStringLiteral("anthropic")
                            << QStringLiteral("gloo-anthropic-claude-haiku-4.5");
    QTest::newRow("open source family")
        << Mode::Family << QStringLiteral("Open Source") << QStringLiteral("model_family")
        << QStringLiteral("open source") << QStringLiteral("gloo-meta-llama-3.1-8b");
    QTest::newRow("model from the catalog")
        << Mode::Model << QStringLiteral("gloo-openai-gpt-oss-120b") << QStringLiteral("model")
        << QStringLiteral("gloo-openai-gpt-oss-120b") << QStringLiteral("gloo-openai-gpt-oss-120b");
}

void TestChatView::routingControlsGiveExactlyOneRoutingField()
{
    QFETCH(Mode, mode);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(QString, sentValue);
    QFETCH(QString, answeredBy);

    gloo::gui::ChatOptionsBar *options = m_view->optionsBar();
    options->setRouting({mode, value});
    if (mode == Mode::Model)
        QTRY_VERIFY_WITH_TIMEOUT(m_catalog->hasLoaded(), 10000);
    options->setTradition(QStringLiteral("mainline"));
    // Shown in words; the API's name is what is sent (checked below).
    QCOMPARE(options->findChild<QComboBox *>(QStringLiteral("traditionCombo"))->currentText(),
             QStringLiteral("Mainline Protestant"));
    options->setTemperature(1.5);
    options->setMaxTokens(2048);
    ask(QStringLiteral("Which model are you?"));
    QVERIFY(waitForAnswer());

    const QJsonObject body =
        QJsonDocument::fromJson(m_view->controller()->lastRequestBody()).object();
    QStringList routing;
    for (const char *key : {"auto_routing", "model_family", "model"}) {
        if (body.contains(QLatin1String(key)))
            routing << QString::fromLatin1(key);
    }
    QCOMPARE(routing, QStringList{field});
    if (mode == Mode::Auto)
        QCOMPARE(body.value(field), QJsonValue(true));
    else
        QCOMPARE(body.value(field).toString(), sentValue);
    QCOMPARE(body.value(QStringLiteral("tradition")).toString(), QStringLiteral("mainline"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 1.5);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 2048);
    QCOMPARE(body.value(QStringLiteral("stream")), QJsonValue(true));

    QVERIFY2(reply()->detailsText().startsWith(answeredBy + QStringLiteral(" · provider ")),
             qPrintable(reply()->detailsText()));
    QVERIFY(reply()->detailsText().contains(QStringLiteral("routing ") + field));
}

void TestChatView::errorInTheStreamIsShownAndWhatArrivedKept()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.streamErrorCount = 1;
        plan.streamErrorAfterEvents = 8;
    });
    const QString question = QStringLiteral("What is hope?");
    ask(question);
    QVERIFY(waitForAnswer());

    gloo::gui::FailureView *failure = m_view->failureView();
    QVERIFY(failure->isVisible());
    QCOMPARE(failure->failure().message,
             QStringLiteral("The server reported an error in the middle of the answer: The "
                            "model provider stopped answering in the middle of the stream."));
    QVERIFY(failure->messageText().startsWith(failure->failure().message));
    QVERIFY(!failure->failure().requestId.isEmpty());
    QCOMPARE(reply()->stateText(), QStringLiteral("Interrupted"));
    QVERIFY(!reply()->text().isEmpty());
    QVERIFY(reply()->text().size() < fullAnswer(question).size());
    QVERIFY(fullAnswer(question).startsWith(reply()->text()));
    QCOMPARE(reply()->renderedText(), reply()->text());
}

void TestChatView::droppedConnectionIsShownAndWhatArrivedKept()
{
    m_sandbox->updateFaultPlan([](gloo::sandbox::FaultPlan &plan) {
        plan.streamDropCount = 1;
        plan.streamDropAfterEvents = 8;
    });
    const QString question = QStringLiteral("What is hope?");
    ask(question);
    QVERIFY(waitForAnswer());

    gloo::gui::FailureView *failure = m_view->failureView();
    QVERIFY(failure->isVisible());
    QCOMPARE(failure->failure().message,
             QStringLiteral("The connection broke off before the whole answer arrived."));
    QVERIFY(failure->messageText().startsWith(failure->failure().message));
    QCOMPARE(reply()->stateText(), QStringLiteral("Interrupted"));
    QVERIFY(!reply()->text().isEmpty());
    QVERIFY(reply()->text().size() < fullAnswer(question).size());
    QVERIFY(fullAnswer(question).startsWith(reply()->text()));

    // The next question works and carries the partial answer as history.
    failure->clearFailure();
    ask(QStringLiteral("Again"));
    QVERIFY(waitForAnswer());
    QVERIFY(!failure->isVisible());
    QCOMPARE(reply()->stateText(), QString());
}

void TestChatView::fastStreamIsRenderedAtMostEvery50Ms()
{
    start(5);
    QSignalSpy changes(m_view->controller(), &gloo::ChatController::messageChanged);
    QElapsedTimer timer;
    timer.start();
    ask(QStringLiteral("Quick"));
    QVERIFY(waitForAnswer());
    const qint64 elapsed = timer.elapsed();

    // Every piece changes the message, but only the throttle renders it,
    // plus the first and the final rendering.
    const int renders = reply()->renderCount();
    QVERIFY2(changes.size() > 2 * renders,
             qPrintable(QStringLiteral("%1 changes, %2 renders").arg(changes.size()).arg(renders)));
    QVERIFY2(renders <= elapsed / ChatMessageWidget::minRenderIntervalMs + 3,
             qPrintable(QStringLiteral("%1 renders in %2 ms").arg(renders).arg(elapsed)));
    QCOMPARE(reply()->renderedText(), fullAnswer(QStringLiteral("Quick")));
}

void TestChatView::repliesRenderMarkdown()
{
    gloo::ChatMessage message;
    message.role = gloo::ChatMessage::Role::Assistant;
    message.content = QStringLiteral("# Welcome\n\n- first\n- second\n\n```cpp\nint x = 1;\n```\n\n"
                                     "See [the docs](https://docs.gloo.com).\n");
    ChatMessageWidget widget;
    widget.setMessage(message);
    const QTextDocument *document =
        widget.findChild<gloo::gui::MarkdownView *>(QStringLiteral("messageBody"))->document();

    QTextBlock block = document->begin();
    QCOMPARE(block.text(), QStringLiteral("Welcome"));
    QCOMPARE(block.blockFormat().headingLevel(), 1);
    block = block.next();
    QCOMPARE(block.text(), QStringLiteral("first"));
    QVERIFY(block.textList());
    QCOMPARE(block.textList()->count(), 2);
    block = block.next().next();
    QCOMPARE(block.text(), QStringLiteral("int x = 1;"));
    QCOMPARE(block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage),
             QStringLiteral("cpp"));
    block = block.next();
    QVERIFY(block.text().contains(QStringLiteral("the docs")));
    bool linked = false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        if (it.fragment().charFormat().anchorHref() == QLatin1String("https://docs.gloo.com"))
            linked = true;
    }
    QVERIFY(linked);
    QVERIFY(!document->toPlainText().contains(QLatin1Char('#')));
}

void TestChatView::longMarkdownInPiecesLooksLikeTheWholeText()
{
    const QString text = longMarkdown(40);
    QVERIFY(text.size() > 4 * gloo::gui::MarkdownView::pieceChars);

    // As a stream shows it: a little more text each time.
    gloo::gui::MarkdownView streamed;
    for (qsizetype shown = 0; shown < text.size(); shown += 97)
        streamed.setMarkdownText(text.left(shown));
    streamed.setMarkdownText(text);
    QTRY_VERIFY(!streamed.isCatchingUp());
    QCOMPARE(streamed.renderedText(), text);

    QTextDocument reference;
    reference.setMarkdown(text,
                          QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub)
                              | QTextDocument::MarkdownNoHTML);
    const QStringList expected = describe(&reference);
    const QStringList actual = describe(streamed.document());
    for (qsizetype i = 0; i < qMin(expected.size(), actual.size()); ++i)
        QCOMPARE(actual.at(i), expected.at(i));
    QCOMPARE(actual.size(), expected.size());

    // Shown at once, the same text gives the same document, shading and all.
    gloo::gui::MarkdownView whole;
    whole.setMarkdownText(text);
    QTRY_VERIFY(!whole.isCatchingUp());
    QCOMPARE(streamed.document()->toHtml(), whole.document()->toHtml());
    QCOMPARE(streamed.height(), whole.height());
}

// Receives the web links that the answer view hands to the desktop.
class LinkCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened << url; }
};

void TestChatView::answerLinksAndTagsAreNeverFollowed()
{
    LinkCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &catcher, "open");
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");

    gloo::gui::MarkdownView view;
    view.setMarkdownText(QStringLiteral("See [the docs](https://docs.example/a), "
                                        "[this](file:///etc/hostname) and [that](notes.txt). "
                                        "<b>not bold</b>"));
    QTRY_VERIFY(!view.isCatchingUp());
    // Tags from the server are shown as written.
    QVERIFY2(view.toPlainText().contains(QStringLiteral("<b>not bold</b>")),
             qPrintable(view.toPlainText()));
    const QString shown = view.toPlainText();

    // Clicks on the links themselves, as a user makes them.
    view.resize(600, view.height());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto click = [&view](const QString &href) {
        for (QTextBlock block = view.document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.charFormat().anchorHref() != href)
                    continue;
                QTextCursor cursor(view.document());
                cursor.setPosition(fragment.position() + 1);
                const QPoint point = view.cursorRect(cursor).center();
                QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, point);
                return true;
            }
        }
        return false;
    };
    QVERIFY(click(QStringLiteral("file:///etc/hostname")));
    QVERIFY(click(QStringLiteral("notes.txt")));
    QCOMPARE(view.toPlainText(), shown);
    QVERIFY(catcher.opened.isEmpty());

    // A web link goes to the browser, and the answer stays.
    QVERIFY(click(QStringLiteral("https://docs.example/a")));
    QCOMPARE(catcher.opened, QList<QUrl>{QUrl(QStringLiteral("https://docs.example/a"))});
    QCOMPARE(view.toPlainText(), shown);

    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
}

void TestChatView::piecesEndOnlyWhereLaterTextCannotChangeThem()
{
    using gloo::gui::MarkdownView;
    const auto firstEnd = [](const QString &text) {
        return MarkdownView::pieceEnd(text, 0, 0);
    };
    QCOMPARE(firstEnd(QStringLiteral("One.\n\nTwo.\n")), 6);
    // The line after the blank one may still be growing into a list item.
    QCOMPARE(firstEnd(QStringLiteral("One.\n\nTwo")), 0);
    // Blank lines inside fenced code end nothing.
    QCOMPARE(firstEnd(QStringLiteral("```\ncode\n\nmore\n```\n\nAfter.\n")), 20);
    QCOMPARE(firstEnd(QStringLiteral("~~~~\na\n~~~\n\nb\n~~~~\n\nAfter.\n")), 20);
    // Nor between the items of a list, loose or numbered, nor before text
    // that continues an item.
    QCOMPARE(firstEnd(QStringLiteral("- a\n\n- b\n\nText.\n")), 10);
    QCOMPARE(firstEnd(QStringLiteral("1. a\n\n2. b\n")), 0);
    QCOMPARE(firstEnd(QStringLiteral("- a\n\n  more of a\n")), 0);
    QCOMPARE(firstEnd(QStringLiteral("Code:\n\n    indented\n")), 0);
    // HTML blocks may hold blank lines: nothing after one ends.
    QCOMPARE(firstEnd(QStringLiteral("<div>\n\nx\n\nText.\n")), 0);
    // The longest piece within the limit, or the shortest beyond it.
    const QString three = QStringLiteral("A.\n\nB.\n\nC.\n");
    QCOMPARE(MarkdownView::pieceEnd(three, 0, 100), 8);
    QCOMPARE(MarkdownView::pieceEnd(three, 0, 5), 4);
    QCOMPARE(MarkdownView::pieceEnd(three, 4, 100), 8);
}

void TestChatView::linkReferencesReachAcrossTheWholeAnswer()
{
    // The reference comes first and its definition last, far apart.
    const QString text = QStringLiteral("See [the docs][docs].\n\n") + longMarkdown(6)
                         + QStringLiteral("[docs]: https://docs.gloo.com/reference\n");
    gloo::gui::MarkdownView view;
    for (qsizetype shown = 0; shown < text.size(); shown += 500)
        view.setMarkdownText(text.left(shown));
    view.setMarkdownText(text);
    QTRY_VERIFY(!view.isCatchingUp());

    const QTextBlock first = view.document()->begin();
    QCOMPARE(first.text(), QStringLiteral("See the docs."));
    bool linked = false;
    for (auto it = first.begin(); !it.atEnd(); ++it) {
        if (it.fragment().charFormat().anchorHref()
            == QLatin1String("https://docs.gloo.com/reference"))
            linked = true;
    }
    QVERIFY(linked);
}

void TestChatView::veryLongAnswerIsCaughtUpInSteps()
{
    // Far more than a few milliseconds of rendering on any machine.
    const QString text = longMarkdown(300);
    gloo::gui::MarkdownView view;
    QSignalSpy rendered(&view, &gloo::gui::MarkdownView::rendered);
    view.setMarkdownText(text);

    // The first step shows a beginning that ends with a whole block, and the
    // rest follows in later turns of the event loop.
    QVERIFY(view.isCatchingUp());
    const QString first = view.renderedText();
    QVERIFY(!first.isEmpty());
    QVERIFY(first.size() < text.size());
    QVERIFY(text.startsWith(first));
    QVERIFY(first.endsWith(QStringLiteral("\n\n")));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isCatchingUp(), 30000);
    QCOMPARE(view.renderedText(), text);
    QVERIFY(rendered.size() > 2);
    QCOMPARE(view.document()->lastBlock().text(), QStringLiteral("The end of section 299."));
}

void TestChatView::exportWritesMarkdownAndJson()
{
    ask(QStringLiteral("Export me"));
    QVERIFY(waitForAnswer());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString markdownPath = dir.filePath(QStringLiteral("chat.md"));
    const QString jsonPath = dir.filePath(QStringLiteral("chat.json"));
    QVERIFY(m_view->exportMarkdown(markdownPath));
    QVERIFY(m_view->exportJson(jsonPath));
    // Readable by the user only.
    for (const QString &path : {markdownPath, jsonPath}) {
        QCOMPARE(QFile::permissions(path)
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                        | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    QFile markdown(markdownPath);
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    const QString markdownText = QString::fromUtf8(markdown.readAll());
    QCOMPARE(markdownText, m_view->controller()->conversation().toMarkdown());
    QVERIFY(markdownText.contains(QStringLiteral("## You\n\nExport me\n\n## Assistant\n\n")
                                  + fullAnswer(QStringLiteral("Export me"))));

    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray messages = QJsonDocument::fromJson(json.readAll())
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
             fullAnswer(QStringLiteral("Export me")));

    QString error;
    QVERIFY(!m_view->exportJson(dir.filePath(QStringLiteral("missing/chat.json")), &error));
    QVERIFY(!error.isEmpty());
}

void TestChatView::newChatClearsTheConversation()
{
    ask(QStringLiteral("Forget me"));
    QTRY_VERIFY_WITH_TIMEOUT(reply() && !reply()->text().isEmpty(), 10000);
    QTest::mouseClick(child<QPushButton>(m_view.get(), "newChatButton"), Qt::LeftButton);
    QVERIFY(!m_view->controller()->isBusy());
    QVERIFY(m_view->messageWidgets().isEmpty());
    QVERIFY(m_view->controller()->conversation().messages.isEmpty());
    QVERIFY(!child<QPushButton>(m_view.get(), "regenerateButton")->isEnabled());

    ask(QStringLiteral("Fresh start"));
    QVERIFY(waitForAnswer());
    const QJsonArray messages = QJsonDocument::fromJson(m_view->controller()->lastRequestBody())
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 1);
}

void TestChatView::aNewServerIsMarkedInTheConversation()
{
    ask(QStringLiteral("Asked of the first server"));
    QVERIFY(waitForAnswer());
    QVERIFY(!m_view->findChild<QLabel *>(QStringLiteral("serverDivider")));

    m_tokens->setEnvironment(
        gloo::Environment::custom(QUrl(QStringLiteral("http://user:pw@127.0.0.1:9/x"))));
    auto *divider = m_view->findChild<QLabel *>(QStringLiteral("serverDivider"));
    QVERIFY(divider);
    QVERIFY2(divider->text().contains(QStringLiteral("http://127.0.0.1:9")),
             qPrintable(divider->text()));
    QVERIFY(!divider->text().contains(QStringLiteral("pw")));
    // The question asked before is not asked of the new server by itself.
    QVERIFY(!child<QPushButton>(m_view.get(), "regenerateButton")->isEnabled());
    QTRY_VERIFY(divider->isVisible());
    // Below the messages asked of the first server.
    const auto top = [this](QWidget *widget) {
        return widget->mapTo(m_view.get(), QPoint()).y();
    };
    for (ChatMessageWidget *message : m_view->messageWidgets())
        QTRY_VERIFY(top(message) < top(divider));

    // Back on a server that answers: the next question comes below it.
    m_tokens->setEnvironment(gloo::Environment::custom(m_sandbox->baseUrl()));
    ask(QStringLiteral("Asked of the second"));
    QVERIFY(waitForAnswer());
    QCOMPARE(m_view->messageWidgets().size(), 4);
    QTRY_VERIFY(top(m_view->messageWidgets().at(2)) > top(divider));

    QTest::mouseClick(child<QPushButton>(m_view.get(), "newChatButton"), Qt::LeftButton);
    QVERIFY(!m_view->findChild<QLabel *>(QStringLiteral("serverDivider")));
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
